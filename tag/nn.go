package tag

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// NNModelFile is the embedded neural tagger's name under data/, written by
// scripts/train_tagger.py.
const NNModelFile = "models/posnn.bin.gz"

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
	typeRows nnTable
	tables   [nnAffixes + 3]nnTable
	// bias has 8h values: forward gates then backward gates (i, f, g, o).
	bias []float32
	// whhF and whhB are the recurrent weights, transposed (h×4h each:
	// row k holds the weights of state unit k for every gate), which
	// matVecT multiplies faster than the 4h×h layout.
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
	hf, hb []float32 // n×h states
	g      []float32 // 4h
	c      []float32 // h
	hcat   []float32 // 2h
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
		v := m.bX[x] + dot(m.outX[x*2*h:(x+1)*2*h], hcat)
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
		matVec(m.outU, hcat, u)
		xpos[i] = m.bestXPOS(argmax(u), hcat, scores)
		logSoftmax(u)
		x := lx[i*nx : (i+1)*nx]
		copy(x, m.bX)
		matVec(m.outX, hcat, x)
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
		s = &nnScratch{g: make([]float32, 4*h), c: make([]float32, h), hcat: make([]float32, 2*h),
			scores: make([]float32, max(len(m.upos), len(m.xpos)))}
	}
	defer m.scratch.Put(s)
	if cap(s.x) < n*8*h {
		s.x = make([]float32, n*8*h)
		s.hf = make([]float32, n*h)
		s.hb = make([]float32, n*h)
	}
	x, hf, hb := s.x[:n*8*h], s.hf[:n*h], s.hb[:n*h]
	for i, w := range words {
		m.input(s, x[i*8*h:(i+1)*8*h], w, i == 0)
	}
	// Forward direction.
	clear(s.c)
	var prev []float32
	for i := 0; i < n; i++ {
		g := s.g
		copy(g, x[i*8*h:i*8*h+4*h])
		if prev != nil {
			matVecT(m.whhF, prev, g)
		}
		cur := hf[i*h : (i+1)*h]
		lstmCell(g, s.c, cur)
		prev = cur
	}
	// Backward direction.
	clear(s.c)
	prev = nil
	for i := n - 1; i >= 0; i-- {
		g := s.g
		copy(g, x[i*8*h+4*h:(i+1)*8*h])
		if prev != nil {
			matVecT(m.whhB, prev, g)
		}
		cur := hb[i*h : (i+1)*h]
		lstmCell(g, s.c, cur)
		prev = cur
	}
	for i := 0; i < n; i++ {
		copy(s.hcat[:h], hf[i*h:(i+1)*h])
		copy(s.hcat[h:], hb[i*h:(i+1)*h])
		out(i, s.hcat, s.scores)
	}
}

// head scores the classes of a softmax layer and returns the best.
func head(w, b, h, scores []float32) int {
	copy(scores, b)
	matVec(w, h, scores)
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
	lw := lowerWord(w)
	if r, ok := m.types[lw]; ok {
		m.typeRows.add(dst, r)
	} else {
		if m.filters > 0 {
			s.cv, s.cids = m.charVec(s.cv, s.cids, lw)
			matVec(m.charFold, s.cv, dst)
		}
		m.tables[0].add(dst, m.words[normWord(lw)])
		for k := 0; k < nnAffixes; k++ {
			m.tables[1+k].add(dst, m.aff[k][affix(lw, k)])
		}
	}
	m.tables[nnAffixes+1].add(dst, m.shapes[nnShape(w)])
	m.tables[nnAffixes+2].add(dst, int32(nnFlags(w, first)))
}

// nnTable holds rows of cols values, as int8 with a scale per row (q) or
// as float32 (f).
type nnTable struct {
	cols  int
	q     []byte // int8 values
	scale []float32
	f     []float32
}

// row sets dst (cols values) to row r.
func (t *nnTable) row(dst []float32, r int) {
	i := r * t.cols
	if t.q == nil {
		copy(dst, t.f[i:i+t.cols])
		return
	}
	sc := t.scale[r]
	for j, b := range t.q[i : i+t.cols] {
		dst[j] = float32(int8(b)) * sc
	}
}

// add adds row r to dst.
func (t *nnTable) add(dst []float32, r int32) {
	i := int(r) * t.cols
	if t.q != nil {
		addScaled(dst, t.q[i:i+t.cols], t.scale[r])
		return
	}
	add(dst, t.f[i:i+t.cols])
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

// lowerWord is w in lower case with curly quotes straightened.
func lowerWord(w string) string {
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

// lstmCell turns gate pre-activations g (i, f, g, o; 4×len(c)) into the
// next cell state c and output h.
func lstmCell(g, c, h []float32) {
	n := len(c)
	gi, gf, gg, gout := g[:n], g[n:2*n], g[2*n:3*n], g[3*n:4*n]
	h = h[:n]
	for j := range c {
		i := sigmoid(gi[j])
		f := sigmoid(gf[j])
		cc := f*c[j] + i*tanh32(gg[j])
		c[j] = cc
		h[j] = sigmoid(gout[j]) * tanh32(cc)
	}
}

func sigmoid(x float32) float32 { return 0.5*tanh32(0.5*x) + 0.5 }

// tanhTable holds tanh at tanhSteps points per unit on [0, tanhMax],
// plus one.
var tanhTable = func() []float32 {
	t := make([]float32, tanhMax*tanhSteps+2)
	for i := range t {
		t[i] = float32(math.Tanh(float64(i) / tanhSteps))
	}
	return t
}()

const (
	tanhMax   = 9
	tanhSteps = 256
)

// tanh32 is tanh interpolated linearly in a table (error below 2e-6),
// without branches on the sign.
func tanh32(x float32) float32 {
	bits := math.Float32bits(x)
	ax := min(math.Float32frombits(bits&^(1<<31)), tanhMax)
	p := ax * tanhSteps
	i := int(p)
	f := p - float32(i)
	t := tanhTable[i : i+2]
	y := t[0] + f*(t[1]-t[0])
	return math.Float32frombits(math.Float32bits(y) | bits&(1<<31))
}

// matVec adds W·v to dst, W having len(dst) rows of len(v) values. It is
// gonum's single-precision BLAS, whose amd64 assembly is about twice as
// fast as a Go loop here.
func matVec(w, v, dst []float32) {
	if len(dst) == 0 || len(v) == 0 {
		return
	}
	blas32.Implementation().Sgemv(blas.NoTrans, len(dst), len(v), 1, w, len(v), v, 1, 1, dst, 1)
}

// matVecT adds Wᵀ·v to dst, W having len(v) rows of len(dst) values.
func matVecT(w, v, dst []float32) {
	if len(dst) == 0 || len(v) == 0 {
		return
	}
	blas32.Implementation().Sgemv(blas.Trans, len(v), len(dst), 1, w, len(dst), v, 1, 1, dst, 1)
}

// transpose returns the cols×rows transpose of the rows×cols matrix w.
// A w of another size (a failed read, reported by the decoder) is
// returned as it is.
func transpose(w []float32, rows, cols int) []float32 {
	if len(w) != rows*cols {
		return w
	}
	t := make([]float32, len(w))
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			t[c*rows+r] = w[r*cols+c]
		}
	}
	return t
}

// dot returns the dot product of a and b.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// restrictXPOS makes the XPOS head score, for each UPOS, only the XPOS
// tags of the UPOS/XPOS pairs given (those seen in training).
func (m *nnModel) restrictXPOS(upos, xpos []string) {
	ui, xi := index(m.upos, 0), index(m.xpos, 0)
	m.xposOf = make([][]int, len(m.upos))
	for k := range upos {
		u, ok1 := ui[upos[k]]
		x, ok2 := xi[xpos[k]]
		if ok1 && ok2 {
			m.xposOf[u] = append(m.xposOf[u], int(x))
		}
	}
}

// add adds src to dst.
func add(dst, src []float32) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] += v
	}
}

// addScaled adds the int8 values q (stored as bytes) times scale to dst.
func addScaled(dst []float32, q []byte, scale float32) {
	q = q[:len(dst)]
	for i, v := range q {
		dst[i] += float32(int8(v)) * scale
	}
}

// readNN reads a model written by scripts/train_tagger.py (gzip, little
// endian).
func readNN(r io.Reader) (*nnModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tag: neural model: %w", err)
	}
	d := &nnDecoder{r: bufio.NewReaderSize(zr, 1<<16)}
	var magic [8]byte
	d.read(magic[:])
	if d.err == nil && string(magic[:]) != "EWTAGNN4" {
		return nil, errors.New("tag: neural model: not a format 4 model file")
	}
	m := &nnModel{h: int(d.u32())}
	m.upos = d.strings()
	m.xpos = d.strings()
	types := d.strings()
	m.types = index(types, 1)
	m.words = index(d.strings(), 0)
	for k := range m.aff {
		m.aff[k] = index(d.strings(), 0)
	}
	m.shapes = index(d.strings(), 0)
	// The input embeddings: the GloVe vectors of the types, then one table
	// per feature (word, affixes, shape, flags).
	glove := d.table(len(types)+1, -1)
	sizes := [len(m.tables)]int{len(m.words)}
	for k := range m.aff {
		sizes[1+k] = len(m.aff[k])
	}
	sizes[nnAffixes+1], sizes[nnAffixes+2] = len(m.shapes), 32
	var emb [len(m.tables)]nnTable
	for k := range emb {
		emb[k] = d.table(sizes[k], -1)
	}
	wihF, wihB := d.vector(), d.vector()
	d8 := 8 * m.h
	m.bias = d.floats(d8)
	m.whhF = transpose(d.floats(4*m.h*m.h), 4*m.h, m.h)
	m.whhB = transpose(d.floats(4*m.h*m.h), 4*m.h, m.h)
	m.outU = d.floats(len(m.upos) * 2 * m.h)
	m.bU = d.floats(len(m.upos))
	m.outX = d.floats(len(m.xpos) * 2 * m.h)
	m.bX = d.floats(len(m.xpos))
	if m.filters = int(d.u32()); m.filters > 0 {
		chars := d.strings()
		m.chars = make(map[rune]int32, len(chars))
		for i, c := range chars[min(2, len(chars)):] { // 0: padding, 1: unknown
			r, _ := utf8.DecodeRuneInString(c)
			m.chars[r] = int32(i + 2)
		}
		r, c := int(d.u32()), int(d.u32())
		var kind [1]byte
		d.read(kind[:])
		if d.err == nil && (r != len(chars) || kind[0] != 0) {
			d.fail("character table %d×%d, want %d rows", r, c, len(chars))
		}
		m.cdim = c
		m.charEmb = d.rawFloats(r * c)
		m.conv = d.floats(m.filters * c * 3)
		m.convB = d.floats(m.filters)
	}
	if d.err != nil {
		return nil, fmt.Errorf("tag: neural model: %w", d.err)
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
func (m *nnModel) fold(types []string, glove nnTable, emb [nnAffixes + 3]nnTable, wihF, wihB []float32) error {
	h4, d8 := 4*m.h, 8*m.h
	din := glove.cols + m.filters
	for _, t := range emb {
		din += t.cols
	}
	if len(wihF) != h4*din || len(wihB) != h4*din {
		return fmt.Errorf("input weights of %d and %d values, want %d×%d", len(wihF), len(wihB), h4, din)
	}
	project := func(t nnTable, from, to, off int) []float32 {
		n := to - from
		e := make([]float32, n*t.cols)
		for r := from; r < to; r++ {
			t.row(e[(r-from)*t.cols:(r-from+1)*t.cols], r)
		}
		out := make([]float32, n*d8)
		if n == 0 || t.cols == 0 {
			return out
		}
		impl := blas32.Implementation()
		impl.Sgemm(blas.NoTrans, blas.Trans, n, h4, t.cols, 1, e, t.cols, wihF[off:], din, 0, out, d8)
		impl.Sgemm(blas.NoTrans, blas.Trans, n, h4, t.cols, 1, e, t.cols, wihB[off:], din, 0, out[h4:], d8)
		return out
	}
	var folded [nnAffixes + 3][]float32
	off := glove.cols
	for k, t := range emb {
		rows := len(t.scale)
		if t.q == nil {
			rows = len(t.f) / max(t.cols, 1)
		}
		folded[k] = project(t, 0, rows, off)
		off += t.cols
		if k <= nnAffixes {
			m.tables[k] = quantize(folded[k], d8)
		} else {
			m.tables[k] = nnTable{cols: d8, f: folded[k]}
		}
	}
	if m.filters > 0 {
		m.charFold = make([]float32, d8*m.filters)
		for g := 0; g < h4; g++ {
			copy(m.charFold[g*m.filters:(g+1)*m.filters], wihF[g*din+off:g*din+off+m.filters])
			copy(m.charFold[(h4+g)*m.filters:(h4+g+1)*m.filters], wihB[g*din+off:g*din+off+m.filters])
		}
	}
	// The type rows, a block at a time to bound the float32 copy.
	n := len(types) + 1
	m.typeRows = nnTable{cols: d8, q: make([]byte, n*d8), scale: make([]float32, n)}
	var s nnScratch
	const block = 4096
	for from := 0; from < n; from += block {
		to := min(from+block, n)
		rows := project(glove, from, to, 0)
		for r := from; r < to; r++ {
			row := rows[(r-from)*d8 : (r-from+1)*d8]
			if r > 0 {
				lw := types[r-1]
				add(row, folded[0][int(m.words[normWord(lw)])*d8:][:d8])
				for k := 0; k < nnAffixes; k++ {
					a := int(m.aff[k][affix(lw, k)])
					add(row, folded[1+k][a*d8:][:d8])
				}
				if m.filters > 0 {
					s.cv, s.cids = m.charVec(s.cv, s.cids, lw)
					matVec(m.charFold, s.cv, row)
				}
			}
			m.typeRows.scale[r] = quantizeRow(row, m.typeRows.q[r*d8:(r+1)*d8])
		}
	}
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

// quantize returns rows of cols float32 values as int8 with a scale each.
func quantize(v []float32, cols int) nnTable {
	n := len(v) / cols
	t := nnTable{cols: cols, q: make([]byte, n*cols), scale: make([]float32, n)}
	for r := 0; r < n; r++ {
		t.scale[r] = quantizeRow(v[r*cols:(r+1)*cols], t.q[r*cols:(r+1)*cols])
	}
	return t
}

// quantizeRow sets q to v as int8 values, rounded half to even, and
// returns their scale: the largest magnitude over 127 (1 for a zero row),
// as scripts/train_tagger.py's write_table does.
func quantizeRow(v []float32, q []byte) float32 {
	var mx float32
	for _, x := range v {
		mx = max(mx, float32(math.Abs(float64(x))))
	}
	scale := mx / 127
	if scale == 0 {
		scale = 1
	}
	for i, x := range v {
		y := math.RoundToEven(float64(x / scale))
		q[i] = byte(int8(min(max(y, -127), 127)))
	}
	return scale
}

// index maps each string to its position plus base.
func index(ss []string, base int) map[string]int32 {
	m := make(map[string]int32, len(ss))
	for i, s := range ss {
		m[s] = int32(i + base)
	}
	return m
}

// nnDecoder reads the model file's values, keeping the first error.
type nnDecoder struct {
	r   *bufio.Reader
	err error
}

func (d *nnDecoder) read(b []byte) {
	if d.err == nil {
		_, d.err = io.ReadFull(d.r, b)
	}
}

func (d *nnDecoder) u32() uint32 {
	var b [4]byte
	d.read(b[:])
	return binary.LittleEndian.Uint32(b[:])
}

func (d *nnDecoder) strings() []string {
	n := d.u32()
	if d.err != nil || n > 1<<24 {
		d.fail("bad string count %d", n)
		return nil
	}
	out := make([]string, n)
	var buf []byte
	for i := range out {
		k := d.u32()
		if d.err != nil || k > 1<<16 {
			d.fail("bad string length %d", k)
			return nil
		}
		if cap(buf) < int(k) {
			buf = make([]byte, k)
		}
		d.read(buf[:k])
		out[i] = string(buf[:k])
	}
	return out
}

func (d *nnDecoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

// rawFloats reads n float32 values.
func (d *nnDecoder) rawFloats(n int) []float32 {
	if d.err != nil {
		return nil
	}
	b := make([]byte, 4*n)
	d.read(b)
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// floats reads a counted vector of want float32 values.
func (d *nnDecoder) floats(want int) []float32 {
	if n := int(d.u32()); d.err == nil && n != want {
		d.fail("vector of %d values, want %d", n, want)
	}
	return d.rawFloats(want)
}

// vector reads a counted vector of float32 values of any length.
func (d *nnDecoder) vector() []float32 {
	n := int(d.u32())
	if d.err == nil && n > 1<<26 {
		d.fail("vector of %d values", n)
	}
	return d.rawFloats(n)
}

// table reads a table of rows×cols values (cols < 0: any): its shape, its kind (1: int8
// with a float32 scale per row, 0: float32), then the values.
func (d *nnDecoder) table(rows, cols int) nnTable {
	r, c := int(d.u32()), int(d.u32())
	var kind [1]byte
	d.read(kind[:])
	if d.err == nil && (r != rows || cols >= 0 && c != cols || kind[0] > 1 || c > 1<<16) {
		d.fail("table %d×%d of kind %d, want %d×%d", r, c, kind[0], rows, cols)
	}
	cols = c
	t := nnTable{cols: cols}
	if d.err != nil {
		return t
	}
	if kind[0] == 0 {
		t.f = d.rawFloats(rows * cols)
		return t
	}
	t.scale = d.rawFloats(rows)
	t.q = make([]byte, rows*cols)
	d.read(t.q)
	return t
}
