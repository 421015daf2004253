// Package tone computes GDELT-style tone figures (GKG 2.1 V2Tone) for a
// whole article from the VADER sentiment lexicon.
//
// The figures, all percentages of the article's words (tokens that hold a
// letter or a digit), are:
//
//   - Positive: words whose VADER valence is above zero.
//   - Negative: words whose VADER valence is below zero.
//   - Tone: Positive minus Negative (-100..+100; news sits near -10..+5).
//   - Polarity: Positive plus Negative, how emotionally charged the text is.
//   - ActivityDensity: active words. When the tagger has run these are the
//     tokens tagged VERB (auxiliaries are AUX and do not count); without
//     POS they are the forms of a list of about 150 common action verbs.
//   - SelfGroupDensity: first-person pronouns, singular and plural (I, me,
//     my, mine, myself, we, us, our, ours, ourselves); "US" in capitals is
//     the country and does not count.
//
// A word is looked up lower-cased, then by its lemma when the tagger gave
// one. Like GDELT, each matching word counts once, whatever its strength,
// and negation does not flip it. Tokens inside proper names do not count
// (tagged PROPN, inside a recognised name, or, without either layer,
// capitalised in mid-sentence): "United Arab Emirates" is not positive.
// A few words whose VADER sense is not their news sense are skipped:
// "party", "united", "interest" and, without POS to tell their function,
// "like" and "no".
package tone

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"eventwire/data"
	"eventwire/doc"
)

// Stage is the pipeline stage "tone": it needs "tokens" and adds "tone".
type Stage struct {
	lex Lexicon
	// words holds, for every word the stage looks at, what it is: one
	// lookup per token.
	words map[string]word
}

// word is what the stage knows of one lower-cased word form.
type word struct {
	sign     int8 // +1 positive, -1 negative, 0 not in the lexicon
	activity bool // a form of an activity verb
	skip     bool // a VADER sense that is not the news sense
	noPOS    bool // skipped only when there are no POS tags to tell its function
}

// New loads the embedded lexicon and returns the stage.
func New() (*Stage, error) {
	b, err := data.Read(LexiconPath)
	if err != nil {
		return nil, fmt.Errorf("tone: load lexicon: %w (run \"eventwire train tone\")", err)
	}
	lex, err := ParseLexicon(b)
	if err != nil {
		return nil, err
	}
	return NewWithLexicon(lex), nil
}

// NewWithLexicon returns a stage that uses lex instead of the embedded lexicon.
func NewWithLexicon(lex Lexicon) *Stage {
	s := &Stage{lex: lex, words: make(map[string]word, len(lex)+1000)}
	for w, v := range lex {
		e := s.words[w]
		switch {
		case v > 0:
			e.sign = 1
		case v < 0:
			e.sign = -1
		}
		s.words[w] = e
	}
	for w := range activityWords() {
		e := s.words[w]
		e.activity = true
		s.words[w] = e
	}
	for _, w := range []string{"party", "parties", "united", "interest", "interests"} {
		e := s.words[w]
		e.skip = true
		s.words[w] = e
	}
	for _, w := range []string{"like", "no"} {
		e := s.words[w]
		e.noPOS = true
		s.words[w] = e
	}
	return s
}

// Name returns "tone".
func (s *Stage) Name() string { return "tone" }

// Needs returns the layers the stage reads.
func (s *Stage) Needs() []string { return []string{"tokens"} }

// Adds returns the layer the stage fills.
func (s *Stage) Adds() []string { return []string{"tone"} }

// Process fills d.Tone. It leaves it nil for a document whose Language is
// set to another language than English ("en"): the lexicon is English.
func (s *Stage) Process(ctx context.Context, d *doc.Document) error {
	if d.Language != "" && d.Language != "en" {
		d.Tone = nil
		return nil
	}
	d.Tone = s.Measure(d)
	return nil
}

// Measure computes the tone figures of d from its tokens.
func (s *Stage) Measure(d *doc.Document) *doc.Tone {
	hasPOS := false
	for i := range d.Tokens {
		if d.Tokens[i].POS != "" {
			hasPOS = true
			break
		}
	}
	inName := nameMask(d)
	var words, pos, neg, act, self int
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if !isWord(t.Text) {
			continue
		}
		words++
		low := strings.ToLower(t.Text)
		if isSelfGroup(t.Text, low) {
			self++
		}
		e, known := s.words[low]
		if hasPOS {
			if t.POS == "VERB" {
				act++
			}
		} else if e.activity {
			act++
		}
		if e.skip || (!hasPOS && e.noPOS) || (hasPOS && !contentPOS(t.POS)) {
			continue
		}
		if (!known || e.sign == 0) && t.Lemma != "" {
			e = s.words[strings.ToLower(t.Lemma)]
		}
		if e.sign == 0 || s.properName(d, i, hasPOS, inName) {
			continue
		}
		switch e.sign {
		case 1:
			pos++
		case -1:
			neg++
		}
	}
	out := &doc.Tone{WordCount: words}
	if words == 0 {
		return out
	}
	pct := func(n int) float64 { return round(100 * float64(n) / float64(words)) }
	out.Positive = pct(pos)
	out.Negative = pct(neg)
	out.Tone = round(100 * float64(pos-neg) / float64(words))
	out.Polarity = pct(pos + neg)
	out.ActivityDensity = pct(act)
	out.SelfGroupDensity = pct(self)
	return out
}

// round keeps four decimals, enough for percentages and stable in JSON.
func round(x float64) float64 {
	const k = 1e4
	if x < 0 {
		return -float64(int64(-x*k+0.5)) / k
	}
	return float64(int64(x*k+0.5)) / k
}

// properName reports whether token i is part of a proper name.
func (s *Stage) properName(d *doc.Document, i int, hasPOS bool, inName []bool) bool {
	if inName != nil {
		return inName[i]
	}
	t := &d.Tokens[i]
	if hasPOS {
		return t.POS == "PROPN"
	}
	r := []rune(t.Text)
	if len(r) == 0 || !unicode.IsUpper(r[0]) || t.Text == "I" {
		return false
	}
	return !sentenceInitial(d, i)
}

// sentenceInitial reports whether token i opens a sentence (or follows an
// opening quote or bracket that does).
func sentenceInitial(d *doc.Document, i int) bool {
	if len(d.Sentences) > 0 {
		si := d.SentenceAt(d.Tokens[i].Start)
		if si >= 0 {
			for j := d.Sentences[si].FirstToken; j < i; j++ {
				if isWord(d.Tokens[j].Text) {
					return false
				}
			}
			return true
		}
	}
	for j := i - 1; j >= 0; j-- {
		tx := d.Tokens[j].Text
		if isWord(tx) {
			return false
		}
		if tx == "." || tx == "!" || tx == "?" {
			return true
		}
	}
	return true
}

// nameMask marks the tokens inside recognised names, or returns nil when
// the document has no name layer.
func nameMask(d *doc.Document) []bool {
	if len(d.Names) == 0 {
		return nil
	}
	m := make([]bool, len(d.Tokens))
	for _, n := range d.Names {
		for j := n.FirstToken; j < n.EndToken && j < len(m); j++ {
			if j >= 0 {
				m[j] = true
			}
		}
	}
	return m
}

// contentPOS reports whether a tag can carry sentiment: function words
// (determiners, adpositions, auxiliaries, pronouns...) cannot.
func contentPOS(p string) bool {
	switch p {
	case "ADJ", "ADV", "NOUN", "VERB", "INTJ", "":
		return true
	}
	return false
}

func isWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isSelfGroup(text, low string) bool {
	switch low {
	case "i", "me", "my", "mine", "myself", "we", "our", "ours", "ourselves":
		return true
	case "us":
		return text != "US"
	}
	return false
}
