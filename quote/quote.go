// Package quote finds who said what in an article: direct quotes in every
// common quote style (including quotes that run over several paragraphs),
// partial quotes inside reported speech, and reported speech without quote
// marks; each with its speaker resolved to an entity of the article (through
// pronouns, nominals such as "the official", and continuation paragraphs),
// anonymous sources kept with their description, the speech verb, the medium
// ("told Israeli news website Ynet") and offsets for all of them.
//
// It works in three steps. Quote marks are paired per paragraph (marks.go):
// straight and curly double quotes, „ “, « » and » «, single quotes apart from
// apostrophes, quotes left open at a paragraph's end and reopened in the
// next, and a mark that opens while a quote is open (paragraphs run
// together). Each stretch is then attributed (attrib.go, np.go): a speech
// verb after it (", he said", ", said Mr Oaten", ", Livni told Ynet") or
// before it ("Mr Grieve said:", "described the meeting as"), its subject
// noun phrase read over appositions, relative clauses and time phrases, or
// else the sentence before, the quote before, or the last speaker of the
// article. Finally the speaker phrase is resolved (speaker.go): names to the
// fullest form the article gives ("Mr Davies" -> "Quentin Davies") or to an
// entity of the entity layer, pronouns and nominals ("the official") to the
// latest fitting subject or speaker, anonymous sources kept as described
// ("a spokeswoman for the Information Commissioner's Office").
//
// The stage reads the sentence layer and, when present, the entity, name
// and tag layers; without them it falls back on its own word scanner and
// capitalised name runs, so it also works on a bare document. Its lexicons
// (speech verbs, titles, media and source words) are in words.go; it loads
// no model.
package quote

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"eventwire/doc"
)

// Stage is the quote pipeline stage. It holds no model; the zero value is
// ready to use and safe for concurrent use.
type Stage struct{}

// New returns the quote stage.
func New() *Stage { return &Stage{} }

// Name returns "quote".
func (*Stage) Name() string { return "quote" }

// Needs lists the layers the stage reads.
func (*Stage) Needs() []string { return []string{"sentences", "tokens", "entities"} }

// Adds lists the layers the stage fills.
func (*Stage) Adds() []string { return []string{"quotes"} }

// Process fills d.Quotes, replacing any earlier ones.
func (*Stage) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	qs, err := Find(ctx, d)
	if err != nil {
		return fmt.Errorf("quote %s: %w", d.Input, err)
	}
	d.Quotes = qs
	return nil
}

// analysis holds what is worked out once per document.
type analysis struct {
	d    *doc.Document
	text string
	// blocks are the paragraph spans (the title is not searched for quotes).
	blocks []doc.Span
	// bounds are sorted offsets where sentences start.
	bounds []int
	// quoted are the quote-marked stretches, in order.
	quoted []quoted
	// runs and acronyms serve name resolution without an entity layer.
	runs     []nameRun
	acronyms map[string]nameRun
	// byLast and byFirst index the first full name run by its last and
	// first word.
	byLast, byFirst map[string]int
	// gender maps full names to "m" or "f" from their titles.
	gender map[string]string
	// capMid holds the words written with a capital inside a sentence
	// somewhere in the article: names, not sentence openers.
	capMid map[string]bool
	// focus holds sentence subjects and speakers in reading order.
	focus []focusPoint
}

// Find returns the quotes of d in text order.
func Find(ctx context.Context, d *doc.Document) ([]doc.Quote, error) {
	a := &analysis{d: d, text: d.Text}
	a.blocks = d.ParagraphSpans
	if len(a.blocks) == 0 && len(d.Text) > 0 {
		a.blocks = splitBlocks(d.Text, d.TitleSpan)
	}
	for _, b := range a.blocks {
		if b.Start < 0 || b.End > len(d.Text) || b.Start > b.End {
			return nil, fmt.Errorf("paragraph span %d-%d outside text of %d bytes", b.Start, b.End, len(d.Text))
		}
	}
	a.bounds = a.sentenceStarts()
	runOn := false
	for i, b := range a.blocks {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var qs []quoted
		qs, runOn = scanBlock(a.text, b, i, runOn)
		a.quoted = append(a.quoted, qs...)
	}
	a.capMid = map[string]bool{}
	for _, b := range a.blocks {
		ws := scanWords(a.text, b.Start, b.End)
		a.runs = append(a.runs, runsIn(ws)...)
		for i, w := range ws {
			if i > 0 && w.isCap() && !ws[i-1].isPunct() && !a.isBound(w.Start) {
				a.capMid[w.text] = true
			}
		}
	}
	a.acronyms = acronymsOf(a.text, a.runs)
	a.indexRuns()
	a.genders()
	if err := a.readFocus(ctx); err != nil {
		return nil, err
	}
	out := a.attribute()
	out = append(out, a.indirect()...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	if out == nil {
		out = []doc.Quote{}
	}
	return out, nil
}

// splitBlocks splits text at blank lines, leaving out the title span.
func splitBlocks(text string, title doc.Span) []doc.Span {
	var out []doc.Span
	start := 0
	add := func(end int) {
		s := trimSpan(text, doc.Span{Start: start, End: end})
		if s.Len() > 0 && !(title.Len() > 0 && s.Overlaps(title)) {
			out = append(out, s)
		}
	}
	for {
		i := strings.Index(text[start:], "\n\n")
		if i < 0 {
			add(len(text))
			return out
		}
		add(start + i)
		start += i + 2
	}
}

// sentenceStarts returns the offsets where sentences begin: the starts of
// the sentence layer, block starts, and the ends of sentences found in the
// text (". " before a capital or a quote mark), which the quote marks need
// even where the sentence layer keeps a quote and its attribution together.
func (a *analysis) sentenceStarts() []int {
	seen := map[int]bool{}
	var out []int
	add := func(i int) {
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	for _, s := range a.d.Sentences {
		add(s.Start)
	}
	t := a.text
	for _, b := range a.blocks {
		add(b.Start)
		for i := b.Start; i < b.End; i++ {
			c := t[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < b.End && (t[j] == '"' || t[j] == '\'' || t[j] == ')' || strings.HasPrefix(t[j:], "”") || strings.HasPrefix(t[j:], "’")) {
				if t[j] < 0x80 {
					j++
				} else {
					j += 3
				}
			}
			if j >= b.End || t[j] != ' ' {
				continue
			}
			k := j
			for k < b.End && t[k] == ' ' {
				k++
			}
			if k >= b.End {
				continue
			}
			r := []rune(t[k:min(b.End, k+4)])
			if len(r) == 0 || !(unicode.IsUpper(r[0]) || strings.ContainsRune("\"“‘'«„", r[0])) {
				continue
			}
			if c == '.' && abbrevBefore(t, b.Start, i) {
				continue
			}
			add(k)
		}
	}
	sort.Ints(out)
	return out
}

// abbrevBefore reports whether the dot at i ends an abbreviation or an
// initial ("Mr.", "J.").
func abbrevBefore(t string, lo, i int) bool {
	j := i
	for j > lo && (unicode.IsLetter(rune(t[j-1])) || t[j-1] == '.') {
		j--
	}
	w := strings.ToLower(t[j:i])
	if len(w) == 1 && j > lo && (t[j-1] == '\'' || t[j-1] == 0x99) {
		return false // "Mr Taylor's." ends a sentence
	}
	return abbreviations[w] || len(w) == 1 || strings.Contains(w, ".")
}

// isBound reports whether a sentence starts at offset off.
func (a *analysis) isBound(off int) bool {
	i := sort.SearchInts(a.bounds, off)
	return i < len(a.bounds) && a.bounds[i] == off
}

// sentenceStart returns the start of the sentence holding offset off.
func (a *analysis) sentenceStart(off int) int {
	i := sort.SearchInts(a.bounds, off+1) - 1
	if i < 0 {
		return 0
	}
	return a.bounds[i]
}

// sentenceEnd returns the start of the next sentence after off, or the end
// of the block.
func (a *analysis) sentenceEnd(off, blockEnd int) int {
	i := sort.SearchInts(a.bounds, off+1)
	if i < len(a.bounds) && a.bounds[i] < blockEnd {
		return a.bounds[i]
	}
	return blockEnd
}

// quoteAt returns the index of the quote-marked stretch holding offset
// off (its marks included), or -1.
func (a *analysis) quoteAt(off int) int {
	i := sort.Search(len(a.quoted), func(i int) bool { return a.quoted[i].end() > off })
	if i < len(a.quoted) && a.quoted[i].open.Start <= off {
		return i
	}
	return -1
}

// inQuote reports whether offset off lies inside a quote-marked stretch.
func (a *analysis) inQuote(off int) bool { return a.quoteAt(off) >= 0 }

// unquotedWords returns the words of [lo, hi) that are not inside quotes.
func (a *analysis) unquotedWords(lo, hi int) []word {
	ws := scanWords(a.text, lo, hi)
	out := ws[:0]
	for _, w := range ws {
		if !a.inQuote(w.Start) && !isQuoteMark(w.text) {
			out = append(out, w)
		}
	}
	return out
}

// isQuoteMark reports whether s is a quote mark.
func isQuoteMark(s string) bool {
	switch s {
	case "\"", "“", "”", "„", "‟", "«", "»", "'", "‘", "’":
		return true
	}
	return false
}
