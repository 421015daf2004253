package event

import "eventwire/cameo"

// matcher matches verb patterns around one verb of a sentence. pre and post
// mark the tokens each side of the pattern may use; used records the tokens
// the best pattern consumed.
type matcher struct {
	s         *sentence
	syn       map[string][][]cameo.Elem
	first     map[string]synFirst
	v         int
	pre, post []bool
	// postStart is where the words after the verb start: v+1, or the
	// passive subject, which stands for the object ("Evidence against
	// Russia was presented").
	postStart int
	// fromSubject switches postStart on.
	fromSubject bool
	// markers found by the last successful match: local token of "$", "+".
	source, target int
	used           []int
}

// match tries pattern p; it reports whether it matched and records the
// consumed tokens and actor markers.
func (m *matcher) match(p *cameo.Pattern) bool {
	m.source, m.target, m.used = -1, -1, m.used[:0]
	n := len(m.s.toks)
	cur := m.v + 1
	if m.fromSubject {
		cur = m.postStart
	}
	for gi, g := range p.Post {
		found := false
		for pos := cur; pos < n; pos++ {
			if !m.post[pos] {
				continue
			}
			if pos == m.v {
				continue
			}
			if gi == 0 && p.AdjacentPost && pos > m.v+2 && !m.fromSubject {
				break
			}
			if end, ok := m.group(g, pos, m.post); ok {
				cur, found = end, true
				break
			}
		}
		if !found {
			return false
		}
	}
	cur = m.v
	for gi := len(p.Pre) - 1; gi >= 0; gi-- {
		g := p.Pre[gi]
		found := false
		for pos := cur - 1; pos >= 0; pos-- {
			if !m.pre[pos] {
				continue
			}
			if gi == len(p.Pre)-1 && p.AdjacentPre && pos < m.v-3 {
				break
			}
			if end, ok := m.group(g, pos, m.pre); ok && end <= cur {
				cur, found = pos, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// group matches one group starting at pos; it returns the end of the match.
func (m *matcher) group(g cameo.Group, pos int, allowed []bool) (int, bool) {
	mark := len(m.used)
	cur := pos
	for i, e := range g.Elems {
		gap := 0
		if g.PP && i > 0 {
			gap = 3 // "(ON RESOLUTION)" matches "on a resolution", "on the draft resolution"
		}
		ok := false
		for p := cur; p <= cur+gap && p < len(m.s.toks); p++ {
			if !allowed[p] {
				continue
			}
			if g.PP && i == 0 && m.s.toks[p].POS == "PART" {
				break // "(TO SANCTIONS)" wants the preposition, not the infinitive "to"
			}
			if end, good := m.elem(e, p, allowed); good {
				cur, ok = end, true
				break
			}
			if i == 0 {
				break // the group must start at pos
			}
		}
		if !ok {
			m.used = m.used[:mark]
			return 0, false
		}
	}
	return cur, true
}

// elem matches one element at pos.
func (m *matcher) elem(e cameo.Elem, pos int, allowed []bool) (int, bool) {
	s := m.s
	switch e.Kind {
	case cameo.ElemWord:
		if e.Word.Matches(s.words[pos]) || e.Word.Matches(s.lemma[pos]) {
			m.used = append(m.used, pos)
			return pos + 1, true
		}
	case cameo.ElemSynset:
		if f, ok := m.first[e.Synset]; ok && !f.hit(s.words[pos], s.lemma[pos]) {
			return 0, false
		}
		best := -1
		for _, member := range m.syn[e.Synset] {
			if end, ok := m.seq(member, pos, allowed, 0); ok && end > best {
				best = end
			}
		}
		if best > 0 {
			for p := pos; p < best; p++ {
				m.used = append(m.used, p)
			}
			return best, true
		}
	case cameo.ElemSource, cameo.ElemTarget, cameo.ElemCompound:
		mi := s.mention[pos]
		if mi < 0 {
			return 0, false
		}
		if e.Kind == cameo.ElemSource {
			m.source = pos
		} else if e.Kind == cameo.ElemTarget {
			m.target = pos
		}
		return s.mentions[mi].end, true
	case cameo.ElemSkip:
		return pos + 1, true
	}
	return 0, false
}

// seq matches a synonym-set member (a phrase) at pos, word after word.
func (m *matcher) seq(els []cameo.Elem, pos int, allowed []bool, depth int) (int, bool) {
	if depth > 4 {
		return 0, false
	}
	cur := pos
	for _, e := range els {
		if cur >= len(m.s.toks) || !allowed[cur] {
			return 0, false
		}
		switch e.Kind {
		case cameo.ElemWord:
			if !e.Word.Matches(m.s.words[cur]) && !e.Word.Matches(m.s.lemma[cur]) {
				return 0, false
			}
			cur++
		case cameo.ElemSynset:
			best := -1
			for _, member := range m.syn[e.Synset] {
				if end, ok := m.seq(member, cur, allowed, depth+1); ok && end > best {
					best = end
				}
			}
			if best < 0 {
				return 0, false
			}
			cur = best
		default:
			cur++
		}
	}
	return cur, true
}

// synFirst holds the first words of a synonym set's members, to rule a
// position out without trying every member.
type synFirst struct {
	words map[string]bool
	// open is set when some member starts with something other than a
	// word (a nested set, a marker): no position can be ruled out.
	open bool
}

// hit reports whether a member may start at a token with this word and lemma.
func (f synFirst) hit(word, lemma string) bool {
	if f.open {
		return true
	}
	for _, w := range []string{word, lemma} {
		for n := 1; n <= len(w); n++ {
			if f.words[w[:n]] {
				return true
			}
		}
	}
	return false
}

// synFirsts indexes the first words of every synonym set.
func synFirsts(syn map[string][][]cameo.Elem) map[string]synFirst {
	out := make(map[string]synFirst, len(syn))
	for name, members := range syn {
		f := synFirst{words: map[string]bool{}}
		for _, m := range members {
			if len(m) == 0 || m[0].Kind != cameo.ElemWord {
				f.open = true
				continue
			}
			f.words[m[0].Word.Text] = true
		}
		out[name] = f
	}
	return out
}
