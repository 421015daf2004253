package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"eventwire/doc"
)

// word is one token of the document as the resolver sees it.
type word struct {
	doc.Span
	text string
	pos  string // Universal POS, "" when no tagger ran
	dep  string // UD relation, "" when no parser ran
	sent int    // sentence index
}

// view is the token and sentence layer the resolver works on: the
// document's own when the segmenter ran, else a plain split of the text.
type view struct {
	words []word
	// sents holds the first word of each sentence and, at the end, len(words).
	sents []int
}

func newView(d *doc.Document) *view {
	v := &view{}
	if len(d.Tokens) > 0 {
		v.words = make([]word, len(d.Tokens))
		for i, t := range d.Tokens {
			v.words[i] = word{Span: t.Span, text: t.Text, pos: t.POS, dep: t.Dep, sent: -1}
		}
	} else {
		v.words = splitWords(d.Text)
	}
	if len(d.Sentences) > 0 && len(d.Tokens) > 0 {
		for _, s := range d.Sentences {
			v.sents = append(v.sents, s.FirstToken)
		}
	} else {
		v.sents = splitSentences(d.Text, v.words)
	}
	v.sents = append(v.sents, len(v.words))
	s := 0
	for i := range v.words {
		for s+1 < len(v.sents)-1 && i >= v.sents[s+1] {
			s++
		}
		v.words[i].sent = s
	}
	return v
}

// sentStart returns the first word of sentence s.
func (v *view) sentStart(s int) int { return v.sents[s] }

// sentEnd returns one past the last word of sentence s.
func (v *view) sentEnd(s int) int { return v.sents[s+1] }

// texts returns the texts of words[i:j].
func (v *view) texts(i, j int) []string {
	out := make([]string, 0, j-i)
	for _, w := range v.words[i:j] {
		out = append(out, w.text)
	}
	return out
}

// wordsIn returns the half-open range of words inside span s.
func (v *view) wordsIn(s doc.Span) (int, int) {
	i := 0
	lo, hi := 0, len(v.words)
	for lo < hi {
		m := (lo + hi) / 2
		if v.words[m].End <= s.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i = lo
	j := i
	for j < len(v.words) && v.words[j].Start < s.End {
		j++
	}
	return i, j
}

// splitWords is the fallback tokenizer: words (keeping "U.S." and
// "al-Sisi" whole), the clitic "'s", and punctuation marks.
func splitWords(text string) []word {
	var out []word
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if (r2 == '-' || r2 == '.' || r2 == '\'' || r2 == '\u2019') && j+n2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+n2:])
					if isWordRune(r3) && !(r2 != '-' && r2 != '.' && (r3 == 's' || r3 == 'S') && endsWord(text, j+n2+1)) {
						j += n2
						continue
					}
				}
				// "U.S." keeps its last period when the word is dotted capitals.
				if r2 == '.' && strings.Contains(text[i:j], ".") {
					j += n2
				}
				break
			}
			out = append(out, word{Span: doc.Span{Start: i, End: j}, text: text[i:j]})
			i = j
		case (r == '\'' || r == '\u2019') && i+n < len(text) && (text[i+n] == 's' || text[i+n] == 'S') && endsWord(text, i+n+1):
			out = append(out, word{Span: doc.Span{Start: i, End: i + n + 1}, text: text[i : i+n+1]})
			i += n + 1
		default:
			out = append(out, word{Span: doc.Span{Start: i, End: i + n}, text: text[i : i+n]})
			i += n
		}
	}
	return out
}

func endsWord(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// splitSentences is the fallback sentence splitter: a sentence ends at a
// paragraph break or after ".", "!" or "?" (and closing quotes) followed by
// a capital or a quote.
func splitSentences(text string, words []word) []int {
	if len(words) == 0 {
		return nil
	}
	starts := []int{0}
	for i := 1; i < len(words); i++ {
		prev := words[i-1]
		gap := text[prev.End:words[i].Start]
		if strings.Contains(gap, "\n") {
			starts = append(starts, i)
			continue
		}
		t := prev.text
		if t == "." || t == "!" || t == "?" || ((t == "\"" || t == "\u201d") && i >= 2 && strings.ContainsAny(words[i-2].text, ".!?")) {
			r, _ := utf8.DecodeRuneInString(words[i].text)
			if unicode.IsUpper(r) || r == '"' || r == '\u201c' {
				starts = append(starts, i)
			}
		}
	}
	return starts
}

// isCap reports whether s starts with a capital letter.
func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isPunct reports whether s is a punctuation token.
func isPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// isPossessive reports whether s is the clitic "'s".
func isPossessive(s string) bool {
	return s == "'s" || s == "\u2019s" || s == "'S" || s == "`s" || s == "'"
}
