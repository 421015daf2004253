package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"eventwire/ner/cluster"
	"eventwire/ner/gazetteer"
)

// featurizer turns the words of a document into hashed feature ids. It
// holds only read-only resources and is safe for concurrent use.
type featurizer struct {
	clusters *cluster.Table
	gaz      *gazetteer.Matcher
}

// hashing: FNV-1a over a template id and its parts.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type hasher struct{ h uint64 }

func newHash(tmpl byte) hasher {
	return hasher{(fnvOffset ^ uint64(tmpl)) * fnvPrime}
}

func (h hasher) str(s string) hasher {
	x := h.h
	for i := 0; i < len(s); i++ {
		x ^= uint64(s[i])
		x *= fnvPrime
	}
	x ^= 0xff
	x *= fnvPrime
	return hasher{x}
}

func (h hasher) byte(b byte) hasher {
	x := (h.h ^ uint64(b)) * fnvPrime
	return hasher{x}
}

// token holds the per-token strings the templates combine.
type token struct {
	word, lower, shape, short string
	path                      string
	rank                      byte // log2 frequency-rank bucket; 0 = not in the clusters' vocabulary
	capital                   bool // starts with an upper-case letter
	allCaps                   bool
}

// docContext is what the templates know about the whole document.
type docContext struct {
	// lowerMid counts lower-case uses of a word inside mixed-case
	// sentences, away from the sentence start; capMid counts capitalised ones.
	lowerMid map[string]int
	capMid   map[string]int
}

// Feature templates. Each template's id is hashed with its values.
const (
	tBias byte = iota + 1
	tWord
	tLower
	tShape
	tShort
	tPrefix
	tSuffix
	tCtxWord
	tCtxShort
	tShapeTri
	tBigram
	tPath
	tCtxPath
	tRank
	tGaz
	tGazCap
	tCtxGaz
	tSentCaps
	tFirst
	tDocCase
	tNLHas
	tNLMaj
	tPrev1
	tPrevCtx
	tHyphenPart
	tRankShort
)

var pathLens = [...]int{2, 4, 6, 8}

// tokens describes the words of one sentence. cache, when not nil, keeps
// the descriptions of words already seen in the document.
func (f *featurizer) tokens(words []string, cache map[string]token) []token {
	out := make([]token, len(words))
	for i, w := range words {
		if c, ok := cache[w]; ok {
			out[i] = c
			continue
		}
		t := &out[i]
		t.word = w
		t.lower = strings.ToLower(w)
		t.shape = shape(w, false)
		t.short = shape(w, true)
		r, _ := utf8.DecodeRuneInString(w)
		t.capital = unicode.IsUpper(r)
		t.allCaps = t.capital && strings.ToUpper(w) == w
		if f.clusters != nil {
			if info, ok := f.clusters.Lookup(clusterKey(t.lower)); ok {
				t.path = info.Path
				t.rank = byte(bits.Len(uint(info.Rank+1))) + 1
			}
		}
		if cache != nil {
			cache[w] = *t
		}
	}
	return out
}

// clusterKey maps a lower-cased word to the embeddings' vocabulary form:
// digits are kept (GloVe has numbers), brackets as PTB writes them are
// mapped back.
func clusterKey(w string) string {
	switch w {
	case "-lrb-":
		return "("
	case "-rrb-":
		return ")"
	}
	return w
}

// shape maps letters to X/x and digits to d, keeping other characters;
// short collapses runs of the same class.
func shape(w string, short bool) string {
	var b strings.Builder
	var last rune = -1
	n := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			if short {
				continue
			}
			n++
			if n > 3 {
				continue
			}
		} else {
			n = 0
		}
		last = c
		b.WriteRune(c)
	}
	return b.String()
}

// sentenceAllCaps reports whether a sentence is written in capitals (a
// headline): no lower-case letter in any word.
func sentenceAllCaps(toks []token) bool {
	letters := 0
	for _, t := range toks {
		for _, r := range t.word {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters > 0
}

// newDocContext counts how each word is cased across the document.
func newDocContext(sents [][]token) *docContext {
	dc := &docContext{lowerMid: map[string]int{}, capMid: map[string]int{}}
	for _, s := range sents {
		if sentenceAllCaps(s) {
			continue
		}
		for i, t := range s {
			if i == 0 || !hasLetter(t.word) {
				continue
			}
			prev := s[i-1].word
			if prev == "\"" || prev == "(" || prev == ":" || prev == "-" || prev == "'" {
				continue
			}
			if t.capital {
				dc.capMid[t.lower]++
			} else if t.lower == t.word {
				dc.lowerMid[t.lower]++
			}
		}
	}
	return dc
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func prefixN(s string, n int) (string, bool) {
	i := 0
	for k := range s {
		if i == n {
			return s[:k], true
		}
		i++
	}
	return s, i == n
}

func suffixN(s string, n int) (string, bool) {
	i := 0
	for k := len(s); k > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:k])
		k -= size
		i++
		if i == n {
			return s[k:], true
		}
	}
	return s, false
}

// sentenceFeatures appends the local features of every token of one
// sentence to out (one slice per token), using the document context.
func (f *featurizer) sentenceFeatures(toks []token, dc *docContext, out [][]uint64) {
	n := len(toks)
	var hits [][]gazetteer.Hit
	if f.gaz != nil {
		lower := make([]string, n)
		for i, t := range toks {
			lower[i] = t.lower
		}
		hits = f.gaz.Match(lower)
	}
	caps := sentenceAllCaps(toks)
	get := func(i int) *token {
		if i < 0 || i >= n {
			return nil
		}
		return &toks[i]
	}
	for i := range toks {
		t := &toks[i]
		fs := out[i][:0]
		add := func(h hasher) { fs = append(fs, h.h) }
		add(newHash(tBias))
		add(newHash(tWord).str(t.word))
		add(newHash(tLower).str(t.lower))
		add(newHash(tShape).str(t.shape))
		add(newHash(tShort).str(t.short))
		for k := 1; k <= 4; k++ {
			if p, ok := prefixN(t.word, k); ok {
				add(newHash(tPrefix).byte(byte(k)).str(p))
			}
			if s, ok := suffixN(t.lower, k); ok {
				add(newHash(tSuffix).byte(byte(k)).str(s))
			}
		}
		if k := strings.LastIndexByte(t.word, '-'); k > 0 && k < len(t.word)-1 {
			for _, part := range strings.Split(t.lower, "-") {
				if part != "" {
					add(newHash(tHyphenPart).str(part))
				}
			}
			last := t.word[k+1:]
			add(newHash(tHyphenPart).byte(1).str(shape(last, true)))
			if f.clusters != nil {
				if info, ok := f.clusters.Lookup(strings.ToLower(last)); ok && len(info.Path) >= 4 {
					add(newHash(tHyphenPart).byte(2).str(info.Path[:4]))
					add(newHash(tHyphenPart).byte(3).str(info.Path[:min(8, len(info.Path))]))
				}
			}
		}
		for _, d := range [...]int{-2, -1, 1, 2} {
			c := get(i + d)
			w, s := "<s>", "<s>"
			if d > 0 {
				w, s = "</s>", "</s>"
			}
			if c != nil {
				w, s = c.lower, c.short
			}
			add(newHash(tCtxWord).byte(byte(d + 2)).str(w))
			if d == -1 || d == 1 {
				add(newHash(tCtxShort).byte(byte(d + 2)).str(s))
			}
			if c != nil && c.path != "" {
				for _, L := range [...]int{4, 8} {
					if len(c.path) >= L {
						add(newHash(tCtxPath).byte(byte(d + 2)).byte(byte(L)).str(c.path[:L]))
					}
				}
			}
		}
		pshort, nshort := "<s>", "</s>"
		plower, nlower := "<s>", "</s>"
		if p := get(i - 1); p != nil {
			pshort, plower = p.short, p.lower
		}
		if q := get(i + 1); q != nil {
			nshort, nlower = q.short, q.lower
		}
		add(newHash(tShapeTri).str(pshort).str(t.short).str(nshort))
		add(newHash(tBigram).byte(0).str(plower).str(t.lower))
		add(newHash(tBigram).byte(1).str(t.lower).str(nlower))
		add(newHash(tPrev1).str(plower).str(t.short))
		for _, L := range pathLens {
			if len(t.path) >= L {
				add(newHash(tPath).byte(byte(L)).str(t.path[:L]))
			}
		}
		add(newHash(tRank).byte(t.rank))
		add(newHash(tRankShort).byte(t.rank).str(t.short))
		if hits != nil {
			for _, h := range hits[i] {
				add(newHash(tGaz).byte(byte(h.List)).byte(h.Pos))
				add(newHash(tGazCap).byte(byte(h.List)).byte(h.Pos).str(t.short))
			}
			for _, d := range [...]int{-1, 1} {
				if j := i + d; j >= 0 && j < n {
					for _, h := range hits[j] {
						add(newHash(tCtxGaz).byte(byte(d + 2)).byte(byte(h.List)).byte(h.Pos))
					}
				}
			}
		}
		if caps {
			add(newHash(tSentCaps).str(t.short))
		}
		if i == 0 {
			add(newHash(tFirst).str(t.short))
		}
		if dc != nil && hasLetter(t.word) {
			low, capm := dc.lowerMid[t.lower], dc.capMid[t.lower]
			var c byte
			switch {
			case low > 0 && capm > 0:
				c = 3
			case capm > 0:
				c = 2
			case low > 0:
				c = 1
			}
			add(newHash(tDocCase).byte(c).str(t.short))
			add(newHash(tDocCase).byte(c + 8).byte(b2u(caps)).byte(b2u(i == 0)))
		}
		out[i] = fs
	}
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// nonLocalFeatures appends features drawn from a first pass's labels of
// the same word elsewhere in the document: which labels the other
// occurrences of the word received, and the majority entity type.
// labels holds the first pass's label ids per sentence; emit receives
// each feature of token i of sentence si.
func nonLocalFeatures(sents [][]token, labels [][]int, emit func(si, i int, f uint64)) {
	type tally struct {
		byLabel [numLabels]int
	}
	all := map[string]*tally{}
	for si, s := range sents {
		for i, t := range s {
			if !hasLetter(t.word) {
				continue
			}
			ta := all[t.lower]
			if ta == nil {
				ta = &tally{}
				all[t.lower] = ta
			}
			ta.byLabel[labels[si][i]]++
		}
	}
	for si, s := range sents {
		for i, t := range s {
			if !hasLetter(t.word) {
				continue
			}
			ta := all[t.lower]
			own := labels[si][i]
			var types [numTypes + 1]int
			others := 0
			for l, c := range ta.byLabel {
				if l == own {
					c--
				}
				if c <= 0 {
					continue
				}
				others += c
				emit(si, i, newHash(tNLHas).byte(byte(l)).h)
				types[labelType(l)] += c
			}
			if others == 0 {
				continue
			}
			best, bc := 0, -1
			for ty, c := range types {
				if c > bc {
					best, bc = ty, c
				}
			}
			emit(si, i, newHash(tNLMaj).byte(byte(best)).h)
			emit(si, i, newHash(tNLMaj).byte(byte(best)).str(t.short).h)
			emit(si, i, newHash(tPrevCtx).byte(byte(own)).byte(byte(best)).h)
		}
	}
}
