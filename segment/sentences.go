package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"eventwire/doc"
)

// titleAbbrevs are abbreviations that stand before a name or a number and so
// never end a sentence ("Gen. Sisi", "St. Louis", "No. 10").
var titleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "cpl": true, "maj": true, "adm": true, "cmdr": true,
	"brig": true, "lieut": true, "sen": true, "rep": true, "gov": true, "pres": true, "rev": true,
	"hon": true, "amb": true, "supt": true, "insp": true, "det": true, "st": true, "mt": true,
	"ft": true, "fr": true, "messrs": true, "mmes": true, "vs": true, "v": true, "no": true,
	"nos": true, "art": true, "fig": true, "vol": true, "pp": true, "cf": true, "approx": true,
	"e.g": true, "i.e": true, "op": true, "ex": true,
}

// otherAbbrevs are abbreviations that may also end a sentence ("Apple Inc.",
// "in Jan.").
var otherAbbrevs = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "mon": true, "tue": true,
	"tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "bros": true, "plc": true, "llc": true,
	"jr": true, "sr": true, "etc": true, "dept": true, "univ": true, "assn": true, "ave": true,
	"blvd": true, "rd": true, "est": true, "min": true, "max": true, "govt": true, "intl": true,
	"ariz": true, "calif": true, "colo": true, "conn": true, "fla": true, "ga": true, "ill": true,
	"ind": true, "kan": true, "ky": true, "la": true, "mass": true, "md": true, "mich": true,
	"minn": true, "miss": true, "mo": true, "mont": true, "neb": true, "nev": true, "okla": true,
	"ore": true, "pa": true, "penn": true, "tenn": true, "tex": true, "va": true, "vt": true,
	"wash": true, "wis": true, "wyo": true,
}

// starters are capitalised words that usually begin a new sentence; after an
// abbreviation that could end a sentence ("U.S.", "Inc."), a break is made
// only before one of them.
var starters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "You": true, "This": true, "That": true, "These": true, "Those": true,
	"There": true, "But": true, "And": true, "In": true, "On": true, "At": true, "Its": true,
	"His": true, "Her": true, "Their": true, "Our": true, "My": true, "As": true, "If": true,
	"When": true, "While": true, "After": true, "Before": true, "Some": true, "Many": true,
	"Most": true, "Meanwhile": true, "However": true, "Also": true, "So": true, "Yet": true,
	"For": true, "What": true, "Who": true, "Why": true, "How": true, "Where": true,
	"Despite": true, "Although": true, "Since": true, "Earlier": true, "Later": true,
	"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "Officials": true, "Police": true,
}

// speechVerbs follow a quote and its speaker inside one sentence
// (`"Stop!" Kerry said.`).
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "asked": true, "asks": true,
	"added": true, "adds": true, "wrote": true, "writes": true, "replied": true, "insisted": true,
	"insists": true, "warned": true, "warns": true, "declared": true, "explained": true,
	"noted": true, "stated": true, "shouted": true, "continued": true, "argued": true,
}

// isAbbrev reports whether word (without its final period) is an
// abbreviation that keeps its period: a known abbreviation, an initial
// ("J") or a word with inner periods ("U.S", "a.m").
func isAbbrev(word string) bool {
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	if strings.Contains(word, ".") {
		return true
	}
	l := strings.ToLower(word)
	return titleAbbrevs[l] || otherAbbrevs[l]
}

// abbrevKind classifies a token that ends in a period: 0 not an
// abbreviation, 1 a title that never ends a sentence, 2 an abbreviation that
// may end one.
func abbrevKind(tok string) int {
	if len(tok) < 2 || tok[len(tok)-1] != '.' || !strings.ContainsFunc(tok, unicode.IsLetter) {
		return 0
	}
	w := strings.ToLower(tok[:len(tok)-1])
	if titleAbbrevs[w] {
		return 1
	}
	return 2
}

// quoteKind classifies a token as an opening (1), closing (2), ambiguous
// straight (3) quote, or none (0).
func quoteKind(norm, text string) int {
	switch text {
	case "\u201c", "\u2018", "``", "\u201e", "\u00ab":
		return 1
	case "\u201d", "\u2019", "''", "\u00bb":
		return 2
	}
	if norm == `"` || norm == "'" {
		return 3
	}
	return 0
}

// isCloser reports whether a token closes a bracket.
func isCloser(t string) bool { return t == ")" || t == "]" || t == "}" }

// isTerminator reports whether a token ends a sentence when nothing says otherwise.
func isTerminator(t string) bool {
	switch t {
	case ".", "!", "?", "\u2026", "\u203d":
		return true
	}
	return strings.Trim(t, ".!?") == "" && t != ""
}

// startsLower reports whether the token begins with a lower-case letter.
func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// startsUpper reports whether the token begins with an upper-case letter.
func startsUpper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// splitSentences groups toks (all from one paragraph) into sentences and
// returns the index just past each sentence's last token.
func splitSentences(toks []doc.Token) []int {
	var ends []int
	open := false // a straight double quote is open
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Norm == `"` {
			switch quoteKind(t.Norm, t.Text) {
			case 1:
				open = true
			case 2:
				open = false
			default:
				open = !open
			}
		}
		kind := abbrevKind(t.Text)
		if !isTerminator(t.Text) && kind == 0 {
			continue
		}
		if kind == 1 {
			continue
		}
		// Take closing quotes and brackets into the sentence.
		j := i + 1
		closedQuote := false
		for j < len(toks) {
			n := toks[j]
			if isCloser(n.Text) {
				j++
				continue
			}
			if n.Norm == `"` {
				qk := quoteKind(n.Norm, n.Text)
				if qk == 2 || qk == 3 && open {
					open = false
					closedQuote = true
					j++
					continue
				}
			} else if n.Norm == "'" && quoteKind(n.Norm, n.Text) == 2 {
				closedQuote = true
				j++
				continue
			}
			break
		}
		if j >= len(toks) {
			break
		}
		if breakBefore(toks, i, j, kind, closedQuote) {
			ends = append(ends, j)
		}
		i = j - 1
	}
	return append(ends, len(toks))
}

// breakBefore decides whether a sentence that ends with the terminator or
// abbreviation toks[i] (and closers up to j) is followed by a new sentence
// starting at toks[j].
func breakBefore(toks []doc.Token, i, j, kind int, closedQuote bool) bool {
	next := toks[j].Text
	if startsLower(next) {
		return false
	}
	switch next {
	case ",", ";", ":", ")", "]", "}", "%", "-", "--":
		return false
	}
	if kind == 2 {
		// After "U.S." or "Inc." break only before a typical sentence start
		// or an opening quote.
		return starters[next] || toks[j].Norm == `"` && quoteKind(toks[j].Norm, toks[j].Text) != 2
	}
	// `"Stop!" Kerry said.` and `"Stop!" John Kerry said.` stay one sentence.
	if closedQuote && startsUpper(next) {
		for k := j; k < len(toks) && k < j+4; k++ {
			if speechVerbs[toks[k].Text] {
				return false
			}
			if !startsUpper(toks[k].Text) {
				break
			}
		}
	}
	// A lone ellipsis inside a sentence, before a number.
	if toks[i].Text != "." && strings.HasPrefix(toks[i].Text, "..") || toks[i].Text == "\u2026" {
		r, _ := utf8.DecodeRuneInString(next)
		return !unicode.IsDigit(r)
	}
	return true
}
