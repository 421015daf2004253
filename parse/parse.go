// Package parse is eventwire's dependency parser: a greedy arc-hybrid
// transition parser whose moves and arc labels are scored by small MLPs
// over the vectors a two-layer BiLSTM computes for each word
// (Kiperwasser and Goldberg 2016). It reads the tagger's POS tags and sets
// Token.Head and Token.Dep with Universal Dependencies relations. The
// model is trained on UD English-EWT with jackknifed tags from the
// combined tagger by scripts/train_parser.py ("eventwire train parse"
// runs it); inference is pure Go (nn.go), with AVX2 kernels on amd64.
package parse

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"eventwire/data"
	"eventwire/doc"
	"eventwire/internal/nn"
)

// ModelFile is the embedded model's name under data/.
const ModelFile = "models/parse.bin.gz"

// Parser is a trained parser, read-only and safe for concurrent use. A
// word's input is an embedding of its normalised form, its GloVe vector
// and embeddings of its UPOS and XPOS; Read folds these tables into the
// first layer's gates, so a word's input is three rows added together. A stack of BiLSTM
// layers reads the sentence; an MLP over the vectors of s0, s1, s2 and b0
// scores the moves, and a second MLP over the head's and dependent's
// vectors labels each arc. Both MLPs' first layers are linear in each
// word's vector, so every word's share of them is computed once per
// sentence (the slot products), and a move costs only the small sums and
// output layers.
type Parser struct {
	h        int // hidden units per direction
	mlp, lab int // hidden units of the move and label MLPs
	labels   []string
	root     int // index of the "root" label
	// Input vocabularies: string -> row. words holds the normalised forms
	// (row 1: unknown), glove the lower-cased GloVe words, upos and xpos
	// the tags (row 0: unknown).
	words, glove, upos, xpos map[string]int32
	// typeRows (per GloVe word, its GloVe and word rows fused) and
	// wordRows (per normalised form) are int8; tagRows[0] and tagRows[1]
	// are float32 rows of the UPOS and XPOS. Each row has 8h values:
	// forward gates then backward gates.
	typeRows, wordRows nn.Table
	tagRows            [2]nn.Table
	layers             []nnLayer
	rootVec, padVec    []float32 // 2h values each
	// slots holds the MLPs' first-layer weights by input slot,
	// input-major: 2h rows of 4·mlp + 2·lab values, the units of s0, s1,
	// s2 and b0 in the move MLP, then of head and dependent in the label
	// MLP.
	slots []float32
	// The move MLP's first-layer bias (mlp values), output weights (3 rows
	// of mlp) and output bias; the label MLP's bias (lab values), output
	// weights (input-major: lab rows of len(labels)) and output bias.
	moveB, moveW, moveC []float32
	labB, labW, labC    []float32
	scratch             sync.Pool
}

// Labels returns the dependency relations the parser predicts.
func (m *Parser) Labels() []string { return m.labels }

// Parse returns the head (0-based word index, -1 for the root) and
// relation of every word of a sentence, given its words and POS tags.
func (m *Parser) Parse(words, xpos, upos []string) (heads []int, rels []string) {
	n := len(words)
	heads = make([]int, n)
	rels = make([]string, n)
	if n == 0 {
		return heads, rels
	}
	s, _ := m.scratch.Get().(*nnScratch)
	if s == nil {
		s = m.newScratch()
	}
	defer m.scratch.Put(s)
	m.parse(s, words, xpos, upos)
	for i := range n {
		h := s.st.heads[i]
		if h == n || h == none {
			h = -1
		}
		heads[i] = h
		if l := s.st.labels[i]; l >= 0 {
			rels[i] = m.labels[l]
		} else {
			rels[i] = "dep"
		}
	}
	repairVerbModifiers(heads, rels, xpos, upos)
	return heads, rels
}

// repairVerbModifiers undoes a greedy misparse of short news clauses ("The
// US presented evidence against Russia", "Syrian rebels engaged Filipino
// peacekeepers"): a past-tense verb taken for a modifier (amod) of the
// noun after it, with the clause's subject hung on that noun as its
// nominal subject. A noun with a subject before such a verb and no copula
// is no predicate: the verb takes the noun's place in the tree, and the
// subject and the noun (as object) become its dependents.
func repairVerbModifiers(heads []int, rels, xpos, upos []string) {
	for k, h := range heads {
		if rels[k] != "amod" || upos[k] != "VERB" || h <= k || xpos[k] != "VBD" && xpos[k] != "VBN" {
			continue
		}
		subj, cop := -1, false
		for j, hj := range heads {
			if hj == h && j < k && (rels[j] == "nsubj" || strings.HasPrefix(rels[j], "nsubj:")) {
				subj = j
			}
			cop = cop || hj == h && rels[j] == "cop"
		}
		if subj < 0 || cop {
			continue
		}
		heads[k], rels[k] = heads[h], rels[h]
		heads[h], rels[h] = k, "obj"
		heads[subj], rels[subj] = k, "nsubj"
	}
}

// Read reads a model written by scripts/train_parser.py (gzip, little
// endian).
func Read(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	}
	d := nn.NewDecoder(zr)
	d.Magic("EWPARNN1")
	m := &Parser{h: int(d.U32())}
	nl := int(d.U32())
	m.mlp, m.lab = int(d.U32()), int(d.U32())
	if d.Err() == nil && (m.h <= 0 || m.h > 1024 || nl <= 0 || nl > 8 || m.mlp <= 0 || m.mlp > 4096 || m.lab <= 0 || m.lab > 4096) {
		d.Fail("bad sizes: %d units, %d layers, MLPs %d and %d", m.h, nl, m.mlp, m.lab)
	}
	m.labels = d.Strings()
	m.root = slices.Index(m.labels, "root")
	if d.Err() == nil && (m.root < 0 || len(m.labels) < 2) {
		d.Fail("labels %v lack root", m.labels)
	}
	upos, xpos, words, glove := d.Strings(), d.Strings(), d.Strings(), d.Strings()
	m.upos, m.xpos, m.words, m.glove = nn.Index(upos, 1), nn.Index(xpos, 1), nn.Index(words, 2), nn.Index(glove, 1)
	wordEmb := d.Table(len(words)+2, -1)
	gloveEmb := d.Table(len(glove)+1, -1)
	uposEmb := d.Table(len(upos)+1, -1)
	xposEmb := d.Table(len(xpos)+1, -1)
	h, h4 := m.h, 4*m.h
	din := wordEmb.Cols + gloveEmb.Cols + uposEmb.Cols + xposEmb.Cols
	if d.Err() == nil && (wordEmb.Cols == 0 || gloveEmb.Cols == 0) {
		d.Fail("embeddings of %d and %d values", wordEmb.Cols, gloveEmb.Cols)
	}
	var wihF, wihB []float32
	if d.Err() == nil {
		m.layers = make([]nnLayer, nl)
	}
	for k := range m.layers {
		in := 2 * h
		if k == 0 {
			in = din
		}
		l := &m.layers[k]
		f, b := d.Floats(h4*in), d.Floats(h4*in)
		if k == 0 {
			wihF, wihB = f, b
		} else {
			l.wih = nn.Transpose(append(f, b...), 8*h, in)
		}
		l.whhF = nn.Transpose(d.Floats(h4*h), h4, h)
		l.whhB = nn.Transpose(d.Floats(h4*h), h4, h)
		l.bias = d.Floats(8 * h)
	}
	m.rootVec, m.padVec = d.Floats(2*h), d.Floats(2*h)
	moveW1, labW1 := []float32(nil), []float32(nil)
	moveW1, m.moveB = d.Floats(m.mlp*8*h), d.Floats(m.mlp)
	m.moveW, m.moveC = d.Floats(3*m.mlp), d.Floats(3)
	labW1, m.labB = d.Floats(m.lab*4*h), d.Floats(m.lab)
	m.labW, m.labC = nn.Transpose(d.Floats(len(m.labels)*m.lab), len(m.labels), m.lab), d.Floats(len(m.labels))
	if d.Err() != nil {
		return nil, fmt.Errorf("parse: model: %w", d.Err())
	}
	// The slot weights, output-major, then transposed.
	slots := make([]float32, 0, (4*m.mlp+2*m.lab)*2*h)
	for j := 0; j < 4; j++ {
		for u := 0; u < m.mlp; u++ {
			slots = append(slots, moveW1[u*8*h+j*2*h:u*8*h+(j+1)*2*h]...)
		}
	}
	for j := 0; j < 2; j++ {
		for u := 0; u < m.lab; u++ {
			slots = append(slots, labW1[u*4*h+j*2*h:u*4*h+(j+1)*2*h]...)
		}
	}
	m.slots = nn.Transpose(slots, 4*m.mlp+2*m.lab, 2*h)
	// Fold the input tables into the first layer's gates.
	off := 0
	project := func(t nn.Table) []float32 {
		rows := len(t.Scale)
		if t.Q == nil {
			rows = len(t.F) / max(t.Cols, 1)
		}
		p := nn.Project(t, 0, rows, wihF, wihB, din, off)
		off += t.Cols
		return p
	}
	wordP := project(wordEmb)
	gloveOff := off
	off += gloveEmb.Cols
	m.tagRows[0] = nn.Table{Cols: 8 * h, F: project(uposEmb)}
	m.tagRows[1] = nn.Table{Cols: 8 * h, F: project(xposEmb)}
	m.wordRows = nn.Quantize(wordP, 8*h)
	// Each GloVe word's row holds its word row too.
	d8 := 8 * h
	m.typeRows = nn.FoldRows(gloveEmb, len(glove)+1, wihF, wihB, din, gloveOff, func(r int, row []float32) {
		if r == 0 {
			return
		}
		w, ok := m.words[nnNorm(glove[r-1])]
		if !ok {
			w = 1
		}
		nn.Add(row, wordP[int(w)*d8:int(w+1)*d8])
	})
	return m, nil
}

// Load reads the embedded model.
func Load() (*Parser, error) {
	b, err := data.Read(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("parse: %w (run \"eventwire train parse\")", err)
	}
	return Read(bytes.NewReader(b))
}

// Stage is the parsing pipeline stage: it sets Token.Head (a document-level
// token index, -1 for the root of a sentence) and Token.Dep.
type Stage struct{ ps *Parser }

// New loads the embedded model and returns the stage.
func New() (*Stage, error) {
	ps, err := Load()
	if err != nil {
		return nil, err
	}
	return &Stage{ps}, nil
}

// NewStage returns a stage that uses ps.
func NewStage(ps *Parser) *Stage { return &Stage{ps} }

// Name returns "parse".
func (*Stage) Name() string { return "parse" }

// Needs lists the layers the stage reads.
func (*Stage) Needs() []string { return []string{"sentences", "tokens", "pos"} }

// Adds lists the layers the stage fills.
func (*Stage) Adds() []string { return []string{"deps"} }

// Process parses every sentence of d.
func (st *Stage) Process(ctx context.Context, d *doc.Document) error {
	var words, xpos, upos []string
	for i, sent := range d.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		toks := d.Tokens[sent.FirstToken:sent.EndToken]
		words, xpos, upos = words[:0], xpos[:0], upos[:0]
		for _, t := range toks {
			w := t.Norm
			if w == "" {
				w = t.Text
			}
			words = append(words, w)
			xpos = append(xpos, t.Tag)
			upos = append(upos, t.POS)
		}
		heads, rels := st.ps.Parse(words, xpos, upos)
		for k := range toks {
			if heads[k] >= 0 {
				toks[k].Head = sent.FirstToken + heads[k]
			} else {
				toks[k].Head = -1
			}
			toks[k].Dep = rels[k]
		}
	}
	return nil
}
