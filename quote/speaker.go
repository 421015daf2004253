package quote

import (
	"sort"
	"strings"
	"unicode"

	"eventwire/doc"
)

// nameRun is a run of capitalised words in the document, stripped of titles
// and sentence words: a candidate name for resolving "Mr Davies" to
// "Quentin Davies" when no entity layer is present.
type nameRun struct {
	doc.Span
	words []string
	// titled is set when a personal title stood before the run ("Mr", "Sir").
	titled bool
	// peer is the title that belongs to the name ("Lord", "Sir", "Baroness").
	peer string
	// title is the personal title before the run, lower-cased ("mr", "ms").
	title string
}

func (r nameRun) String() string { return strings.Join(r.words, " ") }

// runsIn returns the capitalised runs of np, each stripped of leading
// titles, roles and sentence words; of/for/from between capitalised words
// joins a run only when both sides are capitalised ("Bank of England").
func runsIn(ws []word) []nameRun {
	var out []nameRun
	for i := 0; i < len(ws); {
		if !ws[i].isCap() || ws[i].isPunct() {
			i++
			continue
		}
		j := i
		for j < len(ws) {
			if ws[j].isCap() && !ws[j].isPunct() {
				if j > i && orgWords[ws[j-1].lower()] && j+1 < len(ws) && ws[j+1].isCap() && personLike(strip(ws[j:min(len(ws), j+2)])) {
					break // "the Environmental Audit Committee Peter Ainsworth MP"
				}
				j++
				continue
			}
			l := ws[j].lower()
			if (l == "of" || l == "for") && j+1 < len(ws) && ws[j+1].isCap() && j > i && !titles[ws[j-1].lower()] && !personLike(strip(ws[i:j])) {
				j++
				continue
			}
			if (l == "and" || l == "&") && j > i && endsOrg(ws[j+1:]) {
				j++ // "Finance and Economy Ministry", "Marks & Spencer"
				continue
			}
			if l == "'s" || l == "’s" {
				break
			}
			break
		}
		out = append(out, strip(ws[i:j]))
		i = j
	}
	kept := out[:0]
	for _, r := range out {
		if len(r.words) > 0 {
			kept = append(kept, r)
		}
	}
	return kept
}

// endsOrg reports whether the capitalised run at the start of ws ends with
// an organisation word ("Economy Ministry").
func endsOrg(ws []word) bool {
	k := 0
	for k < len(ws) && k < maxNP && ws[k].isCap() && !ws[k].isPunct() {
		k++
	}
	return k > 0 && orgWords[ws[k-1].lower()]
}

// postNominals follow a name and are not part of it.
var postNominals = set("mp", "qc", "kc", "mep", "msp", "am", "obe", "mbe", "cbe", "jr", "jr.", "sr", "sr.", "phd")

// peerTitles belong to the name they stand before ("Lord Falconer").
var peerTitles = set("lord", "lady", "baroness", "baron", "sir", "dame")

// titleGender gives the sex a personal title marks, for "he" and "she".
var titleGender = map[string]string{"mr": "m", "sir": "m", "lord": "m", "baron": "m", "mrs": "f", "ms": "f", "miss": "f",
	"lady": "f", "dame": "f", "baroness": "f"}

// personalTitles mark the name after them as a person's.
var personalTitles = set("mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor", "mr.", "mrs.", "ms.", "dr.", "baroness", "rev")

// strip removes leading titles, roles and sentence words from a run.
func strip(ws []word) nameRun {
	r := nameRun{}
	i := 0
	// An organisation's name keeps its role words: "Finance Ministry".
	org := len(ws) > 1 && orgWords[strings.ToLower(ws[len(ws)-1].text)]
	// A role inside the run ends its description: "Metropolitan Police
	// Commissioner Sir John Stevens", "London Mayor Ken Livingstone".
	if !org {
		for k := len(ws) - 2; k > 0; k-- {
			l := strings.TrimSuffix(strings.ToLower(ws[k].text), ".")
			if titles[l] || personalTitles[l] {
				i = k
				break
			}
		}
	}
	for i < len(ws) {
		l := strings.TrimSuffix(ws[i].lower(), "'")
		if personalTitles[l] {
			r.titled = true
			r.title = strings.TrimSuffix(l, ".")
			if peerTitles[l] {
				r.peer = ws[i].text
			}
		}
		if i == len(ws)-1 && !sentenceWords[l] && !personalTitles[l] {
			break // a run keeps its last word: "Labour", "Tories"
		}
		if titles[l] && !org || sentenceWords[l] || l == "of" || l == "for" || strings.HasPrefix(l, "ex-") || i == 0 && len(l) >= 6 && strings.HasSuffix(l, "ing") {
			i++
			continue
		}
		break
	}
	if i >= len(ws) {
		return r
	}
	// Post-nominal letters: "Peter Ainsworth MP", "Ian MacDonald QC".
	end := len(ws)
	for end-1 > i && postNominals[strings.ToLower(ws[end-1].text)] {
		end--
	}
	ws = ws[:end]
	r.Span = doc.Span{Start: ws[i].Start, End: ws[len(ws)-1].End}
	for _, w := range ws[i:] {
		r.words = append(r.words, strings.TrimRight(w.text, "'’"))
	}
	return r
}

// personLike reports whether a run reads as a person's name.
func personLike(r nameRun) bool {
	if len(r.words) == 0 {
		return false
	}
	for _, w := range r.words {
		l := strings.ToLower(w)
		if orgWords[l] || l == "of" || l == "for" || isAcronym(w) {
			return false
		}
	}
	if r.titled {
		return true
	}
	return len(r.words) >= 2 && len(r.words) <= 4
}

// isAcronym reports whether w is an upper-case abbreviation ("ADB", "NUJ").
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 7 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '.' && r != '&' {
			return false
		}
	}
	return true
}

// canonical returns the fullest name the document gives for run r: the
// first full name with the same surname ("Mr Davies" -> "Quentin Davies"),
// the expansion of an acronym ("ADB" -> "Asian Development Bank"), or r.
func (a *analysis) canonical(r nameRun) nameRun {
	if len(r.words) == 0 {
		return r
	}
	if len(r.words) == 1 {
		w := r.words[0]
		if isAcronym(w) {
			if x, ok := a.acronyms[w]; ok {
				return x
			}
			return r
		}
		i, ok := a.byLast[w]
		if j, ok2 := a.byFirst[w]; r.titled && ok2 && (!ok || j < i) {
			i, ok = j, true
		}
		if ok {
			c := a.runs[i]
			c.titled = c.titled || r.titled
			return c
		}
		if r.peer != "" {
			// "Lord Falconer": the peerage is the name.
			r.words = []string{r.peer, w}
		}
		return r
	}
	// A longer run that ends with the same words ("Tony Blair" for "Blair").
	s := r.String()
	if i, ok := a.byLast[r.words[len(r.words)-1]]; ok {
		for _, c := range a.runs[i:min(len(a.runs), i+maxLookback)] {
			if len(c.words) > len(r.words) && personLike(c) && strings.HasSuffix(c.String(), " "+s) {
				return c
			}
		}
	}
	return r
}

// maxLookback bounds how far back pronouns, nominals and names are
// resolved, so that no input makes the stage quadratic.
const maxLookback = 400

// indexRuns fills byLast and byFirst: the first person-like run of two or
// more words ending with (or starting with) each word.
func (a *analysis) indexRuns() {
	a.byLast, a.byFirst = map[string]int{}, map[string]int{}
	for i, c := range a.runs {
		if len(c.words) < 2 || !personLike(c) {
			continue
		}
		if _, ok := a.byLast[c.words[len(c.words)-1]]; !ok {
			a.byLast[c.words[len(c.words)-1]] = i
		}
		if _, ok := a.byFirst[c.words[0]]; !ok {
			a.byFirst[c.words[0]] = i
		}
	}
}

// acronymsOf finds "Long Name (ACR)" pairs and names whose initials spell
// an acronym used elsewhere.
func acronymsOf(text string, runs []nameRun) map[string]nameRun {
	m := map[string]nameRun{}
	for _, r := range runs {
		if r.End+2 >= len(text) || text[r.End] != ' ' || text[r.End+1] != '(' {
			continue
		}
		e := strings.IndexByte(text[r.End+2:min(len(text), r.End+12)], ')')
		if e <= 0 {
			continue
		}
		acr := text[r.End+2 : r.End+2+e]
		if isAcronym(acr) {
			if _, ok := m[acr]; !ok {
				m[acr] = r
			}
		}
	}
	for _, r := range runs {
		if len(r.words) < 2 {
			continue
		}
		var b strings.Builder
		plain := true
		for _, w := range r.words {
			if isAcronym(w) {
				plain = false
			}
			if w == "of" || w == "for" || w == "and" {
				continue
			}
			b.WriteString(strings.ToUpper(w[:1]))
		}
		if _, ok := m[b.String()]; !ok && b.Len() >= 2 && plain {
			m[b.String()] = r
		}
	}
	return m
}

// entityAt returns the entity with a mention overlapping s, preferring
// people and organisations, and the mention.
func (a *analysis) entityAt(s doc.Span) (*doc.Entity, *doc.Mention) {
	var best *doc.Entity
	var bestM *doc.Mention
	rank := func(t string) int {
		switch t {
		case doc.Person:
			return 3
		case doc.Organization, doc.Group:
			return 2
		}
		return 1
	}
	for i := range a.d.Entities {
		e := &a.d.Entities[i]
		for j := range e.Mentions {
			m := &e.Mentions[j]
			if m.Overlaps(s) && (best == nil || rank(e.Type) > rank(best.Type)) {
				best, bestM = e, m
			}
		}
	}
	return best, bestM
}

// entityNamed returns the entity whose name or a mention equals name, or
// whose name ends with it (a surname), or nil.
func (a *analysis) entityNamed(name string) *doc.Entity {
	same := strings.EqualFold
	if len(name) <= 3 {
		same = func(a, b string) bool { return a == b } // "Us" is not "US"
	}
	for i := range a.d.Entities {
		e := &a.d.Entities[i]
		if same(e.Name, name) {
			return e
		}
		for _, m := range e.Mentions {
			if same(m.Text, name) {
				return e
			}
		}
	}
	for i := range a.d.Entities {
		e := &a.d.Entities[i]
		if e.Type == doc.Person && strings.HasSuffix(e.Name, " "+name) {
			return e
		}
	}
	return nil
}

// speaker turns a subject noun phrase into a speaker: an entity of the
// article, a name, an anonymous source ("a US official") or a nominal
// resolved to an earlier speaker ("the official"). at is the offset the
// phrase is read at, for pronouns. It returns nil for phrases that cannot
// speak.
func (a *analysis) speaker(np []word) *doc.Speaker {
	if n := len(np); n >= 4 && np[n-1].text == ")" && np[n-3].text == "(" {
		np = np[:n-3] // "the British Bankers' Association (BBA)"
	}
	// A sentence-opening adverb is not part of the phrase: "Privately
	// ministers believe ...".
	if len(np) > 1 && np[0].isCap() && strings.HasSuffix(np[0].lower(), "ly") && !a.capMid[np[0].text] {
		np = np[1:]
	}
	if len(np) == 0 {
		return nil
	}
	full := doc.Span{Start: np[0].Start, End: np[len(np)-1].End}
	first := np[0].lower()
	if len(np) == 1 && pronouns[first] {
		// Speech attribution follows the speaker in focus (subjects and
		// speakers of earlier sentences) better than general
		// coreference; the entity layer's link is the fallback.
		sp := a.focusAt(full.Start, first)
		if sp == nil {
			if e, m := a.entityAt(full); e != nil {
				return &doc.Speaker{EntityID: e.ID, Name: e.Name, Span: &m.Span}
			}
			return nil
		}
		c := *sp
		c.Span = &full
		return &c
	}
	// "a spokeswoman for the Information Commissioner's Office": an
	// anonymous source described by whom it speaks for.
	if first == "a" || first == "an" || first == "one" {
		for i := 1; i+1 < len(np); i++ {
			if l := np[i+1].lower(); (l == "for" || l == "of" || l == "at" || l == "from") && sourceNouns[np[i].lower()] {
				return &doc.Speaker{Name: lowerFirst(npText(a.text, np)), Anonymous: true, Span: &full}
			}
		}
	}
	last := np[len(np)-1]
	runs := runsIn(np)
	// "the Salford MP" is a description; "the ... Peter Ainsworth MP" a name.
	headLower := !last.isCap() && !isPossessive(last) ||
		first == "the" && titles[last.lower()] && (len(runs) == 0 || !personLike(runs[len(runs)-1]))
	// An entity mentioned by the phrase's name.
	if len(runs) > 0 && !headLower {
		h := a.headRun(np, runs)
		if h.titled {
			// The mention keeps a personal title: "Mr Davies".
			for i := range np {
				if np[i].Start < h.Start && personalTitles[strings.TrimSuffix(np[i].lower(), ".")] && (i+1 < len(np) && np[i+1].Start == h.Start) {
					h.Span.Start = np[i].Start
				}
			}
		}
		c := a.canonical(h).String()
		if e := a.entityNamed(c); e != nil {
			return &doc.Speaker{EntityID: e.ID, Name: e.Name, Span: &h.Span}
		}
		if e, _ := a.entityAt(h.Span); e != nil {
			name := e.Name
			if len(c) > len(name) && strings.Contains(c, name) {
				name = c // the entity layer kept a shorter name ("Digby")
			}
			return &doc.Speaker{EntityID: e.ID, Name: name, Span: &h.Span}
		}
		return &doc.Speaker{Name: c, Span: &h.Span}
	}
	if len(runs) == 0 && len(np) == 1 && last.isCap() {
		return nil // a sentence word on its own
	}
	desc := npText(a.text, np)
	head := last.lower()
	if determiners[first] && !possessives[first] {
		if sp := a.nominalAt(full.Start, head); sp != nil {
			c := *sp
			c.Span = &full
			return &c
		}
	}
	// A nominal phrase the entity layer links.
	if e, m := a.entityAt(full); e != nil && m.Kind != doc.MentionName && first != "a" && first != "an" {
		return &doc.Speaker{EntityID: e.ID, Name: e.Name, Span: &m.Span}
	}
	switch {
	case first == "a" || first == "an" || first == "one" || first == "two" || first == "three" || first == "several" || first == "some" || first == "many" || first == "other" || first == "another":
		return &doc.Speaker{Name: lowerFirst(desc), Anonymous: true, Span: &full}
	case possessives[first] && !sourceNouns[head] && !titles[head]:
		return nil // "his golden economic rule"
	case determiners[first] || first == "the":
		if sp := a.nominalAt(full.Start, head); sp != nil {
			c := *sp
			c.Span = &full
			return &c
		}
		if personSources[head] && len(runs) > 0 {
			// "the Tory spokesman": a person described by whom he speaks
			// for, not the party itself.
			return &doc.Speaker{Name: lowerFirst(desc), Anonymous: true, Span: &full}
		}
		// "the ADB report": the organisation named in the phrase.
		for _, r := range runs {
			if !ofOrg[head] {
				break
			}
			c := a.canonical(r)
			if isAcronym(r.String()) || !personLike(c) {
				if e := a.entityNamed(c.String()); e != nil {
					return &doc.Speaker{EntityID: e.ID, Name: e.Name, Span: &r.Span}
				}
				return &doc.Speaker{Name: c.String(), Span: &r.Span}
			}
		}
		if personNominals[head] || strings.HasSuffix(head, "-year-old") {
			if sp := a.focusAt(full.Start, "he"); sp != nil {
				c := *sp
				c.Span = &full
				return &c
			}
		}
		if orgNominals[head] {
			if sp := a.orgFocusAt(full.Start); sp != nil {
				c := *sp
				c.Span = &full
				return &c
			}
		}
		if !sourceNouns[head] && !titles[head] && !bodyNominals[head] {
			return nil
		}
		return &doc.Speaker{Name: lowerFirst(desc), Span: &full}
	case sourceNouns[head] || titles[head]:
		// A bare plural or role: "analysts", "industry experts", "lenders".
		return &doc.Speaker{Name: lowerFirst(desc), Anonymous: true, Span: &full}
	}
	return nil
}

// personNominals refer back to the person last in focus ("the singer
// wrote", "the minister said").
var personNominals = set("singer", "star", "actor", "actress", "rapper", "minister", "chancellor", "president", "premier",
	"leader", "mp", "player", "coach", "manager", "striker", "chairman", "chairwoman", "boss", "director", "musician",
	"artist", "writer", "author", "comedian", "presenter", "veteran", "businessman", "businesswoman", "tycoon",
	"billionaire", "entrepreneur", "founder", "governor", "senator", "mayor", "secretary", "prince", "princess", "king",
	"queen", "judge", "driver", "rider", "champion", "captain", "winger", "midfielder", "defender", "goalkeeper",
	"batsman", "bowler", "athlete", "sprinter", "golfer", "dancer", "model", "designer", "producer", "frontman", "diplomat",
	"co-chairman", "vice-chairman")

// personSources are anonymous sources that are one person ("a spokeswoman
// for the Information Commissioner's Office").
var personSources = set("official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "aide", "analyst", "witness",
	"resident", "insider", "executive", "expert", "observer", "economist", "officer", "member", "colleague", "friend",
	"neighbour", "activist", "lawyer", "minister", "commander", "doctor", "judge", "person", "source", "adviser",
	"advisor", "employee", "worker", "man", "woman", "boy", "girl", "student", "teacher", "nurse", "soldier", "fan")

// kinNouns before a name mark it as a person's.
var kinNouns = set("daughter", "son", "wife", "husband", "mother", "father", "brother", "sister", "partner", "girlfriend",
	"boyfriend", "widow", "widower", "uncle", "aunt", "cousin", "niece", "nephew", "grandson", "granddaughter")

// orgNominals refer back to the organisation last in focus ("the firm said").
var orgNominals = set("company", "firm", "group", "airline", "bank", "carmaker", "retailer", "club", "insurer", "lender",
	"broadcaster", "network", "chain", "maker", "manufacturer", "operator", "giant", "business", "corporation", "supermarket")

// bodyNominals are public bodies that speak under a description ("the
// government said", "the prime minister's office said").
var bodyNominals = set("government", "office", "ministry", "department", "police", "embassy", "army", "military",
	"council", "committee", "commission", "agency", "authority", "authorities", "regulator", "watchdog", "court",
	"union", "party", "opposition", "administration", "cabinet", "executive", "board", "charity", "organisation")

// ofOrg are heads whose capitalised modifier is the speaker ("the ADB
// report", "a BBC spokesman").
var ofOrg = set("report", "statement", "survey", "study", "spokesman", "spokeswoman", "spokesperson", "source", "sources",
	"official", "officials", "figures", "data", "research", "analysis", "paper", "document", "filing")

// orgFocusAt returns the latest organisation in focus before off: a
// single-word name or an entity of the article.
func (a *analysis) orgFocusAt(off int) *doc.Speaker {
	return a.latest(off, func(f focusPoint) bool {
		return !f.person && f.sp != nil && !f.sp.Anonymous && (f.sp.EntityID != "" || !strings.Contains(f.nominal, " "))
	})
}

// latest returns the speaker of the focus point before off that matches
// ok and stands latest in the text, looking back a bounded number of points.
func (a *analysis) latest(off int, ok func(focusPoint) bool) *doc.Speaker {
	best, after := -1, 0
	start := a.focusBefore(off)
	for i := start; i >= 0 && start-i < maxLookback && after < 8; i-- {
		if best >= 0 {
			after++ // out-of-order points lie within one sentence
		}
		f := a.focus[i]
		if f.at >= off || !ok(f) {
			continue
		}
		if best < 0 || f.at > a.focus[best].at {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return a.focus[best].sp
}

// possessives are determiners that make a phrase someone's thing.
var possessives = set("his", "her", "their", "its", "our", "my", "your")

// headRun picks the run that names the speaker: the last one, unless it
// only names where the speaker works ("Matthew Herren from EduVision").
func (a *analysis) headRun(np []word, runs []nameRun) nameRun {
	h := runs[len(runs)-1]
	if len(runs) < 2 {
		return h
	}
	prev := runs[len(runs)-2]
	// Is there a preposition right before the last run?
	for i, w := range np {
		if w.Start >= h.Start {
			if i > 0 {
				l := np[i-1].lower()
				if (l == "of" || l == "from" || l == "at" || l == "for" || l == "with") && personLike(a.canonical(prev)) {
					return prev
				}
			}
			break
		}
	}
	return h
}

// lowerFirst lower-cases a leading article ("A US official" -> "a US official").
func lowerFirst(s string) string {
	for _, art := range []string{"A ", "An ", "The ", "One ", "Some ", "Several ", "Many ", "Other ", "Another "} {
		if strings.HasPrefix(s, art) {
			return strings.ToLower(art[:1]) + s[1:]
		}
	}
	return s
}

// focusPoint is a speaker or sentence subject met while reading, for
// resolving later pronouns and nominals.
type focusPoint struct {
	at      int
	sp      *doc.Speaker
	person  bool
	nominal string // the words of the phrase, lower-cased, for "the official"
	// cue is the end of the speech verb this point is the subject of, or 0.
	cue int
	// gender is "m" or "f" when a title in the article shows it ("Mr Eavis").
	gender string
}

// focusAt resolves a pronoun at offset off to the latest fitting focus point.
func (a *analysis) focusAt(off int, pronoun string) *doc.Speaker {
	wantPerson := pronoun == "he" || pronoun == "she" || pronoun == "i"
	return a.latest(off, func(f focusPoint) bool {
		if pronoun == "he" && f.gender == "f" || pronoun == "she" && f.gender == "m" {
			return false
		}
		return !(wantPerson && !f.person || !wantPerson && pronoun == "it" && f.person)
	})
}

// genders records the sex that personal titles give each full name of the
// article ("Mr Eavis" makes "Michael Eavis" male).
func (a *analysis) genders() {
	a.gender = map[string]string{}
	for _, r := range a.runs {
		if g := titleGender[r.title]; g != "" {
			name := a.canonical(r).String()
			if old, ok := a.gender[name]; ok && old != g {
				a.gender[name] = "?" // two people share the surname
				continue
			}
			a.gender[name] = g
		}
	}
}

// focusBefore returns the index of the last focus point that may lie
// before off: points are recorded in reading order, a few out of order
// within one sentence, so the search starts a little after.
func (a *analysis) focusBefore(off int) int {
	i := sort.Search(len(a.focus), func(i int) bool { return a.focus[i].at >= off })
	return min(len(a.focus)-1, i+8)
}

// nominalAt resolves "the official" to the latest focus point whose phrase
// holds the same head noun ("a US official").
func (a *analysis) nominalAt(off int, head string) *doc.Speaker {
	for i := a.focusBefore(off); i >= 0 && i > a.focusBefore(off)-maxLookback; i-- {
		f := a.focus[i]
		if f.at >= off || f.nominal == "" {
			continue
		}
		for _, w := range strings.Fields(f.nominal) {
			if w == head {
				return f.sp
			}
		}
	}
	return nil
}

// isPersonSpeaker reports whether sp names a person.
func (a *analysis) isPersonSpeaker(sp *doc.Speaker, np []word) bool {
	if len(np) == 1 && pronouns[np[0].lower()] {
		l := np[0].lower()
		return l == "he" || l == "she" || l == "i"
	}
	if sp == nil || sp.Anonymous {
		if sp == nil {
			return false
		}
		for _, w := range np {
			l := w.lower()
			if l == "for" || l == "of" || l == "at" {
				break
			}
			if personSources[l] {
				return true
			}
		}
		return false
	}
	if len(np) > 0 {
		for _, w := range np {
			if l := w.lower(); personSources[l] || personNominals[l] || kinNouns[l] {
				return true // "Mr Eavis' daughter Emily", "the spokesman"
			}
		}
	}
	if sp.EntityID != "" {
		if e := a.d.EntityByID(sp.EntityID); e != nil && e.Type == doc.Person {
			return true
		}
	}
	if sp.Span != nil {
		for _, n := range a.d.Names {
			if n.Overlaps(*sp.Span) && n.Label == "PER" {
				return true
			}
		}
	}
	ws := strings.Fields(sp.Name)
	r := nameRun{words: ws}
	if len(np) > 0 {
		r = runsOrEmpty(np)
	}
	c := a.canonical(r)
	return personLike(c)
}

// runsOrEmpty returns the last run of np, or an empty run.
func runsOrEmpty(np []word) nameRun {
	rs := runsIn(np)
	if len(rs) == 0 {
		return nameRun{}
	}
	return rs[len(rs)-1]
}
