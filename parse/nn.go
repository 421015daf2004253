package parse

import (
	"unicode"

	"eventwire/internal/nn"
	"eventwire/tag"
)

// nnLayer is one bidirectional LSTM layer.
type nnLayer struct {
	// wih holds the input weights of a layer above the first, input-major
	// (2h×8h: per input unit, the forward gates then the backward gates);
	// the first layer's are folded into the input rows.
	wih        []float32
	bias       []float32 // 8h values
	whhF, whhB []float32 // recurrent weights, transposed (h×4h)
}

// nnScratch is per-call working memory, reused through a pool.
type nnScratch struct {
	x, out, next []float32 // gate inputs (n×8h) and layer outputs ((n+2)×2h)
	work         []float32 // 5h, nn.BiLSTM's
	proj         []float32 // slot products, (n+2)×(4·mlp + 2·lab)
	z, scores    []float32
	st           state
}

// nnNorm is the key of a word's learned embedding: its lower-cased form
// with digits replaced by 0 (scripts/train_parser.py's norm).
func nnNorm(lw string) string {
	b := []byte(nil)
	for i, r := range lw {
		if unicode.IsDigit(r) {
			if b == nil {
				b = append(make([]byte, 0, len(lw)), lw[:i]...)
			}
			b = append(b, '0')
		} else if b != nil {
			b = append(b, string(r)...)
		}
	}
	if b == nil {
		return lw
	}
	return string(b)
}

// input sets dst (8h values) to the first layer's gate pre-activations of
// a word with the given tags.
func (m *Parser) input(dst []float32, word, upos, xpos string) {
	copy(dst, m.layers[0].bias)
	lw := tag.LowerWord(word)
	if r, ok := m.glove[lw]; ok {
		m.typeRows.Add(dst, r)
	} else {
		r, ok := m.words[nnNorm(lw)]
		if !ok {
			r = 1
		}
		m.wordRows.Add(dst, r)
	}
	m.tagRows[0].Add(dst, m.upos[upos])
	m.tagRows[1].Add(dst, m.xpos[xpos])
}

// encode runs the BiLSTM layers over a sentence and sets s.proj to the
// slot products of its words, ROOT (row n) and the padding (row n+1).
func (m *Parser) encode(s *nnScratch, words, xpos, upos []string) {
	n, h := len(words), m.h
	w := 4*m.mlp + 2*m.lab
	s.x = nn.Grow(s.x, n*8*h)
	s.out = nn.Grow(s.out, (n+2)*2*h)
	s.next = nn.Grow(s.next, (n+2)*2*h)
	s.proj = nn.Grow(s.proj, (n+2)*w)
	for i := range words {
		m.input(s.x[i*8*h:(i+1)*8*h], words[i], upos[i], xpos[i])
	}
	for k := range m.layers {
		l := &m.layers[k]
		if k > 0 {
			for i := 0; i < n; i++ {
				copy(s.x[i*8*h:(i+1)*8*h], l.bias)
			}
			nn.MulAdd(s.x, s.out, l.wih, n, 2*h, 8*h)
		}
		nn.BiLSTM(s.x, l.whhF, l.whhB, s.next, s.work, n, h)
		s.out, s.next = s.next, s.out
	}
	copy(s.out[n*2*h:], m.rootVec)
	copy(s.out[(n+1)*2*h:], m.padVec)
	clear(s.proj)
	nn.MulAdd(s.proj, s.out, m.slots, n+2, 2*h, w)
}

// parse parses a sentence into s.st (see Parser.Parse).
func (m *Parser) parse(s *nnScratch, words, xpos, upos []string) {
	n := len(words)
	m.encode(s, words, xpos, upos)
	w, mlp, lab := 4*m.mlp+2*m.lab, m.mlp, m.lab
	row := func(i int) []float32 {
		if i == none {
			i = n + 1
		}
		return s.proj[i*w : (i+1)*w]
	}
	st := &s.st
	st.reset(n)
	var moves [3]float32
	for !st.terminal() {
		z := s.z[:mlp]
		copy(z, m.moveB)
		for k := 0; k < 3; k++ {
			nn.Add(z, row(st.stackAt(k))[k*mlp:(k+1)*mlp])
		}
		nn.Add(z, row(st.b0)[3*mlp:4*mlp])
		nn.TanhAll(z)
		for k := range moves {
			moves[k] = m.moveC[k] + nn.Dot(m.moveW[k*mlp:(k+1)*mlp], z)
		}
		mv := bestMove(st, moves[:])
		l := 0
		if mv != shift {
			hd, dep := st.arc(mv)
			l = m.label(s, row(hd)[4*mlp:4*mlp+lab], row(dep)[4*mlp+lab:4*mlp+2*lab], hd == n)
		}
		st.apply(mv, l)
	}
}

// label returns the relation of an arc from the head's and dependent's
// slot products: "root" for an arc from ROOT, else the best other one.
func (m *Parser) label(s *nnScratch, head, dep []float32, fromRoot bool) int {
	if fromRoot {
		return m.root
	}
	z := s.z[:m.lab]
	copy(z, m.labB)
	nn.Add(z, head)
	nn.Add(z, dep)
	nn.TanhAll(z)
	sc := s.scores[:len(m.labels)]
	copy(sc, m.labC)
	nn.MulAdd(sc, z, m.labW, 1, m.lab, len(m.labels))
	best := -1
	for i, v := range sc {
		if i != m.root && (best < 0 || v > sc[best]) {
			best = i
		}
	}
	return best
}

// newScratch returns working memory for m.
func (m *Parser) newScratch() *nnScratch {
	h := m.h
	return &nnScratch{work: make([]float32, 5*h), z: make([]float32, max(m.mlp, m.lab)), scores: make([]float32, len(m.labels))}
}
