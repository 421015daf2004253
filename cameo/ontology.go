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
}

// ReadOntology reads a PICO file ("031:0x3070" lines; entries with
// arithmetic are skipped).
func ReadOntology(fsys fs.FS, name string) (*Ontology, error) {
	lines, err := readLines(fsys, name)
	if err != nil {
		return nil, err
	}
	o := &Ontology{value: map[string]int{}, code: map[int]string{}}
	for _, line := range lines {
		code, val, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || strings.ContainsAny(val, "+-") {
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
	return o.code[g&0xF000|a&0x0FFF]
}
