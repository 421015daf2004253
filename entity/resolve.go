package entity

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"eventwire/actors"
	"eventwire/doc"
	"eventwire/geo"
)

// mention is one candidate mention while the resolver works.
type mention struct {
	doc.Span
	first, end int // word range
	text       string
	// name is the name inside text: text without the title a person's
	// mention was extended over ("John Kerry" in "US Secretary of State
	// John Kerry").
	name    string
	kind    string // doc.MentionName, MentionPronoun, MentionNominal
	typ     string // doc.Person ...
	country *geo.Country
	ent     int // index into resolver.ents, -1 until resolved
	gender  byte
}

// ent is one entity while the resolver works.
type ent struct {
	typ      string
	key      string
	role     string
	country  string
	cameo    string
	place    *doc.Place
	geo      *geo.Country
	mentions []int
	gender   byte
	// words are the folded words of the longest name, for name matching.
	words []string
}

type resolver struct {
	s       *Stage
	d       *doc.Document
	v       *view
	ments   []mention
	ents    []*ent
	covered []bool
	byKey   map[string]int
	about   map[string]float64
}

func newResolver(s *Stage, d *doc.Document) *resolver {
	v := newView(d)
	return &resolver{s: s, d: d, v: v, covered: make([]bool, len(v.words)), byKey: map[string]int{},
		about: map[string]float64{}}
}

func (r *resolver) run() {
	r.scanEpithets()
	r.collectNames()
	r.scanCountries()
	r.propagate()
	sort.SliceStable(r.ments, func(i, j int) bool { return r.ments[i].Start < r.ments[j].Start })
	for _, m := range r.ments {
		if m.country != nil {
			r.about[m.country.ISO3]++
		}
	}
	r.clusterNames()
	r.attributes()
	r.descriptions()
}

// addMention records a mention over words [i, j) and marks them covered.
func (r *resolver) addMention(i, j int, kind, typ string, c *geo.Country) int {
	w := r.v.words
	m := mention{Span: doc.Span{Start: w[i].Start, End: w[j-1].End}, first: i, end: j, kind: kind, typ: typ,
		country: c, ent: -1}
	m.text = r.d.Text[m.Start:m.End]
	m.name = m.text
	for k := i; k < j; k++ {
		r.covered[k] = true
	}
	r.ments = append(r.ments, m)
	return len(r.ments) - 1
}

var labelTypes = map[string]string{"PER": doc.Person, "ORG": doc.Organization, "LOC": doc.Location,
	"MISC": doc.Misc, "GPE": doc.Location, "NORP": doc.Group, "FAC": doc.Location}

// collectNames turns the recogniser's names into mentions, trimming
// determiners, possessives and (for people) titles, and retyping names the
// gazetteer knows as countries or nationalities.
func (r *resolver) collectNames() {
	for _, n := range r.mergeNames(r.d.Names) {
		i, j := r.v.wordsIn(n.Span)
		if i >= j || r.anyCovered(i, j) {
			continue // inside an epithet ("the Jewish state")
		}
		for k := i; k < j; k++ {
			r.covered[k] = true
		}
		typ := labelTypes[n.Label]
		if typ == "" {
			typ = doc.Misc
		}
		w := r.v.words
		for j > i && (isPossessive(w[j-1].text) || isPunct(w[j-1].text)) {
			j--
		}
		for i < j && (strings.EqualFold(w[i].text, "the") || isPunct(w[i].text)) {
			i++
		}
		if typ == doc.Person {
			// Titles inside the span: "Israeli Prime Minister Benjamin Netanyahu".
			for j-i > 1 {
				if m, ok := r.s.gaz.MatchWords(r.v.texts(i, j)); ok && m.Words < j-i && (m.Kind == geo.KindName || m.Kind == geo.KindDemonym) {
					r.addCountryMention(i, i+m.Words, m)
					i += m.Words
					continue
				}
				l := strings.ToLower(w[i].text)
				if !honorifics[l] && (isRoleWord(w[i].text) || j-i > 2 && affiliations[l]) && isCap(w[i+1].text) {
					i++
					continue
				}
				break
			}
			i = r.withHonorific(i)
		}
		if i >= j {
			continue
		}
		if typ == doc.Person {
			// Name parts the recogniser left out: "Abdel Fattah" + "al-Sisi",
			// and proper nouns by the tagger (not title-case headline words:
			// "John Kerry Urges Hamas").
			end := r.v.sentEnd(w[i].sent)
			for j < end && !r.covered[j] && !r.nameCovered(j) && (isNameParticle(w[j].text) || w[j].pos == "PROPN" && isCap(w[j].text) && !isRoleWord(w[j].text)) {
				if _, ok := r.s.gaz.Lookup(w[j].text); ok {
					break
				}
				r.covered[j] = true
				j++
			}
		}
		text := r.d.Text[w[i].Start:w[j-1].End]
		if typ == doc.Person && orgWords[strings.ToLower(w[j-1].text)] {
			typ = doc.Organization // "Muslim Brotherhood" tagged as a person
		}
		if m, ok := r.s.gaz.Lookup(text); ok && m.Words == j-i && typ != doc.Person {
			r.addCountryMention(i, j, m)
			continue
		}
		r.addMention(i, j, doc.MentionName, typ, nil)
	}
}

// mergeNames joins a person's name the recogniser split in two ("Abdel
// Fattah" + "al-Sisi", "Chandrika" + "Kumaratunga"): two names one space
// apart where one is PER and the other is PER, starts with a name particle,
// or is a single capitalised word that names no country or title.
func (r *resolver) mergeNames(names []doc.Name) []doc.Name {
	text := r.d.Text
	// In text order; of overlapping names the longest stays.
	sorted := slices.Clone(names)
	slices.SortStableFunc(sorted, func(a, b doc.Name) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.Len() - a.Len()
	})
	out := make([]doc.Name, 0, len(names))
	for _, n := range sorted {
		if n.Start < 0 || n.End > len(text) || n.Start >= n.End {
			continue
		}
		if k := len(out) - 1; k >= 0 && n.Start < out[k].End {
			if n.End > out[k].End && n.Len() > out[k].Len() {
				out[k] = n
			}
			continue
		}
		if k := len(out) - 1; k >= 0 && n.Start == out[k].End+1 && text[out[k].End] == ' ' {
			prev, cur := text[out[k].Start:out[k].End], text[n.Start:n.End]
			join := false
			switch {
			case out[k].Label == "PER":
				join = n.Label == "PER" || isNameParticle(cur)
			case n.Label == "PER":
				join = !strings.Contains(prev, " ") && isCap(prev) && !isRoleWord(prev)
				if _, ok := r.s.gaz.Lookup(prev); ok {
					join = false
				}
			}
			if join {
				out[k].End = n.End
				out[k].EndToken = n.EndToken
				out[k].Label = "PER"
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

// anyCovered reports whether a word of [i, j) is already part of a mention.
func (r *resolver) anyCovered(i, j int) bool {
	for k := i; k < j; k++ {
		if r.covered[k] {
			return true
		}
	}
	return false
}

// nameCovered reports whether word j lies inside a recogniser name.
func (r *resolver) nameCovered(j int) bool {
	w := r.v.words[j]
	for _, n := range r.d.Names {
		if n.Span.Overlaps(w.Span) {
			return true
		}
	}
	return false
}

// isNameParticle reports whether w is a lower-case part of a name
// ("al-Sisi", "bin", "van", "de").
func isNameParticle(w string) bool {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "bin-", "abu-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) && isCap(w[len(p):]) {
			return true
		}
	}
	return false
}

// scanEpithets finds country epithets ("the Jewish state") before the
// recogniser's names are read, so that a name inside one ("Jewish") does
// not hide it.
func (r *resolver) scanEpithets() {
	w := r.v.words
	for i := 0; i < len(w); i++ {
		if !strings.EqualFold(w[i].text, "the") {
			continue
		}
		end := min(r.v.sentEnd(w[i].sent), i+8)
		if m, ok := r.s.gaz.MatchWords(r.v.texts(i, end)); ok && m.Kind == geo.KindEpithet {
			r.addCountryMention(i, i+m.Words, m)
			i += m.Words - 1
		}
	}
}

// addCountryMention records a country name, nationality word or epithet.
func (r *resolver) addCountryMention(i, j int, m geo.Match) {
	switch m.Kind {
	case geo.KindName:
		r.addMention(i, j, doc.MentionName, doc.Location, m.Country)
	case geo.KindEpithet:
		r.addMention(i, j, doc.MentionNominal, doc.Location, m.Country)
	default:
		r.addMention(i, j, doc.MentionName, doc.Group, m.Country)
	}
}

// scanCountries finds country names, nationality words and epithets the
// recogniser did not mark ("US" in "A US official", "the Jewish state").
func (r *resolver) scanCountries() {
	w := r.v.words
	for i := 0; i < len(w); i++ {
		if r.covered[i] {
			continue
		}
		if !isCap(w[i].text) && !strings.EqualFold(w[i].text, "the") {
			continue
		}
		end := min(r.v.sentEnd(w[i].sent), i+8)
		k := i
		for k < end && !r.covered[k] {
			k++
		}
		m, ok := r.s.gaz.MatchWords(r.v.texts(i, k))
		if !ok {
			continue
		}
		// "New Mexico" is not Mexico: the phrase must not be glued to a
		// capitalised word before it (sentence starts aside).
		if i > r.v.sentStart(w[i].sent) && isCap(w[i-1].text) && !r.covered[i-1] && !isPunct(w[i-1].text) &&
			m.Kind != geo.KindEpithet {
			continue
		}
		r.addCountryMention(i, i+m.Words, m)
		i += m.Words - 1
	}
}

// propagate adds the other occurrences of recognised names that the
// recogniser missed, and surnames of people standing alone ("Kerry").
func (r *resolver) propagate() {
	type target struct {
		words []string
		typ   string
	}
	var targets []target
	seen := map[string]bool{}
	for _, m := range r.ments {
		if m.kind != doc.MentionName || m.country != nil {
			continue
		}
		ws := r.v.texts(m.first, m.end)
		if k := strings.Join(ws, " "); !seen[k] && len(k) > 2 {
			seen[k] = true
			targets = append(targets, target{ws, m.typ})
		}
		if m.typ == doc.Person && len(ws) > 1 {
			last := ws[len(ws)-1]
			if len(last) > 2 && isCap(last) && !isRoleWord(last) && !seen[last] {
				if _, ok := r.s.gaz.Lookup(last); !ok {
					seen[last] = true
					targets = append(targets, target{[]string{last}, doc.Person})
				}
			}
		}
	}
	sort.SliceStable(targets, func(i, j int) bool { return len(targets[i].words) > len(targets[j].words) })
	w := r.v.words
	at := map[string][]int{} // word text -> its positions, for the first words of targets
	for _, t := range targets {
		at[t.words[0]] = nil
	}
	for i := range w {
		if l, ok := at[w[i].text]; ok {
			at[w[i].text] = append(l, i)
		}
	}
	for _, t := range targets {
		n := len(t.words)
	scan:
		for _, i := range at[t.words[0]] {
			if i+n > len(w) {
				continue
			}
			for k := 0; k < n; k++ {
				if r.covered[i+k] || w[i+k].text != t.words[k] {
					continue scan
				}
			}
			// Whole words only: not inside a longer capitalised name.
			if i+n < len(w) && isCap(w[i+n].text) && !r.covered[i+n] && !isPunct(w[i+n].text) {
				continue
			}
			if i > r.v.sentStart(w[i].sent) && isCap(w[i-1].text) && !r.covered[i-1] && !isPunct(w[i-1].text) && !isRoleWord(w[i-1].text) {
				continue
			}
			first := i
			if t.typ == doc.Person {
				first = r.withHonorific(i)
			}
			r.addMention(first, i+n, doc.MentionName, t.typ, nil)
		}
	}
}

// withHonorific returns the start of a person's name at word i, moved back
// over an honorific ("Mr", "Sir", "Dr"), which belongs to the mention: "Mr
// Balls".
func (r *resolver) withHonorific(i int) int {
	w := r.v.words
	if i > 0 && !r.covered[i-1] && honorifics[strings.ToLower(w[i-1].text)] && w[i-1].sent == w[i].sent {
		r.covered[i-1] = true
		return i - 1
	}
	return i
}

// newEnt creates an entity for mention mi.
func (r *resolver) newEnt(mi int, typ, key string) int {
	e := &ent{typ: typ, key: key}
	r.ents = append(r.ents, e)
	ei := len(r.ents) - 1
	if key != "" {
		r.byKey[key] = ei
	}
	r.link(mi, ei)
	return ei
}

// link makes mention mi a mention of entity ei.
func (r *resolver) link(mi, ei int) {
	m := &r.ments[mi]
	m.ent = ei
	e := r.ents[ei]
	e.mentions = append(e.mentions, mi)
	if m.kind == doc.MentionName && m.typ == doc.Person {
		if ws := nameWords(m.text); len(ws) > len(e.words) {
			e.words = ws
			if len(ws) > 1 && r.s.gender[ws[0]] != 0 {
				e.gender = r.s.gender[ws[0]]
			}
		}
	}
	if m.gender != 0 && e.gender == 0 {
		e.gender = m.gender
	}
}

// clusterNames merges name mentions into entities: people first (longest
// names first, so "Kerry" finds "John Kerry"), then countries, places,
// organisations and the rest. A one-word name of another type that is a
// known person's surname ("Sisi" tagged as a place) joins the person.
func (r *resolver) clusterNames() {
	var people []int
	for i := range r.ments {
		m := &r.ments[i]
		if m.kind == doc.MentionName && m.typ == doc.Person && m.country == nil {
			people = append(people, i)
		}
	}
	sort.SliceStable(people, func(a, b int) bool {
		return len(nameWords(r.ments[people[a]].text)) > len(nameWords(r.ments[people[b]].text))
	})
	for _, mi := range people {
		if ei := r.personFor(mi); ei >= 0 {
			r.link(mi, ei)
			continue
		}
		// Another name of a person already seen, by the dictionaries
		// ("Abu Mazen" for Mahmoud Abbas).
		key := ""
		if ws := nameWords(r.ments[mi].text); len(ws) > 1 {
			if a, ok := r.lookupActor(strings.Join(ws, " ")); ok {
				key = "pa:" + a.Name
				if ei, ok := r.byKey[key]; ok {
					r.link(mi, ei)
					continue
				}
			}
		}
		r.newEnt(mi, doc.Person, key)
	}
	for i := range r.ments {
		m := &r.ments[i]
		if m.ent >= 0 {
			continue
		}
		if m.country != nil {
			key := "c:" + m.country.ISO3
			typ := doc.Location
			if m.typ == doc.Group {
				key, typ = "g:"+m.country.ISO3, doc.Group
			}
			if ei, ok := r.byKey[key]; ok {
				r.link(i, ei)
			} else {
				ei := r.newEnt(i, typ, key)
				r.ents[ei].geo = m.country
				r.ents[ei].country = m.country.ISO3
			}
			continue
		}
		if m.kind != doc.MentionName {
			continue
		}
		if len(strings.Fields(m.text)) == 1 {
			if ei := r.personFor(i); ei >= 0 {
				m.typ = doc.Person
				r.link(i, ei)
				continue
			}
		}
		r.clusterOther(i)
	}
}

// personFor returns the person entity a name mention can denote, the one
// mentioned last before it when several can, or -1.
func (r *resolver) personFor(mi int) int {
	m := &r.ments[mi]
	ws := nameWords(m.text)
	best, bestPos := -1, -1
	for ei, e := range r.ents {
		if e.typ != doc.Person || !namesCompatible(ws, e.words) {
			continue
		}
		pos := 0
		for _, o := range e.mentions {
			if s := r.ments[o].Start; s < m.Start && s > pos {
				pos = s
			}
		}
		if pos > bestPos {
			best, bestPos = ei, pos
		}
	}
	return best
}

// clusterOther merges organisation, place and other names by key, acronym
// and CAMEO dictionary entry.
func (r *resolver) clusterOther(mi int) {
	m := &r.ments[mi]
	text := strings.TrimSpace(m.text)
	key := strings.TrimPrefix(geo.Fold(text), "the ")
	// One key for places, organisations and others: the recogniser may call
	// one name LOC once and ORG or MISC elsewhere; output takes the
	// majority type.
	key = "n:" + key
	if ei, ok := r.byKey[key]; ok {
		r.link(mi, ei)
		return
	}
	if code := r.religion(text); code != "" && m.typ != doc.Location {
		// "Muslims", "Christian", "Jewish": a religious group.
		gk := "r:" + code
		if ei, ok := r.byKey[gk]; ok {
			r.link(mi, ei)
			r.byKey[key] = ei
			return
		}
		ei := r.newEnt(mi, doc.Group, gk)
		r.byKey[key] = ei
		r.ents[ei].cameo = code
		return
	}
	if ei := r.bracketedAlias(m); ei >= 0 {
		// "Association of Chief Police Officers (Acpo)": the short form
		// in brackets names the organisation before it.
		r.link(mi, ei)
		r.byKey[key] = ei
		return
	}
	if m.typ == doc.Organization && isAllUpper(text) && len(text) <= 6 {
		for ei, e := range r.ents {
			if e.typ == doc.Organization && acronym(r.name(e)) == strings.ReplaceAll(text, ".", "") {
				r.link(mi, ei)
				return
			}
		}
	}
	if m.typ == doc.Location {
		about := r.about
		a, isActor := r.lookupActor(text)
		if isActor && len(a.Code) == 3 && r.countryOf(a.Code) != "" {
			// The dictionaries place the name in a country ("Geneva" ->
			// CHE): that country counts as much as a story about it.
			about = maps.Clone(r.about)
			about[a.Code] += 8
		}
		p, ok := r.s.gaz.Resolve(text, about)
		if ok && isActor && len(a.Code) > 3 && p.FeatureClass == "P" && (p.Population < 100000 || p.Country != r.countryOf(a.Code)) {
			// An institution named for its building ("White House",
			// "Kremlin", "Pentagon"), not a town of that name.
			ok = false
		}
		if ok {
			ei := r.newEnt(mi, doc.Location, key)
			r.ents[ei].place = p
			r.ents[ei].country = p.Country
			return
		}
	}
	if a, ok := r.lookupActor(text); ok {
		ak := "a:" + a.Name
		if ei, ok := r.byKey[ak]; ok {
			r.link(mi, ei)
			r.byKey[key] = ei
			return
		}
		typ := m.typ
		if typ == doc.Location && (len(a.Code) > 3 || r.countryOf(a.Code) == "") {
			typ = doc.Organization // "Hamas" tagged as a place
			m.typ = typ
		}
		ei := r.newEnt(mi, typ, key)
		r.byKey[ak] = ei
		r.ents[ei].cameo = a.Code
		r.ents[ei].country = r.countryOf(a.Code)
		return
	}
	r.newEnt(mi, m.typ, key)
}

// bracketedAlias returns the organisation a one-word name in brackets
// right after it abbreviates, or -1.
func (r *resolver) bracketedAlias(m *mention) int {
	w := r.v.words
	if m.end-m.first != 1 || m.first < 2 || m.end >= len(w) || w[m.first-1].text != "(" || w[m.end].text != ")" {
		return -1
	}
	for i := range r.ments {
		o := &r.ments[i]
		if o.end == m.first-1 && o.ent >= 0 && r.ents[o.ent].typ == doc.Organization && o.kind == doc.MentionName {
			return o.ent
		}
	}
	return -1
}

// religion returns the CAMEO religion code of a group word ("Muslims" ->
// MUS), or "".
func (r *resolver) religion(text string) string {
	if r.s.dict == nil || strings.Contains(text, " ") {
		return ""
	}
	code, ok := r.s.dict.Agent(text)
	if !ok || len(code) < 3 {
		return ""
	}
	switch code[:3] {
	case "MUS", "CHR", "JEW", "HIN", "BUD":
		return code[:3]
	}
	return ""
}

// lookupActor looks a name up in the CAMEO dictionaries at the article's date.
func (r *resolver) lookupActor(name string) (actors.Actor, bool) {
	if r.s.dict == nil {
		return actors.Actor{}, false
	}
	return r.s.dict.Lookup(name, r.d.Published)
}

// countryOf returns the ISO alpha-3 country of a CAMEO actor code, or "".
func (r *resolver) countryOf(code string) string {
	if len(code) < 3 {
		return ""
	}
	if c := r.s.gaz.Country(code[:3]); c != nil {
		return c.ISO3
	}
	// Multinationals and NGOs carry their home country next: "MNCUSAMED"
	// (Google) is American.
	if (code[:3] == "MNC" || code[:3] == "NGO") && len(code) >= 6 {
		if c := r.s.gaz.Country(code[3:6]); c != nil {
			return c.ISO3
		}
	}
	return ""
}

// nameWords folds a person's name into comparable words: lower case,
// possessive and Arabic article dropped ("al-Sisi" -> "sisi").
func nameWords(name string) []string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "\u2019s")
	var out []string
	for _, w := range strings.Fields(geo.Fold(name)) {
		for _, p := range []string{"al-", "el-", "ad-", "ash-", "as-", "at-", "ar-", "az-"} {
			if strings.HasPrefix(w, p) && len(w) > len(p)+2 {
				w = w[len(p):]
				break
			}
		}
		if w == "al" || w == "el" || honorifics[w] {
			continue
		}
		out = append(out, strings.Trim(w, ".,"))
	}
	for len(out) > 1 && postNominals[out[len(out)-1]] {
		out = out[:len(out)-1] // "Ian MacDonald QC"
	}
	return out
}

// postNominals are letters and generation marks after a name.
var postNominals = set("qc", "kc", "mp", "msp", "mep", "jr", "sr", "ii", "iii", "iv", "phd", "obe", "mbe", "cbe", "kbe", "md")

// namesCompatible reports whether a person's name ws can denote the person
// named full: the same name, or a part of it that keeps the surname
// ("Kerry", "John Kerry") or is the first name alone.
func namesCompatible(ws, full []string) bool {
	if len(ws) == 0 || len(full) == 0 {
		return false
	}
	in := func(w string) bool {
		for _, f := range full {
			if f == w {
				return true
			}
		}
		return false
	}
	for _, w := range ws {
		if !in(w) {
			return false
		}
	}
	if len(ws) >= len(full) {
		return true
	}
	// The surname, or the first name alone ("Digby" for "Digby Jones").
	return ws[len(ws)-1] == full[len(full)-1] || len(ws) == 1 && ws[0] == full[0]
}

// acronym returns the initials of a name's capitalised words ("Palestinian
// Authority" -> "PA").
func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if isCap(w) {
			b.WriteString(w[:1])
		}
	}
	return b.String()
}

// name returns the canonical name of an entity.
func (r *resolver) name(e *ent) string {
	if e.geo != nil {
		if e.typ == doc.Group {
			return peopleName(e.geo)
		}
		return e.geo.Name
	}
	best, bestWords, bestCount := "", 0, 0
	counts := map[string]int{}
	for _, mi := range e.mentions {
		m := &r.ments[mi]
		if m.kind == doc.MentionName {
			counts[m.name]++
		}
	}
	for _, mi := range e.mentions {
		m := &r.ments[mi]
		if m.kind != doc.MentionName {
			continue
		}
		n := len(strings.Fields(m.name))
		if e.typ == doc.Person {
			n = len(nameWords(m.name))
			if honorifics[strings.ToLower(strings.Fields(m.name)[0])] {
				n-- // "John Kerry" before "Mr Kerry"
			}
		}
		if e.typ == doc.Organization && isAllUpper(m.name) && n == 1 {
			n = 0 // prefer the full name to the acronym
		}
		if e.typ == doc.Location || e.typ == doc.Misc {
			// Places and others: the most frequent spelling.
			n = counts[m.name]
		}
		if best == "" || n > bestWords || n == bestWords && counts[m.name] > bestCount {
			best, bestWords, bestCount = m.name, n, counts[m.name]
		}
	}
	if best == "" && len(e.mentions) > 0 {
		best = r.ments[e.mentions[0]].text
	}
	if f := strings.Fields(best); e.typ == doc.Person && len(f) > 2 && honorifics[strings.ToLower(f[0])] {
		best = strings.Join(f[1:], " ") // "Sir John Stevens" -> "John Stevens"
	}
	return best
}

// majorityType returns the type most of an entity's name mentions carry,
// the entity's first type on a tie (people, countries and groups keep
// theirs).
func (r *resolver) majorityType(e *ent) string {
	if e.typ == doc.Person || e.typ == doc.Group || e.geo != nil || e.typ == doc.Organization && len(e.cameo) > 3 {
		return e.typ // the dictionaries' word on organisations stands
	}
	counts := map[string]int{}
	for _, mi := range e.mentions {
		if m := &r.ments[mi]; m.kind == doc.MentionName {
			counts[m.typ]++
		}
	}
	best := e.typ
	for _, t := range []string{doc.Organization, doc.Location, doc.Misc} {
		if counts[t] > counts[best] {
			best = t
		}
	}
	return best
}

// peopleName returns the plural nationality noun of a country
// ("Palestinians"), or its first nationality word.
func peopleName(c *geo.Country) string {
	for _, d := range c.Demonyms {
		if strings.HasSuffix(d, "s") && !strings.HasSuffix(d, "ss") {
			return d
		}
	}
	if len(c.Demonyms) > 0 {
		return c.Demonyms[0]
	}
	return c.Name
}

// output builds the entities layer: entities in order of first mention,
// mentions in text order, ids "e1", "e2"...
func (r *resolver) output() []doc.Entity {
	type built struct {
		first int
		e     doc.Entity
		title int
	}
	var list []built
	maxCount := 0.0
	for _, e := range r.ents {
		if len(e.mentions) == 0 {
			continue
		}
		sort.Slice(e.mentions, func(a, b int) bool { return r.ments[e.mentions[a]].Start < r.ments[e.mentions[b]].Start })
		typ, place := r.majorityType(e), e.place
		if typ != doc.Location {
			place = nil
		}
		out := doc.Entity{Name: r.name(e), Type: typ, Role: e.role, Country: e.country, CAMEO: e.cameo,
			Place: place}
		title := 0
		for _, mi := range e.mentions {
			m := &r.ments[mi]
			out.Mentions = append(out.Mentions, doc.Mention{Span: m.Span, Text: m.text, Kind: m.kind})
			if r.d.TitleSpan.Contains(m.Span) && r.d.TitleSpan.Len() > 0 {
				title = 1
			}
		}
		if w := float64(len(out.Mentions) + 2*title); w > maxCount {
			maxCount = w
		}
		list = append(list, built{first: r.ments[e.mentions[0]].Start, e: out, title: title})
	}
	sort.SliceStable(list, func(a, b int) bool { return list[a].first < list[b].first })
	ents := make([]doc.Entity, 0, len(list))
	for i, b := range list {
		b.e.ID = fmt.Sprintf("e%d", i+1)
		b.e.Salience = float64(int(1000*float64(len(b.e.Mentions)+2*b.title)/maxCount)) / 1000
		ents = append(ents, b.e)
	}
	return ents
}
