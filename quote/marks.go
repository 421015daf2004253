package quote

import (
	"unicode"
	"unicode/utf8"

	"eventwire/doc"
)

// quoted is one stretch of text between quote marks, inside one block
// (the title or a body paragraph).
type quoted struct {
	// open and close are the spans of the marks; close is empty when the
	// quote runs to the end of its block without a closing mark.
	open, close doc.Span
	// inner is the quoted text, trimmed of spaces.
	inner doc.Span
	// block is the paragraph index, or -1 for the title.
	block int
	// cont is set when the quote continues the one before it: a paragraph
	// that opens a quote after one left open, or a quote mark that opens a
	// new quote while one is still open (paragraphs run together).
	cont bool
	// single is set for quotes in single marks.
	single bool
}

// closed reports whether the quote has a closing mark.
func (q quoted) closed() bool { return q.close.Len() > 0 }

// end returns the offset just after the quote and its closing mark.
func (q quoted) end() int {
	if q.closed() {
		return q.close.End
	}
	return q.inner.End
}

// Mark roles.
const (
	roleNone = iota
	roleOpen
	roleClose
	roleEither
)

// openerBefore reports whether r may stand before an opening mark.
func openerBefore(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || r == '(' || r == '[' || r == '{' || r == '-' || r == '—' || r == '–' || r == '/' || r == ':'
}

// closerAfter reports whether r may stand after a closing mark.
func closerAfter(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || unicode.IsPunct(r) && r != '\'' && r != '‘' && r != '(' && r != '[' && r != '{'
}

// scanBlock finds the double-quoted stretches of text[b.Start:b.End], then
// single-quoted ones outside them. runOn says whether the block before left
// a quote open; the result says whether this one does.
func scanBlock(text string, b doc.Span, block int, runOn bool) (qs []quoted, open bool) {
	qs, open = scanDouble(text, b, block, runOn)
	// Single quotes in the gaps between double-quoted stretches.
	gap := b.Start
	var out []quoted
	for _, q := range qs {
		out = append(out, scanSingle(text, doc.Span{Start: gap, End: q.open.Start}, block)...)
		out = append(out, q)
		gap = q.end()
	}
	if !open {
		out = append(out, scanSingle(text, doc.Span{Start: gap, End: b.End}, block)...)
	}
	return out, open
}

// runeBefore and runeAfter return the rune before offset i and at offset j,
// or 0 at the bounds of b.
func runeBefore(text string, b doc.Span, i int) rune {
	if i <= b.Start {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[b.Start:i])
	return r
}

func runeAfter(text string, b doc.Span, j int) rune {
	if j >= b.End {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[j:b.End])
	return r
}

// scanDouble pairs the double quote marks of a block: straight and curly
// double quotes, low-9 quotes („ “) and guillemets in either direction.
func scanDouble(text string, b doc.Span, block int, runOn bool) ([]quoted, bool) {
	// Guillemets point outwards (« ») unless the block's first one is ».
	reversed := false
	for _, r := range text[b.Start:b.End] {
		if r == '«' {
			break
		}
		if r == '»' {
			reversed = true
			break
		}
	}
	var qs []quoted
	isOpen := false
	var cur quoted
	var openRune rune
	start := func(m doc.Span, r rune, cont bool) {
		isOpen = true
		openRune = r
		cur = quoted{open: m, block: block, cont: cont}
	}
	finish := func(end int, closeMark doc.Span) {
		isOpen = false
		cur.close = closeMark
		cur.inner = trimSpan(text, doc.Span{Start: cur.open.End, End: end})
		if cur.inner.Len() > 0 {
			qs = append(qs, cur)
		}
	}
	first := true
	for i := b.Start; i < b.End; {
		r, n := utf8.DecodeRuneInString(text[i:b.End])
		m := doc.Span{Start: i, End: i + n}
		i += n
		role := roleNone
		switch r {
		case '“':
			role = roleOpen
			if isOpen && (openRune == '„' || openRune == '“' && !openerBefore(runeBefore(text, b, m.Start))) {
				role = roleClose
			}
		case '„', '‟':
			role = roleOpen
		case '”':
			role = roleClose
			if !isOpen && openerBefore(runeBefore(text, b, m.Start)) && !unicode.IsSpace(runeAfter(text, b, m.End)) && runeAfter(text, b, m.End) != 0 {
				role = roleOpen // Swedish and Finnish style ”...”
			}
		case '«':
			role = roleOpen
			if reversed {
				role = roleClose
			}
		case '»':
			role = roleClose
			if reversed {
				role = roleOpen
			}
		case '"':
			before, after := runeBefore(text, b, m.Start), runeAfter(text, b, m.End)
			ob, ca := openerBefore(before), closerAfter(after)
			switch {
			case ob && !ca:
				role = roleOpen
			case !ob && ca:
				role = roleClose
			case ob && ca:
				role = roleNone // a stray mark between spaces
				if after == 0 && isOpen {
					role = roleClose
				}
			default:
				role = roleEither
			}
		}
		if role == roleNone {
			continue
		}
		if role == roleEither {
			role = roleOpen
			if isOpen {
				role = roleClose
			}
		}
		switch {
		case role == roleOpen && !isOpen:
			start(m, r, first && runOn && leadingMark(text, b, m))
		case role == roleOpen && isOpen:
			// A new quote opens before the last one closed: paragraphs
			// that ran together. The open quote ends here.
			finish(m.Start, doc.Span{Start: m.Start, End: m.Start})
			start(m, r, true)
		case role == roleClose && isOpen:
			finish(m.Start, m)
		}
		first = false
	}
	if isOpen {
		finish(b.End, doc.Span{Start: b.End, End: b.End})
		return qs, true
	}
	return qs, false
}

// leadingMark reports whether m is the first non-space character of block b.
func leadingMark(text string, b doc.Span, m doc.Span) bool {
	for _, r := range text[b.Start:m.Start] {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// maxSingle bounds the length of a single-quoted stretch, so that stray
// apostrophes cannot pair across a whole article.
const maxSingle = 1500

// scanSingle pairs single quote marks (' ‘ ’) in g, skipping apostrophes:
// an opening mark follows a space and precedes a letter, a closing mark
// follows a non-space and is followed by a space or punctuation.
func scanSingle(text string, g doc.Span, block int) []quoted {
	var qs []quoted
	for i := g.Start; i < g.End; {
		r, n := utf8.DecodeRuneInString(text[i:g.End])
		if (r != '\'' && r != '‘') || !openerBefore(runeBefore(text, g, i)) {
			i += n
			continue
		}
		after := runeAfter(text, g, i+n)
		if !unicode.IsLetter(after) && !unicode.IsDigit(after) {
			i += n
			continue
		}
		open := doc.Span{Start: i, End: i + n}
		closeAt := -1
		var cn int
		for j := open.End; j < g.End && j-open.End < maxSingle; {
			r2, n2 := utf8.DecodeRuneInString(text[j:g.End])
			if r2 == '\'' || r2 == '’' {
				before, next := runeBefore(text, g, j), runeAfter(text, g, j+n2)
				if !unicode.IsSpace(before) && closerAfter(next) && !(before == 's' && unicode.IsSpace(next) && j+n2 < g.End && !isFinal(text, g, j+n2)) {
					closeAt, cn = j, n2
					break
				}
			}
			j += n2
		}
		if closeAt < 0 {
			i = open.End
			continue
		}
		q := quoted{open: open, close: doc.Span{Start: closeAt, End: closeAt + cn}, block: block, single: true}
		q.inner = trimSpan(text, doc.Span{Start: open.End, End: closeAt})
		if q.inner.Len() > 0 {
			qs = append(qs, q)
		}
		i = closeAt + cn
	}
	return qs
}

// isFinal reports whether the text after offset j (a space) reads like the
// end of a quoted phrase: a lower-case word that usually follows one ("he
// said") rather than a noun after a plural possessive ("Jones' car").
func isFinal(text string, g doc.Span, j int) bool {
	ws := scanWords(text, j, min(g.End, j+40))
	if len(ws) == 0 {
		return true
	}
	w := ws[0].lower()
	return pronouns[w] || speechForms[w] != "" || stopWords[w] || determiners[w] || ws[0].isCap()
}

// trimSpan shrinks s to exclude leading and trailing white space.
func trimSpan(text string, s doc.Span) doc.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}
