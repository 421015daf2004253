// Package clean turns scraped article text into the clean record text: it
// repairs character artifacts (HTML entities, backtick apostrophes, mojibake,
// invisible characters, stray whitespace, missing breaks after quotes),
// removes boilerplate (cookie and consent notices, share and subscribe
// prompts, "Read more" lines, copyright lines, related-link lists), takes the
// dateline off the lead, and drops a lead that repeats the standfirst.
//
// Every step keeps a map from clean offsets back to the raw input, so the
// resulting doc.Document has a RawMap that locates any span in the original.
package clean

import (
	"bytes"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"eventwire/doc"
)

// Text cleans a plain-text report: its first non-blank line is the title,
// and paragraphs are separated by blank lines (or, when the text has no
// blank line at all, by line breaks). Offsets in RawMap are byte offsets
// into raw.
func Text(raw string) *doc.Document {
	t := repair(newRtext(raw, 0))
	t = t.trimSpace()
	nl := bytes.IndexByte(t.b, '\n')
	if nl < 0 {
		nl = len(t.b)
	}
	title := collapse(t.slice(0, nl))
	return build(title, blocks(t.slice(nl, len(t.b))))
}

// Parts cleans an article whose title and body come apart (web pages, JSON
// records). The raw input that RawMap refers to is title + "\n\n" + body
// when the title is not empty, and body alone otherwise; Raw gives it.
func Parts(title, body string) *doc.Document {
	raw := Raw(title, body)
	if strings.TrimSpace(title) == "" {
		return build(rtext{}, blocks(repair(newRtext(raw, 0))))
	}
	return Text(raw)
}

// Raw returns the raw text Parts maps offsets into.
func Raw(title, body string) string {
	title = strings.ReplaceAll(strings.TrimSpace(title), "\n", " ")
	if title == "" {
		return body
	}
	return title + "\n\n" + body
}

// blocks splits t into paragraphs at blank lines, joining the lines of each
// paragraph with spaces and collapsing runs of spaces. Text with no blank
// line but several lines is split at every line break.
func blocks(t rtext) []rtext {
	lines := splitLines(t.trimSpace())
	blank := false
	for _, l := range lines {
		if len(l.trimSpace().b) == 0 {
			blank = true
			break
		}
	}
	var out []rtext
	var cur []rtext
	flush := func() {
		if len(cur) == 0 {
			return
		}
		p := joinLines(cur)
		if len(p.b) > 0 {
			out = append(out, p)
		}
		cur = cur[:0]
	}
	for _, l := range lines {
		if len(l.trimSpace().b) == 0 {
			flush()
			continue
		}
		cur = append(cur, l)
		if !blank {
			flush()
		}
	}
	flush()
	return out
}

func splitLines(t rtext) []rtext {
	var out []rtext
	start := 0
	for i, c := range t.b {
		if c == '\n' {
			out = append(out, t.slice(start, i))
			start = i + 1
		}
	}
	return append(out, t.slice(start, len(t.b)))
}

// joinLines joins lines with single spaces and collapses whitespace.
func joinLines(lines []rtext) rtext {
	var w builder
	n := 0
	for _, l := range lines {
		n += len(l.b) + 1
	}
	w.t.b, w.t.o = make([]byte, 0, n), make([]int32, 0, n)
	for _, l := range lines {
		l = l.trimSpace()
		if len(l.b) == 0 {
			continue
		}
		if len(w.t.b) > 0 {
			w.replace(" ", l.o[0], 0)
		}
		appendCollapsed(&w, l)
	}
	return w.t
}

// collapse trims t and turns every run of whitespace into one space.
func collapse(t rtext) rtext {
	var w builder
	appendCollapsed(&w, t.trimSpace())
	return w.t
}

func appendCollapsed(w *builder, t rtext) {
	space := false
	for i, c := range t.b {
		if isSpaceByte(c) {
			space = true
			continue
		}
		if space && len(w.t.b) > 0 && w.t.b[len(w.t.b)-1] != ' ' {
			w.replace(" ", t.o[i-1], 1)
		}
		space = false
		w.t.b = append(w.t.b, c)
		w.t.o = append(w.t.o, t.o[i])
	}
}

// build applies the paragraph-level rules and assembles the document.
func build(title rtext, paras []rtext) *doc.Document {
	paras = splitAfterQuotes(paras)
	paras = dropBoilerplate(paras)
	var dateline, standfirst, names string
	paras, names = byline(paras)
	var published time.Time
	paras, published = timestamp(paras)
	paras, dateline, standfirst = lead(title, paras)
	paras = nonEmpty(paras)
	strs := make([]string, len(paras))
	for i, p := range paras {
		strs[i] = string(p.b)
	}
	d := doc.New(string(title.b), strs)
	d.Dateline = dateline
	d.Byline = names
	d.Published = published
	d.Standfirst = standfirst
	d.RawMap = offsetMap(d, title, paras)
	return d
}

// splitAfterQuotes repairs a lost paragraph break after a sentence-ending
// closing quote ('democracy."Egyptian officials'): the paragraph is split
// there. A straight quote counts as closing when it is the even-numbered
// quote of the paragraph; an opening curly quote glued to the previous
// sentence ('said.“We') gets a space.
func splitAfterQuotes(paras []rtext) []rtext {
	var out []rtext
	for _, p := range paras {
		quotes := 0
		start := 0
		var w builder
		for i := 0; i < len(p.b); i++ {
			c := p.b[i]
			if c == '"' {
				quotes++
			}
			if i == 0 || !isSentenceEnd(p.b[i-1]) {
				continue
			}
			r, size := utf8.DecodeRune(p.b[i:])
			next, _ := utf8.DecodeRune(p.b[i+size:])
			if !unicode.IsUpper(next) {
				continue
			}
			switch {
			case (c == '"' && quotes%2 == 0) || r == '”':
				w.copy(p, start, i+size)
				out = append(out, w.t)
				w = builder{}
				start = i + size
			case r == '“' || c == '"':
				w.copy(p, start, i)
				w.replace(" ", p.o[i], 0)
				start = i
			}
		}
		w.copy(p, start, len(p.b))
		if t := w.t.trimSpace(); len(t.b) > 0 {
			out = append(out, t)
		}
	}
	return out
}

func isSentenceEnd(c byte) bool { return c == '.' || c == '!' || c == '?' }

// nonEmpty drops empty paragraphs, so that they line up with doc.New's.
func nonEmpty(paras []rtext) []rtext {
	out := paras[:0:0]
	for _, p := range paras {
		if len(p.b) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// normKey keeps the lower-cased letters and digits of b, to compare
// paragraphs regardless of punctuation, quotes and spacing.
func normKey(b []byte) string {
	var sb strings.Builder
	for _, r := range string(b) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(unicode.ToLower(r))
		}
	}
	return sb.String()
}
