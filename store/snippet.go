package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippet returns about width bytes of plain text from body around the
// first word that starts with a word of query (case-insensitive, so stems
// such as "negotiat" find "negotiators"), cut at word boundaries, with "…"
// where text was left out. With no match it returns the start of body.
// Whitespace is collapsed.
func Snippet(body, query string, width int) string {
	words := strings.FieldsFunc(strings.ToLower(query), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	at := -1
	lower := strings.ToLower(body)
	if len(lower) != len(body) { // case folding changed lengths: search the original
		lower = body
	}
	for _, w := range words {
		for off := 0; off < len(lower); {
			i := strings.Index(lower[off:], w)
			if i < 0 {
				break
			}
			i += off
			if i == 0 || !isWordByte(lower, i) {
				if at < 0 || i < at {
					at = i
				}
				break
			}
			off = i + len(w)
		}
	}
	start := 0
	if at > width/3 {
		start = at - width/3
	}
	end := min(start+width, len(body))
	for start > 0 && start < len(body) && !utf8.RuneStart(body[start]) {
		start++
	}
	for end < len(body) && !utf8.RuneStart(body[end]) {
		end--
	}
	// Move to word boundaries.
	if start > 0 {
		if sp := strings.IndexAny(body[start:end], " \n\t"); sp >= 0 && sp < width/4 {
			start += sp + 1
		}
	}
	if end < len(body) {
		if sp := strings.LastIndexAny(body[start:end], " \n\t"); sp > width/2 {
			end = start + sp
		}
	}
	out := strings.Join(strings.Fields(body[start:end]), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(body) {
		out += "…"
	}
	return out
}

// isWordByte reports whether the character before byte i of s is a letter
// or digit (so a match at i is inside a word).
func isWordByte(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
