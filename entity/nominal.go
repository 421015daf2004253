package entity

import (
	"strings"

	"eventwire/doc"
)

var pronounGender = map[string]byte{"he": 'm', "him": 'm', "his": 'm', "himself": 'm',
	"she": 'f', "her": 'f', "hers": 'f', "herself": 'f'}

// descriptions resolves, in reading order, personal pronouns ("he", "his")
// to the most recent compatible person (preferring subjects) and
// descriptive references ("the top US diplomat", "the militant movement",
// "the country") to an antecedent that fits their head noun, country and
// modifiers. Indefinite and possessive descriptions ("A US official",
// "Egypt's foreign minister") block a later "the official", "the minister"
// from reaching back past them.
func (r *resolver) descriptions() {
	w := r.v.words
	indefinite := map[string]int{} // head noun -> start of its last "a/an ... head"
	for i := 0; i < len(w); i++ {
		if r.covered[i] {
			continue
		}
		l := strings.ToLower(w[i].text)
		if g, ok := pronounGender[l]; ok {
			if ei := r.pronounAntecedent(i, g, l == "him"); ei >= 0 {
				mi := r.addMention(i, i+1, doc.MentionPronoun, doc.Person, nil)
				r.ments[mi].gender = g
				r.link(mi, ei)
			}
			continue
		}
		if l == "it" && i+1 < len(w) && speechVerbs[strings.ToLower(w[i+1].text)] {
			// "It said": an organisation speaking, not the weather.
			if ei := r.orgAntecedent(i); ei >= 0 {
				mi := r.addMention(i, i+1, doc.MentionPronoun, doc.Organization, nil)
				r.link(mi, ei)
			}
			continue
		}
		if isPossessive(w[i].text) {
			head, _, _, end := r.description(i)
			if roleClasses[head] == nil {
				continue
			}
			// "Israel's prime minister" is the Israeli prime minister of the
			// story when there is one; otherwise ("Egypt's foreign
			// minister") someone new, like "a minister": a later "the
			// minister" does not reach back past it.
			if c := r.countryMentionAt(i - 1); c != nil && i > 0 {
				if ei := r.descriptionAntecedent(i, head, c.ISO3, false, -1); ei >= 0 && r.ents[ei].country == c.ISO3 {
					start := i - 1
					for start > 0 && r.countryMentionAt(start-1) == c && w[start-1].sent == w[i].sent {
						start--
					}
					mi := r.addMention(start, end, doc.MentionNominal, doc.Person, nil)
					r.link(mi, ei)
					i = end - 1
					continue
				}
			}
			indefinite[head] = w[i].Start
			continue
		}
		if l != "the" && l != "a" && l != "an" {
			continue
		}
		head, country, militant, end := r.description(i)
		if head == "" {
			continue
		}
		if l != "the" {
			indefinite[head] = w[i].Start
			i = end - 1
			continue
		}
		ei := r.descriptionAntecedent(i, head, country, militant, indefinite[head])
		if ei < 0 {
			continue
		}
		mi := r.addMention(i, end, doc.MentionNominal, r.ents[ei].typ, nil)
		r.link(mi, ei)
		i = end - 1
	}
}

// description reads "the [modifiers] HEAD" from word i: the head noun,
// a country among the modifiers, whether a modifier marks an armed group,
// and one past the head.
func (r *resolver) description(i int) (head, country string, militant bool, end int) {
	w := r.v.words
	stop := min(r.v.sentEnd(w[i].sent), i+6)
	for k := i + 1; k < stop; k++ {
		t := w[k].text
		l := strings.ToLower(t)
		if c := r.countryMentionAt(k); c != nil {
			country = c.ISO3
			continue
		}
		if isPunct(t) || isCap(t) && !isAllUpper(t) && !isCompoundModifier(t) {
			return "", "", false, 0
		}
		if r.covered[k] {
			return "", "", false, 0
		}
		if isHead(l) {
			// Take the last of consecutive heads ("the group leader").
			if k+1 < stop && isHead(strings.ToLower(w[k+1].text)) {
				continue
			}
			if k+1 < len(w) && isPossessive(w[k+1].text) {
				return "", "", false, 0 // "the group's leader"
			}
			return l, country, militant, k + 1
		}
		if militantMods[l] {
			militant = true
		}
		if w[k].pos != "" && w[k].pos != "ADJ" && w[k].pos != "NOUN" && w[k].pos != "PROPN" && w[k].pos != "ADV" {
			return "", "", false, 0
		}
	}
	return "", "", false, 0
}

// isHead reports whether l can end a description.
func isHead(l string) bool {
	return roleClasses[l] != nil || orgHeads[l] || isPlaceHead(l) || isPersonHead(l)
}

// isPersonHead reports whether l names a kind of person ("singer",
// "23-year-old").
func isPersonHead(l string) bool {
	if personHeads[l] {
		return true
	}
	n, ok := strings.CutSuffix(l, "-year-old")
	return ok && n != "" && strings.Trim(n, "0123456789") == ""
}

// isCompoundModifier reports whether a capitalised word is a compound
// modifier such as "Oscar-nominated" or "Ballymena-born".
func isCompoundModifier(t string) bool {
	i := strings.LastIndexByte(t, '-')
	return i > 0 && i+1 < len(t) && !isCap(t[i+1:])
}

func isPlaceHead(l string) bool {
	_, ok := placeHeads[l]
	return ok
}

// descriptionAntecedent finds the entity a definite description at word i
// refers back to, or -1.
func (r *resolver) descriptionAntecedent(i int, head, country string, militant bool, blockedBefore int) int {
	w := r.v.words
	pos := w[i].Start
	sent := w[i].sent
	switch {
	case roleClasses[head] == nil && isPersonHead(head):
		// "the singer", "the 23-year-old": the one person of the last
		// sentences, or the one whose role is the head.
		var cands []int
		for ei, e := range r.ents {
			if e.typ != doc.Person {
				continue
			}
			if p := r.lastMentionBefore(e, pos); p > blockedBefore && p >= 0 && r.sentenceOf(p) >= sent-2 {
				cands = append(cands, ei)
			}
		}
		if len(cands) == 1 {
			return cands[0]
		}
		for _, ei := range cands {
			if strings.Contains(strings.ToLower(r.ents[ei].role), head) {
				return ei
			}
		}
		return -1
	case roleClasses[head] != nil:
		var cands []int
		lastPos := map[int]int{}
		for ei, e := range r.ents {
			if e.typ != doc.Person || !roleMatches(e.role, head) {
				continue
			}
			if country != "" && e.country != country {
				continue
			}
			p := r.lastMentionBefore(e, pos)
			if p < 0 {
				continue
			}
			cands = append(cands, ei)
			lastPos[ei] = p
		}
		if len(cands) == 1 && lastPos[cands[0]] > blockedBefore {
			return cands[0]
		}
		// Several: the one mentioned in this or the previous sentence, if unique.
		near := -1
		for _, ei := range cands {
			if r.sentenceOf(lastPos[ei]) >= sent-1 && lastPos[ei] > blockedBefore {
				if near >= 0 {
					return -1
				}
				near = ei
			}
		}
		return near
	case orgHeads[head]:
		best, bestPos := -1, -1
		for ei, e := range r.ents {
			if e.typ != doc.Organization {
				continue
			}
			if militant && e.cameo != "" && !militantCode(e.cameo) {
				continue
			}
			if country != "" && e.country != country {
				continue
			}
			p := r.lastMentionBefore(e, pos)
			if p > bestPos && r.sentenceOf(p) >= sent-2 {
				best, bestPos = ei, p
			}
		}
		return best
	default:
		class := placeHeads[head]
		best, bestPos := -1, -1
		for ei, e := range r.ents {
			if e.typ != doc.Location {
				continue
			}
			switch class {
			case "A":
				if e.geo == nil {
					continue
				}
			case "P":
				if e.place == nil || e.place.FeatureClass != "P" {
					continue
				}
			default:
				if e.geo != nil {
					continue
				}
			}
			p := r.lastMentionBefore(e, pos)
			if p > bestPos && r.sentenceOf(p) >= sent-2 {
				best, bestPos = ei, p
			}
		}
		return best
	}
}

// speechVerbs are the verbs after which "it" is an organisation speaking.
var speechVerbs = set("said", "says", "added", "adds", "announced", "announces", "reported", "reports", "warned",
	"warns", "stated", "states", "told", "tells", "claimed", "claims", "insisted", "insists", "confirmed",
	"confirms", "denied", "denies", "argued", "argues", "explained", "estimated", "estimates", "predicted",
	"predicts", "expects", "expected", "noted", "notes", "urged", "urges")

// orgAntecedent picks the organisation "it" at word i refers to: the
// organisation mentioned last in this sentence or the two before it,
// subjects first.
func (r *resolver) orgAntecedent(i int) int {
	w := r.v.words
	pos, sent := w[i].Start, w[i].sent
	best, bestScore := -1, -1e9
	for mi := range r.ments {
		m := &r.ments[mi]
		if m.ent < 0 || m.Start >= pos || r.ents[m.ent].typ != doc.Organization {
			continue
		}
		ms := w[m.first].sent
		if ms < sent-2 {
			continue
		}
		score := -10*float64(sent-ms) + float64(m.Start)/float64(pos+1)
		if r.isSubject(m) {
			score += 4
		}
		if score > bestScore {
			best, bestScore = m.ent, score
		}
	}
	return best
}

// lastMentionBefore returns the start of e's last mention before pos, or -1.
func (r *resolver) lastMentionBefore(e *ent, pos int) int {
	best := -1
	for _, mi := range e.mentions {
		if s := r.ments[mi].Start; s < pos && s > best {
			best = s
		}
	}
	return best
}

// sentenceOf returns the sentence of byte offset off.
func (r *resolver) sentenceOf(off int) int {
	i, _ := r.v.wordsIn(doc.Span{Start: off, End: off + 1})
	if i >= len(r.v.words) {
		return len(r.v.sents) - 2
	}
	return r.v.words[i].sent
}

// pronounAntecedent picks the person a pronoun at word i refers to: among
// the person mentions of this sentence (before the pronoun) and the three
// before it, the nearest sentence wins, a subject beats other mentions of
// its sentence, and later beats earlier.
//
// An object pronoun ("him") cannot refer to the subject of its own
// sentence ("Sisi thanked him").
func (r *resolver) pronounAntecedent(i int, g byte, object bool) int {
	w := r.v.words
	pos, sent := w[i].Start, w[i].sent
	best, bestScore := -1, -1e9
	for mi := range r.ments {
		m := &r.ments[mi]
		if m.ent < 0 || m.Start >= pos {
			continue
		}
		e := r.ents[m.ent]
		if e.typ != doc.Person || (e.gender != 0 && e.gender != g) {
			continue
		}
		ms := w[m.first].sent
		if ms < sent-3 {
			continue
		}
		score := -10*float64(sent-ms) + float64(m.Start)/float64(pos+1)
		if r.isSubject(m) {
			if object && ms == sent {
				continue
			}
			score += 4
		}
		if score > bestScore {
			best, bestScore = m.ent, score
		}
	}
	return best
}

// isSubject reports whether a mention is its clause's subject: by the
// parser's nsubj when there is one, else when only capitalised words,
// titles, determiners and punctuation come before it in its sentence.
func (r *resolver) isSubject(m *mention) bool {
	w := r.v.words
	parsed := false
	for k := m.first; k < m.end; k++ {
		if w[k].dep != "" {
			parsed = true
		}
		if strings.HasPrefix(w[k].dep, "nsubj") {
			return true
		}
	}
	if parsed {
		return false
	}
	for k := r.v.sentStart(w[m.first].sent); k < m.first; k++ {
		t := w[k].text
		l := strings.ToLower(t)
		if isCap(t) || isPunct(t) || isRoleWord(t) || l == "the" || l == "a" || l == "an" || l == "top" {
			continue
		}
		return false
	}
	return true
}
