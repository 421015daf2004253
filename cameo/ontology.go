package cameo

import (
	"io/fs"
	"strconv"
	"strings"
)

// Ontology is PETRARCH's internal coding ontology (PICO): each CAMEO code
// as a 16-bit value whose top four bits say how the action is expressed
// (0 done, 1 said, 2 appealed for, 3 intended, 4 demanded, 6 threatened, 7
// disapproved...) and whose low twelve bits say what the action is. It lets
// the coder combine a governing verb with the verb it governs: "pledged"
// (intend) + "deepen a partnership" (material cooperation) = 031.
type Ontology struct {
	value map[string]int
	code  map[int]string
	// reject maps an action to the code that rejects it ("121" for 0x0070).
	reject map[int]string
}

// ReadOntology reads a PICO file ("031:0x3070" lines; entries with
// arithmetic are skipped).
func ReadOntology(fsys fs.FS, name string) (*Ontology, error) {
	lines, err := readLines(fsys, name)
	if err != nil {
		return nil, err
	}
	o := &Ontology{value: map[string]int{}, code: map[int]string{}, reject: map[int]string{}}
	for _, line := range lines {
		code, val, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		val = strings.ReplaceAll(val, " ", "")
		if rest, neg := strings.CutPrefix(val, "-0xFFFF+"); neg && !strings.Contains(rest, "+") {
			if n, err := strconv.ParseInt(strings.TrimPrefix(rest, "0x"), 16, 32); err == nil {
				if _, dup := o.reject[int(n)]; !dup {
					o.reject[int(n)] = strings.TrimSpace(code)
				}
			}
			continue
		}
		if strings.ContainsAny(val, "+-") {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(val), "0x"), 16, 32)
		if err != nil {
			continue
		}
		code = strings.TrimSpace(code)
		o.value[code] = int(n)
		if _, dup := o.code[int(n)]; !dup {
			o.code[int(n)] = code
		}
	}
	return o, nil
}

// Combine returns the code for governor code gov applied to the governed
// action act ("030" + "060" → "031"), or "" when the ontology has no such
// combination.
func (o *Ontology) Combine(gov, act string) string {
	if o == nil {
		return ""
	}
	g, ok1 := o.value[gov]
	a, ok2 := o.value[act]
	if !ok1 || !ok2 || g&0x0FFF != 0 || a&0xF000 != 0 || g&0xF000 == 0 {
		return ""
	}
	if c, ok := o.code[g&0xF000|a&0x0FFF]; ok {
		return c
	}
	if g&0xF000 == 0x3000 {
		// An intent to use force is a threat (138 = threaten + fight).
		return o.code[0x6000|a&0x0FFF]
	}
	return ""
}

// Negate returns the rejection of a cooperative action ("060" material
// cooperation → "121"), or "" when the ontology has none.
func (o *Ontology) Negate(code string) string {
	if o == nil {
		return ""
	}
	v, ok := o.value[code]
	if !ok || v&0xF000 != 0 {
		return ""
	}
	for _, mask := range []int{0x0FFF, 0x0FF0, 0x0F00} {
		if r, ok := o.reject[v&mask]; ok && v&mask != 0 {
			return r
		}
	}
	return ""
}
