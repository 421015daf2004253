package clean

import (
	"html"
	"unicode"
	"unicode/utf8"
)

// repair fixes character-level artifacts in one pass over t: line endings,
// HTML entities, backtick and acute-accent apostrophes, UTF-8 text decoded
// as Windows-1252 (mojibake), invisible and control characters, and exotic
// spaces. Invalid UTF-8 bytes are dropped.
func repair(t rtext) rtext {
	var w builder
	w.t.b = make([]byte, 0, len(t.b))
	w.t.o = make([]int32, 0, len(t.b))
	b := t.b
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				i++ // keep the \n
				continue
			}
			w.replace("\n", t.o[i], 1)
			i++
			continue
		case c == '&':
			if s, n := entity(b[i:]); n > 0 {
				w.replace(s, t.o[i], n)
				i += n
				continue
			}
		case c == '`':
			if i+1 < len(b) && b[i+1] == '`' {
				w.replace("\"", t.o[i], 2)
				i += 2
				continue
			}
			w.replace("'", t.o[i], 1)
			i++
			continue
		case c == '\n' || c == ' ':
		case c == '\t' || c == '\f' || c == '\v':
			w.replace(" ", t.o[i], 1)
			i++
			continue
		case c < 0x20 || c == 0x7f:
			i++ // control character
			continue
		}
		if c < utf8.RuneSelf {
			w.t.b = append(w.t.b, c)
			w.t.o = append(w.t.o, t.o[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			i++ // invalid byte
			continue
		}
		if s, n := mojibake(b[i:]); n > 0 {
			w.replace(s, t.o[i], n)
			i += n
			continue
		}
		switch {
		case r == '\u00b4' && i > 0 && prevIsLetter(b[:i]) && nextIsLetter(b[i+size:]):
			w.replace("'", t.o[i], size)
		case r == '\u00a0' || r == '\u202f' || r == '\u205f' || r == '\u3000' || (r >= '\u2000' && r <= '\u200a'):
			w.replace(" ", t.o[i], size)
		case r == '\u2028' || r == '\u2029':
			w.replace("\n", t.o[i], size)
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad' || r == '\u2060' || (r >= 0x80 && r < 0xa0):
			// invisible: zero-width space, BOM, soft hyphen, word joiner, C1 controls
		default:
			w.copy(t, i, i+size)
		}
		i += size
	}
	return w.t
}

func prevIsLetter(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
	return unicode.IsLetter(r)
}

func nextIsLetter(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return unicode.IsLetter(r)
}

// entity decodes an HTML character reference at the start of b ("&amp;",
// "&#39;", "&#x2019;"), also a doubly escaped one ("&amp;quot;"). It
// returns the text and the number of bytes consumed, or 0 when b does not
// start with a known reference.
func entity(b []byte) (string, int) {
	n := refLen(b)
	if n == 0 {
		return "", 0
	}
	s := html.UnescapeString(string(b[:n]))
	if s == string(b[:n]) {
		return "", 0
	}
	if s == "&" && n < len(b) {
		// "&amp;quot;": decode the escaped reference too.
		if m := refLen(append([]byte{'&'}, b[n:min(len(b), n+12)]...)); m > 1 {
			inner := "&" + string(b[n:n+m-1])
			if d := html.UnescapeString(inner); d != inner {
				return d, n + m - 1
			}
		}
	}
	return s, n
}

// refLen returns the length of a character reference "&name;" or "&#...;" at
// the start of b, or 0.
func refLen(b []byte) int {
	if len(b) < 3 || b[0] != '&' {
		return 0
	}
	for i := 1; i < len(b) && i < 12; i++ {
		c := b[i]
		switch {
		case c == ';':
			if i == 1 {
				return 0
			}
			return i + 1
		case c == '#' && i == 1, c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		default:
			return 0
		}
	}
	return 0
}

// cp1252 maps the Windows-1252 characters of bytes 0x80-0x9f back to their byte.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}

// latinByte returns the Windows-1252 (or Latin-1) byte a rune encodes.
func latinByte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xff {
		return byte(r), true
	}
	c, ok := cp1252[r]
	return c, ok
}

// mojibake recognises UTF-8 text that was decoded as Windows-1252 ("â€™"
// for "’", "Ã©" for "é") at the start of b: a lead character Â-ô followed
// by continuation characters that together re-encode to one valid UTF-8
// sequence. It returns the repaired text and the bytes consumed, or 0.
func mojibake(b []byte) (string, int) {
	r, size := utf8.DecodeRune(b)
	lead, ok := latinByte(r)
	if !ok || lead < 0xc2 || lead > 0xf4 {
		return "", 0
	}
	need := 1
	switch {
	case lead >= 0xf0:
		need = 3
	case lead >= 0xe0:
		need = 2
	}
	seq := []byte{lead}
	n := size
	for k := 0; k < need; k++ {
		r, sz := utf8.DecodeRune(b[n:])
		c, ok := latinByte(r)
		if !ok || c < 0x80 || c > 0xbf {
			// "â€" + a lost 0x9d byte is the common mojibake of "”".
			if k == need-1 && need == 2 && seq[1] == 0x80 && lead == 0xe2 {
				return "”", n
			}
			return "", 0
		}
		seq = append(seq, c)
		n += sz
	}
	dr, _ := utf8.DecodeRune(seq)
	if dr == utf8.RuneError || dr < 0x80 {
		return "", 0
	}
	return string(seq), n
}
