package parse

import "eventwire/internal/conllu"

// columns returns the forms and gold tags of a sentence.
func columns(s conllu.Sentence) (words, xpos, upos []string) {
	for _, w := range s.Words {
		words = append(words, w.Form)
		xpos = append(xpos, w.XPOS)
		upos = append(upos, w.UPOS)
	}
	return
}

// Scores counts correct heads and labels over a treebank.
type Scores struct {
	Tokens, UAS, LAS int
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// UASAcc returns the unlabelled attachment score in percent.
func (s Scores) UASAcc() float64 { return pct(s.UAS, s.Tokens) }

// LASAcc returns the labelled attachment score in percent.
func (s Scores) LASAcc() float64 { return pct(s.LAS, s.Tokens) }

// Evaluate parses the gold tokens of sents, with the tags tags supplies
// for sentence i (gold tags when tags is nil), and scores every word,
// punctuation included, as the CoNLL 2018 evaluation does.
func Evaluate(ps *Parser, sents []conllu.Sentence, tags func(i int) (xpos, upos []string)) Scores {
	var sc Scores
	for i, s := range sents {
		words, xpos, upos := columns(s)
		if tags != nil {
			xpos, upos = tags(i)
		}
		heads, rels := ps.Parse(words, xpos, upos)
		for k, w := range s.Words {
			sc.Tokens++
			if heads[k]+1 == w.Head {
				sc.UAS++
				if rels[k] == w.Deprel {
					sc.LAS++
				}
			}
		}
	}
	return sc
}
