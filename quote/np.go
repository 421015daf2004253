package quote

import "strings"

// maxNP bounds the words of a noun phrase, and maxChunk the words between
// two commas that a subject search steps over.
const (
	maxNP    = 12
	maxChunk = 40
)

// isPossessive reports whether w is a possessive marker or a plural
// possessive word ("'s", "Bankers'").
func isPossessive(w word) bool {
	l := w.lower()
	return l == "'s" || strings.HasSuffix(l, "s'") && len(l) > 2
}

// verbLike reports whether w looks like a verb that ends a noun phrase.
func verbLike(w word) bool {
	l := w.lower()
	if w.isCap() {
		return false
	}
	return commonVerbs[l] || speechForms[l] != "" || strings.HasSuffix(l, "ed") && len(l) > 3
}

// npBefore returns the noun phrase that ends at ws[end], walking back no
// further than lo: determiners, modifiers, names and titles
// ("Barclays' chief John Varley", "the ADB report", "Matthew Herren from
// EduVision"). It returns nil when ws[end] cannot end a noun phrase.
func npBefore(ws []word, end, lo int) []word {
	if end < lo || end >= len(ws) {
		return nil
	}
	if pronouns[ws[end].lower()] {
		if end > lo && (ws[end-1].isCap() && !sentenceWords[ws[end-1].lower()] || determiners[ws[end-1].lower()]) {
			return nil // "told MPs he", not a subject
		}
		return ws[end : end+1]
	}
	// Step over a parenthetical acronym: "the British Bankers' Association (BBA)".
	if ws[end].text == ")" && end-2 >= lo && ws[end-2].text == "(" && isAcronym(ws[end-1].text) {
		if np := npBefore(ws, end-3, lo); np != nil {
			return ws[end-3-len(np)+1 : end+1]
		}
		return nil
	}
	j := end
	lowers := 0
	lo = max(lo, end-maxNP)
	for j >= lo {
		w := ws[j]
		l := w.lower()
		switch {
		case isPossessive(w) && j != end:
		case w.isPunct():
			goto done
		case determiners[l] && !w.isCap() || determiners[l] && j == lo:
			j--
			goto done
		case (l == "of" || l == "from" || l == "at" || l == "for") && j > lo && j < end && ws[j-1].isCap() && ws[j+1].isCap():
		case (l == "and" || l == "&") && j > lo && j < end && ws[j-1].isCap() && endsOrg(ws[j+1:end+1]):
		case stopWords[l] && !(w.isCap() && !sentenceWords[l]):
			goto done
		case verbLike(w) && !(j == end && j > lo && (determiners[ws[j-1].lower()] || ws[j-1].isCap())):
			goto done // a verb, unless a noun after "the" ("the report")
		case w.isCap():
		default:
			lowers++
			if lowers > 5 {
				goto done
			}
		}
		j--
	}
done:
	np := ws[j+1 : end+1]
	if len(np) == 0 || np[len(np)-1].isPunct() && !isPossessive(np[len(np)-1]) {
		return nil
	}
	// "a spokesman for the company": the phrase before "for" heads it.
	if j >= lo+1 && (ws[j].lower() == "for" || ws[j].lower() == "of" || ws[j].lower() == "at") && (sourceNouns[ws[j-1].lower()] || titles[ws[j-1].lower()] && !ws[j-1].isCap()) {
		if head := npBefore(ws, j-1, lo); head != nil && (head[0].lower() == "a" || head[0].lower() == "an" || head[0].lower() == "one") {
			return ws[j-len(head) : end+1]
		}
	}
	return np
}

// npAfter returns the noun phrase that starts at ws[start], reading
// forwards no further than hi (exclusive): "said analyst Alex Potter at
// Lehman Brothers", "said the official".
func npAfter(ws []word, start, hi int) []word {
	j := start
	seenCap := false
	lowers := 0
	hi = min(hi, start+maxNP)
	for j < hi {
		w := ws[j]
		l := w.lower()
		switch {
		case isPossessive(w) && j > start:
		case w.isPunct():
			goto done
		case determiners[l] && j == start:
		case articles[l] && j > start:
			goto done // a new noun phrase: "The cardinal used a Christmas message"
		case (l == "of" || l == "from" || l == "at" || l == "for") && j > start && j+1 < hi && ws[j-1].isCap() && ws[j+1].isCap():
		case stopWords[l] && !(w.isCap() && !sentenceWords[l]):
			goto done
		case verbLike(w):
			goto done
		case w.isCap():
			seenCap = true
		default:
			if seenCap && !titles[l] && !sourceNouns[l] && !capAhead(ws, j, hi) {
				goto done
			}
			lowers++
			if lowers > 4 {
				goto done
			}
		}
		j++
	}
done:
	np := ws[start:j]
	if len(np) == 0 || determiners[np[len(np)-1].lower()] {
		return nil
	}
	return np
}

// Time phrases that stand between a subject and its verb.
var (
	timeNouns       = set("week", "month", "year", "weekend", "night", "morning", "afternoon", "evening", "day", "summer", "winter", "spring", "autumn")
	timeDeterminers = set("last", "this", "next", "earlier", "later", "that")
	weekdays        = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)

// capAhead reports whether a capitalised word follows ws[j] within a few
// plain words ("said Swedish trades union official Ulf Carlsson").
func capAhead(ws []word, j, hi int) bool {
	for k := j + 1; k < hi && k <= j+4; k++ {
		w := ws[k]
		if w.isPunct() || stopWords[w.lower()] && !w.isCap() || verbLike(w) {
			return false
		}
		if w.isCap() {
			return true
		}
	}
	return false
}

// subjectOf returns the subject of the verb at ws[v], walking back no further
// than lo: over auxiliaries and adverbs, and over an apposition or relative
// clause set off by commas ("Steel analyst Peter Fish, director of ...,
// said").
func subjectOf(ws []word, v, lo int) []word {
	i := v - 1
	for i >= lo {
		l := ws[i].lower()
		switch {
		case skipBeforeVerb[l]:
			i--
		case timeNouns[l] && i-1 >= lo && timeDeterminers[ws[i-1].lower()]:
			i -= 2 // "Mr Howard last week said"
		case weekdays[l]:
			i-- // "Kerry on Tuesday said"
			if i >= lo && ws[i].lower() == "on" {
				i--
			}
		default:
			goto found
		}
	}
found:
	if i < lo {
		return nil
	}
	if ws[i].text != "," {
		return npBefore(ws, i, lo)
	}
	// "the new chair of the IETF, Brian Carpenter, says": a bare name
	// between the commas is the speaker.
	if j := lastIndex(ws[max(lo, i-maxChunk):i], ",") + max(lo, i-maxChunk); j >= lo && j+1 < i && j+1 > max(lo, i-maxChunk) {
		chunk := ws[j+1 : i]
		if allCap(chunk) && personLike(strip(chunk)) {
			return chunk
		}
	}
	// Walk back over comma-separated chunks: the chunk next to the verb
	// is an apposition; the subject ends at an earlier comma.
	for tries := 0; tries < 3; tries++ {
		j := i - 1
		for j >= lo && ws[j].text != "," && i-j < maxChunk {
			j--
		}
		if j >= lo && ws[j].text != "," {
			return nil
		}
		if j < lo {
			// The chunk runs from the window start: take its opening noun phrase.
			if np := npAfter(ws, lo, i); tries > 0 && len(np) > 0 {
				return np
			}
			if tries == 0 {
				return npBefore(ws, i-1, lo)
			}
			return nil
		}
		if np := npBefore(ws, j-1, lo); len(np) > 0 && goodSubject(np) {
			// A subject must reach the start of its chunk.
			k := j - 1 - len(np)
			if k < lo || ws[k].text == "," || leadWords[ws[k].lower()] {
				return np
			}
		}
		i = j
	}
	return nil
}

// leadWords open a sentence before its subject.
var leadWords = set("but", "and", "so", "yet", "however", "meanwhile", "also", "now", "then", "still", "indeed")

// lastIndex returns the index of the last word of ws with text s, or -1.
func lastIndex(ws []word, s string) int {
	for i := len(ws) - 1; i >= 0; i-- {
		if ws[i].text == s {
			return i
		}
	}
	return -1
}

// allCap reports whether every word of ws is capitalised.
func allCap(ws []word) bool {
	for _, w := range ws {
		if !w.isCap() || w.isPunct() {
			return false
		}
	}
	return len(ws) > 0
}

// goodSubject reports whether np can be a speaker: a pronoun, a name, or a
// noun phrase with a determiner.
func goodSubject(np []word) bool {
	if len(np) == 1 && pronouns[np[0].lower()] {
		return true
	}
	for _, w := range np {
		if w.isCap() && !sentenceWords[w.lower()] {
			return true
		}
	}
	return determiners[np[0].lower()] || sourceNouns[np[len(np)-1].lower()]
}

// npText joins the words of np as they appear in text.
func npText(text string, np []word) string {
	if len(np) == 0 {
		return ""
	}
	return text[np[0].Start:np[len(np)-1].End]
}
