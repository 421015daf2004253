package extract

import "strings"

// dropRawText returns the page with the bodies of its <script> and <style>
// elements removed (the tags stay), except scripts whose type names JSON,
// which hold JSON-LD metadata. Nothing the extractor reads is lost: the
// main text, title and dates never come from scripts or style sheets,
// which are about half of a typical news page's bytes, and cost the HTML
// tokenizer a byte-by-byte scan and the parser a string each.
//
// The scan follows the HTML tokenizer far enough to find the same tags:
// it steps over comments, other tags (with quoted attribute values), and
// the text of elements the tokenizer reads up to their end tag
// (<title>, <textarea>, <noscript>, <iframe>...); a script or style ends
// at the first "</script" or "</style" followed by a space, "/" or ">".
// It keeps a body it cannot be sure of: a script holding "<!--" (where
// the tokenizer's escaped states may end it elsewhere) and anything inside
// <svg> or <math>, where these tags are ordinary elements. It returns src
// itself when there is nothing to drop.
func dropRawText(src string) string {
	var b strings.Builder
	last := 0    // src[last:] is not yet copied
	foreign := 0 // open <svg> and <math> elements
	i := 0
	for {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 || i+j+1 >= len(src) {
			break
		}
		i += j
		c := src[i+1]
		switch {
		case strings.HasPrefix(src[i:], "<!--"):
			k := strings.Index(src[i+4:], "-->")
			if k < 0 {
				return flush(&b, src, last)
			}
			i += 4 + k + 3
			continue
		case c == '!' || c == '?':
			k := strings.IndexByte(src[i:], '>') // a bogus comment
			if k < 0 {
				return flush(&b, src, last)
			}
			i += k + 1
			continue
		case c == '/':
			if i+2 < len(src) && isASCIILetter(src[i+2]) {
				name := tagName(src, i+2)
				end := tagEnd(src, i+2+len(name))
				if end < 0 {
					return flush(&b, src, last)
				}
				if foreign > 0 && (equalASCII(name, "svg") || equalASCII(name, "math")) {
					foreign--
				}
				i = end
				continue
			}
			// "</" and anything else opens a bogus comment up to ">".
			k := strings.IndexByte(src[i+2:], '>')
			if k < 0 {
				return flush(&b, src, last)
			}
			i += 2 + k + 1
			continue
		case !isASCIILetter(c):
			i++ // a "<" in text
			continue
		}
		name := tagName(src, i+1)
		open := tagEnd(src, i+1+len(name))
		if open < 0 {
			return flush(&b, src, last)
		}
		selfClosing := src[open-2] == '/'
		switch {
		case equalASCII(name, "svg") || equalASCII(name, "math"):
			if !selfClosing {
				foreign++
			}
			i = open
			continue
		case foreign > 0:
			i = open
			continue
		case equalASCII(name, "plaintext"):
			return flush(&b, src, last) // the rest of the page is text
		}
		kind := rawKind(name)
		if kind == "" {
			i = open
			continue
		}
		close := closingTag(src, open, kind)
		if close < 0 {
			return flush(&b, src, last)
		}
		body := src[open:close]
		drop := (kind == "style" || kind == "script" &&
			!strings.Contains(strings.ToLower(src[i:open]), "json") && !strings.Contains(body, "<!--"))
		if drop && len(body) > 0 {
			if b.Len() == 0 {
				b.Grow(len(src) - len(body))
			}
			b.WriteString(src[last:open])
			last = close
		}
		i = close + 2 + len(kind)
	}
	return flush(&b, src, last)
}

// flush returns src with what b holds in place of src[:last].
func flush(b *strings.Builder, src string, last int) string {
	if last == 0 {
		return src
	}
	b.WriteString(src[last:])
	return b.String()
}

// rawKind returns the lower-case name of an element whose text the HTML
// tokenizer reads up to its end tag, or "".
func rawKind(name string) string {
	for _, k := range [...]string{"script", "style", "title", "textarea", "noscript", "iframe", "xmp", "noembed", "noframes"} {
		if equalASCII(name, k) {
			return k
		}
	}
	return ""
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// equalASCII compares s with the lower-case ASCII word k, ignoring ASCII
// case only, as the tokenizer does.
func equalASCII(s, k string) bool {
	if len(s) != len(k) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != k[i] {
			return false
		}
	}
	return true
}

func isTagNameEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// tagName returns the tag name starting at src[at:].
func tagName(src string, at int) string {
	k := at
	for k < len(src) && !isTagNameEnd(src[k]) {
		k++
	}
	return src[at:k]
}

// tagEnd returns the offset just past the ">" that ends the tag whose
// attributes begin at src[at:], skipping ">" inside quoted attribute
// values; -1 when the tag does not end.
func tagEnd(src string, at int) int {
	var quote byte
	for k := at; k < len(src); k++ {
		c := src[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			// A quote opens a value only after "="; elsewhere the tokenizer
			// reads it as part of a name, which cannot hold ">".
			if prevNonSpace(src, at, k) == '=' {
				quote = c
			}
		case c == '>':
			return k + 1
		}
	}
	return -1
}

func prevNonSpace(src string, from, k int) byte {
	for k--; k >= from; k-- {
		switch c := src[k]; c {
		case ' ', '\t', '\n', '\r', '\f':
		default:
			return c
		}
	}
	return 0
}

// closingTag returns the offset of the "</name" (any case, followed by a
// space, "/" or ">") that ends a raw text element whose body starts at
// src[from:], or -1.
func closingTag(src string, from int, name string) int {
	for k := from; ; {
		j := strings.Index(src[k:], "</")
		if j < 0 {
			return -1
		}
		k += j
		end := k + 2 + len(name)
		if end < len(src) && equalASCII(src[k+2:end], name) && isTagNameEnd(src[end]) {
			return k
		}
		k += 2
	}
}
