package extract

import (
	"net/url"
	"strings"
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
func keptLength(text string) int {
	n := 0
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" && !clean.Junk(p) {
			n += utf8.RuneCountInString(p)
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

// chooseText returns the better of trafilatura's text and, when that one
// is suspect, readability's: the one clean-up keeps more of, with a margin
// in favour of trafilatura, the more precise of the two.
func chooseText(root *html.Node, base *url.URL, text string) string {
	kt := keptLength(text)
	if kt >= fallbackBelow && kt*2 >= utf8.RuneCountInString(text) {
		return text
	}
	alt := readabilityText(root, base)
	if ka := keptLength(alt); ka > kt+kt/2 && ka > 0 {
		return alt
	}
	return text
}
