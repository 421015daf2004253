package segment

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"eventwire/doc"
)

// emailRE matches an e-mail address at the start of a string.
var emailRE = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)

// Tokenize splits text into tokens in the manner of the Penn Treebank and
// UD English-EWT: punctuation, quotes and the clitics "n't", "'s", "'re",
// "'ve", "'ll", "'d" and "'m" are split off, while abbreviations ("U.S.",
// "Gen."), hyphenated words ("al-Sisi", "24-hour"), numbers ("1.2",
// "1,000"), e-mail addresses and URLs stay whole. Token offsets are byte
// offsets into text plus base. Head is -1 on every token (no syntax yet).
func Tokenize(text string, base int) []doc.Token {
	return tokenizeInto(nil, text, base)
}

// tokenizeInto appends the tokens of text to toks.
func tokenizeInto(toks []doc.Token, text string, base int) []doc.Token {
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if isSpace(r) {
				break
			}
			j += size
		}
		toks = splitChunk(toks, text, i, j, base)
		i = j
	}
	return toks
}

// isSpace reports whether r separates tokens.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200e' || r == '\u200f'
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isApostrophe reports whether r is used as an apostrophe (a backtick
// between letters is a common scraping artefact for one).
func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '`' || r == '\u2018' }

// splitChunk splits the whitespace-free chunk text[start:end] into tokens
// and appends them to toks.
func splitChunk(toks []doc.Token, text string, start, end, base int) []doc.Token {
	c := text[:end]
	emit := func(a, b int) {
		sa := b < len(text)
		if sa {
			r, _ := utf8.DecodeRuneInString(text[b:])
			sa = isSpace(r)
		}
		toks = append(toks, doc.Token{
			Span:       doc.Span{Start: base + a, End: base + b},
			Text:       text[a:b],
			Norm:       normalize(text[a:b]),
			SpaceAfter: sa,
			Head:       -1,
		})
	}
	hasAt := strings.IndexByte(c[start:end], '@') >= 0
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(c[i:])
		// Clitics: n't and 's 're 've 'll 'd 'm after a word.
		if i > start {
			if n := cliticLen(c[i:], true); n > 0 {
				emit(i, i+n)
				i += n
				continue
			}
		}
		switch {
		case isURLStart(c[i:]):
			n := urlLen(c[i:])
			emit(i, i+n)
			i += n
		case (r == '#' || r == '@') && i+size < end && isWordRuneAt(c, i+size):
			n := scanWord(c, i+size, end)
			emit(i, n)
			i = n
		case isWordRune(r):
			if hasAt {
				if m := emailRE.FindStringIndex(c[i:min(end, i+256)]); m != nil {
					emit(i, i+m[1])
					i += m[1]
					continue
				}
			}
			n := scanWord(c, i, end)
			emit(i, n)
			i = n
		case r == '.':
			n := i + 1
			for n < end && c[n] == '.' {
				n++
			}
			emit(i, n)
			i = n
		case r == '-':
			n := i + 1
			for n < end && c[n] == '-' {
				n++
			}
			emit(i, n)
			i = n
		case r == '!' || r == '?':
			n := i + 1
			for n < end && (c[n] == '!' || c[n] == '?') {
				n++
			}
			emit(i, n)
			i = n
		case r == '`' || r == '\'':
			n := i + 1
			if n < end && c[n] == c[i] {
				n++
			}
			emit(i, n)
			i = n
		default:
			emit(i, i+size)
			i += size
		}
	}
	return toks
}

// isWordRuneAt reports whether the rune at byte i of s is a word rune.
func isWordRuneAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// runeBefore returns the rune ending at byte i of s.
func runeBefore(s string, i int) rune {
	if i <= 0 {
		return utf8.RuneError
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// clitics are the contractions split off the preceding word.
var clitics = []string{"s", "re", "ve", "ll", "d", "m"}

// cliticLen returns the byte length of a clitic ("n't", "'s", "’re"...) at
// the start of s, followed by a non-letter, or 0. With nt false only the
// apostrophe clitics are recognised.
func cliticLen(s string, nt bool) int {
	if nt && len(s) >= 3 && (s[0] == 'n' || s[0] == 'N') {
		r, size := utf8.DecodeRuneInString(s[1:])
		if isApostrophe(r) && 1+size < len(s) && (s[1+size] == 't' || s[1+size] == 'T') {
			n := 2 + size
			if !isLetterAt(s, n) {
				return n
			}
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	if !isApostrophe(r) || r == '\u2018' {
		return 0
	}
	for _, cl := range clitics {
		n := size + len(cl)
		if len(s) >= n && strings.EqualFold(s[size:n], cl) && !isLetterAt(s, n) {
			return n
		}
	}
	return 0
}

// isLetterAt reports whether the rune at byte i of s is a letter.
func isLetterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// scanWord returns the end of the word that starts at byte i of c (and ends
// by end at the latest). Connectors (- . , : / & ' _) stay inside a word
// when the characters around them say so; a trailing abbreviation period is
// kept.
func scanWord(c string, i, end int) int {
	segStart := i // start of the current period-separated segment
	j := i
	for j < end {
		r, size := utf8.DecodeRuneInString(c[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		prev := runeBefore(c, j)
		var next rune = utf8.RuneError
		nsize := 0
		if j+size < end {
			next, nsize = utf8.DecodeRuneInString(c[j+size : end])
		}
		ok := false
		switch r {
		case '-', '\u2010', '_':
			ok = isWordRune(next)
		case '.':
			switch {
			case unicode.IsDigit(prev) && unicode.IsDigit(next):
				ok = true
			case unicode.IsLetter(next) && utf8.RuneCountInString(c[segStart:j]) == 1:
				ok = true // U.S, e.g, a.m
			case unicode.IsLower(next) && isWordRune(prev) && j+size+nsize < end && isWordRuneAt(c, j+size+nsize):
				ok = true // bbc.co.uk
			}
			if ok {
				segStart = j + size
			}
		case ',':
			ok = unicode.IsDigit(prev) && digitsAhead(c[j+size:end]) == 3
		case ':':
			ok = unicode.IsDigit(prev) && unicode.IsDigit(next)
		case '/':
			ok = isWordRune(prev) && isWordRune(next)
		case '&':
			ok = unicode.IsUpper(prev) && unicode.IsUpper(next)
		case '\'', '\u2019', '`':
			if unicode.IsLetter(prev) && unicode.IsLetter(next) {
				if cliticLen(c[j:end], false) > 0 {
					break
				}
				if (prev == 'n' || prev == 'N') && cliticLen(c[j-1:end], true) > 0 {
					if j-1 > i {
						return j - 1
					}
					break
				}
				ok = true // O'Brien
			}
		}
		if !ok {
			break
		}
		j += size
	}
	// Keep an abbreviation's period: "U.S.", "Gen.", "J.".
	if j < end && c[j] == '.' && !(j+1 < end && c[j+1] == '.') && isAbbrev(c[i:j]) {
		if j+1 >= end || !isWordRuneAt(c, j+1) {
			j++
			// "U.S.-led"
			if j+1 < end && c[j] == '-' && isWordRuneAt(c, j+1) {
				return scanWord(c, j+1, end)
			}
		}
	}
	return j
}

// digitsAhead counts the ASCII digits at the start of s.
func digitsAhead(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// isURLStart reports whether s starts with a URL scheme or "www.".
func isURLStart(s string) bool {
	if len(s) < 5 {
		return false
	}
	l := strings.ToLower(s[:min(len(s), 8)])
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.") && len(s) > 5 && isWordRuneAt(s, 4)
}

// urlLen returns the length of the URL at the start of the chunk s, less
// trailing punctuation that belongs to the sentence.
func urlLen(s string) int {
	n := len(s)
	paren := strings.Contains(s, "(")
	for n > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:n])
		if strings.ContainsRune(".,;:!?\"'”’»", r) || r == ')' && !paren {
			n -= size
			continue
		}
		break
	}
	if n < 5 {
		return len(s)
	}
	return n
}

// normalize straightens curly quotes and apostrophes and turns PTB-style
// “ and ” and scraped backtick apostrophes into plain ones.
func normalize(s string) string {
	switch s {
	case "``", "''", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb":
		return `"`
	case "`", "\u2018", "\u2019":
		return "'"
	}
	if !strings.ContainsAny(s, "\u2018\u2019\u201c\u201d`") {
		return s
	}
	return quoteReplacer.Replace(s)
}

var quoteReplacer = strings.NewReplacer("\u2018", "'", "\u2019", "'", "`", "'", "\u201c", `"`, "\u201d", `"`)
