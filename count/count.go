// Package count finds the GDELT GKG counts of an article: how many people
// were killed, wounded, arrested, kidnapped, displaced or evacuated, how
// many protested, how much was seized. Each count keeps its number
// normalised ("two dozen" is 24, "1.2 million" is 1200000), its qualifier
// ("more than"), whether it is approximate ("dozens", "about 50"), the
// object counted ("Palestinians") and, when the entity stage has run, the
// place.
//
// The stage reads tokens, and uses POS tags and dependencies when the
// tagger and parser have run. It recognises a number phrase and its object
// in these shapes:
//
//   - after a trigger verb: "has killed more than 600 Palestinians and 29
//     Israelis", "arrested dozens of protesters";
//   - before a state: "600 Palestinians were killed", "29 people have
//     died", "left 29 dead", "three soldiers were taken hostage";
//   - after an event noun and "of": "the deaths of 20 protesters", "the
//     arrest of 30 activists";
//   - after a running total: "the death toll rose to 600", "the number of
//     injured rose to 80";
//   - before a counted noun: "600 deaths", "thousands of protesters".
//
// Numbers joined by "and" share the trigger ("killed 600 Palestinians and 29
// Israelis" is two counts), and an insertion such as ", most of them
// civilians," may stand between the counted and its state.
//
// Vague plurals count their smallest reading and are approximate:
// "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000, "tens of
// thousands" 20000, "hundreds of thousands" 200000, "millions" 2000000.
// "about", "around", "some", "roughly", "approximately", "close to" and
// "(an) estimated" make a number approximate; every qualifier, approximate
// or not ("more than", "at least", "up to", "nearly"), is kept.
//
// A count is only coded when its clause says it happened: negated ("were
// not killed", "none of the 20 passengers was hurt"), hypothetical ("could
// kill thousands", "if 600 are killed"), intended ("threatened to kill 20
// hostages"), denied or future ("will arrest 30") clauses are skipped, as
// are measures ("24 hours", "29 years"), years, money and percentages.
package count

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"eventwire/doc"
)

// Stage is the pipeline stage "count": it needs "tokens" and adds "counts".
type Stage struct {
	lex        *lexicon
	closed     map[string]bool
	units      map[string]bool
	unreal     map[string]bool
	intent     map[string]bool
	qualifiers []qualifier
	qualFirst  map[string]bool // the opening words of the qualifiers
}

// New builds the stage and its word lists.
func New() *Stage {
	s := &Stage{
		lex:        newLexicon(),
		closed:     closedClass(),
		units:      units(),
		unreal:     unrealWords(),
		intent:     intentVerbs(),
		qualifiers: qualifiers(),
		qualFirst:  map[string]bool{},
	}
	for _, q := range s.qualifiers {
		s.qualFirst[q.words[0]] = true
	}
	return s
}

// Name returns "count".
func (*Stage) Name() string { return "count" }

// Needs returns the layers the stage reads.
func (*Stage) Needs() []string { return []string{"tokens"} }

// Adds returns the layer the stage fills.
func (*Stage) Adds() []string { return []string{"counts"} }

// Process fills d.Counts, replacing any earlier ones.
func (s *Stage) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Counts = s.Find(d)
	return nil
}

// Find returns the counts of d in text order. It finds none in a document
// whose Language is set to another language than English ("en").
func (s *Stage) Find(d *doc.Document) []doc.Count {
	out := []doc.Count{}
	if d.Language != "" && d.Language != "en" {
		return out
	}
	hasPOS, hasDeps := false, false
	for i := range d.Tokens {
		hasPOS = hasPOS || d.Tokens[i].POS != ""
		hasDeps = hasDeps || d.Tokens[i].Dep != ""
	}
	if len(d.Sentences) == 0 {
		return append(out, s.sentence(d, 0, len(d.Tokens), hasPOS, hasDeps).find()...)
	}
	for _, r := range d.Sentences {
		out = append(out, s.sentence(d, r.FirstToken, r.EndToken, hasPOS, hasDeps).find()...)
	}
	return out
}

// sentence is one sentence's tokens while matching; indexes are relative
// to first.
type sentence struct {
	st      *Stage
	d       *doc.Document
	first   int
	low     []string
	used    []bool
	hasPOS  bool
	hasDeps bool
	out     []doc.Count
}

func (s *Stage) sentence(d *doc.Document, from, to int, hasPOS, hasDeps bool) *sentence {
	if from < 0 || to > len(d.Tokens) || from > to {
		from, to = 0, 0
	}
	sn := &sentence{st: s, d: d, first: from, low: make([]string, to-from), used: make([]bool, to-from), hasPOS: hasPOS, hasDeps: hasDeps}
	for i := from; i < to; i++ {
		sn.low[i-from] = lower(&d.Tokens[i])
	}
	return sn
}

func (s *sentence) word(i int) string {
	if i < 0 || i >= len(s.low) {
		return ""
	}
	return s.low[i]
}

func (s *sentence) tok(i int) *doc.Token { return &s.d.Tokens[s.first+i] }

// wordsAt reports whether the sentence has words ws from token i.
func (s *sentence) wordsAt(i int, ws []string) bool {
	for k, w := range ws {
		if s.word(i+k) != w {
			return false
		}
	}
	return true
}

// lowerWord reports whether token i is a lower-case word that can belong
// to a noun phrase (not a function word).
func (s *sentence) lowerWord(i int) bool {
	if i < 0 || i >= len(s.low) || s.st.closed[s.low[i]] {
		return false
	}
	t := s.tok(i).Text
	r := []rune(t)
	return len(r) > 0 && unicode.IsLower(r[0]) && isAlpha(t)
}

func isAlpha(t string) bool {
	for _, r := range t {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return t != ""
}

// item is one number phrase with its object.
type item struct {
	n        num
	coreEnd  int // end of the number without a trailing "of"
	obj      string
	objStart int
	objEnd   int // end of the object, or coreEnd when there is none
}

func (s *sentence) find() []doc.Count {
	s.afterVerbs()
	for i := 0; i < len(s.low); i++ {
		if s.used[i] {
			continue
		}
		if end, ok := s.beforeState(i); ok {
			i = end - 1
			continue
		}
		s.tollOrNoun(i)
	}
	slices.SortStableFunc(s.out, func(a, b doc.Count) int { return a.Start - b.Start })
	return s.out
}

// afterVerbs finds "killed more than 600 Palestinians and 29 Israelis".
func (s *sentence) afterVerbs() {
	for t := range s.low {
		// "the deaths of 20 people", "the arrest of 30 activists".
		if typ, ok := s.st.lex.nounsOf[s.low[t]]; ok && s.word(t+1) == "of" {
			if items := s.items(t + 2); len(items) > 0 {
				s.emit(items, typ, !s.unrealBefore(t))
				continue
			}
		}
		typ, ok := s.st.lex.verbs[s.low[t]]
		if !ok && s.tok(t).Lemma != "" && s.tok(t).POS == "VERB" {
			// A form the lists lack, by its lemma: "slaughtered" is not
			// listed, "slaughter" is.
			lemma := strings.ToLower(s.tok(t).Lemma)
			if typ, ok = s.st.lex.verbs[lemma]; !ok {
				typ, ok = s.st.lex.lemmaVerbs[lemma]
			}
		}
		if !ok {
			continue
		}
		j := t + 1
		if need := s.st.lex.needParticle[s.low[t]]; need != "" {
			if s.word(j) != need {
				continue
			}
			j++
		} else if s.st.lex.particles[s.word(j)] {
			j++
		}
		items := s.items(j)
		if len(items) == 0 {
			continue
		}
		real := !s.unrealBefore(t) && !s.depUnreal(t)
		s.emit(items, typ, real)
	}
}

// beforeState finds "600 Palestinians and 29 Israelis were killed" and
// "left 29 dead" starting at token i; it returns the end of what it read.
func (s *sentence) beforeState(i int) (int, bool) {
	items := s.items(i)
	if len(items) == 0 {
		return 0, false
	}
	k := s.skipInsertion(items[len(items)-1].objEnd)
	k = s.skipConjunct(k)
	aux := k
	for n := 0; n < 6 && s.auxWord(k); n++ {
		k++
	}
	typ, end := "", 0
	for _, p := range s.st.lex.statePhrases {
		if s.wordsAt(k, p.words) {
			typ, end = p.typ, k+len(p.words)
			break
		}
	}
	if typ == "" {
		t, ok := s.st.lex.states[s.word(k)]
		if !ok {
			return 0, false
		}
		// "three gunmen killed 20 people", "dozens of companies demonstrated
		// their products": an active verb with its own object.
		if !intransitive(s.word(k)) && !s.passive(aux, k) && s.startsObject(k+1) {
			return 0, false
		}
		// "the two protest groups": a noun-like state before a noun
		// modifies it.
		if (s.word(k) == "protest" || s.word(k) == "die") && s.lowerWord(k+1) {
			return 0, false
		}
		typ, end = t, k+1
	}
	real := !s.unrealBefore(items[0].n.start) && !s.unrealIn(aux, k) && !s.depUnreal(k)
	s.emit(items, typ, real)
	return end, true
}

// skipInsertion skips a comma-delimited insertion that describes the
// counted ("600 Palestinians, most of them civilians, have been killed",
// "12 people, including three children, were hurt"): it returns the token
// after its closing comma, or k when there is none at k.
func (s *sentence) skipInsertion(k int) int {
	if s.word(k) != "," {
		return k
	}
	switch s.word(k + 1) {
	case "including", "among", "mostly", "most", "many", "mainly", "all", "some", "both", "almost", "nearly", "half":
	default:
		return k
	}
	for j := k + 2; j < len(s.low) && j <= k+12; j++ {
		switch s.low[j] {
		case ",":
			return j + 1
		case ";", ":", "(", ")":
			return k
		}
	}
	return k
}

// skipConjunct skips a conjunct without a number between the counted and
// its state ("four children and a man were killed": the four children are
// counted): it returns the token after it, or k when there is none.
func (s *sentence) skipConjunct(k int) int {
	if s.word(k) != "and" {
		return k
	}
	j := k + 1
	switch s.word(j) {
	case "a", "an", "one", "another", "the", "his", "her", "their":
		j++
	}
	start := j
	for j-start < 3 && s.objectWord(j) {
		j++
	}
	if j == start {
		return k
	}
	return j
}

// tollOrNoun finds "the death toll rose to 600" and "600 deaths" at token i.
func (s *sentence) tollOrNoun(i int) {
	items := s.items(i)
	if len(items) == 0 {
		return
	}
	start := items[0].n.start
	if s.tollLink(s.word(start - 1)) {
		for j := start - 1; j >= 0 && j >= start-10 && !clauseBreak(s.low[j]); j-- {
			if typ := tollNoun(s.low[j]); typ != "" && (typ == Kill && strings.HasPrefix(s.low[j], "toll") || s.risesTo(j+1, start)) {
				real := !s.unrealBefore(j) && !s.unrealIn(j+1, start)
				s.emit(items[:1], typ, real)
				return
			}
		}
	}
	for _, it := range items {
		head := s.word(it.objEnd - 1)
		if it.obj == "" {
			continue
		}
		nn, ok := s.st.lex.nouns[head]
		if !ok {
			continue
		}
		if !nn.people {
			it.obj = ""
		}
		s.emit([]item{it}, nn.typ, !s.unrealBefore(items[0].n.start))
	}
}

// tollNoun returns the count type of a word that names a running total:
// "the death toll rose to 600", "the number of injured rose to 80".
func tollNoun(w string) string {
	switch w {
	case "toll", "tolls", "deaths", "dead", "fatalities":
		return Kill
	case "injured", "wounded", "injuries":
		return Wound
	case "arrests", "arrested", "detained", "detentions":
		return Arrest
	}
	return ""
}

// risesTo reports whether tokens [a, b) hold a verb of a running total
// ("has risen to", "reached", "stands at"), which a count noun other than
// "toll" needs before its number.
func (s *sentence) risesTo(a, b int) bool {
	for j := a; j < b; j++ {
		switch s.low[j] {
		case "rose", "risen", "rise", "rises", "rising", "climbed", "climbs", "reached", "reaches", "hit",
			"hits", "passed", "passes", "topped", "tops", "surpassed", "exceeded", "increased", "jumped",
			"soared", "stood", "stands", "mounted":
			return true
		}
	}
	return false
}

// tollLink lists the words that link a toll to its number: "the death
// toll rose to 600", "stands at", "reached", "of".
func (s *sentence) tollLink(w string) bool {
	switch w {
	case "to", "at", "of", "reached", "reaches", "hit", "hits", "passed", "passes", "topped", "tops",
		"surpassed", "exceeded", "is", "was", "stood", "stands", "now":
		return true
	}
	return false
}

// auxWord lists what may stand between a counted object and its state:
// "600 people have reportedly been killed", "two were not hurt".
func (s *sentence) auxWord(i int) bool {
	w := s.word(i)
	switch w {
	case "were", "was", "have", "has", "had", "been", "are", "is", "be", "being", "reportedly",
		"also", "all", "confirmed", "later", "allegedly", "now", "so", "far", "believed", "thought",
		"feared", "said", "reported", "known", "to", "not", "n't", "never", "could", "would", "may",
		"might", "will", "'ll", "wo", "shall", "should", "must", "already", "still", "both", "each",
		"subsequently", "apparently", "initially", "officially", "since", "then", "got", "get":
		return true
	}
	return strings.HasSuffix(w, "ly") && len(w) > 4 && s.lowerWord(i)
}

// passive reports whether the words [a, b) before a state hold a form of
// "be" or "get": "were killed", "have been detained", "got arrested".
func (s *sentence) passive(a, b int) bool {
	for j := a; j < b; j++ {
		switch s.low[j] {
		case "were", "was", "been", "are", "is", "be", "being", "got", "get", "gets":
			return true
		}
	}
	return false
}

// intransitive reports whether a state word never takes an object, so
// what follows it is no object ("3000 died over 30 years").
func intransitive(w string) bool {
	switch w {
	case "dead", "died", "die", "dies", "perished", "homeless", "fled":
		return true
	}
	return false
}

// startsObject reports whether token i opens a noun phrase, as after an
// active verb.
func (s *sentence) startsObject(i int) bool {
	switch s.word(i) {
	case "the", "a", "an", "his", "her", "their", "its", "our", "two", "three", "at", "more", "dozens",
		"hundreds", "thousands", "some", "about", "over", "nearly", "almost", "up":
		return true
	}
	if _, ok := s.number(i); ok {
		return true
	}
	t := s.text(i)
	return t != "" && unicode.IsUpper([]rune(t)[0])
}

// text returns the text of token i, or "" out of range.
func (s *sentence) text(i int) string {
	if i < 0 || i >= len(s.low) {
		return ""
	}
	return s.tok(i).Text
}

// items reads a number phrase and its object at i, and any further ones
// joined to it by "and" or commas ("600 Palestinians and 29 Israelis").
func (s *sentence) items(i int) []item {
	var out []item
	for {
		if i >= len(s.low) || s.used[i] {
			return out
		}
		n, ok := s.number(i)
		if !ok {
			return out
		}
		it := item{n: n, coreEnd: n.end}
		if n.end > n.start && s.word(n.end-1) == "of" {
			it.coreEnd = n.end - 1
		}
		it.objStart, it.objEnd, ok = s.object(n)
		if !ok {
			return out
		}
		if it.objEnd > it.objStart {
			it.obj = s.d.Slice(doc.Span{Start: s.tok(it.objStart).Start, End: s.tok(it.objEnd - 1).End})
		} else {
			it.objEnd = it.coreEnd
		}
		out = append(out, it)
		j := it.objEnd
		if s.word(j) == "," {
			j++
		}
		if s.word(j) == "and" {
			j++
		}
		if j == it.objEnd {
			return out
		}
		if _, ok := s.number(j); !ok {
			return out
		}
		i = j
	}
}

// object returns the counted object after number phrase n as a token
// range (empty when there is none), or false when the number is a measure
// ("24 hours").
func (s *sentence) object(n num) (int, int, bool) {
	k := n.end
	if s.word(k) == "of" && isDeterminer(s.word(k+1)) {
		k += 2
	}
	start := k
	if s.hasDeps {
		if a, b, ok := s.depObject(n); ok {
			start, k = a, b
			if s.st.units[s.word(k-1)] {
				return 0, 0, false
			}
			return start, k, true
		}
	}
	for k-start < 3 && s.objectWord(k) {
		// A participle only opens the object as a modifier: "armed men",
		// not "pupils dodging school".
		if w := s.low[k]; (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) && (k > start || !s.objectWord(k+1)) {
			break
		}
		k++
	}
	// "two of the band's guitarists": the owner is not what is counted.
	if k > start && s.word(k) == "'s" && s.objectWord(k+1) {
		start, k = k+1, k+1
		for k-start < 3 && s.objectWord(k) {
			k++
		}
	}
	if s.hasPOS {
		for k > start && s.tok(k-1).POS == "ADJ" {
			k--
		}
	}
	if k > start && s.st.units[s.low[k-1]] {
		return 0, 0, false
	}
	return start, k, true
}

// objectWord reports whether token i can be part of a counted object.
func (s *sentence) objectWord(i int) bool {
	if i < 0 || i >= len(s.low) {
		return false
	}
	w := s.low[i]
	if s.st.closed[w] || !isAlpha(s.tok(i).Text) {
		return false
	}
	if !s.hasPOS && strings.HasSuffix(w, "ly") && len(w) > 4 {
		return false // an adverb: "two men starkly demonstrated"
	}
	if _, ok := s.st.lex.states[w]; ok {
		return false
	}
	if _, ok := s.st.lex.verbs[w]; ok {
		return false
	}
	if _, ok := unitWord(w); ok || vagueWord(w) > 0 || scaleWord(w) > 0 {
		return false
	}
	if s.hasPOS {
		switch s.tok(i).POS {
		case "NOUN", "PROPN", "ADJ":
		default:
			return false
		}
	}
	return true
}

// depObject reads the object from the parse: the noun the number modifies
// (nummod), with the words between them.
func (s *sentence) depObject(n num) (int, int, bool) {
	last := n.end - 1
	if s.word(last) == "of" {
		last--
	}
	t := s.tok(last)
	if t.Dep != "nummod" {
		return 0, 0, false
	}
	h := t.Head - s.first
	if h < n.end || h > n.end+4 || h >= len(s.low) {
		return 0, 0, false
	}
	// "70 gun crime deaths" with the number on "gun": the compound's head.
	for k := 0; k < 4 && h < len(s.low); k++ {
		ht := s.tok(h)
		h2 := ht.Head - s.first
		if (ht.Dep != "compound" && ht.Dep != "amod") || h2 <= h || h2 > n.end+4 || h2 >= len(s.low) {
			break
		}
		h = h2
	}
	start := n.end
	if s.word(start) == "of" && isDeterminer(s.word(start+1)) {
		start += 2
	}
	if start > h {
		return 0, 0, false
	}
	// "20 wounded", "three dead astronauts": a state is not part of the
	// object; the object stops before it, as without a parse.
	for j := start; j <= h; j++ {
		if _, ok := s.st.lex.states[s.low[j]]; ok {
			return start, j, true
		}
		// A parse that hangs the number on a function word ("600
		// Palestinians were"): fall back to the words.
		if s.st.closed[s.low[j]] || !isAlpha(s.tok(j).Text) {
			return 0, 0, false
		}
	}
	switch s.tok(h).POS {
	case "NOUN", "PROPN", "":
	default:
		return 0, 0, false
	}
	return start, h + 1, true
}

// clauseBreak reports whether w closes the clause when looking back from
// a trigger.
func clauseBreak(w string) bool {
	switch w {
	case ",", ";", ":", "that", "which", "who", "\"", "said", "says", "but", "while", "(", ")", "-", "--", "—", "–":
		return true
	}
	return false
}

// unrealBefore reports whether the clause before token i makes what
// follows negated, hypothetical, intended or future.
func (s *sentence) unrealBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		w := s.low[j]
		if clauseBreak(w) {
			// "denied that 20 were killed": a denial reaches into its clause.
			if w == "that" && s.st.unreal[s.word(j-1)] {
				return true
			}
			break
		}
		if s.st.unreal[w] {
			return true
		}
		if w == "to" && s.st.intent[s.word(j-1)] {
			return true
		}
	}
	for j := i - 1; j >= 0; j-- {
		w := s.low[j]
		if w == "," || w == ";" || w == ":" {
			break
		}
		if w == "if" || w == "unless" || w == "whether" {
			return true
		}
	}
	return false
}

// unrealIn reports whether tokens [a, b) hold a negation, modal or
// intention ("could be killed", "were not hurt", "expected to be freed").
func (s *sentence) unrealIn(a, b int) bool {
	for j := a; j < b && j < len(s.low); j++ {
		if s.st.unreal[s.low[j]] || s.low[j] == "to" && s.st.intent[s.word(j-1)] {
			return true
		}
	}
	return false
}

// depUnreal reads negation, modals and conditions off the parse, when
// there is one: the trigger's own aux, neg, advmod and mark dependents,
// those of the verb it is coordinated with, and an intent verb that
// governs it ("threatened to kill").
func (s *sentence) depUnreal(t int) bool {
	if !s.hasDeps || t < 0 || t >= len(s.low) {
		return false
	}
	heads := []int{t}
	tt := s.tok(t)
	h := tt.Head - s.first
	if h >= 0 && h < len(s.low) {
		switch tt.Dep {
		case "conj":
			heads = append(heads, h)
		case "xcomp":
			if s.st.intent[s.low[h]] || s.st.intent[strings.ToLower(s.tok(h).Lemma)] {
				return true
			}
		}
	}
	for i := range s.low {
		c := s.tok(i)
		for _, hh := range heads {
			if c.Head-s.first != hh {
				continue
			}
			switch c.Dep {
			case "aux", "aux:pass", "neg", "advmod", "mark":
				if s.st.unreal[s.low[i]] {
					return true
				}
			}
		}
	}
	return false
}

// emit adds the counts for items. Their tokens are marked used either way,
// so that a count skipped as unreal is not coded by another pattern.
func (s *sentence) emit(items []item, typ string, real bool) {
	for _, it := range items {
		for j := it.n.start; j < it.objEnd && j < len(s.used); j++ {
			s.used[j] = true
		}
		if !real {
			continue
		}
		span := doc.Span{Start: s.tok(it.n.start).Start, End: s.tok(it.objEnd - 1).End}
		c := doc.Count{
			Span:        span,
			Text:        s.d.Slice(span),
			Type:        typ,
			Number:      it.n.value,
			Approximate: it.n.approximate,
			Qualifier:   it.n.qualifier,
			Object:      it.obj,
			Place:       s.place(it.n.start, it.objEnd),
		}
		s.out = append(s.out, c)
	}
}

// place returns the place of a count: the nearest LOCATION entity with a
// GeoNames match mentioned in the same sentence after a locative
// preposition ("in Gaza"), at most 12 tokens from the count.
func (s *sentence) place(a, b int) *doc.Place {
	if len(s.d.Entities) == 0 || len(s.low) == 0 {
		return nil
	}
	sent := doc.Span{Start: s.tok(0).Start, End: s.tok(len(s.low) - 1).End}
	var best *doc.Place
	bestDist := 13
	for ei := range s.d.Entities {
		e := &s.d.Entities[ei]
		if e.Type != doc.Location || e.Place == nil {
			continue
		}
		for _, m := range e.Mentions {
			if !sent.Contains(m.Span) {
				continue
			}
			ti := s.d.TokenAt(m.Start) - s.first
			if ti < 0 {
				continue
			}
			switch s.word(ti - 1) {
			case "in", "at", "near", "across", "outside", "inside", "throughout", "around", "on":
			default:
				continue
			}
			dist := a - ti
			if ti >= b {
				dist = ti - b + 1
			} else if ti >= a {
				dist = 0
			}
			if dist < bestDist {
				best, bestDist = e.Place, dist
			}
		}
	}
	return best
}

// lower returns the token's normalised form (straight quotes), lower-cased.
func lower(t *doc.Token) string {
	w := t.Norm
	if w == "" {
		w = strings.ReplaceAll(t.Text, "’", "'")
	}
	return strings.ToLower(w)
}
