// Package extraction scores HTML main-text and metadata extraction against
// two kinds of hand-checked data: the article-extraction benchmark layout
// (ground-truth.json beside html/<id>.html.gz, scored with multisets of
// 4-word shingles) and the fundus layout (<country>/<Publisher>_<date>.html.gz
// with <Publisher>.json expected parses: title, authors, date, body).
package extraction

import "unicode"

// Tokens splits text into maximal runs of Unicode letters, numbers and '_'
// (Python's \w+), keeping case.
func Tokens(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Shingles returns the multiset of n-token shingles of text. A text with
// fewer than n tokens (but at least one) gives one shingle of all its tokens.
func Shingles(text string, n int) map[string]int {
	toks := Tokens(text)
	m := make(map[string]int)
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		m[join(toks)]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		m[join(toks[i:i+n])]++
	}
	return m
}

func join(toks []string) string {
	n := len(toks) - 1
	for _, t := range toks {
		n += len(t)
	}
	b := make([]byte, 0, n)
	for i, t := range toks {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, t...)
	}
	return string(b)
}

// Match is the shingle overlap of one prediction with its ground truth:
// true positives, false positives and false negatives, as counts.
type Match struct {
	TP, FP, FN float64
	// PredEmpty and TrueEmpty report texts with no tokens.
	PredEmpty, TrueEmpty bool
	// Exact reports identical token sequences.
	Exact bool
}

// Compare scores pred against truth with 4-token shingles.
func Compare(truth, pred string) Match {
	ts, ps := Shingles(truth, 4), Shingles(pred, 4)
	var m Match
	for k, tc := range ts {
		pc := ps[k]
		m.TP += float64(min(tc, pc))
		m.FN += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		m.FP += float64(max(0, pc-ts[k]))
	}
	m.PredEmpty, m.TrueEmpty = len(ps) == 0, len(ts) == 0
	tt, pt := Tokens(truth), Tokens(pred)
	m.Exact = len(tt) == len(pt)
	for i := 0; m.Exact && i < len(tt); i++ {
		m.Exact = tt[i] == pt[i]
	}
	return m
}

// Precision is TP/(TP+FP), 0 when the prediction is empty.
func (m Match) Precision() float64 {
	if m.TP+m.FP == 0 {
		return 0
	}
	return m.TP / (m.TP + m.FP)
}

// Recall is TP/(TP+FN), 0 when the truth is empty.
func (m Match) Recall() float64 {
	if m.TP+m.FN == 0 {
		return 0
	}
	return m.TP / (m.TP + m.FN)
}

// Scores aggregates matches the way the benchmark does: precision averaged
// over pages with a non-empty prediction, recall over pages with a non-empty
// truth, F1 of the two averages.
type Scores struct {
	Pages     int     `json:"pages"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Accuracy  float64 `json:"accuracy"`
}

// Aggregate computes Scores from per-page matches.
func Aggregate(ms []Match) Scores {
	var s Scores
	var np, nr, exact int
	for _, m := range ms {
		if !m.PredEmpty {
			s.Precision += m.Precision()
			np++
		}
		if !m.TrueEmpty {
			s.Recall += m.Recall()
			nr++
		}
		if m.Exact {
			exact++
		}
	}
	s.Pages = len(ms)
	if np > 0 {
		s.Precision /= float64(np)
	}
	if nr > 0 {
		s.Recall /= float64(nr)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if len(ms) > 0 {
		s.Accuracy = float64(exact) / float64(len(ms))
	}
	return s
}
