package event

import (
	"slices"
	"strconv"
	"strings"

	"eventwire/cameo"
	"eventwire/doc"
)

// Options tune the coder.
type Options struct {
	// RequireDyad drops events without a target actor (PETRARCH's
	// require_dyad, on by default there).
	RequireDyad bool
	// Opaque marks a verb dictionary whose codes are not CAMEO codes (the
	// WEIS-era PETRARCH validation dictionary): the rules that read a code's
	// meaning (statements, accusations, rejections) are then off.
	Opaque bool
}

// coder codes the sentences of a document; it holds only read-only
// dictionaries and is safe for concurrent use.
type coder struct {
	dict *cameo.Dict
	opt  Options
	// synFirst indexes the synonym sets' first words.
	synFirst map[string]synFirst
}

// docState is what the coder remembers while reading one document.
type docState struct {
	d    *doc.Document
	date int // YYYYMMDD of publication, 0 when unknown
	// entity[i] is the entity whose mention covers token i, when known.
	entity     map[int]*doc.Entity
	lastPerson actorRef
	lastActor  actorRef
	persons    map[string]actorRef
}

func newDocState(d *doc.Document) *docState {
	st := &docState{d: d, entity: map[int]*doc.Entity{}, persons: map[string]actorRef{}}
	if !d.Published.IsZero() {
		st.date, _ = strconv.Atoi(d.Published.Format("20060102"))
	}
	for i := range d.Entities {
		e := &d.Entities[i]
		for _, m := range e.Mentions {
			for t := d.TokenAt(m.Start); t >= 0 && t < len(d.Tokens) && d.Tokens[t].Start < m.End; t++ {
				st.entity[t] = e
			}
		}
	}
	return st
}

func (st *docState) entityAt(tok int) *doc.Entity { return st.entity[tok] }

// remember notes an actor mention for later pronouns and surnames.
func (st *docState) remember(r actorRef, s *sentence, a, b int) {
	st.lastActor = r
	if r.person {
		st.lastPerson = r
		st.persons[s.words[b-1]] = r
	}
}

// surname returns the person last seen whose name ends in word ("Kerry").
func (st *docState) surname(word string) (actorRef, bool) {
	r, ok := st.persons[word]
	return r, ok
}

// raw is one coded event before it becomes a doc.Event.
type raw struct {
	src, tgt actorRef
	code     string
	verb     int
	modality string
}

// codeSentence codes one sentence.
func (c *coder) codeSentence(st *docState, s *sentence) []raw {
	s.findMentions(c.dict, st.date)
	var out []raw
	covered := map[int]bool{} // xcomp verbs a governor's pattern consumed
	for v := range s.toks {
		if covered[v] || !s.clauseHead(v) {
			continue
		}
		out = append(out, c.codeVerb(st, s, v, covered)...)
	}
	return out
}

// lookupVerb finds the dictionary verb for token v, preferring multi-word
// verbs whose other words are present ("call off", "break down").
func (c *coder) lookupVerb(s *sentence, v int) *cameo.Verb {
	var cands []*cameo.Verb
	keys := append([]string{s.lemma[v], s.words[v]}, deinflect(s.words[v])...)
	for _, key := range keys {
		if cands = c.dict.Verbs.Lookup(key); len(cands) > 0 {
			break
		}
	}
	var single *cameo.Verb
	best, bestLen := (*cameo.Verb)(nil), 0
	for _, vb := range cands {
		if len(vb.Words) == 1 {
			if single == nil {
				single = vb
			}
			continue
		}
		if multiPresent(s, v, vb) && len(vb.Words) > bestLen {
			best, bestLen = vb, len(vb.Words)
		}
	}
	if best != nil {
		return best
	}
	return single
}

// multiPresent checks the other words of a multi-word verb around v: words
// after the head within three tokens (particles), words before it adjacent.
func multiPresent(s *sentence, v int, vb *cameo.Verb) bool {
	pos := v
	for i := vb.Head + 1; i < len(vb.Words); i++ {
		found := false
		for p := pos + 1; p < len(s.toks) && p <= pos+3; p++ {
			if s.words[p] == vb.Words[i] {
				pos, found = p, true
				break
			}
		}
		if !found {
			return false
		}
	}
	pos = v
	for i := vb.Head - 1; i >= 0; i-- {
		if pos-1 < 0 || s.words[pos-1] != vb.Words[i] {
			return false
		}
		pos--
	}
	return true
}

// deinflect returns the possible base forms of a regularly inflected verb
// ("FIRED" → "FIR", "FIRE"; "STOPPED" → "STOPP", "STOP"; "CARRIED" → "CARRY").
func deinflect(w string) []string {
	var out []string
	for _, suf := range []string{"IED", "IES", "ING", "ED", "ES", "S"} {
		if !strings.HasSuffix(w, suf) || len(w) <= len(suf)+2 {
			continue
		}
		stem := w[:len(w)-len(suf)]
		if suf == "IED" || suf == "IES" {
			return []string{stem + "Y"}
		}
		if suf == "ES" && !strings.HasSuffix(stem, "S") && !strings.HasSuffix(stem, "X") && !strings.HasSuffix(stem, "Z") &&
			!strings.HasSuffix(stem, "CH") && !strings.HasSuffix(stem, "SH") && !strings.HasSuffix(stem, "O") {
			continue // "DEPARTES" is no regular form of DEPART
		}
		out = append(out, stem)
		if suf == "ED" || suf == "ING" || suf == "ES" {
			out = append(out, stem+"E")
		}
		if n := len(stem); n > 2 && stem[n-1] == stem[n-2] {
			out = append(out, stem[:n-1])
		}
		return out
	}
	return out
}

// verbCoding is the outcome of matching one verb against its block.
type verbCoding struct {
	pattern        *cameo.Pattern
	code, reverse  string
	used           []int
	source, target int // tokens of "$" and "+" markers, or -1
}

// codeOf finds the verb entry of token v and its most specific pattern,
// once per sentence.
func (c *coder) codeOf(s *sentence, v int) (verbCoding, bool) {
	if s.coded == nil {
		s.coded = map[int]*verbCoding{}
	}
	if vc, ok := s.coded[v]; ok {
		if vc == nil {
			return verbCoding{}, false
		}
		return *vc, true
	}
	vc, ok := c.matchVerb(s, v)
	if !ok {
		s.coded[v] = nil
		return vc, false
	}
	s.coded[v] = &vc
	return vc, true
}

// matchVerb finds the verb entry of token v and its most specific pattern.
func (c *coder) matchVerb(s *sentence, v int) (verbCoding, bool) {
	return c.matchVerbIn(s, v, c.postRegion(s, v))
}

// matchVerbIn matches v's patterns with post as the tokens after the verb
// they may use.
func (c *coder) matchVerbIn(s *sentence, v int, post []bool) (verbCoding, bool) {
	vb := c.lookupVerb(s, v)
	if vb == nil {
		return verbCoding{}, false
	}
	m := &matcher{s: s, syn: c.dict.Verbs.Synsets, first: c.synFirst, v: v, pre: c.preRegion(s, v), post: post}
	block := &c.dict.Verbs.Blocks[vb.Block]
	var best *cameo.Pattern
	vc := verbCoding{source: -1, target: -1}
	var passivePost []bool
	passiveStart := -1
	if k := s.child(v, "nsubj:pass", "nsubjpass"); k >= 0 && k < v {
		passivePost = slices.Clone(post)
		sub := make([]bool, len(s.toks))
		s.subtree(k, sub, nil)
		for i, b := range sub {
			if b {
				passivePost[i] = true
				if passiveStart < 0 {
					passiveStart = i
				}
			}
		}
	}
	for i := range block.Patterns {
		p := &block.Patterns[i]
		if best != nil && (p.Weight < best.Weight || p.Weight == best.Weight && !(p.Origin == vb.Words[vb.Head] && best.Origin != p.Origin)) {
			continue
		}
		if !s.hasAll(p.Need) {
			continue
		}
		ok := m.match(p)
		if !ok && passivePost != nil {
			// The passive subject stands for the object.
			m.post, m.postStart, m.fromSubject = passivePost, passiveStart, true
			ok = m.match(p)
			m.post, m.postStart, m.fromSubject = post, 0, false
		}
		if ok {
			best = p
			vc.used = append(vc.used[:0], m.used...)
			vc.source, vc.target = m.source, m.target
		}
	}
	vc.code = vb.Code
	if i := strings.IndexByte(vc.code, ':'); i >= 0 {
		vc.code, vc.reverse = vc.code[:i], vc.code[i+1:]
	}
	if best != nil {
		vc.code, vc.reverse, vc.pattern = best.Code, best.Reverse, best
	}
	if vc.reverse == "---" {
		vc.reverse = ""
	}
	return vc, true
}

// codeVerb codes the events of verb token v.
func (c *coder) codeVerb(st *docState, s *sentence, v int, covered map[int]bool) []raw {
	vc, ok := c.codeOf(s, v)
	if !ok {
		return nil
	}
	// Adverbial clauses without their own subject ("..., killing eight
	// people", "by promoting biofuels", "met Assad to discuss efforts")
	// elaborate the main event rather than report another one.
	if s.dep(v) == "advcl" && s.child(v, "nsubj", "nsubj:pass", "csubj") < 0 {
		// A finite verb without a subject is a parser slip, not an adverbial.
		t := s.toks[v].Tag
		finite := t == "VBD" || t == "VBZ" || t == "VBP" || t == "VBN" && s.child(v, "aux") >= 0 // "has also spoken"
		if !finite || s.child(v, "mark") >= 0 {
			return nil
		}
	}
	// The same when the parser coordinates it: "..., especially by promoting".
	if s.dep(v) == "conj" && s.child(v, "nsubj", "nsubj:pass", "csubj") < 0 {
		if m := s.child(v, "mark"); m >= 0 && s.words[m] != "TO" {
			return nil
		}
	}
	code, reverse, bestUsed := vc.code, vc.reverse, vc.used
	bestSrc, bestTgt := vc.source, vc.target
	// A governor's pattern that consumed its xcomp verb codes for both.
	for _, k := range bestUsed {
		if s.head[k] == v && s.dep(k) == "xcomp" {
			covered[k] = true
		}
	}
	// A coded governor and a coded xcomp make one event: "seeking to deepen
	// a partnership" is intend + cooperate = 031 (the PICO ontology); an
	// intent verb without a combination gives the governed action.
	targetVerb := v
	intended := false
	if code != "---" && code != "" {
		for _, x := range governed(s, v) {
			if covered[x] {
				continue
			}
			xc, ok := c.codeOf(s, x)
			if !ok || xc.code == "---" || xc.code == "" {
				continue
			}
			gov := code
			// "wants Putin to attack": wanting someone else to act is an
			// appeal to them, and they are the target.
			obj := s.child(v, "obj", "dobj", "iobj")
			objControl := obj >= 0 && obj < x && !speechVerbs[s.lemma[v]] && cameo.Root(gov) != "01"
			if objControl && cameo.Root(gov) == "03" {
				gov = "020"
			}
			if comb := c.dict.Ontology.Combine(gov, xc.code); comb != "" {
				code, reverse = comb, ""
			} else if objControl {
				code, reverse = gov, ""
			} else if cameo.Root(gov) == "03" || intentVerbs[s.lemma[v]] {
				code, reverse = xc.code, xc.reverse
				intended = true
			} else {
				// "pressured by Congress to help Iran": the governed action
				// is the governor's aim, not an event of its own; what a
				// speaker says will be done is coded by itself.
				if !speechVerbs[s.lemma[v]] && cameo.Root(gov) != "01" {
					covered[x] = true
				}
				continue
			}
			covered[x] = true
			if !objControl {
				targetVerb = x
			}
			break
		}
	}
	if code == "---" || code == "" && reverse == "" {
		return nil
	}
	// "X said/claimed that they attacked Z" claims responsibility (015);
	// "X said that Y attacked Z" accuses Y (112). The reported attack is not
	// coded again.
	if r := cameo.Root(code); !c.opt.Opaque && (r == "01" || r == "11") {
		if evs := c.statementOfViolence(st, s, v, covered); evs != nil {
			return evs
		}
	}

	// Negation: "will not agree" is a rejection, "did not attack" no event,
	// unless the pattern itself spelled out the negation.
	negTok := negation(s, v)
	if negTok >= 0 && !contains(bestUsed, negTok) {
		if c.opt.Opaque {
			return nil
		}
		code = c.negate(code)
		reverse = ""
		if code == "" {
			return nil
		}
	}
	modality := c.modality(s, v)
	switch {
	case negTok >= 0:
		modality = "" // the refusal itself is the event
	case intended && modality == "":
		modality = "intended"
	}

	srcs := c.sources(st, s, v)
	if len(srcs) == 0 {
		srcs = c.shallowSource(st, s, v)
	}
	if bestSrc >= 0 {
		srcs = c.npActors(st, s, headOfMention(s, bestSrc))
	}
	tgts := c.targets(st, s, targetVerb, srcs)
	if len(tgts) == 0 && targetVerb != v {
		tgts = c.targets(st, s, v, srcs)
	}
	if len(tgts) == 0 && bestTgt < 0 && targetVerb == v && !compoundOnly(srcs) && !speechVerbs[s.lemma[v]] {
		// The parse gave v no target: read the words after it as TABARI did.
		region := c.linearRegion(st, s, v)
		if vc2, ok := c.matchVerbIn(s, v, region); ok && vc2.pattern != nil && (vc.pattern == nil || vc2.pattern.Weight > vc.pattern.Weight) && vc2.code != "---" {
			code, reverse = vc2.code, vc2.reverse
			if negTok >= 0 && !contains(vc2.used, negTok) {
				if code = c.negate(code); code == "" {
					return nil
				}
				reverse = ""
			}
		}
		tgts = c.shallowTargets(st, s, v, srcs, region, c.isStatement(s, v) && cameo.Root(code) == "01")
	}
	if bestTgt >= 0 {
		tgts = c.npActors(st, s, headOfMention(s, bestTgt))
	}
	// "meet with exiled dissidents from military-ruled Myanmar" parsed with
	// the from-phrase on the verb: the agents take its country.
	if len(tgts) > 0 && allAgentOnly(tgts) && !c.opt.Opaque {
		cc := c.oblCountry(st, s, targetVerb)
		if cc == "" {
			cc = c.followingCountry(st, s, tgts[0].span)
		}
		if cc != "" {
			for i := range tgts {
				tgts[i].code = cc + strings.TrimPrefix(tgts[i].code, "---")
			}
		}
	}
	if len(srcs) == 0 {
		return nil
	}
	// "Israel announced it would free prisoners": a speaker's statement of
	// what they will do expresses intent (CAMEO 03: intend + release = 0352).
	if modality == "future" && !c.opt.Opaque && s.head[v] >= 0 && (s.dep(v) == "ccomp" || s.dep(v) == "xcomp") {
		if g := s.head[v]; speechVerbs[s.lemma[g]] || commitVerbs[s.lemma[g]] {
			if sameSet(c.sources(st, s, g), srcs) {
				if comb := c.dict.Ontology.Combine("030", code); comb != "" {
					code, reverse, modality = comb, "", "intended"
				}
			}
		}
	}
	var out []raw
	// A compound subject without a target acts on itself, pairwise
	// ("Gondor and Osgiliath renewed ties", "The US, Russia and Switzerland met").
	if len(srcs) > 1 && len(tgts) == 0 && code != "" && cameo.Root(code) != "01" {
		for i := range srcs {
			for j := range srcs {
				if i != j && srcs[i].code != srcs[j].code {
					out = append(out, raw{src: srcs[i], tgt: srcs[j], code: code, verb: v, modality: modality})
				}
			}
		}
		return out
	}
	if len(tgts) == 0 {
		if c.opt.RequireDyad {
			return nil
		}
		tgts = []actorRef{{}}
	}
	for _, a := range srcs {
		for _, b := range tgts {
			if a.code == b.code && a.code != "" {
				continue
			}
			if code != "" {
				out = append(out, raw{src: a, tgt: b, code: code, verb: v, modality: modality})
			}
			// A target-side code that differs from the event's ("visited" /
			// "hosted") needs a target that can act: a bare country, mostly
			// named by a place ("attended the Beijing Olympics"), does not
			// host; "received ministers from the Georgian government" is a
			// visit by GEOGOV.
			if reverse != "" && b.code != "" && (c.opt.Opaque || code == "" || reverse == code || len(b.code) > 3) {
				out = append(out, raw{src: b, tgt: a, code: reverse, verb: v, modality: modality})
			}
		}
	}
	if len(out) > 0 {
		st.lastActor = srcs[0]
		if srcs[0].person {
			st.lastPerson = srcs[0]
		}
	}
	return out
}

func hasCompound(p *cameo.Pattern) bool {
	for _, g := range p.Pre {
		for _, e := range g.Elems {
			if e.Kind == cameo.ElemCompound {
				return true
			}
		}
	}
	return false
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// headOfMention returns the syntactic head of the mention covering token i.
func headOfMention(s *sentence, i int) int {
	mi := s.mention[i]
	if mi < 0 {
		return i
	}
	mt := s.mentions[mi]
	for k := mt.start; k < mt.end; k++ {
		if h := s.head[k]; h < mt.start || h >= mt.end {
			return k
		}
	}
	return i
}

// clauseTop climbs from v through xcomp and ccomp links to the verb whose
// clause v belongs to.
func (c *coder) clauseTop(s *sentence, v int) int {
	for s.head[v] >= 0 {
		switch s.dep(v) {
		case "xcomp", "ccomp":
			v = s.head[v]
		default:
			return v
		}
	}
	return v
}

// preRegion marks the tokens before v that patterns may use: v's clause.
func (c *coder) preRegion(s *sentence, v int) []bool {
	in := make([]bool, len(s.toks))
	s.subtree(c.clauseTop(s, v), in, nil)
	for i := v; i < len(in); i++ {
		in[i] = false
	}
	return in
}

// clauseDeps are the relations that start another clause, which a verb's
// patterns do not reach into.
var clauseDeps = map[string]bool{"advcl": true, "parataxis": true, "acl:relcl": true, "list": true, "discourse": true}

// postRegion marks the tokens after v that patterns may use: v's subtree
// without the nested adverbial, relative and coordinated clauses.
func (c *coder) postRegion(s *sentence, v int) []bool {
	in := make([]bool, len(s.toks))
	s.subtree(v, in, func(k int) bool {
		d := s.dep(k)
		if clauseDeps[d] {
			return true
		}
		if d == "conj" && s.isVerbal(k) {
			return true
		}
		return (base(d) == "nsubj" || base(d) == "csubj") && k < v
	})
	for i := 0; i <= v; i++ {
		in[i] = false
	}
	// With the PICO ontology, a governed verb is composed with its governor
	// ("wants to help" = intend + aid) rather than read as a pattern word.
	if c.dict.Ontology != nil {
		for _, x := range s.children(v, "xcomp") {
			if s.isVerbal(x) {
				in[x] = false
			}
		}
	}
	// Inside a complement clause ("said that Iraq had attacked"), the
	// clause's verbs are its own events, not words of v's patterns.
	// What a speech verb reports is not a word of its own patterns at all
	// ("Washington said such a step enjoyed support").
	speech := speechVerbs[s.lemma[v]]
	for _, x := range s.children(v, "ccomp") {
		sub := make([]bool, len(s.toks))
		s.subtree(x, sub, nil)
		for i, b := range sub {
			if b && (speech || s.isVerbal(i)) {
				in[i] = false
			}
		}
	}
	return in
}

// negation returns the negating token of v ("not", "n't", "never"), or -1;
// a negated governor negates its xcomp ("won't try to clash").
func negation(s *sentence, v int) int {
	for x := v; x >= 0; x = s.head[x] {
		for _, k := range s.kids[x] {
			switch s.words[k] {
			case "NOT", "N'T", "NEVER", "NT":
				if d := base(s.dep(k)); d == "advmod" || d == "neg" || d == "aux" {
					return k
				}
			}
		}
		if s.dep(x) != "xcomp" {
			break
		}
	}
	return -1
}

// negate maps the code of a negated action: refusing to cooperate is a
// rejection (CAMEO 12), through the ontology's rejections where it has one
// (material cooperation → 121, yield → 124, meet → 125...), else by root
// (consult → 125, material cooperation and aid → 121, yield → 124, other
// verbal cooperation → 120); a negated conflict action or statement is no
// event ("").
func (c *coder) negate(code string) string {
	if n := c.dict.Ontology.Negate(code); n != "" {
		return n
	}
	switch cameo.Root(code) {
	case "03", "05":
		return "120"
	case "04":
		return "125"
	case "06", "07":
		return "121"
	case "08":
		return "124"
	}
	return ""
}

// modality says whether v reports something that has not happened:
// "future" ("will meet"), "hypothetical" ("could attack", "if ... attacks"),
// "intended" ("agreed to meet", "plans to attack"); "" for an asserted event.
func (c *coder) modality(s *sentence, v int) string {
	// "intending to get out and talk to people": a coordinated verb without
	// its own subject or auxiliary shares its first conjunct's modality.
	if s.dep(v) == "conj" && s.head[v] >= 0 && s.child(v, "nsubj", "aux", "nsubj:pass") < 0 {
		return c.modality(s, s.head[v])
	}
	for x := v; x >= 0; x = s.head[x] {
		for _, k := range s.kids[x] {
			d := s.dep(k)
			if d == "aux" {
				switch s.lemma[k] {
				case "WILL", "SHALL", "'LL":
					return "future"
				case "WOULD":
					if c.reported(s, x) {
						return "future"
					}
					return "hypothetical"
				case "COULD", "MIGHT", "MAY", "SHOULD", "MUST", "CAN":
					return "hypothetical"
				}
			}
			if d == "mark" && (s.words[k] == "IF" || s.words[k] == "UNLESS") {
				return "hypothetical"
			}
		}
		if s.dep(x) == "xcomp" && x != v {
			continue
		}
		if s.dep(x) == "xcomp" {
			g := s.head[x]
			if g < 0 {
				break
			}
			switch s.lemma[g] {
			case "GO":
				if s.words[g] == "GOING" {
					return "future"
				}
			default:
				if intentVerbs[s.lemma[g]] {
					return "intended"
				}
			}
			continue
		}
		break
	}
	return ""
}

// reported reports whether v is the complement of a speech verb ("said he
// would meet").
func (c *coder) reported(s *sentence, v int) bool {
	for x := v; s.head[x] >= 0; x = s.head[x] {
		if s.dep(x) == "ccomp" || s.dep(x) == "parataxis" || s.dep(x) == "xcomp" {
			if g := s.lemma[s.head[x]]; speechVerbs[g] || commitVerbs[g] || g == "INSIST" || g == "WARN" {
				return true
			}
		}
	}
	return false
}

// sources returns the actors doing v: its subject, the "by" agent of a
// passive, or the subject inherited through xcomp (the object of an object
// control verb: "urged Eriador to respond"), conj, advcl and relative
// clauses.
func (c *coder) sources(st *docState, s *sentence, v int) []actorRef {
	if passive(s, v) {
		// The "by" agent, also where the parser hung it one level lower
		// ("opposed earlier by Osgiliath").
		for _, x := range append([]int{v}, s.kids[v]...) {
			if x != v && (clauseDeps[s.dep(x)] || s.isVerbal(x)) {
				continue
			}
			for _, k := range s.kids[x] {
				if (base(s.dep(k)) == "obl" || base(s.dep(k)) == "nmod") && s.caseOf(k) == "BY" || s.dep(k) == "obl:agent" {
					if refs := c.npActors(st, s, k); len(refs) > 0 {
						return refs
					}
				}
			}
		}
		// Any "by" phrase of the verb's own clause ("by Osgiliath, the
		// state's fiercest foe" parsed inside the apposition).
		region := c.postRegion(s, v)
		for j := v + 1; j < len(s.toks); j++ {
			if region[j] && s.caseOf(j) == "BY" {
				if refs := c.npActors(st, s, j); len(refs) > 0 {
					return refs
				}
			}
		}
		return nil
	}
	if subj := s.children(v, "nsubj", "csubj"); len(subj) > 0 {
		return c.subjects(st, s, v, subj)
	}
	// A subject the tagger took for an adverb ("Osgiliath welcomed").
	for _, k := range s.kids[v] {
		if k > v {
			break
		}
		if d := s.dep(k); (d == "advmod" || d == "dep" || d == "obl:npmod" || d == "obl:unmarked") && s.mention[k] >= 0 && s.mentions[s.mention[k]].actor != nil {
			return c.npActors(st, s, k)
		}
	}
	h := s.head[v]
	if h < 0 {
		return nil
	}
	switch s.dep(v) {
	case "xcomp":
		if o := s.child(h, "obj", "dobj", "iobj"); o >= 0 && o < v {
			return c.npActors(st, s, o)
		}
		if k := s.child(h, "nsubj:pass", "nsubjpass"); k >= 0 {
			return c.npActors(st, s, k) // "Obama is scheduled to attend"
		}
		return c.sources(st, s, h)
	case "conj", "advcl":
		return c.sources(st, s, h)
	case "acl:relcl":
		return c.npActors(st, s, h)
	case "acl":
		// "troops firing at", and a main verb the parser hung on its
		// subject ("Syrian rebels engaged Filipino peacekeepers").
		if !passive(s, v) {
			return c.npActors(st, s, h)
		}
	}
	return nil
}

// passive reports whether v is a passive verb, or a past participle
// modifying a noun ("the ground seized in the fighting").
func passive(s *sentence, v int) bool {
	if s.dep(v) == "acl" && s.toks[v].Tag == "VBN" && s.child(v, "obj", "dobj") < 0 {
		return true
	}
	for _, k := range s.kids[v] {
		switch s.dep(k) {
		case "nsubj:pass", "aux:pass", "nsubjpass", "auxpass":
			return true
		}
	}
	return false
}

// targets returns the actors v is done to: the passive subject, the object
// (or an actor in the object's modifiers: "ties with Gondor"), the indirect
// object, the first oblique with an actor, an xcomp's object, or a ccomp's
// subject ("insists the Jewish state lift").
func (c *coder) targets(st *docState, s *sentence, v int, srcs []actorRef) []actorRef {

	// try codes a nominal, else the nominals its "nmod" modifiers lead to
	// ("the efforts of Eriadori", "a protocol for 1990 with Dagolath").
	var try func(k, depth int) []actorRef
	try = func(k, depth int) []actorRef {
		if s.isVerbal(k) {
			// A clause where a noun phrase should be ("The civilians
			// imprisoned for ... were released"): its subject.
			if n := s.child(k, "nsubj", "nsubj:pass"); n >= 0 && depth < 3 {
				return try(n, depth+1)
			}
			return nil
		}
		if timeNouns[s.lemma[k]] {
			// "five years after crowds burned": a time, not a target
			// (though "Libya's five years" still names Libya).
			if p := s.child(k, "nmod:poss"); p >= 0 {
				if refs := c.npActors(st, s, p); len(refs) > 0 && !same(refs, srcs) {
					return refs
				}
			}
			return nil
		}
		if refs := c.npActors(st, s, k); len(refs) > 0 && !same(refs, srcs) {
			return refs
		}
		if depth >= 3 {
			return nil
		}
		// "bans on travel to Canada against four senior officers": the
		// phrase with "against" names the target before any other.
		kids := slices.Clone(s.kids[k])
		slices.SortStableFunc(kids, func(a, b int) int {
			ra, rb := s.caseOf(a) == "AGAINST", s.caseOf(b) == "AGAINST"
			switch {
			case ra && !rb:
				return -1
			case rb && !ra:
				return 1
			}
			return 0
		})
		for _, n := range kids {
			d := s.dep(n)
			if base(d) == "nmod" && d != "nmod:poss" && d != "nmod:tmod" || d == "appos" {
				if r := try(n, depth+1); r != nil {
					return r
				}
			}
			if d == "acl" || d == "acl:relcl" { // "the roads leading into Mordor", "memos sent by Bree", "hopes that Osgiliath could be drawn"
				for _, m := range s.kids[n] {
					if b := base(s.dep(m)); b == "obl" || b == "nmod" || b == "obj" || (d == "acl:relcl" && b == "nsubj" && !isRelative(s, m)) {
						if r := try(m, depth+1); r != nil {
							return r
						}
					}
				}
			}
		}
		return nil
	}
	if passive(s, v) {
		// The passive subject, or what it leads to ("Evidence against
		// Russia was presented").
		if k := s.child(v, "nsubj:pass", "nsubjpass"); k >= 0 {
			return try(k, 0)
		}
		if s.dep(v) == "acl" && s.head[v] >= 0 {
			if r := c.npActors(st, s, s.head[v]); len(r) > 0 {
				return r
			}
		}
	}
	statement := c.isPlainStatement(s, v)
	objs := s.children(v, "obj", "dobj", "iobj")
	for _, k := range objs {
		if refs := c.npActors(st, s, k); !statement && len(refs) > 0 && allAgentOnly(refs) {
			// "received ministers from the Georgian government": the
			// parser hung the phrase giving the agents' country on the verb.
			if cc := c.oblCountry(st, s, v); cc != "" {
				for i := range refs {
					refs[i].code = cc + strings.TrimPrefix(refs[i].code, "---")
				}
				if !same(refs, srcs) {
					return refs
				}
			}
		}
		if statement {
			// A statement's object is what was said, or whom it was told
			// to ("told delegates"): never something inside what was said.
			if refs := c.npActors(st, s, k); len(refs) > 0 && !same(refs, srcs) {
				return refs
			}
			continue
		}
		if r := try(k, 0); r != nil {
			return r
		}
	}
	for _, k := range s.kids[v] {
		d := s.dep(k)
		if base(d) != "obl" && base(d) != "nmod" || d == "obl:tmod" || d == "obl:npmod" || d == "nmod:tmod" {
			continue
		}
		if passive(s, v) && s.caseOf(k) == "BY" {
			continue
		}
		if statement && !statementPreps[s.caseOf(k)] {
			continue // "said on Monday, two weeks after rebels..." is not said to the rebels
		}
		if r := try(k, 0); r != nil {
			return r
		}
	}
	for _, x := range governed(s, v) {
		if statement {
			break // what was said to be done is not done to anyone by the saying
		}
		for _, k := range s.kids[x] {
			d := base(s.dep(k))
			if d == "obj" || d == "obl" || d == "iobj" {
				if r := try(k, 0); r != nil {
					return r
				}
			}
		}
	}
	for _, x := range s.children(v, "ccomp") {
		if c.isStatement(s, v) || speechVerbs[s.lemma[v]] {
			break // "Israel said a bomb was fired": the speech is not done to the bomb
		}
		if speechVerbs[s.lemma[x]] {
			continue // "..., a senior official said" hung on the verb
		}
		if k := s.child(x, "nsubj", "nsubj:pass"); k >= 0 {
			if r := try(k, 0); r != nil {
				return r
			}
		}
	}
	if statement || speechVerbs[s.lemma[v]] {
		return nil
	}
	// Last, the first actor anywhere in v's own phrase after it: a parse
	// that misplaced the object still keeps it under the verb ("allowed
	// that Mordor isn't a pleasant place").
	region := c.postRegion(s, v)
	for j := v + 1; j < len(s.toks); j++ {
		if region[j] && s.words[j] == "BY" && passive(s, v) {
			break // the agent's phrase, not the target's
		}
		if !region[j] || s.mention[j] < 0 || s.mentions[s.mention[j]].actor == nil {
			continue
		}
		if k := s.head[j]; k >= 0 && timeNouns[s.lemma[k]] {
			continue
		}
		if refs := minus(c.npActors(st, s, headOfMention(s, j)), srcs); len(refs) > 0 {
			return refs
		}
	}
	return nil
}

func same(a, b []actorRef) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].code != b[i].code {
			return false
		}
	}
	return true
}

// isPlainStatement reports whether v is a statement (CAMEO 01) that no
// pattern made specific: a comment such as "expressed sorrow for the
// shootings" (018) is about its topic, which is its target.
func (c *coder) isPlainStatement(s *sentence, v int) bool {
	if !c.isStatement(s, v) {
		return false
	}
	vc, _ := c.codeOf(s, v)
	return vc.pattern == nil
}

// isStatement reports whether v is coded as a plain statement (CAMEO 01).
func (c *coder) isStatement(s *sentence, v int) bool {
	if c.opt.Opaque {
		return false
	}
	vc, ok := c.codeOf(s, v)
	return ok && cameo.Root(vc.code) == "01"
}

// intentVerbs govern an action that is intended, not done ("agreed to meet").
var intentVerbs = map[string]bool{"PLAN": true, "INTEND": true, "AGREE": true, "PROMISE": true, "PLEDGE": true,
	"VOW": true, "WANT": true, "HOPE": true, "SEEK": true, "AIM": true, "PREPARE": true, "THREATEN": true,
	"OFFER": true, "DECIDE": true, "EXPECT": true, "TRY": true, "ATTEMPT": true, "WISH": true}

// statementOfViolence codes a statement whose complement reports material
// conflict (CAMEO 18–20) by the speaker (a claim, 015) or by someone else
// (an accusation, 112). A trailing attribution ("rebels engaged
// peacekeepers, officials said") only sources the report: the reported
// event is coded, not a statement.
func (c *coder) statementOfViolence(st *docState, s *sentence, v int, covered map[int]bool) []raw {
	for _, x := range s.children(v, "ccomp") {
		if x < v {
			continue
		}
		xc, ok := c.codeOf(s, x)
		if !ok {
			continue
		}
		switch cameo.Root(xc.code) {
		case "18", "19", "20":
		default:
			continue
		}
		if negation(s, x) >= 0 {
			continue
		}
		speakers := c.sources(st, s, v)
		doers := c.sources(st, s, x)
		if len(speakers) == 0 || len(doers) == 0 {
			continue
		}
		covered[x] = true
		for _, k := range s.kids[x] {
			if s.dep(k) == "conj" && s.isVerbal(k) {
				covered[k] = true
			}
		}
		var out []raw
		if sameSet(speakers, doers) {
			for _, a := range speakers {
				for _, b := range c.targets(st, s, x, doers) {
					out = append(out, raw{src: a, tgt: b, code: "015", verb: v})
				}
			}
			return out
		}
		for _, a := range speakers {
			for _, b := range doers {
				if a.code != b.code {
					out = append(out, raw{src: a, tgt: b, code: "112", verb: v})
				}
			}
		}
		return out
	}
	return nil
}

// sameSet reports whether two actor lists have the same codes.
func sameSet(a, b []actorRef) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]bool{}
	for _, r := range a {
		m[r.code] = true
	}
	for _, r := range b {
		if !m[r.code] {
			return false
		}
	}
	return true
}

// governed returns the verbs v governs as its complement: xcomp, and
// subjectless "to" clauses that parsers attach as advcl ("asking Obama to
// help Iran").
func governed(s *sentence, v int) []int {
	var out []int
	for _, k := range s.kids[v] {
		if s.words[k] == "TO" && s.toks[k].POS == "PART" {
			// "pledged to expel" with the verb hung on its "to".
			for _, x := range s.kids[k] {
				if s.isVerbal(x) {
					out = append(out, x)
				}
			}
			continue
		}
		switch s.dep(k) {
		case "xcomp":
			out = append(out, k)
		case "advcl":
			if s.child(k, "nsubj", "nsubj:pass") < 0 {
				if m := s.child(k, "mark"); m >= 0 && s.words[m] == "TO" {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// statementPreps introduce the addressee or topic of a statement.
var statementPreps = map[string]bool{"TO": true, "WITH": true, "AGAINST": true, "ABOUT": true, "ON": true, "OF": true}

// speechVerbs report what someone said or thinks; the subject of what they
// report is not their target.
var speechVerbs = map[string]bool{"SAY": true, "TELL": true, "ANNOUNCE": true, "STATE": true, "DECLARE": true,
	"ADD": true, "REPORT": true, "CLAIM": true, "INDICATE": true, "CONFIRM": true, "SIGNAL": true,
	"REITERATE": true, "EXPLAIN": true, "NOTE": true, "ASSERT": true, "STRESS": true, "ADMIT": true,
	"DENY": true, "ALLEGE": true, "SUGGEST": true}

// commitVerbs report a commitment or belief; what they govern has not
// happened yet.
var commitVerbs = map[string]bool{"PROMISE": true, "PLEDGE": true, "VOW": true, "THREATEN": true,
	"BELIEVE": true, "EXPECT": true, "THINK": true, "HOPE": true}

// subjects codes a verb's subjects. Several subjects separated only by
// commas and conjunctions are coordinated ("The US, Russia, and Switzerland
// met"); a subject right before another modifies it ("Bree Prime Minister
// Romendacil" parsed as two subjects); otherwise the parser has hung another
// clause's subject on the verb, and the one nearest the verb is kept.
func (c *coder) subjects(st *docState, s *sentence, v int, subj []int) []actorRef {
	if len(subj) == 1 {
		return c.npActors(st, s, subj[0])
	}
	// The nearest subject before the verb, else the first after it.
	near := subj[0]
	for _, k := range subj {
		if k < v {
			near = k
		}
	}
	group := []int{near}
	for i := slices.Index(subj, near) - 1; i >= 0; i-- {
		if !coordinated(s, subj[i], group[0]) && !adjacentSpans(s, subj[i], group[0]) {
			break
		}
		group = append([]int{subj[i]}, group...)
	}
	var out []actorRef
	var fold []int
	for i, k := range group {
		if i+1 < len(group) && adjacentSpans(s, k, group[i+1]) {
			fold = append(fold, k)
			continue
		}
		if len(fold) > 0 {
			refs := c.oneNP(st, s, k, fold...)
			for _, x := range s.children(k, "conj") {
				refs = append(refs, c.npActors(st, s, x)...)
			}
			out = append(out, refs...)
			fold = nil
			continue
		}
		out = append(out, c.npActors(st, s, k)...)
	}
	return out
}

// coordinated reports whether only commas and conjunctions separate the
// phrases of a and b.
func coordinated(s *sentence, a, b int) bool {
	last, first := spanOf(s, a)[1], spanOf(s, b)[0]
	if first <= last+1 {
		return false
	}
	for i := last + 1; i < first; i++ {
		if p := s.toks[i].POS; p != "PUNCT" && p != "CCONJ" {
			return false
		}
	}
	return true
}

// spanOf returns the first and last token of k's subtree.
func spanOf(s *sentence, k int) [2]int {
	in := make([]bool, len(s.toks))
	s.subtree(k, in, nil)
	out := [2]int{k, k}
	for i, x := range in {
		if x {
			out[0] = min(out[0], i)
			out[1] = max(out[1], i)
		}
	}
	return out
}

// adjacentSpans reports whether the phrase of a ends right where the phrase
// of b begins.
func adjacentSpans(s *sentence, a, b int) bool {
	return spanOf(s, a)[1]+1 == spanOf(s, b)[0]
}

// shallowTargets is the fallback when the parse gives v no target: as TABARI
// did without a parser, it takes the first run of actor phrases after the
// verb ("spoken by phone in recent days with Israeli Prime Minister Benjamin
// Netanyahu and Palestinian president Mahmud Abbas"), stopping at the next
// verb outside v's phrase. Each phrase between commas and conjunctions is
// one actor: its dictionary actor or entity, with its agents.
func (c *coder) shallowTargets(st *docState, s *sentence, v int, srcs []actorRef, region []bool, statement bool) []actorRef {
	start := -1
	for j := v + 1; j < len(s.toks) && region[j]; j++ {
		if c.actorAt(st, s, j) != "" {
			start = j
			break
		}
	}
	if start < 0 {
		return nil
	}
	if statement {
		// A statement reaches only whom it is addressed to ("spoke with X").
		p := start - 1
		for p > v && (s.toks[p].POS == "DET" || s.toks[p].POS == "ADJ") {
			p--
		}
		if p <= v || s.toks[p].POS != "ADP" || !statementPreps[s.words[p]] {
			return nil
		}
	}
	var out []actorRef
	chunk := []int{}
	flush := func() {
		if ref, ok := c.chunkActor(st, s, chunk); ok && !same([]actorRef{ref}, srcs) {
			out = append(out, ref)
		}
		chunk = chunk[:0]
	}
	for j := start; j < len(s.toks); j++ {
		if !region[j] && !(s.words[j] == "," || s.toks[j].POS == "CCONJ") {
			break
		}
		if s.words[j] == "BY" && passive(s, v) {
			break // the agent's phrase
		}
		switch p := s.toks[j].POS; {
		case p == "CCONJ" || s.words[j] == ",":
			flush()
		case p == "DET" || p == "ADJ" || p == "PROPN" || p == "NOUN" || p == "PART" || p == "NUM":
			chunk = append(chunk, j)
		default:
			flush()
			return out
		}
	}
	flush()
	return out
}

// actorAt returns the code of the dictionary actor or coded entity at token j.
func (c *coder) actorAt(st *docState, s *sentence, j int) string {
	if mi := s.mention[j]; mi >= 0 && s.mentions[mi].actor != nil {
		return s.mentions[mi].actor.CodeAt(st.date)
	}
	if e := st.entityAt(s.first + j); e != nil && e.CAMEO != "" && e.Type != doc.Location {
		return e.CAMEO
	}
	return ""
}

// chunkActor codes a flat run of tokens: its last actor (dictionary or
// entity), with the agents of the run.
func (c *coder) chunkActor(st *docState, s *sentence, chunk []int) (actorRef, bool) {
	var ref actorRef
	var agents []*cameo.Agent
	seen := map[int]bool{}
	for _, j := range chunk {
		if mi := s.mention[j]; mi >= 0 {
			if seen[mi] {
				continue
			}
			seen[mi] = true
			if ag := s.mentions[mi].agent; ag != nil {
				agents = append(agents, ag)
				continue
			}
		}
		if code := c.actorAt(st, s, j); code != "" && code != "---" && !strings.HasPrefix(ref.code, code) {
			ref.code = strings.Split(code, "/")[0]
			ref.span = s.span(j, j+1)
			if e := st.entityAt(s.first + j); e != nil {
				ref.entityID, ref.name = e.ID, e.Name
			}
		}
	}
	if ref.code == "" {
		return ref, false
	}
	for _, ag := range agents {
		if ag.Prefix {
			ref.code = ag.Code + ref.code
		} else if !strings.Contains(ref.code[min(3, len(ref.code)):], ag.Code) {
			ref.code += ag.Code
		}
	}
	return ref, true
}

// linearRegion marks the tokens after v that belong to its own phrase when
// read linearly: up to the next verb, clause opener or punctuation; a comma
// ends it too unless an actor or a conjunction follows ("X, Y and Z").
func (c *coder) linearRegion(st *docState, s *sentence, v int) []bool {
	out := make([]bool, len(s.toks))
	for j := v + 1; j < len(s.toks); j++ {
		t := s.toks[j]
		if s.isVerbal(j) || t.POS == "SCONJ" || t.POS == "PRON" && isRelative(s, j) {
			break
		}
		if t.POS == "PUNCT" {
			if s.words[j] != "," || j+1 >= len(s.toks) {
				break
			}
			if n := j + 1; s.toks[n].POS != "CCONJ" && c.actorAt(st, s, n) == "" {
				break
			}
		}
		out[j] = true
	}
	return out
}

// compoundOnly reports whether the sources are a compound that may act on
// itself.
func compoundOnly(srcs []actorRef) bool { return len(srcs) > 1 }

// shallowSource is the fallback for a finite verb the parse left without a
// subject ("Kerry, who has not put a deadline on his visit, has also
// spoken"): the first actor phrase of the sentence before the verb that is
// not the object of a preposition.
func (c *coder) shallowSource(st *docState, s *sentence, v int) []actorRef {
	if s.child(v, "nsubj", "nsubj:pass", "csubj", "expl") >= 0 {
		return nil
	}
	switch s.toks[v].Tag {
	case "VBD", "VBZ", "VBP":
	case "VBN":
		if s.child(v, "aux") < 0 {
			return nil
		}
	default:
		return nil
	}
	switch s.dep(v) {
	case "root", "ccomp", "parataxis", "conj", "advcl":
	default:
		return nil
	}
	for j := 0; j < v; j++ {
		if c.actorAt(st, s, j) == "" || j > 0 && s.toks[j-1].POS == "ADP" {
			continue
		}
		// The phrase and those coordinated with it ("Gondor and Osgiliath").
		var out []actorRef
		chunk := []int{j}
		for k := j + 1; k <= v; k++ {
			p := s.toks[k].POS
			if k < v && (p == "PROPN" || p == "NOUN" || p == "ADJ" || p == "DET" && len(chunk) == 0 || p == "PART" && s.words[k] == "'S") {
				chunk = append(chunk, k)
				continue
			}
			if ref, ok := c.chunkActor(st, s, chunk); ok {
				out = append(out, ref)
			}
			chunk = chunk[:0]
			if k == v || !(p == "CCONJ" || s.words[k] == ",") {
				break
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// timeNouns head expressions of time, which lead to no target.
var timeNouns = map[string]bool{"YEAR": true, "MONTH": true, "WEEK": true, "DAY": true, "HOUR": true,
	"MINUTE": true, "TIME": true, "DECADE": true, "CENTURY": true, "NIGHT": true, "MORNING": true,
	"EVENING": true, "AFTERNOON": true, "WEEKEND": true, "MONDAY": true, "TUESDAY": true, "WEDNESDAY": true,
	"THURSDAY": true, "FRIDAY": true, "SATURDAY": true, "SUNDAY": true, "TODAY": true, "YESTERDAY": true}

// minus drops from refs the actors that are among srcs.
func minus(refs, srcs []actorRef) []actorRef {
	var out []actorRef
	for _, r := range refs {
		if !slices.ContainsFunc(srcs, func(x actorRef) bool { return x.code == r.code }) {
			out = append(out, r)
		}
	}
	return out
}

// allAgentOnly reports whether every actor is an agent without a country
// ("---GOV").
func allAgentOnly(refs []actorRef) bool {
	for _, r := range refs {
		if !strings.HasPrefix(r.code, "---") || len(r.code) == 3 {
			return false
		}
	}
	return true
}

// oblCountry returns the country of an oblique "from/of X" of v.
func (c *coder) oblCountry(st *docState, s *sentence, v int) string {
	for _, k := range s.kids[v] {
		if base(s.dep(k)) != "obl" && base(s.dep(k)) != "nmod" {
			continue
		}
		if p := s.caseOf(k); p != "FROM" && p != "OF" {
			continue
		}
		for _, r := range c.npActors(st, s, k) {
			if cc := countryOf(r.code); cc != "" {
				return cc
			}
		}
	}
	return ""
}

// followingCountry reads the text right after a phrase for "from/of/in X"
// with X a country actor, when the parse lost the attachment.
func (c *coder) followingCountry(st *docState, s *sentence, sp doc.Span) string {
	j := -1
	for i, t := range s.toks {
		if t.Start >= sp.End {
			j = i
			break
		}
	}
	if j < 0 || !ofPreps[s.words[j]] && s.words[j] != "FROM" {
		return ""
	}
	for k := j + 1; k < len(s.toks) && k <= j+4; k++ {
		if code := c.actorAt(st, s, k); code != "" {
			return countryOf(code)
		}
		if s.toks[k].POS == "PUNCT" {
			break
		}
	}
	return ""
}
