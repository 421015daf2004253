package cameo

import (
	"fmt"
	"io/fs"
	"strings"
)

// Marker kinds of pattern elements.
const (
	ElemWord     = iota // a dictionary word
	ElemSynset          // "&NAME": any member of a synonym set
	ElemSource          // "$": the source actor
	ElemTarget          // "+": the target actor
	ElemCompound        // "%": a compound actor
	ElemSkip            // "^": any one word
)

// Elem is one element of a pattern group.
type Elem struct {
	Kind   int
	Word   Word
	Synset string
}

// Group is one slot of a pattern: a single word, a phrase whose words must be
// adjacent ("{DIPLOMATIC TIES}", "NEW_&TIETYPES_RELATIONS"), or a
// prepositional phrase "(ON RESOLUTION)" whose noun follows the preposition
// within a few words.
type Group struct {
	Elems      []Elem
	Contiguous bool
	PP         bool
}

// Pattern is one verb pattern: groups before and after the verb and the
// codes it assigns.
type Pattern struct {
	Pre, Post []Group
	// AdjacentPre and AdjacentPost are set when the nearest group is glued
	// to the verb ("IN_*", "*_OUT").
	AdjacentPre, AdjacentPost bool
	// Code is the source→target event code; Reverse, when set, is coded
	// target→source as well ("[032:033]"). Code "---" suppresses the event.
	Code, Reverse string
	// Weight is the number of words the pattern requires; more specific
	// patterns win.
	Weight int
	// Line is the pattern's source text, for explanations.
	Line string
	// Origin is the verb the pattern was written for, from its comment
	// ("RATIFY"); it breaks ties between equally specific patterns.
	Origin string
	// Need lists the pattern's literal words: a sentence without a word
	// starting with each of them cannot match.
	Need []string
}

// Verb is one verb entry of a block.
type Verb struct {
	// Words is the verb phrase; Head indexes the inflected word ("CALL" in
	// "+CALL_OFF", "RST" in "KLM_NOP_+RST").
	Words []string
	Head  int
	// Code is the verb's own code, or the block's.
	Code  string
	Block int
}

// Block is one "--- NAME [code] ---" verb block.
type Block struct {
	Name     string
	Code     string
	Patterns []Pattern
}

// Verbs is a verb-pattern dictionary.
type Verbs struct {
	Synsets map[string][][]Elem
	Blocks  []Block
	// byLemma indexes the verbs by the upper-case lemma of their head word
	// and by their listed irregular forms.
	byLemma map[string][]int
	List    []Verb
}

// Lookup returns the verbs whose head word is lemma or a listed form of it.
func (v *Verbs) Lookup(lemma string) []*Verb {
	ids := v.byLemma[lemma]
	out := make([]*Verb, len(ids))
	for i, id := range ids {
		out[i] = &v.List[id]
	}
	return out
}

// Has reports whether any verb is indexed under word.
func (v *Verbs) Has(word string) bool { return len(v.byLemma[word]) > 0 }

// ReadVerbs reads a PETRARCH verb dictionary: synonym sets ("&NAME" then
// "+MEMBER" lines), verb blocks, verb lines with irregular forms in braces,
// and patterns "- PRE * POST [CODE]" in the PETRARCH-1 (underscore-joined)
// or PETRARCH-2 ("{noun phrase}", "(PREP noun)") notation.
//
// Further files add to the first: a block whose name the dictionary already
// has gains their verbs and patterns.
func ReadVerbs(fsys fs.FS, name string, more ...string) (*Verbs, error) {
	lines, err := readLines(fsys, name)
	if err != nil {
		return nil, err
	}
	for _, m := range more {
		ls, err := readLines(fsys, m)
		if err != nil {
			return nil, err
		}
		lines = append(lines, ls...)
	}
	v := &Verbs{Synsets: map[string][][]Elem{}, byLemma: map[string][]int{}}
	var rawSyn = map[string][]string{}
	var synOrder []string
	blockByName := map[string]int{}
	curSyn := ""
	block := -1
	for _, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "---"):
			curSyn = ""
			inner := strings.Trim(t, "- ")
			nm, code, _ := bracket(inner)
			nm = strings.TrimSpace(nm)
			if b, ok := blockByName[nm]; ok {
				block = b
				continue
			}
			v.Blocks = append(v.Blocks, Block{Name: nm, Code: normCode(code)})
			block = len(v.Blocks) - 1
			blockByName[nm] = block
		case strings.HasPrefix(t, "&"):
			curSyn = strings.TrimRight(strings.Fields(t)[0], "_")
			if _, ok := rawSyn[curSyn]; !ok {
				synOrder = append(synOrder, curSyn)
			}
			rawSyn[curSyn] = nil
		case strings.HasPrefix(t, "+") && curSyn != "":
			rawSyn[curSyn] = append(rawSyn[curSyn], strings.TrimSpace(t[1:]))
		case strings.HasPrefix(t, "-"):
			curSyn = ""
			if block < 0 {
				continue
			}
			if p, ok := parsePattern(t[1:]); ok {
				v.Blocks[block].Patterns = append(v.Blocks[block].Patterns, p)
			}
		default:
			curSyn = ""
			if block < 0 {
				continue
			}
			v.addVerb(t, block)
		}
	}
	for _, name := range synOrder {
		for _, m := range rawSyn[name] {
			m = strings.Trim(m, "()")
			g := parseGroupText(m)
			v.Synsets[name] = append(v.Synsets[name], g)
		}
	}
	if len(v.List) == 0 {
		return nil, fmt.Errorf("cameo: verbs %s: no verbs", name)
	}
	return v, nil
}

// addVerb reads one verb line of block b: "MEET {MEETS MET MEETING} [040]",
// "+CALL_OFF [160]", "KLM_NOP_+RST [002]".
func (v *Verbs) addVerb(t string, b int) {
	rest, code, hasCode := bracket(t)
	if hasCode {
		// The code bracket may precede the forms; keep what follows too.
		if i := strings.IndexByte(t, ']'); i >= 0 {
			rest += " " + t[i+1:]
		}
	}
	main, forms, _ := braces(rest)
	words, head := verbWords(strings.TrimSpace(main))
	if len(words) == 0 {
		return
	}
	vb := Verb{Words: words, Head: head, Code: v.Blocks[b].Code, Block: b}
	if hasCode {
		vb.Code = normCode(code)
	}
	v.List = append(v.List, vb)
	id := len(v.List) - 1
	seen := map[string]bool{}
	add := func(w string) {
		if w == "" || seen[w] {
			return
		}
		seen[w] = true
		v.byLemma[w] = append(v.byLemma[w], id)
	}
	add(words[head])
	for _, f := range forms {
		fw, fh := verbWords(f)
		if len(fw) > 0 && fh < len(fw) {
			add(fw[fh])
		}
	}
}

// verbWords splits "+CALL_OFF" or "KLM_NOP_+RST" into words and the index of
// the head verb (marked by "+", else the first word).
func verbWords(s string) ([]string, int) {
	s = strings.Trim(strings.Fields(s + " ")[0], "_")
	if s == "" {
		return nil, 0
	}
	head := 0
	var words []string
	for _, w := range strings.Split(s, "_") {
		if w == "" {
			continue
		}
		if strings.HasPrefix(w, "+") {
			head = len(words)
			w = w[1:]
		}
		words = append(words, strings.ToUpper(w))
	}
	return words, head
}

// normCode cleans a code bracket's content ("  042 ", "---").
func normCode(c string) string {
	c = strings.TrimSpace(c)
	if c == "" {
		return "---"
	}
	return strings.ToUpper(strings.Fields(c)[0])
}

// parsePattern reads the text of a pattern line after its leading "-".
func parsePattern(s string) (Pattern, bool) {
	origin := ""
	if i := strings.LastIndex(s, "#"); i >= 0 {
		origin = strings.TrimSpace(s[i+1:])
		s = s[:i]
	}
	body, code, ok := bracket(s)
	if !ok {
		return Pattern{}, false
	}
	p := Pattern{Line: strings.TrimSpace(s), Origin: origin}
	codes := strings.SplitN(normCode(code), ":", 2)
	p.Code = codes[0]
	if len(codes) == 2 && codes[1] != "---" && codes[1] != "" {
		p.Reverse = codes[1]
	}
	star := strings.IndexByte(body, '*')
	if star < 0 {
		return Pattern{}, false
	}
	pre, post := body[:star], body[star+1:]
	p.AdjacentPre = strings.HasSuffix(pre, "_")
	p.AdjacentPost = strings.HasPrefix(post, "_")
	p.Pre = parseGroups(strings.Trim(pre, "_ \t"))
	p.Post = parseGroups(strings.Trim(post, "_ \t"))
	for _, gs := range [][]Group{p.Pre, p.Post} {
		for _, g := range gs {
			for _, e := range g.Elems {
				if e.Kind == ElemWord || e.Kind == ElemSynset {
					p.Weight++
				}
				if e.Kind == ElemWord {
					p.Need = append(p.Need, e.Word.Text)
				}
			}
		}
	}
	return p, true
}

// parseGroups splits one side of a pattern into groups: "{...}" phrases,
// "(...)" prepositional phrases and space-separated words or
// underscore-joined phrases.
func parseGroups(s string) []Group {
	var out []Group
	for len(s) > 0 {
		s = strings.TrimLeft(s, " \t_")
		if s == "" {
			break
		}
		switch s[0] {
		case '{', '(':
			closer := byte('}')
			if s[0] == '(' {
				closer = ')'
			}
			depth, end := 0, len(s)
			for i := 0; i < len(s); i++ {
				if s[i] == s[0] {
					depth++
				} else if s[i] == closer {
					depth--
					if depth == 0 {
						end = i
						break
					}
				}
			}
			inner := strings.NewReplacer("{", " ", "}", " ").Replace(s[1:min(end, len(s))])
			g := Group{Elems: parseGroupText(inner), Contiguous: s[0] == '{', PP: s[0] == '('}
			if s[0] == '(' && len(g.Elems) == 1 {
				g.PP = false // "(WITH)": a bare preposition
			}
			if len(g.Elems) > 0 {
				out = append(out, g)
			}
			if end >= len(s) {
				s = ""
			} else {
				s = s[end+1:]
			}
		default:
			i := strings.IndexAny(s, " \t{(")
			tok := s
			if i >= 0 {
				tok, s = s[:i], s[i:]
			} else {
				s = ""
			}
			els := parseGroupText(strings.ReplaceAll(tok, "_", " "))
			if len(els) > 0 {
				out = append(out, Group{Elems: els, Contiguous: len(els) > 1})
			}
		}
	}
	return out
}

// parseGroupText reads the space-separated elements of one group.
func parseGroupText(s string) []Elem {
	var out []Elem
	for _, f := range strings.Fields(strings.ReplaceAll(s, "_", " ")) {
		switch {
		case f == "$":
			out = append(out, Elem{Kind: ElemSource})
		case f == "+":
			out = append(out, Elem{Kind: ElemTarget})
		case f == "%":
			out = append(out, Elem{Kind: ElemCompound})
		case f == "^":
			out = append(out, Elem{Kind: ElemSkip})
		case strings.HasPrefix(f, "&"):
			out = append(out, Elem{Kind: ElemSynset, Synset: strings.TrimRight(f, "_")})
		default:
			w := strings.ToUpper(f)
			out = append(out, Elem{Kind: ElemWord, Word: Word{Text: w, Exact: len(w) <= 3, Stem: len(w) > 3}})
		}
	}
	return out
}
