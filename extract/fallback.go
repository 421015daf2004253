package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"eventwire/clean"
)

// A main text is suspect, and the page is read a second time with
// readability, when clean-up keeps fewer than fallbackBelow characters of
// it, or less than half of it (the rest was menus and boilerplate). Most
// pages pass, so the second reading costs little on average.
const fallbackBelow = 250

// keptLength estimates, cheaply, what clean-up keeps of an extracted text:
// the characters of its blocks that are not boilerplate or navigation.
func keptLength(text string) int { return keptLengthTo(text, -1) }

// keptLengthTo is keptLength that stops counting once it reaches enough
// (when enough >= 0): the result is then at least enough, not exact.
func keptLengthTo(text string, enough int) int {
	n := 0
	for len(text) > 0 {
		p := text
		if i := strings.Index(text, "\n\n"); i >= 0 {
			p, text = text[:i], text[i+2:]
		} else {
			text = ""
		}
		if p = strings.TrimSpace(p); p != "" && !clean.Junk(p) {
			n += utf8.RuneCountInString(p)
			if enough >= 0 && n >= enough {
				return n
			}
		}
	}
	return n
}

// readabilityText extracts the main text with readeck's go-readability,
// on a copy of root.
func readabilityText(root *html.Node, base *url.URL) string {
	p := readability.NewParser()
	art, err := p.ParseDocument(root, base)
	if err != nil || art.Node == nil {
		return ""
	}
	return renderText(art.Node)
}

// chooseText returns the better of trafilatura's text and readability's
// (read from the page's tree, which tree returns).
// Readability runs when trafilatura's text is suspect, and then wins when
// clean-up keeps half as much again of it (trafilatura, the more precise
// of the two, keeps a margin). With second set it runs on every page, and
// also wins when its text is a clear subset of trafilatura's: nearly all of
// it is in trafilatura's, which has a good deal more (menus, related
// headlines, teasers that readability left out).
func chooseText(tree func() *html.Node, base *url.URL, text string, second bool) string {
	total := utf8.RuneCountInString(text)
	enough := -1 // count all: second opinion compares lengths
	if !second {
		// Past this the text is not suspect, whatever the rest holds.
		enough = max(fallbackBelow, (total+1)/2)
	}
	kt := keptLengthTo(text, enough)
	suspect := kt < fallbackBelow || kt*2 < total
	if !suspect && !second {
		return text
	}
	alt := readabilityText(tree(), base)
	ka := keptLength(alt)
	if suspect {
		if ka > kt+kt/2 && ka > 0 {
			return alt
		}
		return text
	}
	if ka*10 >= kt*3 && isSubset(alt, text) {
		return alt
	}
	return text
}

// isSubset reports whether at least 95% of the shingles of alt are in
// text, while at most 90% of text's are in alt.
func isSubset(alt, text string) bool {
	st, sa := shingles(text), shingles(alt)
	common := 0
	for k, n := range sa {
		common += min(n, st[k])
	}
	return total(sa) > 0 && common*100 >= total(sa)*95 && common*10 <= total(st)*9
}

// shingles counts the 4-word shingles of the kept blocks of text.
func shingles(text string) map[string]int {
	m := map[string]int{}
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p == "" || clean.Junk(p) {
			continue
		}
		w := strings.FieldsFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		for i := 0; i+4 <= len(w); i++ {
			m[w[i]+" "+w[i+1]+" "+w[i+2]+" "+w[i+3]]++
		}
	}
	return m
}

func total(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}
