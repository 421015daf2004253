package event

import (
	"sort"
	"strings"

	"eventwire/cameo"
	"eventwire/doc"
)

// sentence is the coder's view of one parsed sentence: tokens with local
// heads, children, upper-case words and the actor and agent mentions found in
// them.
type sentence struct {
	toks  []doc.Token
	first int // document index of toks[0]
	words []string
	lemma []string
	head  []int // local head, -1 for the root
	kids  [][]int
	// mention[i] indexes mentions for tokens inside a dictionary match, else -1.
	mention  []int
	mentions []mention
	// coded memoizes the pattern match of each verb token (nil: no verb).
	coded map[int]*verbCoding
	// resolving marks the phrases being coded, against cycles.
	resolving map[int]bool
	// sorted holds the sentence's words and lemmas in order, to rule out
	// patterns quickly.
	sorted []string
}

// hasAll reports whether every word of need starts some word or lemma of
// the sentence.
func (s *sentence) hasAll(need []string) bool {
	if s.sorted == nil {
		s.sorted = make([]string, 0, 2*len(s.words))
		s.sorted = append(append(s.sorted, s.words...), s.lemma...)
		sort.Strings(s.sorted)
	}
	for _, w := range need {
		i := sort.SearchStrings(s.sorted, w)
		if i == len(s.sorted) || !strings.HasPrefix(s.sorted[i], w) {
			return false
		}
	}
	return true
}

// mention is one actor or agent phrase found in the sentence.
type mention struct {
	start, end int // local token range
	actor      *cameo.Actor
	agent      *cameo.Agent
}

// newSentence builds the view of tokens toks (document indexes from first).
func newSentence(toks []doc.Token, first int) *sentence {
	n := len(toks)
	s := &sentence{toks: toks, first: first, words: make([]string, n), lemma: make([]string, n),
		head: make([]int, n), kids: make([][]int, n), mention: make([]int, n)}
	for i, t := range toks {
		w := t.Text
		if t.Norm != "" {
			w = t.Norm
		}
		s.words[i] = strings.ToUpper(w)
		s.lemma[i] = strings.ToUpper(t.Lemma)
		if s.lemma[i] == "" {
			s.lemma[i] = s.words[i]
		}
		h := t.Head - first
		if t.Head < 0 || h < 0 || h >= n || h == i {
			h = -1
		}
		s.head[i] = h
		s.mention[i] = -1
	}
	// A parse is a tree; cut any cycle so that walks up and down end.
	for i := range s.head {
		for x, steps := s.head[i], 0; x >= 0; x, steps = s.head[x], steps+1 {
			if x == i || steps > n {
				s.head[i] = -1
				break
			}
		}
	}
	for i, h := range s.head {
		if h >= 0 {
			s.kids[h] = append(s.kids[h], i)
		}
	}
	return s
}

// dep returns the base relation of token i ("obl" for "obl:tmod").
func (s *sentence) dep(i int) string { return s.toks[i].Dep }

// base returns the relation without its subtype.
func base(dep string) string {
	if i := strings.IndexByte(dep, ':'); i >= 0 {
		return dep[:i]
	}
	return dep
}

// child returns the first child of i whose relation is one of deps.
func (s *sentence) child(i int, deps ...string) int {
	for _, k := range s.kids[i] {
		for _, d := range deps {
			if s.dep(k) == d {
				return k
			}
		}
	}
	return -1
}

// children returns the children of i whose relation is one of deps.
func (s *sentence) children(i int, deps ...string) []int {
	var out []int
	for _, k := range s.kids[i] {
		for _, d := range deps {
			if s.dep(k) == d {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// caseOf returns the upper-case preposition ("case" child) of a nominal.
func (s *sentence) caseOf(i int) string {
	var parts []string
	for _, k := range s.kids[i] {
		if s.dep(k) == "case" && k < i && s.toks[k].POS != "PART" {
			parts = append(parts, s.words[k])
		}
	}
	return strings.Join(parts, " ")
}

// subtree marks i and its descendants in in, skipping children for which
// skip returns true.
func (s *sentence) subtree(i int, in []bool, skip func(k int) bool) {
	in[i] = true
	for _, k := range s.kids[i] {
		if skip != nil && skip(k) {
			continue
		}
		s.subtree(k, in, skip)
	}
}

// isVerbal reports whether token i heads a clause.
func (s *sentence) isVerbal(i int) bool {
	switch s.toks[i].POS {
	case "VERB", "AUX":
		return true
	}
	return false
}

// clauseHead reports whether token i heads a clause though tagged otherwise:
// a word with a subject and an auxiliary ("Romendacil did not clash", with
// "clash" tagged as a noun).
func (s *sentence) clauseHead(i int) bool {
	if s.isVerbal(i) {
		return true
	}
	if p := s.toks[i].POS; p != "NOUN" && p != "ADJ" && p != "INTJ" {
		return false
	}
	var subj, aux, modal bool
	for _, k := range s.kids[i] {
		switch s.dep(k) {
		case "nsubj":
			subj = true
		case "aux":
			aux = true
			switch s.lemma[k] {
			case "WILL", "WOULD", "CAN", "COULD", "MAY", "MIGHT", "SHALL", "SHOULD", "MUST", "TO":
				modal = true
			}
		case "cop":
			return false // "Kerry is president": a nominal predicate
		}
	}
	// "announced it would free prisoners", "free" taken for an adjective.
	complement := s.dep(i) == "xcomp" || s.dep(i) == "ccomp"
	return subj && aux || modal && complement
}

// findMentions marks the actor and agent phrases of the sentence, longest
// match first, left to right. Pronouns never start an actor ("us").
//
// Words joined by "_" in the text ("Dol_Amroth") are matched as separate
// words.
func (s *sentence) findMentions(d *cameo.Dict, date int) {
	words, owner := s.words, []int(nil)
	for _, w := range s.words {
		if strings.Contains(w, "_") {
			words, owner = nil, nil
			for i, w := range s.words {
				for _, part := range strings.Split(w, "_") {
					if part != "" {
						words = append(words, part)
						owner = append(owner, i)
					}
				}
			}
			break
		}
	}
	tok := func(i int) int {
		if owner == nil {
			return i
		}
		return owner[i]
	}
	for i := 0; i < len(words); {
		if p := s.toks[tok(i)].POS; p == "PRON" || p == "PUNCT" || p == "ADP" || p == "CCONJ" || p == "AUX" {
			i++
			continue
		}
		act, n := d.Actors.MatchAt(words, i, date)
		if act != nil && !named(s.toks[tok(i):tok(i+n-1)+1]) {
			act, n = nil, 0 // "male dominated": the word, not Malé
		}
		ag, m := d.Agents.Match(words, i)
		switch {
		case act != nil && n >= m:
			s.add(mention{start: tok(i), end: tok(i+n-1) + 1, actor: act})
			i += n
		case ag != nil:
			s.add(mention{start: tok(i), end: tok(i+m-1) + 1, agent: ag})
			i += m
		default:
			i++
		}
	}
}

func (s *sentence) add(m mention) {
	s.mentions = append(s.mentions, m)
	for k := m.start; k < m.end; k++ {
		s.mention[k] = len(s.mentions) - 1
	}
}

// span returns the document span of local tokens [a, b).
func (s *sentence) span(a, b int) doc.Span {
	return doc.Span{Start: s.toks[a].Start, End: s.toks[b-1].End}
}

// named reports whether a phrase may be a name: a token is a noun or
// carries a capital letter (not "male" in "male dominated", but "obama").
func named(toks []doc.Token) bool {
	for _, t := range toks {
		if t.POS == "PROPN" || t.POS == "NOUN" {
			return true
		}
		for _, r := range t.Text {
			if r >= 'A' && r <= 'Z' {
				return true
			}
		}
	}
	return false
}
