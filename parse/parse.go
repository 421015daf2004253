// Package parse is eventwire's dependency parser: a greedy arc-hybrid
// transition parser whose moves are scored by an averaged perceptron over
// rich feature templates (Zhang and Nivre 2011) and trained with a dynamic
// oracle (Goldberg and Nivre 2012, 2013) on UD English-EWT; a second
// perceptron labels each arc as it is made, so later moves see the labels. It
// reads the tagger's POS tags and sets Token.Head and Token.Dep with
// Universal Dependencies relations. "eventwire train parse" regenerates
// the embedded model data/models/parse.bin.gz.
package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/gob"
	"fmt"
	"io"

	"eventwire/data"
	"eventwire/doc"
	"eventwire/internal/perceptron"
	"eventwire/ner/cluster"
	"eventwire/tag"
)

// ModelFile is the embedded model's name under data/.
const ModelFile = "models/parse.bin.gz"

// ClusterPrefix is how many digits of a word's cluster path the features use.
const ClusterPrefix = 6

// Parser is a trained parser. It is read-only and safe for concurrent use.
type Parser struct {
	labels   []string
	root     int // index of the "root" label
	clusters *cluster.Table
	// moves scores SHIFT, LEFT and RIGHT; labels scores the relation of
	// each arc as it is made.
	moves, rels *perceptron.Model
}

// Labels returns the dependency relations the parser predicts.
func (ps *Parser) Labels() []string { return ps.labels }

// tokens builds the feature views of a sentence; ROOT is appended.
func (ps *Parser) tokens(words, xpos, upos []string) []token {
	toks := make([]token, len(words)+1)
	for i, w := range words {
		n := normWord(w)
		t := token{w: perceptron.String(n), t: perceptron.String(xpos[i]) | 3, u: perceptron.String(upos[i]) | 3}
		if ps.clusters != nil {
			if info, ok := ps.clusters.Lookup(n); ok {
				t.c = perceptron.String(info.Path[:min(len(info.Path), ClusterPrefix)])
			}
		}
		toks[i] = t
	}
	toks[len(words)] = rootToken
	return toks
}

// bestMove returns the highest-scoring valid move.
func bestMove(s *state, scores []float32) int {
	canShift, canLeft, canRight := s.valid()
	best := -1
	for m, ok := range [3]bool{canShift, canLeft, canRight} {
		if ok && (best < 0 || scores[m] > scores[best]) {
			best = m
		}
	}
	return best
}

// label returns the relation for the arc head -> dep: "root" for ROOT,
// otherwise the best-scoring other relation.
func (ps *Parser) label(s *state, toks []token, head, dep int, feats []uint32, scores []float32) ([]uint32, int) {
	if head == s.n {
		return feats, ps.root
	}
	clear(scores)
	feats = labelFeatures(feats[:0], s, toks, head, dep)
	ps.rels.Score(feats, scores)
	best := -1
	for l, v := range scores {
		if l != ps.root && (best < 0 || v > scores[best]) {
			best = l
		}
	}
	return feats, best
}

// Parse returns the head (0-based word index, -1 for the root) and
// relation of every word of a sentence, given its words and POS tags.
func (ps *Parser) Parse(words, xpos, upos []string) (heads []int, rels []string) {
	n := len(words)
	heads = make([]int, n)
	rels = make([]string, n)
	if n == 0 {
		return heads, rels
	}
	toks := ps.tokens(words, xpos, upos)
	var s state
	s.reset(n)
	moveScores := make([]float32, 3)
	labelScores := make([]float32, len(ps.labels))
	feats := make([]uint32, 0, 128)
	for !s.terminal() {
		clear(moveScores)
		feats = features(feats[:0], &s, toks)
		ps.moves.Score(feats, moveScores)
		m := bestMove(&s, moveScores)
		l := 0
		if m != shift {
			h, d := s.arc(m)
			feats, l = ps.label(&s, toks, h, d, feats, labelScores)
		}
		s.apply(m, l)
	}
	for i := range n {
		h := s.heads[i]
		if h == n || h == none {
			h = -1
		}
		heads[i] = h
		if s.labels[i] >= 0 {
			rels[i] = ps.labels[s.labels[i]]
		} else {
			rels[i] = "dep"
		}
	}
	return heads, rels
}

// header is the part of the model file besides the weights.
type header struct {
	Labels   []string
	Clusters bool
}

// Write writes the parser in its gzip-compressed file format.
func (ps *Parser) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(zw).Encode(header{ps.labels, ps.clusters != nil}); err != nil {
		return fmt.Errorf("parse: write header: %w", err)
	}
	if _, err := ps.moves.WriteTo(zw); err != nil {
		return fmt.Errorf("parse: write move weights: %w", err)
	}
	if _, err := ps.rels.WriteTo(zw); err != nil {
		return fmt.Errorf("parse: write relation weights: %w", err)
	}
	return zw.Close()
}

// Read reads a parser written by Write.
func Read(r io.Reader) (*Parser, error) { return ReadWith(r, nil) }

// ReadWith reads a model like Read, using clusters for the word-cluster
// features instead of loading the embedded ones (nil: load them), so that
// stages that share the clusters load them once.
func ReadWith(r io.Reader, clusters *cluster.Table) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	br := bufio.NewReader(zr)
	var h header
	if err := gob.NewDecoder(br).Decode(&h); err != nil {
		return nil, fmt.Errorf("parse: read header: %w", err)
	}
	moves, err := perceptron.Read(br)
	if err != nil {
		return nil, fmt.Errorf("parse: moves: %w", err)
	}
	rels, err := perceptron.Read(br)
	if err != nil {
		return nil, fmt.Errorf("parse: relations: %w", err)
	}
	if moves.Classes() != 3 || rels.Classes() != len(h.Labels) {
		return nil, fmt.Errorf("parse: models have %d and %d classes for 3 moves and %d relations", moves.Classes(), rels.Classes(), len(h.Labels))
	}
	ps := &Parser{labels: h.Labels, root: -1, moves: moves, rels: rels}
	for i, l := range h.Labels {
		if l == "root" {
			ps.root = i
		}
	}
	if ps.root < 0 {
		return nil, fmt.Errorf("parse: model has no root label")
	}
	if h.Clusters {
		ps.clusters = clusters
		if ps.clusters == nil {
			if ps.clusters, err = tag.LoadClusters(); err != nil {
				return nil, fmt.Errorf("parse: %w", err)
			}
		}
	}
	return ps, nil
}

// Load reads the embedded model.
func Load() (*Parser, error) { return LoadWith(nil) }

// LoadWith reads the embedded model with the given clusters (see ReadWith).
func LoadWith(clusters *cluster.Table) (*Parser, error) {
	b, err := data.Read(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("parse: %w (run \"eventwire train parse\")", err)
	}
	return ReadWith(bytes.NewReader(b), clusters)
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
