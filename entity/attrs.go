package entity

import (
	"sort"
	"strings"

	"eventwire/doc"
	"eventwire/geo"
)

// attributes fills roles, countries and CAMEO codes: titles before a
// person's name ("Israeli Prime Minister Benjamin Netanyahu"), appositions
// after it ("Mahmud Abbas, the Palestinian president,"), possessives and
// nationality words before an organisation ("Egypt's Muslim Brotherhood",
// "Israeli news website Ynet"), names that contain a country ("Palestinian
// Authority"), and the CAMEO dictionaries.
func (r *resolver) attributes() {
	textCountry := make([]string, len(r.ents))
	for mi := range r.ments {
		m := &r.ments[mi]
		if m.kind != doc.MentionName || m.ent < 0 || m.country != nil {
			continue
		}
		e := r.ents[m.ent]
		switch e.typ {
		case doc.Person:
			role, c, start := r.titleBefore(m)
			if start < m.first {
				// The mention covers its title or description: "US
				// Secretary of State John Kerry", "rally driver Dave Hawkins".
				m.Start = r.v.words[start].Start
				m.text = r.d.Text[m.Start:m.End]
			}
			if role == "" {
				if t, ok := titleAbbrevs[strings.ToLower(r.v.words[m.first].text)]; ok {
					role = t // "Gen. Smith"
				}
			}
			if role == "" && c == "" {
				role, c = r.apposition(m)
			}
			if role == "" && c == "" {
				role, c = r.appositionBefore(m)
			}
			if role != "" && e.role == "" {
				e.role = role
			}
			if c != "" && textCountry[m.ent] == "" {
				textCountry[m.ent] = c
			}
		case doc.Organization, doc.Misc:
			if c := r.orgCountry(m); c != "" && textCountry[m.ent] == "" {
				textCountry[m.ent] = c
			}
		}
	}
	present := map[string]bool{}
	for _, e := range r.ents {
		if (e.typ == doc.Location || e.typ == doc.Group) && e.country != "" {
			present[e.country] = true
		}
	}
	for ei, e := range r.ents {
		switch e.typ {
		case doc.Person:
			r.personCodes(e, textCountry[ei], present)
		case doc.Organization, doc.Misc:
			if e.cameo == "" {
				for _, n := range r.mentionNames(e) {
					if a, ok := r.lookupActor(n); ok {
						e.cameo = a.Code
						break
					}
				}
			}
			if c := r.countryOf(e.cameo); c != "" {
				e.country = c
			} else if textCountry[ei] != "" {
				e.country = textCountry[ei]
			}
		case doc.Location, doc.Group:
			if e.geo == nil {
				// Places: the dictionaries code cities and regions too
				// ("Gaza" -> PSE, "Middle East" -> MEA).
				for _, n := range r.mentionNames(e) {
					if a, ok := r.lookupActor(n); ok && len(a.Code) == 3 {
						e.cameo = a.Code
						break
					}
				}
			}
			if e.typ == doc.Location && e.country == "" && e.place == nil {
				e.country = r.countryWithin(r.name(e))
			}
			if e.geo != nil {
				e.place = e.geo.Place()
				if e.typ == doc.Group {
					e.place = nil
				}
				e.cameo = e.geo.ISO3
			}
		}
	}
}

// countryWithin finds the country of a place name the gazetteer does not
// know from the longest part of it that it does ("Nairobi Serena Hotel" ->
// KEN, "New Mexico State" -> USA): a country, or a place of 100,000 people
// or more.
func (r *resolver) countryWithin(name string) string {
	f := strings.Fields(name)
	for n := len(f) - 1; n >= 1; n-- {
		for i := 0; i+n <= len(f); i++ {
			part := strings.Join(f[i:i+n], " ")
			if len(part) < 4 || !isCap(part) {
				continue
			}
			if m, ok := r.s.gaz.Lookup(part); ok && m.Kind == geo.KindName {
				return m.Country.ISO3
			}
			if p, ok := r.s.gaz.Resolve(part, r.about); ok && p.Country != "" && (p.FeatureClass == "A" || p.Population >= 100000) {
				return p.Country
			}
		}
	}
	return ""
}

// personCodes sets a person's country (the text first, then the CAMEO
// dictionaries) and CAMEO code (the dictionary's, else country + agent).
//
// A dictionary entry is trusted only when the story supports it: the
// person has a title or a country in the text, or the entry's country is
// one the story mentions (a country, a nationality or a place in it). The
// dictionaries list public figures, and "Chris Evans" the broadcaster is
// not the Australian senator.
func (r *resolver) personCodes(e *ent, textCountry string, present map[string]bool) {
	for _, n := range r.mentionNames(e) {
		if a, ok := r.lookupActor(n); ok {
			if c := r.countryOf(a.Code); c != "" && textCountry == "" && e.role == "" && !present[c] {
				continue
			}
			e.cameo = a.Code
			break
		}
	}
	e.country = textCountry
	if e.country == "" {
		e.country = r.countryOf(e.cameo)
	}
	if e.cameo == "" && e.country != "" {
		e.cameo = e.country
		if e.role != "" && r.s.dict != nil {
			if ag, ok := r.s.dict.Agent(e.role); ok {
				e.cameo += ag
			} else if ag, ok := r.s.dict.Agent(lastWord(e.role)); ok {
				e.cameo += ag
			}
		}
	}
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// mentionNames returns the distinct name mentions of an entity, longest first.
func (r *resolver) mentionNames(e *ent) []string {
	seen := map[string]bool{}
	var out []string
	for _, mi := range e.mentions {
		m := &r.ments[mi]
		if m.kind == doc.MentionName && !seen[m.name] {
			seen[m.name] = true
			out = append(out, m.name)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a]) > len(out[b]) })
	return out
}

// titleBefore reads the title or description before a person's name: the
// role and the country it names ("US Secretary of State" -> "Secretary of
// State", USA; "Egypt's President" -> "President", EGY), and the first
// word of the phrase the mention can be extended over ("rally driver Dave
// Hawkins" has no role but is one mention); start is m.first when there is
// nothing to extend over.
func (r *resolver) titleBefore(m *mention) (role, country string, start int) {
	w := r.v.words
	s0 := r.v.sentStart(w[m.first].sent)
	j := m.first - 1
walk:
	for j >= s0 && m.first-j <= 7 {
		t := w[j].text
		l := strings.ToLower(t)
		switch {
		case isPossessive(t):
			// "Egypt's President", "Barclays' chief": the owner ends the title.
			if j > s0 && isCap(w[j-1].text) && !r.nameAt(j-1) {
				if c, ok := r.s.gaz.Lookup(w[j-1].text); ok && c.Kind == geo.KindName {
					country = c.Country.ISO3
				}
				j -= 2
			}
			break walk
		case l == "and" || l == "&":
			// "Trade and Industry Secretary", "president and chief executive".
			if j == s0 || !(isCap(w[j-1].text) && isCap(w[j+1].text) || isRoleWord(w[j-1].text) && isRoleWord(w[j+1].text)) {
				break walk
			}
		case l == "the":
			if j+1 >= m.first || j == s0 || !strings.EqualFold(w[j-1].text, "of") {
				break walk
			}
		case isPunct(t):
			break walk
		case isCap(t) && !isRoleWord(t) && !r.isCountryWord(j):
			// A capitalised word belongs to the title ("Trade and Industry
			// Secretary") unless it is part of a person's or place's name or
			// starts the sentence (and is neither a common noun,
			// "Broadcaster Chris Evans", nor followed by a title word).
			if r.nameAt(j) || j == s0 && !r.orgAt(j) && w[j].pos != "NOUN" && !(isRoleWord(w[j+1].text) && w[j].pos != "ADP" && w[j].pos != "ADV" && !sentenceOpeners[l]) {
				break walk
			}
		case !isCap(t) && !isRoleWord(t):
			// A lower-case description ("rally driver"), when the tagger
			// says it is one.
			if w[j].pos != "NOUN" && w[j].pos != "ADJ" {
				break walk
			}
		}
		j--
	}
	start = j + 1
	for start < m.first {
		l := strings.ToLower(w[start].text)
		if l != "the" && l != "of" && l != "and" && l != "&" {
			break
		}
		start++
	}
	words := r.v.texts(start, m.first)
	if len(words) > 0 {
		if c, ok := r.s.gaz.MatchWords(words); ok && (c.Kind == geo.KindName || c.Kind == geo.KindDemonym) {
			country = c.Country.ISO3
			words = words[c.Words:]
		}
	}
	if len(words) >= 2 && isPossessive(words[1]) {
		words = words[2:] // "Barclays' chief"
	}
	if isRolePhrase(words) {
		role = normRole(words)
	} else if start < m.first && w[m.first-1].pos != "NOUN" && w[m.first-1].pos != "PROPN" && country == "" {
		start = m.first // nothing that describes the person
	}
	return role, country, start
}

// sentenceOpeners are capitalised words that start sentences without being
// part of a title ("Yesterday President Obama...").
var sentenceOpeners = set("yesterday", "today", "tomorrow", "meanwhile", "however", "but", "and", "then", "now",
	"earlier", "later", "also", "in", "on", "at", "after", "before", "when", "while", "as", "if", "since")

// nameAt reports whether word j is part of a person's or (non-country)
// place's name mention.
func (r *resolver) nameAt(j int) bool {
	for i := range r.ments {
		m := &r.ments[i]
		if m.first <= j && j < m.end && m.country == nil && (m.typ == doc.Person || m.typ == doc.Location) {
			return true
		}
	}
	return false
}

// orgAt reports whether word j is part of an organisation's name mention
// ("Liberal Democrat spokesman Mark Oaten").
func (r *resolver) orgAt(j int) bool {
	for i := range r.ments {
		m := &r.ments[i]
		if m.first <= j && j < m.end && m.typ == doc.Organization {
			return true
		}
	}
	return false
}

// isCountryWord reports whether word j is part of a country or nationality mention.
func (r *resolver) isCountryWord(j int) bool {
	for i := range r.ments {
		m := &r.ments[i]
		if m.country != nil && m.first <= j && j < m.end {
			return true
		}
	}
	return false
}

// apposition reads ", the Palestinian president," after a person's name.
func (r *resolver) apposition(m *mention) (role, country string) {
	w := r.v.words
	end := r.v.sentEnd(w[m.first].sent)
	k := m.end
	if k >= end || w[k].text != "," {
		return "", ""
	}
	k++
	if k < end && (strings.EqualFold(w[k].text, "and") || strings.EqualFold(w[k].text, "or") || strings.EqualFold(w[k].text, "but")) {
		return "", "" // the next item of a list, not an apposition
	}
	if k < end && strings.EqualFold(w[k].text, "the") {
		k++
	}
	j := k
	for j < end && j-k < 7 && w[j].text != "," && w[j].text != "." && w[j].text != ";" {
		j++
	}
	if j >= end || j == k || (w[j].text != "," && w[j].text != "." && w[j].text != ";") {
		if j != end {
			return "", ""
		}
	}
	words := r.v.texts(k, j)
	if len(words) >= 2 && isPossessive(words[1]) {
		if c, ok := r.s.gaz.Lookup(words[0]); ok && c.Kind == geo.KindName {
			country = c.Country.ISO3
			words = words[2:]
		}
	} else if c, ok := r.s.gaz.MatchWords(words); ok && (c.Kind == geo.KindName || c.Kind == geo.KindDemonym) {
		country = c.Country.ISO3
		words = words[c.Words:]
	}
	if !isRolePhrase(words) {
		return "", ""
	}
	return normRole(words), country
}

// appositionBefore reads "the Palestinian leader, Mahmoud Abbas" and "his
// Israeli counterpart, Ariel Sharon": a description ending in a comma right
// before the name, opened by a determiner or possessive pronoun.
func (r *resolver) appositionBefore(m *mention) (role, country string) {
	w := r.v.words
	s0 := r.v.sentStart(w[m.first].sent)
	if m.first-2 < s0 || w[m.first-1].text != "," {
		return "", ""
	}
	j := m.first - 2
	for j >= s0 && m.first-j <= 8 {
		l := strings.ToLower(w[j].text)
		if l == "the" || l == "his" || l == "her" || l == "its" || l == "their" {
			break
		}
		if isPunct(w[j].text) || !isCap(w[j].text) && !isRoleWord(w[j].text) {
			return "", ""
		}
		j--
	}
	if j < s0 || m.first-j > 8 {
		return "", ""
	}
	words := r.v.texts(j+1, m.first-1)
	if c, ok := r.s.gaz.MatchWords(words); ok && (c.Kind == geo.KindName || c.Kind == geo.KindDemonym) {
		country = c.Country.ISO3
		words = words[c.Words:]
	}
	if !isRolePhrase(words) {
		return "", country
	}
	return normRole(words), country
}

// orgCountry finds the country the text gives an organisation: a country
// inside its name, a possessive country before it, or a nationality word
// among the few words before it.
func (r *resolver) orgCountry(m *mention) string {
	if c, ok := r.countryInside(m.first, m.end); ok {
		return c
	}
	w := r.v.words
	start := r.v.sentStart(w[m.first].sent)
	if j := m.first - 1; j > start && isPossessive(w[j].text) {
		if c := r.countryMentionAt(j - 1); c != nil {
			return c.ISO3
		}
		return ""
	}
	for j := m.first - 1; j >= start && m.first-j <= 4; j-- {
		if c := r.countryMentionAt(j); c != nil {
			return c.ISO3
		}
		t := w[j].text
		if isPunct(t) || isCap(t) || strings.EqualFold(t, "the") || strings.EqualFold(t, "a") || strings.EqualFold(t, "an") {
			break
		}
	}
	return ""
}

// countryInside finds a country name or nationality word inside words [i, j).
func (r *resolver) countryInside(i, j int) (string, bool) {
	for k := i; k < j; k++ {
		if c, ok := r.s.gaz.MatchWords(r.v.texts(k, j)); ok && (c.Kind == geo.KindName || c.Kind == geo.KindDemonym) {
			return c.Country.ISO3, true
		}
	}
	return "", false
}

// countryMentionAt returns the country of the country mention covering word j.
func (r *resolver) countryMentionAt(j int) *geo.Country {
	for i := range r.ments {
		m := &r.ments[i]
		if m.country != nil && m.kind == doc.MentionName && m.first <= j && j < m.end {
			return m.country
		}
	}
	return nil
}
