package tag

import (
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"eventwire/internal/nn"
)

// NNModelFile is the embedded neural tagger's name under data/, written by
// scripts/train_tagger.py.
const NNModelFile = "models/posnn.bin.gz"

// NNModelFile2 is a second neural tagger, trained like the first with
// another seed (scripts/train_tagger.py --seed 2); Load averages the two.
const NNModelFile2 = "models/posnn2.bin.gz"

// nnAffixes is the number of affix features: prefixes 1–3, suffixes 1–4.
const nnAffixes = 7

// nnModel is a one-layer BiLSTM tagger with two softmax heads (UPOS, XPOS).
// Its inputs are linear in embeddings of per-token features, so the
// exporter folded every embedding table into the LSTM's input weights:
// a token's gate pre-activations are the bias plus one row per feature.
// The features of a lower-cased word (GloVe vector, character CNN, word
// and affix embeddings) are fused into one row per word of GloVe or of
// the training data (the type table); other words get theirs added one
// by one. The features must match scripts/train_tagger.py.
type nnModel struct {
	h          int // hidden units per direction
	upos, xpos []string
	// Feature vocabularies: feature string -> row (0: unknown).
	types  map[string]int32
	words  map[string]int32
	aff    [nnAffixes]map[string]int32
	shapes map[string]int32
	// typeRows are the fused rows of the types; tables are the rows of
	// the other features: word, the affixes, shape, flags. Each row has
	// 8h values.
	typeRows nn.Table
	tables   [nnAffixes + 3]nn.Table
	// bias has 8h values: forward gates then backward gates (i, f, g, o).
	bias []float32
	// whhF and whhB are the recurrent weights, transposed (h×4h each:
	// row k holds the weights of state unit k for every gate), the
	// input-major layout nn.MulAdd takes.
	whhF, whhB []float32
	outU, outX []float32 // classes×2h
	bU, bX     []float32
	// xposOf lists for each UPOS the XPOS tags it was seen with in
	// training (nil: all), so the XPOS head scores only those.
	xposOf [][]int
	// The character CNN, for words not in the type table (filters == 0:
	// none): character embeddings (cdim values each), convolution weights
	// (filters×cdim×3), biases, and the fold of its output into the gates
	// (8h×filters).
	filters, cdim int
	chars         map[rune]int32
	charEmb       []float32
	conv, convB   []float32
	charFold      []float32
	scratch       sync.Pool
}

// nnMaxChars is how many characters the CNN reads: the first and last 8.
const nnMaxChars = 16

// nnScratch is per-call working memory, reused through a pool.
type nnScratch struct {
	x      []float32 // n×8h gate inputs
	states []float32 // n×2h: forward then backward states
	work   []float32 // 5h, nn.BiLSTM's
	scores []float32
	cv     []float32 // filters
	cids   []int32
}

// tags predicts the UPOS and XPOS of each word.
func (m *nnModel) tags(words []string) (upos, xpos []string) {
	n := len(words)
	upos, xpos = make([]string, n), make([]string, n)
	m.run(words, func(i int, hcat, scores []float32) {
		u := head(m.outU, m.bU, hcat, scores[:len(m.upos)])
		upos[i] = m.upos[u]
		xpos[i] = m.xpos[m.bestXPOS(u, hcat, scores)]
	})
	return upos, xpos
}

// bestXPOS returns the best XPOS allowed with UPOS u for the states hcat.
func (m *nnModel) bestXPOS(u int, hcat, scores []float32) int {
	if m.xposOf == nil || len(m.xposOf[u]) == 0 {
		return head(m.outX, m.bX, hcat, scores[:len(m.xpos)])
	}
	h := m.h
	best, bestScore := -1, float32(0)
	for _, x := range m.xposOf[u] {
		v := m.bX[x] + nn.Dot(m.outX[x*2*h:(x+1)*2*h], hcat)
		if best < 0 || v > bestScore {
			best, bestScore = x, v
		}
	}
	return best
}

// logProbs sets lu (n×len(upos)) and lx (n×len(xpos)) to the log
// probabilities of each word's UPOS and XPOS, and xpos[i] to the best
// XPOS with word i's best UPOS.
func (m *nnModel) logProbs(words []string, lu, lx []float32, xpos []int) {
	nu, nx := len(m.upos), len(m.xpos)
	m.run(words, func(i int, hcat, scores []float32) {
		u := lu[i*nu : (i+1)*nu]
		copy(u, m.bU)
		nn.MatVec(m.outU, hcat, u)
		xpos[i] = m.bestXPOS(argmax(u), hcat, scores)
		logSoftmax(u)
		x := lx[i*nx : (i+1)*nx]
		copy(x, m.bX)
		nn.MatVec(m.outX, hcat, x)
		logSoftmax(x)
	})
}

// logSoftmax turns scores into log probabilities in place.
func logSoftmax(s []float32) {
	mx := s[0]
	for _, v := range s {
		mx = max(mx, v)
	}
	var sum float64
	for _, v := range s {
		sum += math.Exp(float64(v - mx))
	}
	z := mx + float32(math.Log(sum))
	for i := range s {
		s[i] -= z
	}
}

// run computes the BiLSTM states of words and calls out for each word with
// its concatenated forward and backward states (2h values) and scratch
// room for class scores; both are reused after out returns.
func (m *nnModel) run(words []string, out func(i int, hcat, scores []float32)) {
	n, h := len(words), m.h
	if n == 0 {
		return
	}
	s, _ := m.scratch.Get().(*nnScratch)
	if s == nil {
		s = &nnScratch{work: make([]float32, 5*h), scores: make([]float32, max(len(m.upos), len(m.xpos)))}
	}
	defer m.scratch.Put(s)
	s.x, s.states = nn.Grow(s.x, n*8*h), nn.Grow(s.states, n*2*h)
	for i, w := range words {
		m.input(s, s.x[i*8*h:(i+1)*8*h], w, i == 0)
	}
	nn.BiLSTM(s.x, m.whhF, m.whhB, s.states, s.work, n, h)
	for i := 0; i < n; i++ {
		out(i, s.states[i*2*h:(i+1)*2*h], s.scores)
	}
}

// head scores the classes of a softmax layer and returns the best.
func head(w, b, h, scores []float32) int {
	copy(scores, b)
	nn.MatVec(w, h, scores)
	best := 0
	for i, v := range scores {
		if v > scores[best] {
			best = i
		}
	}
	return best
}

// input sets dst (8h values) to the gate pre-activations of word w.
func (m *nnModel) input(s *nnScratch, dst []float32, w string, first bool) {
	copy(dst, m.bias)
	lw := LowerWord(w)
	if r, ok := m.types[lw]; ok {
		m.typeRows.Add(dst, r)
	} else {
		if m.filters > 0 {
			s.cv, s.cids = m.charVec(s.cv, s.cids, lw)
			nn.MatVec(m.charFold, s.cv, dst)
		}
		m.tables[0].Add(dst, m.words[normWord(lw)])
		for k := 0; k < nnAffixes; k++ {
			m.tables[1+k].Add(dst, m.aff[k][affix(lw, k)])
		}
	}
	m.tables[nnAffixes+1].Add(dst, m.shapes[nnShape(w)])
	m.tables[nnAffixes+2].Add(dst, int32(nnFlags(w, first)))
}

// charVec returns the character CNN's vector of the lower-cased word lw
// in dst: per filter, the maximum over positions of the ReLU of the
// convolution (width 3, zero padding) over its character embeddings.
// dst and ids are reused buffers, returned for reuse.
func (m *nnModel) charVec(dst []float32, ids []int32, lw string) ([]float32, []int32) {
	ids = ids[:0]
	n := utf8.RuneCountInString(lw)
	k := 0
	for _, r := range lw {
		if n <= nnMaxChars || k < nnMaxChars/2 || k >= n-nnMaxChars/2 {
			c, ok := m.chars[r]
			if !ok {
				c = 1
			}
			ids = append(ids, c)
		}
		k++
	}
	if cap(dst) < m.filters {
		dst = make([]float32, m.filters)
	}
	dst = dst[:m.filters]
	if len(ids) == 0 {
		for f := range dst {
			dst[f] = max(m.convB[f], 0)
		}
	}
	cd := m.cdim
	for p := range ids {
		for f := 0; f < m.filters; f++ {
			sum := m.convB[f]
			wf := m.conv[f*cd*3 : (f+1)*cd*3]
			for t := 0; t < 3; t++ {
				q := p + t - 1
				if q < 0 || q >= len(ids) {
					continue
				}
				e := m.charEmb[int(ids[q])*cd : (int(ids[q])+1)*cd]
				for d, v := range e {
					sum += wf[d*3+t] * v
				}
			}
			sum = max(sum, 0)
			if p == 0 || sum > dst[f] {
				dst[f] = sum
			}
		}
	}
	return dst, ids
}

// LowerWord is w in lower case with curly quotes straightened: the key of
// the neural tagger's and parser's word tables.
func LowerWord(w string) string {
	if strings.ContainsAny(w, "\u2018\u2019\u201c\u201d`") {
		w = quoteFix.Replace(w)
	}
	return strings.ToLower(w)
}

// nnShape is the neural tagger's word shape: at most six symbols (see
// shapeN), as scripts/train_tagger.py's shape: "Kerry" -> "Xx".
func nnShape(w string) string { return shapeN(w, 6) }

// nnFlags packs the capitalisation class (none, initial or single capital,
// all capitals, mixed), whether the word is first in its sentence, and
// whether it has a digit or a hyphen into 0..31.
func nnFlags(w string, first bool) int {
	letters, upper, digit, hyphen := 0, 0, false, false
	var firstLetter rune = -1
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			if firstLetter < 0 {
				firstLetter = r
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.IsDigit(r):
			digit = true
		case r == '-':
			hyphen = true
		}
	}
	r0, _ := utf8.DecodeRuneInString(w)
	capClass := 0
	switch {
	case letters == 0:
	case upper == letters:
		capClass = 1
		if letters > 1 {
			capClass = 2
		}
	case unicode.IsUpper(firstLetter) && unicode.IsUpper(r0):
		capClass = 1
	case upper > 0:
		capClass = 3
	}
	f := capClass
	if first {
		f += 4
	}
	if digit {
		f += 8
	}
	if hyphen {
		f += 16
	}
	return f
}

// restrictXPOS makes the XPOS head score, for each UPOS, only the XPOS
// tags of the UPOS/XPOS pairs given (those seen in training).
func (m *nnModel) restrictXPOS(upos, xpos []string) {
	ui, xi := nn.Index(m.upos, 0), nn.Index(m.xpos, 0)
	m.xposOf = make([][]int, len(m.upos))
	for k := range upos {
		u, ok1 := ui[upos[k]]
		x, ok2 := xi[xpos[k]]
		if ok1 && ok2 {
			m.xposOf[u] = append(m.xposOf[u], int(x))
		}
	}
}

// readNN reads a model written by scripts/train_tagger.py (gzip, little
// endian).
func readNN(r io.Reader) (*nnModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tag: neural model: %w", err)
	}
	d := nn.NewDecoder(zr)
	if d.Magic("EWTAGNN4"); d.Err() != nil {
		return nil, fmt.Errorf("tag: neural model: %w", d.Err())
	}
	m := &nnModel{h: int(d.U32())}
	m.upos = d.Strings()
	m.xpos = d.Strings()
	types := d.Strings()
	m.types = nn.Index(types, 1)
	m.words = nn.Index(d.Strings(), 0)
	for k := range m.aff {
		m.aff[k] = nn.Index(d.Strings(), 0)
	}
	m.shapes = nn.Index(d.Strings(), 0)
	// The input embeddings: the GloVe vectors of the types, then one table
	// per feature (word, affixes, shape, flags).
	glove := d.Table(len(types)+1, -1)
	sizes := [len(m.tables)]int{len(m.words)}
	for k := range m.aff {
		sizes[1+k] = len(m.aff[k])
	}
	sizes[nnAffixes+1], sizes[nnAffixes+2] = len(m.shapes), 32
	var emb [len(m.tables)]nn.Table
	for k := range emb {
		emb[k] = d.Table(sizes[k], -1)
	}
	wihF, wihB := d.Vector(), d.Vector()
	d8 := 8 * m.h
	m.bias = d.Floats(d8)
	m.whhF = nn.Transpose(d.Floats(4*m.h*m.h), 4*m.h, m.h)
	m.whhB = nn.Transpose(d.Floats(4*m.h*m.h), 4*m.h, m.h)
	m.outU = d.Floats(len(m.upos) * 2 * m.h)
	m.bU = d.Floats(len(m.upos))
	m.outX = d.Floats(len(m.xpos) * 2 * m.h)
	m.bX = d.Floats(len(m.xpos))
	if m.filters = int(d.U32()); m.filters > 0 {
		chars := d.Strings()
		m.chars = make(map[rune]int32, len(chars))
		for i, c := range chars[min(2, len(chars)):] { // 0: padding, 1: unknown
			r, _ := utf8.DecodeRuneInString(c)
			m.chars[r] = int32(i + 2)
		}
		r, c := int(d.U32()), int(d.U32())
		var kind [1]byte
		d.Read(kind[:])
		if d.Err() == nil && (r != len(chars) || kind[0] != 0) {
			d.Fail("character table %d×%d, want %d rows", r, c, len(chars))
		}
		m.cdim = c
		m.charEmb = d.RawFloats(r * c)
		m.conv = d.Floats(m.filters * c * 3)
		m.convB = d.Floats(m.filters)
	}
	if d.Err() != nil {
		return nil, fmt.Errorf("tag: neural model: %w", d.Err())
	}
	if err := m.fold(types, glove, emb, wihF, wihB); err != nil {
		return nil, fmt.Errorf("tag: neural model: %w", err)
	}
	return m, nil
}

// fold turns the input embeddings into the gate rows inference adds: each
// table times its columns of the LSTM's input weights (wihF and wihB,
// 4h×din each, the columns in input order: GloVe, word, affixes, shape,
// flags, character CNN), and for each type one fused row holding its
// GloVe, word and affix rows (and its character CNN's), so that tagging a
// word of GloVe or of the training data adds three rows instead of ten.
// Word, affix and type rows are kept as int8 with a scale per row.
func (m *nnModel) fold(types []string, glove nn.Table, emb [nnAffixes + 3]nn.Table, wihF, wihB []float32) error {
	h4, d8 := 4*m.h, 8*m.h
	din := glove.Cols + m.filters
	for _, t := range emb {
		din += t.Cols
	}
	if din == 0 || len(wihF) != h4*din || len(wihB) != h4*din {
		return fmt.Errorf("input weights of %d and %d values, want %d×%d", len(wihF), len(wihB), h4, din)
	}
	project := func(t nn.Table, from, to, off int) []float32 {
		return nn.Project(t, from, to, wihF, wihB, din, off)
	}
	var folded [nnAffixes + 3][]float32
	off := glove.Cols
	for k, t := range emb {
		rows := len(t.Scale)
		if t.Q == nil {
			rows = len(t.F) / max(t.Cols, 1)
		}
		folded[k] = project(t, 0, rows, off)
		off += t.Cols
		if k <= nnAffixes {
			m.tables[k] = nn.Quantize(folded[k], d8)
		} else {
			m.tables[k] = nn.Table{Cols: d8, F: folded[k]}
		}
	}
	if m.filters > 0 {
		m.charFold = make([]float32, d8*m.filters)
		for g := 0; g < h4; g++ {
			copy(m.charFold[g*m.filters:(g+1)*m.filters], wihF[g*din+off:g*din+off+m.filters])
			copy(m.charFold[(h4+g)*m.filters:(h4+g+1)*m.filters], wihB[g*din+off:g*din+off+m.filters])
		}
	}
	// The type rows, each with its word and affix rows fused in.
	var sc nnScratch
	m.typeRows = nn.FoldRows(glove, len(types)+1, wihF, wihB, din, 0, func(r int, row []float32) {
		if r == 0 {
			return
		}
		lw := types[r-1]
		nn.Add(row, folded[0][int(m.words[normWord(lw)])*d8:][:d8])
		for k := 0; k < nnAffixes; k++ {
			a := int(m.aff[k][affix(lw, k)])
			nn.Add(row, folded[1+k][a*d8:][:d8])
		}
		if m.filters > 0 {
			sc.cv, sc.cids = m.charVec(sc.cv, sc.cids, lw)
			nn.MatVec(m.charFold, sc.cv, row)
		}
	})
	return nil
}

// affix returns affix feature k of the lower-cased word lw: prefixes of 1
// to 3 characters, then suffixes of 1 to 4.
func affix(lw string, k int) string {
	if k < 3 {
		return prefix(lw, k+1)
	}
	return suffix(lw, k-2)
}
