// Package ner is eventwire's named-entity recogniser: a pipeline stage that
// finds the names of people (PER), organisations (ORG), places (LOC) and
// other named things (MISC) in a document's tokens and fills doc.Names.
//
// The model is a pair of averaged structured perceptrons over BILOU labels
// with Viterbi decoding, trained on CoNLL-2003 (eng.train). Its features are
// the word, its shape and affixes, its context, word clusters built from
// GloVe vectors (package cluster), gazetteer lists (package gazetteer) and
// how the word is cased elsewhere in the document; the second pass adds the
// labels the first pass gave the same word elsewhere in the document, for
// document-level consistency, and a last rule makes a repeated surname of a
// multi-word person a person too. "eventwire train clusters", "train
// nerlists" and "train ner" rebuild the three embedded data files;
// "eventwire eval ner" scores the model on any CoNLL-2003 file.
package ner

import (
	"context"
	"strings"
	"unicode"

	"eventwire/doc"
)

// Stage is the pipeline stage "ner". It is safe for concurrent use.
type Stage struct {
	t *Tagger
}

// New loads the embedded model and returns the stage.
func New() (*Stage, error) {
	t, err := LoadTagger()
	if err != nil {
		return nil, err
	}
	return &Stage{t: t}, nil
}

// NewWithTagger returns a stage that uses t.
func NewWithTagger(t *Tagger) *Stage { return &Stage{t: t} }

// Name returns "ner".
func (*Stage) Name() string { return "ner" }

// Needs lists the layers the stage reads.
func (*Stage) Needs() []string { return []string{"tokens"} }

// Adds lists the layers the stage fills.
func (*Stage) Adds() []string { return []string{"names"} }

// Process fills d.Names from d.Tokens and d.Sentences. The whole document
// is tagged at once so that the second pass can use the first pass's labels
// across sentences. A title written in Title Case is re-cased first: its
// capitalised words that the body writes only in lower case are lowered.
func (s *Stage) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Names = d.Names[:0]
	sents := d.Sentences
	if len(sents) == 0 && len(d.Tokens) > 0 {
		sents = []doc.Sentence{{FirstToken: 0, EndToken: len(d.Tokens), Paragraph: 0}}
	}
	words := make([][]string, 0, len(sents))
	for _, se := range sents {
		w := make([]string, 0, se.EndToken-se.FirstToken)
		for _, t := range d.Tokens[se.FirstToken:se.EndToken] {
			w = append(w, normWord(t.Text))
		}
		words = append(words, w)
	}
	recaseTitles(words, sents)
	for i, sp := range s.t.Tag(words) {
		base := sents[i].FirstToken
		for _, e := range sp {
			first, end := base+e.Start, base+e.End
			d.Names = append(d.Names, doc.Name{
				Span:       doc.Span{Start: d.Tokens[first].Start, End: d.Tokens[end-1].End},
				Label:      e.Type,
				FirstToken: first,
				EndToken:   end,
			})
		}
	}
	return nil
}

// normWord maps typographic quotes and apostrophes to the ASCII forms the
// training data uses, and British titles without a period ("Mr") to the
// Reuters form ("Mr.").
func normWord(w string) string {
	switch w {
	case "Mr", "Mrs", "Ms", "Dr":
		return w + "."
	}
	if !strings.ContainsAny(w, "\u2018\u2019\u201c\u201d`") {
		return w
	}
	return strings.NewReplacer("\u2018", "'", "\u2019", "'", "`", "'", "\u201c", "\"", "\u201d", "\"").Replace(w)
}

// recaseTitles lowers the capitalised words of Title Case title sentences
// (Paragraph -1) when the body uses them only in lower case.
func recaseTitles(words [][]string, sents []doc.Sentence) {
	lower, capital := map[string]bool{}, map[string]bool{}
	for i, se := range sents {
		if se.Paragraph < 0 {
			continue
		}
		for j, w := range words[i] {
			if j == 0 || !hasLetter(w) {
				continue
			}
			if startsUpper(w) {
				capital[strings.ToLower(w)] = true
			} else if strings.ToLower(w) == w {
				lower[w] = true
			}
		}
	}
	for i, se := range sents {
		if se.Paragraph >= 0 || !titleCase(words[i]) {
			continue
		}
		for j, w := range words[i] {
			l := strings.ToLower(w)
			if j > 0 && startsUpper(w) && lower[l] && !capital[l] {
				words[i][j] = l
			}
		}
	}
}

// titleCase reports whether most words of a sentence (not all-caps) start
// with a capital letter.
func titleCase(ws []string) bool {
	up, n := 0, 0
	for _, w := range ws {
		if !hasLetter(w) {
			continue
		}
		n++
		if startsUpper(w) {
			up++
		}
		if strings.ToUpper(w) == w && len(w) > 3 {
			return false
		}
	}
	return n >= 3 && up*10 >= n*7
}

func startsUpper(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}
