// Package tag is eventwire's part-of-speech tagger: a greedy averaged
// perceptron that predicts each token's Universal POS tag and Penn Treebank
// tag together, and a lemmatizer (a table learnt from the treebank plus
// suffix rules). The model is trained on UD English-EWT by
// "eventwire train pos" and embedded as data/models/pos.bin.gz.
package tag

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
)

// ModelFile is the embedded model's name under data/.
const ModelFile = "models/pos.bin.gz"

// Tagger predicts POS tags and lemmas. It is read-only and safe for
// concurrent use.
type Tagger struct {
	upos, xpos []string
	// tagdict maps a normalised word that is frequent and unambiguous in
	// training to its class.
	tagdict map[string]int32
	// amb maps a frequent normalised word to the hash of its set of
	// classes in training.
	amb map[string]uint64
	lem *Lemmatizer
	// clusters are the word clusters the features use (nil: none).
	clusters *cluster.Table
	model    *perceptron.Model
}

// Tags returns the UPOS and XPOS tags of a sentence's words.
func (t *Tagger) Tags(words []string) (upos, xpos []string) {
	classes := t.classes(words)
	upos = make([]string, len(words))
	xpos = make([]string, len(words))
	for i, c := range classes {
		upos[i], xpos[i] = t.upos[c], t.xpos[c]
	}
	return upos, xpos
}

// Lemma returns the lemma of word tagged xpos.
func (t *Tagger) Lemma(word, xpos string) string { return t.lem.Lemma(word, xpos) }

// classes predicts the class of every word, left to right.
func (t *Tagger) classes(words []string) []int {
	ws := make([]word, len(words))
	for i, w := range words {
		ws[i] = newWord(w, t.amb, t.clusters)
	}
	out := make([]int, len(words))
	scores := make([]float32, len(t.upos))
	feats := make([]uint32, 0, 32)
	p1, p2 := -1, -2
	for i := range words {
		c, ok := t.tagdict[ws[i].norm]
		if !ok {
			clear(scores)
			feats = features(feats[:0], ws, i, p1, p2)
			t.model.Score(feats, scores)
			c = int32(argmax(scores))
		}
		out[i] = int(c)
		p2, p1 = p1, int(c)
	}
	return out
}

func argmax(s []float32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

// header is the part of the model file besides the weights.
type header struct {
	UPOS, XPOS []string
	TagDict    map[string]int32
	Amb        map[string]uint64
	Lemmas     *Lemmatizer
	// Clusters is set when the model was trained with the embedded word
	// clusters (data/models/clusters.txt.gz) as features.
	Clusters bool
}

// Write writes the tagger in its gzip-compressed file format.
func (t *Tagger) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(zw).Encode(header{t.upos, t.xpos, t.tagdict, t.amb, t.lem, t.clusters != nil}); err != nil {
		return fmt.Errorf("tag: write header: %w", err)
	}
	if _, err := t.model.WriteTo(zw); err != nil {
		return fmt.Errorf("tag: write weights: %w", err)
	}
	return zw.Close()
}

// Read reads a tagger written by Write.
func Read(r io.Reader) (*Tagger, error) { return ReadWith(r, nil) }

// ReadWith reads a model like Read, using clusters for the word-cluster
// features instead of loading the embedded ones (nil: load them), so that
// stages that share the clusters load them once.
func ReadWith(r io.Reader, clusters *cluster.Table) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	br := bufio.NewReader(zr)
	var h header
	if err := gob.NewDecoder(br).Decode(&h); err != nil {
		return nil, fmt.Errorf("tag: read header: %w", err)
	}
	m, err := perceptron.Read(br)
	if err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	if len(h.UPOS) != m.Classes() || len(h.XPOS) != m.Classes() || h.Lemmas == nil {
		return nil, fmt.Errorf("tag: model has %d classes, header %d", m.Classes(), len(h.UPOS))
	}
	if h.Lemmas.Exceptions == nil {
		h.Lemmas.Exceptions = map[string]string{}
	}
	t := &Tagger{upos: h.UPOS, xpos: h.XPOS, tagdict: h.TagDict, amb: h.Amb, lem: h.Lemmas, model: m}
	if h.Clusters {
		t.clusters = clusters
		if t.clusters == nil {
			if t.clusters, err = LoadClusters(); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// ClustersFile names the embedded word clusters the tagger's features use
// (built by "eventwire train clusters").
const ClustersFile = "models/clusters.txt.gz"

// LoadClusters reads the embedded word clusters.
func LoadClusters() (*cluster.Table, error) {
	b, err := data.Read(ClustersFile)
	if err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	c, err := cluster.Read(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("tag: %s: %w", ClustersFile, err)
	}
	return c, nil
}

// Load reads the embedded model.
func Load() (*Tagger, error) { return LoadWith(nil) }

// LoadWith reads the embedded model with the given clusters (see ReadWith).
func LoadWith(clusters *cluster.Table) (*Tagger, error) {
	b, err := data.Read(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("tag: %w (run \"eventwire train pos\")", err)
	}
	return ReadWith(bytes.NewReader(b), clusters)
}

// Stage is the tagging pipeline stage: it sets Token.POS, Tag and Lemma.
type Stage struct{ t *Tagger }

// New loads the embedded model and returns the stage.
func New() (*Stage, error) {
	t, err := Load()
	if err != nil {
		return nil, err
	}
	return &Stage{t}, nil
}

// NewStage returns a stage that uses t.
func NewStage(t *Tagger) *Stage { return &Stage{t} }

// Name returns "tag".
func (*Stage) Name() string { return "tag" }

// Needs lists the layers the stage reads.
func (*Stage) Needs() []string { return []string{"sentences", "tokens"} }

// Adds lists the layers the stage fills.
func (*Stage) Adds() []string { return []string{"pos"} }

// Process tags every sentence of d.
func (s *Stage) Process(ctx context.Context, d *doc.Document) error {
	var words []string
	for i, sent := range d.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		toks := d.Tokens[sent.FirstToken:sent.EndToken]
		words = words[:0]
		for _, tok := range toks {
			words = append(words, tokenWord(tok))
		}
		classes := s.t.classes(words)
		for k, c := range classes {
			tok := &toks[k]
			tok.POS, tok.Tag = s.t.upos[c], s.t.xpos[c]
			tok.Lemma = s.t.lem.Lemma(words[k], tok.Tag)
		}
	}
	return nil
}

// tokenWord is the form of a token the models see: its normalised text,
// with PTB-style “ and ” as plain double quotes.
func tokenWord(t doc.Token) string {
	if t.Norm != "" {
		return t.Norm
	}
	return t.Text
}
