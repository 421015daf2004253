package event

import (
	"slices"
	"strings"

	"eventwire/doc"
)

// actorRef is one resolved actor of a noun phrase.
type actorRef struct {
	code     string
	name     string
	entityID string
	span     doc.Span
	// person is set for a person's name.
	person bool
	// viaOf marks an actor reached through "of/from/in X" from an agent.
	viaOf bool
}

// coreDeps are the relations that keep a dependent inside its head's noun
// phrase for actor coding.
var coreDeps = map[string]bool{
	"compound": true, "amod": true, "nmod:poss": true, "flat": true, "flat:name": true, "name": true,
	"det": true, "nummod": true, "fixed": true, "goeswith": true, "case": true, "compound:prt": true,
	"det:poss": true, "obl:npmod": true, "nmod:npmod": true, "advmod": true, "nmod:desc": true,
}

// ofPreps are the prepositions whose object lends its country to an agent
// ("the government of Gondor", "soldiers from Gondor", "activists in Arnor").
var ofPreps = map[string]bool{"OF": true, "FROM": true, "IN": true, "AT": true}

// nonCountry lists the three-letter heads of CAMEO actor codes that are not
// countries.
var nonCountry = map[string]bool{"IGO": true, "NGO": true, "IMG": true, "MNC": true, "---": true,
	"UAF": true, "REB": true, "MIL": true, "GOV": true, "OPP": true, "CVL": true, "BUS": true,
	"JUD": true, "COP": true, "MED": true, "EDU": true, "REL": true, "LEG": true, "HLH": true}

// countryOf returns the country part of an actor code, or "".
func countryOf(code string) string {
	if len(code) < 3 || nonCountry[code[:3]] {
		return ""
	}
	c := code[:3]
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return ""
		}
	}
	return c
}

// npActors returns the actors of the noun phrase headed by h, with its
// coordinated conjuncts ("Gondor and Osgiliath"): each conjunct is coded
// alone, and a conjunct with only an agent borrows the country of the one
// before it ("Danish media and government").
func (c *coder) npActors(st *docState, s *sentence, h int) []actorRef {
	var out []actorRef
	heads := []int{h}
	for i := 0; i < len(heads); i++ {
		heads = append(heads, s.children(heads[i], "conj", "list")...)
	}
	// "Lawmakers and officials in Fornost and Gondor": an agent-only
	// conjunct takes the countries of the conjunct before it.
	var prevCountries []string
	for _, x := range heads {
		refs := c.oneNP(st, s, x)
		var cur []string
		var expanded []actorRef
		for _, r := range refs {
			if strings.HasPrefix(r.code, "---") && len(prevCountries) > 0 {
				for _, pc := range prevCountries {
					e := r
					e.code = pc + strings.TrimPrefix(r.code, "---")
					expanded = append(expanded, e)
				}
				continue
			}
			expanded = append(expanded, r)
		}
		for _, r := range expanded {
			if cc := countryOf(r.code); cc != "" && !slices.Contains(cur, cc) {
				cur = append(cur, cc)
			}
		}
		if len(cur) > 0 {
			prevCountries = cur
		}
		out = append(out, expanded...)
	}
	return out
}

// oneNP codes a single conjunct: the dictionary actors and agents of its
// core tokens, combined as PETRARCH does (prefix agents, actor, suffix
// agents), else the entity or memory the head refers to.
func (c *coder) oneNP(st *docState, s *sentence, h int, extra ...int) []actorRef {
	// Pronouns, relative clauses and partitives lead from phrase to phrase;
	// a phrase already being resolved ends the chain.
	if s.resolving == nil {
		s.resolving = map[int]bool{}
	}
	if s.resolving[h] {
		return nil
	}
	s.resolving[h] = true
	defer delete(s.resolving, h)
	if s.toks[h].POS == "PRON" && len(extra) == 0 {
		return c.pronoun(st, s, h)
	}
	core := make([]bool, len(s.toks))
	s.subtree(h, core, func(k int) bool { return !coreDeps[s.dep(k)] })
	for _, x := range extra {
		s.subtree(x, core, func(k int) bool { return !coreDeps[s.dep(k)] })
	}
	var actors, agents []int // mention indexes in order
	seen := map[int]bool{}
	for i, in := range core {
		mi := s.mention[i]
		if !in || mi < 0 || seen[mi] {
			continue
		}
		seen[mi] = true
		if s.mentions[mi].actor != nil {
			actors = append(actors, mi)
		} else {
			agents = append(agents, mi)
		}
	}
	var bases []actorRef
	if len(actors) > 0 {
		bases = c.actorCodes(st, s, h, actors)
		// "US and British activists": coordinated modifiers are actors too.
		for i, in := range core {
			if !in || i == h {
				continue
			}
			for _, k := range s.children(i, "conj") {
				if mi := s.mention[k]; mi >= 0 && s.mentions[mi].actor != nil && !seen[mi] {
					seen[mi] = true
					bases = append(bases, c.actorCodes(st, s, k, []int{mi})...)
				}
			}
		}
	}
	if len(bases) == 0 {
		if ref, ok := c.entityActor(st, s, h); ok {
			bases = []actorRef{ref}
		}
	}
	if len(bases) == 0 && len(agents) > 0 && !headIsAgent(s, h, agents) {
		agents = nil // "military exercises": the agent only modifies the head
	}
	if len(bases) == 0 && len(agents) > 0 {
		// An agent takes its country from "of/from/in X" or an apposition.
		for _, k := range s.kids[h] {
			d := s.dep(k)
			if (base(d) == "nmod" && ofPreps[s.caseOf(k)]) || d == "appos" {
				for _, r := range c.npActors(st, s, k) {
					r.viaOf = true
					bases = append(bases, r)
				}
			}
		}
	}
	if len(bases) == 0 && len(agents) == 0 {
		// "Hundreds of UN troops", "a bunch of Morgul Orcs": the partitive.
		for _, k := range s.kids[h] {
			if base(s.dep(k)) == "nmod" && s.caseOf(k) == "OF" {
				if refs := c.npActors(st, s, k); len(refs) > 0 {
					return refs
				}
			}
		}
		if s.toks[h].POS == "PROPN" {
			if ref, ok := st.surname(s.words[h]); ok {
				return []actorRef{ref}
			}
		}
		return nil
	}
	if len(bases) == 0 {
		bases = []actorRef{{code: "---", span: s.span(h, h+1)}}
	}
	out := make([]actorRef, 0, len(bases))
	for _, b := range bases {
		pre, suf := "", ""
		for _, mi := range agents {
			ag := s.mentions[mi].agent
			switch {
			case ag.Prefix:
				if !strings.HasPrefix(b.code, ag.Code) && !strings.Contains(pre, ag.Code) {
					pre += ag.Code
				}
			case strings.HasSuffix(b.code, ag.Code) || strings.HasSuffix(b.code+suf, ag.Code) || (len(b.code) > 3 && strings.Contains(b.code[3:], ag.Code)):
			default:
				suf += ag.Code
			}
		}
		if b.viaOf && countryOf(b.code) != "" && !c.opt.Opaque {
			// "exiled leaders of Egypt's Muslim Brotherhood": the head's
			// role comes right after the country (EGYOPPMUS).
			b.code = pre + b.code[:3] + suf + b.code[3:]
		} else {
			b.code = pre + b.code + suf
		}
		b.viaOf = false
		out = append(out, b)
	}
	return out
}

// actorCodes turns actor mentions of one noun phrase into codes: the most
// specific code wins when one extends another ("US" + "John Kerry" →
// USAGOV); compound codes ("FRO/BIL/SAM") give one actor each.
func (c *coder) actorCodes(st *docState, s *sentence, h int, ms []int) []actorRef {
	// Actors that modify a modifier give way to those nearer the head ("the
	// Al Qaeda-linked Somali group" is Somali); then the first actor wins
	// unless a later one extends it ("US ... John Kerry").
	minDepth := 1 << 30
	depth := make([]int, len(ms))
	for i, mi := range ms {
		depth[i] = mentionDepth(s, s.mentions[mi], h)
		minDepth = min(minDepth, depth[i])
	}
	best := ""
	bestM := ms[0]
	for i, mi := range ms {
		if depth[i] > 1 && depth[i] > minDepth {
			continue
		}
		code := s.mentions[mi].actor.CodeAt(st.date)
		if code == "" || code == "---" {
			continue
		}
		switch {
		case best == "":
			best, bestM = code, mi
		case strings.HasPrefix(code, best) && len(code) > len(best):
			best, bestM = code, mi
		}
	}
	if best == "" {
		return nil
	}
	m := s.mentions[bestM]
	var out []actorRef
	for _, code := range strings.Split(best, "/") {
		ref := actorRef{code: code, name: m.actor.Name, span: s.span(m.start, m.end)}
		ref.person = len(code) > 3 && len(strings.Fields(m.actor.Name)) >= 2 && allPROPN(s, m.start, m.end)
		if e := st.entityAt(s.first + m.start); e != nil {
			ref.entityID, ref.name = e.ID, e.Name
		}
		out = append(out, ref)
	}
	if len(out) == 1 {
		st.remember(out[0], s, m.start, m.end)
	}
	return out
}

// mentionDepth is the number of dependency links from h down to the
// mention's nearest token (0 when the mention covers h).
func mentionDepth(s *sentence, m mention, h int) int {
	best := 1 << 30
	for k := m.start; k < m.end; k++ {
		d := 0
		for x := k; x >= 0 && x != h && d < 50; x = s.head[x] {
			d++
		}
		best = min(best, d)
	}
	return best
}

// headIsAgent reports whether the head h, or a noun compounded with it,
// lies in one of the agent mentions: "Islamic State target" has an agent,
// "military exercises" (an adjective) does not.
func headIsAgent(s *sentence, h int, agents []int) bool {
	for _, mi := range agents {
		m := s.mentions[mi]
		if h >= m.start && h < m.end {
			return true
		}
		for k := m.start; k < m.end; k++ {
			if p := s.toks[k].POS; (p == "NOUN" || p == "PROPN") && s.dep(k) == "compound" {
				return true
			}
		}
	}
	return false
}

func allPROPN(s *sentence, a, b int) bool {
	for i := a; i < b; i++ {
		if s.toks[i].POS != "PROPN" {
			return false
		}
	}
	return true
}

// entityActor codes the entity that token h mentions, when the entity layer
// has one: its CAMEO code, else its canonical name looked up in the actor
// dictionary, else its country.
func (c *coder) entityActor(st *docState, s *sentence, h int) (actorRef, bool) {
	e := st.entityAt(s.first + h)
	if e == nil {
		return actorRef{}, false
	}
	ref := actorRef{entityID: e.ID, name: e.Name, span: s.span(h, h+1), person: e.Type == doc.Person}
	switch {
	case e.CAMEO != "":
		ref.code = e.CAMEO
	case e.Type == doc.Location:
		return actorRef{}, false
	default:
		if a := c.dict.Actors.Lookup(e.Name); a != nil {
			if code := a.CodeAt(st.date); code != "" && code != "---" {
				ref.code = strings.Split(code, "/")[0]
			}
		}
		if ref.code == "" && e.Country != "" && (e.Type == doc.Person || e.Type == doc.Organization) {
			ref.code = e.Country
		}
	}
	if ref.code == "" {
		return actorRef{}, false
	}
	return ref, true
}

// pronoun resolves a personal pronoun to the entity layer's antecedent, else
// to the latest person (he, she) or actor (it, they) the coder has seen.
func (c *coder) pronoun(st *docState, s *sentence, h int) []actorRef {
	w := s.words[h]
	if isRelative(s, h) {
		// "Hamas, which has been firing rockets": the relative clause's head.
		v := s.head[h]
		if v >= 0 && s.head[v] >= 0 && strings.HasPrefix(s.dep(v), "acl") {
			return c.npActors(st, s, s.head[v])
		}
		// The parser lost the relative clause's head: the phrase just
		// before the pronoun ("Kerry, who has not put a deadline").
		for k := h - 1; k >= 0 && k >= h-3; k-- {
			if s.toks[k].POS == "PUNCT" {
				continue
			}
			if s.mention[k] >= 0 || st.entityAt(s.first+k) != nil {
				return c.npActors(st, s, headOfMention(s, k))
			}
			break
		}
		return nil
	}
	if ref, ok := c.entityActor(st, s, h); ok {
		return []actorRef{ref}
	}
	// The nearest subject before the pronoun in its own sentence.
	for k := h - 1; k >= 0; k-- {
		if base(s.dep(k)) != "nsubj" || s.toks[k].POS == "PRON" {
			continue
		}
		refs := c.oneNP(st, s, k)
		if w == "THEY" || w == "THEM" || w == "THEIR" {
			refs = c.npActors(st, s, k)
		}
		if len(refs) == 0 {
			continue
		}
		isPerson := refs[0].person || s.toks[k].POS == "PROPN" && len(refs[0].code) > 3
		switch w {
		case "HE", "SHE", "HIM", "HER", "HIS":
			if !isPerson {
				continue
			}
		}
		if len(refs) > 1 {
			return refs
		}
		r := refs[0]
		r.span = s.span(h, h+1)
		return []actorRef{r}
	}
	switch w {
	case "HE", "SHE", "HIM", "HER", "HIS":
		if st.lastPerson.code != "" {
			r := st.lastPerson
			r.span = s.span(h, h+1)
			return []actorRef{r}
		}
	case "IT", "THEY", "THEM", "ITS", "THEIR":
		if st.lastActor.code != "" {
			r := st.lastActor
			r.span = s.span(h, h+1)
			return []actorRef{r}
		}
	}
	return nil
}

func isRelative(s *sentence, h int) bool {
	switch s.words[h] {
	case "WHO", "WHICH", "THAT", "WHOM":
		return true
	}
	return false
}
