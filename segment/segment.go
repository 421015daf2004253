// Package segment splits a document's clean text into sentences and tokens,
// the first layer every later stage reads. Tokens follow the Penn Treebank
// and UD English-EWT conventions the tagger, parser and recogniser are
// trained on; sentences never cross a paragraph boundary, and the title is a
// sentence of its own.
package segment

import (
	"context"
	"strings"

	"eventwire/doc"
)

// Stage is the segmentation pipeline stage. It has no model; the zero value
// is ready to use.
type Stage struct{}

// New returns the segmentation stage.
func New() *Stage { return &Stage{} }

// Name returns "segment".
func (*Stage) Name() string { return "segment" }

// Needs lists the layers the stage reads.
func (*Stage) Needs() []string { return []string{"text"} }

// Adds lists the layers the stage fills.
func (*Stage) Adds() []string { return []string{"sentences", "tokens"} }

// Process fills d.Sentences and d.Tokens, replacing any earlier ones.
func (*Stage) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Sentences, d.Tokens = Split(d)
	return nil
}

// block is a stretch of text that sentences may not cross.
type block struct {
	doc.Span
	paragraph int
}

// blocks returns the title and paragraph spans of d; for a document built
// without them, the blank-line-separated parts of its text.
func blocks(d *doc.Document) []block {
	var out []block
	if d.TitleSpan.Len() > 0 {
		out = append(out, block{d.TitleSpan, -1})
	}
	for i, p := range d.ParagraphSpans {
		out = append(out, block{p, i})
	}
	if len(out) > 0 {
		return out
	}
	start, para := 0, 0
	for start < len(d.Text) {
		end := strings.Index(d.Text[start:], "\n\n")
		if end < 0 {
			end = len(d.Text)
		} else {
			end += start
		}
		if strings.TrimSpace(d.Text[start:end]) != "" {
			out = append(out, block{doc.Span{Start: start, End: end}, para})
			para++
		}
		start = end + 2
	}
	return out
}

// Split returns the sentences and tokens of d's text. The title is one
// sentence (Paragraph -1); body sentences are split within paragraphs.
func Split(d *doc.Document) ([]doc.Sentence, []doc.Token) {
	var sents []doc.Sentence
	toks := make([]doc.Token, 0, len(d.Text)/5+1)
	for _, b := range blocks(d) {
		if b.Start < 0 || b.End > len(d.Text) || b.Start >= b.End {
			continue
		}
		s := d.Text[b.Start:b.End]
		first := len(toks)
		toks = tokenizeInto(toks, s, b.Start)
		bt := toks[first:]
		if len(bt) == 0 {
			continue
		}
		var ends []int
		if b.paragraph < 0 {
			ends = []int{len(bt)}
		} else {
			ends = splitSentences(bt)
		}
		prev := 0
		for _, e := range ends {
			if e <= prev {
				continue
			}
			sents = append(sents, doc.Sentence{
				Span:       doc.Span{Start: bt[prev].Start, End: bt[e-1].End},
				FirstToken: first + prev,
				EndToken:   first + e,
				Paragraph:  b.paragraph,
			})
			prev = e
		}
	}
	return sents, toks
}
