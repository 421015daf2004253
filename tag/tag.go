// Package tag is eventwire's part-of-speech tagger, which predicts each
// token's Universal POS tag and Penn Treebank tag, and a lemmatizer (a table
// learnt from the treebank plus suffix rules). Two kinds of model are
// embedded, all trained on UD English-EWT: small BiLSTMs (nn.go; trained by
// scripts/train_tagger.py, data/models/posnn.bin.gz and, with another seed,
// posnn2.bin.gz) and a greedy averaged perceptron over the tag pairs
// ("eventwire train pos", data/models/pos.bin.gz), whose file also holds
// the lemmatizer. Load returns them combined: the BiLSTMs' averaged log
// probabilities decide where they are sure of the tags, and together with
// the perceptron's scores where they are not (see Tagger.classes).
package tag

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"eventwire/data"
	"eventwire/doc"
	"eventwire/internal/conllu"
	"eventwire/internal/nn"
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
	// nn, when set, is the neural tagger. With model set too, the two are
	// combined (see classes); alone, it predicts the tags by itself.
	nn *nnModel
	// more are further neural taggers (trained with other seeds) whose log
	// probabilities the combined tagger averages with nn's.
	more []*nnModel
	// mix weighs the perceptron's scores against the neural tagger's log
	// probabilities when both are set.
	mix float32
	// nnU and nnX map each perceptron class to the neural tagger's UPOS
	// and XPOS indexes.
	nnU, nnX []int
	// pair maps the neural tagger's UPOS and XPOS indexes to the class.
	pair map[[2]int]int32
	// logSure is the log of the combined tagger's Sure.
	logSure float32
}

// Mix is the weight of the perceptron's scores in the combined tagger,
// chosen on EWT dev ("eventwire eval pos --mix M --sure P" scores others).
const Mix = 0.2

// XMix is the weight of the neural tagger's XPOS log probabilities in the
// combined tagger's choice (its UPOS log probabilities weigh 1).
const XMix = 1

// Tags returns the UPOS and XPOS tags of a sentence's words.
func (t *Tagger) Tags(words []string) (upos, xpos []string) {
	if t.nn != nil && t.model == nil {
		return t.nn.tags(words)
	}
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

// classes predicts the class of every word, left to right. Frequent
// unambiguous words are looked up. In a combined tagger the neural
// tagger's tags stand where it is sure of both (probability ≥ Sure each).
// Elsewhere the perceptron scores the classes, reading the choices of the
// previous words; in a combined tagger its scores times mix are added to
// the neural tagger's log probabilities of each class's UPOS and XPOS.
func (t *Tagger) classes(words []string) []int {
	var view *nnView
	if t.nn != nil {
		view = t.newNNView(words)
	}
	out := make([]int, len(words))
	var ws []word
	var scores []float32
	var feats []uint32
	p1, p2 := -1, -2
	for i, w := range words {
		c, ok := t.tagdict[normWord(w)]
		if !ok && view != nil {
			c, ok = view.sure(i)
		}
		if !ok {
			if ws == nil { // the features of every word, once one is needed
				ws = make([]word, len(words))
				for j, w := range words {
					ws[j] = newWord(w, t.amb, t.clusters)
				}
				scores = make([]float32, len(t.upos))
				feats = make([]uint32, 0, 32)
			}
			clear(scores)
			feats = features(feats[:0], ws, i, p1, p2)
			t.model.Score(feats, scores)
			if view != nil {
				view.add(i, scores)
			}
			c = int32(argmax(scores))
		}
		out[i] = int(c)
		p2, p1 = p1, int(c)
	}
	return out
}

// TagAll returns the UPOS and XPOS tags of every sentence's gold words.
func (t *Tagger) TagAll(sents []conllu.Sentence) (upos, xpos [][]string) {
	upos, xpos = make([][]string, len(sents)), make([][]string, len(sents))
	for i, s := range sents {
		upos[i], xpos[i] = t.Tags(s.Forms())
	}
	return upos, xpos
}

// nnView is the neural tagger's reading of a sentence, for the combined
// tagger: the log probabilities of each word's UPOS (lu) and XPOS (lx),
// and the best XPOS with each word's best UPOS.
type nnView struct {
	t      *Tagger
	nu, nx int
	lu, lx []float32
	bestX  []int
}

func (t *Tagger) newNNView(words []string) *nnView {
	n := len(words)
	v := &nnView{t: t, nu: len(t.nn.upos), nx: len(t.nn.xpos), bestX: make([]int, n)}
	lp := make([]float32, 2*n*(v.nu+v.nx))
	v.lu, v.lx = lp[:n*v.nu], lp[n*v.nu:n*(v.nu+v.nx)]
	t.nn.logProbs(words, v.lu, v.lx, v.bestX)
	if len(t.more) == 0 {
		return v
	}
	// The ensemble: the mean of the models' log probabilities, and the
	// best XPOS allowed with the best UPOS under it.
	mu, mx := lp[n*(v.nu+v.nx):n*(2*v.nu+v.nx)], lp[n*(2*v.nu+v.nx):]
	for _, m := range t.more {
		m.logProbs(words, mu, mx, v.bestX)
		nn.Add(v.lu, mu)
		nn.Add(v.lx, mx)
	}
	w := 1 / float32(1+len(t.more))
	for i := range v.lu {
		v.lu[i] *= w
	}
	for i := range v.lx {
		v.lx[i] *= w
	}
	for i := range n {
		lx := v.lx[i*v.nx : (i+1)*v.nx]
		u := argmax(v.lu[i*v.nu : (i+1)*v.nu])
		best := -1
		for _, x := range t.nn.xposOf[u] {
			if best < 0 || lx[x] > lx[best] {
				best = x
			}
		}
		if best < 0 {
			best = argmax(lx)
		}
		v.bestX[i] = best
	}
	return v
}

// sure returns the class of word i's best tags when the neural tagger
// gives both a probability of at least Sure.
func (v *nnView) sure(i int) (int32, bool) {
	lu := v.lu[i*v.nu : (i+1)*v.nu]
	u, x := argmax(lu), v.bestX[i]
	c, ok := v.t.pair[[2]int{u, x}]
	return c, ok && lu[u] >= v.t.logSure && v.lx[i*v.nx+x] >= v.t.logSure
}

// add turns the perceptron's scores of word i into the combined scores.
func (v *nnView) add(i int, scores []float32) {
	t, lu, lx := v.t, v.lu[i*v.nu:], v.lx[i*v.nx:]
	for k := range scores {
		scores[k] = t.mix*scores[k] + lu[t.nnU[k]] + XMix*lx[t.nnX[k]]
	}
}

// Sure is the probability of its best UPOS and XPOS above which the combined tagger
// takes the neural tagger's tags without asking the perceptron (chosen on
// EWT dev with Mix).
const Sure = 0.9

// SetSure sets the probability above which a combined tagger takes the
// neural tagger's tags alone (above 1: never).
func (t *Tagger) SetSure(p float64) { t.logSure = float32(math.Log(p)) }

// SetMix sets the weight of the perceptron's scores in a combined tagger
// (0: the neural tagger's choice alone, but for looked-up words); it has no
// effect on a tagger that is not combined.
func (t *Tagger) SetMix(mix float32) { t.mix = mix }

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
	h, br, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	m, err := perceptron.Read(br)
	if err != nil {
		return nil, fmt.Errorf("tag: %w", err)
	}
	if len(h.UPOS) != m.Classes() || len(h.XPOS) != m.Classes() {
		return nil, fmt.Errorf("tag: model has %d classes, header %d", m.Classes(), len(h.UPOS))
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

// readHeader reads the part of a perceptron model file before its weights.
func readHeader(r io.Reader) (*header, *bufio.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, nil, fmt.Errorf("tag: %w", err)
	}
	br := bufio.NewReader(zr)
	var h header
	if err := gob.NewDecoder(br).Decode(&h); err != nil {
		return nil, nil, fmt.Errorf("tag: read header: %w", err)
	}
	if h.Lemmas == nil {
		return nil, nil, errors.New("tag: model has no lemmatizer")
	}
	if h.Lemmas.Exceptions == nil {
		h.Lemmas.Exceptions = map[string]string{}
	}
	return &h, br, nil
}

// ReadNN reads the neural tagger written by scripts/train_tagger.py from nn,
// with the lemmatizer of the perceptron model file perc (the perceptron's
// weights are not read).
func ReadNN(nn, perc io.Reader) (*Tagger, error) {
	h, _, err := readHeader(perc)
	if err != nil {
		return nil, err
	}
	m, err := readNN(nn)
	if err != nil {
		return nil, err
	}
	m.restrictXPOS(h.UPOS, h.XPOS)
	return &Tagger{lem: h.Lemmas, nn: m}, nil
}

// ReadCombined reads the neural tagger from nn and the perceptron from
// perc (see ReadWith for clusters) and combines them (see Mix): the
// perceptron's classes, chosen by both models' scores. Further neural
// taggers (more) join nn in an ensemble that averages their log
// probabilities.
func ReadCombined(nn, perc io.Reader, clusters *cluster.Table, more ...io.Reader) (*Tagger, error) {
	t, err := ReadWith(perc, clusters)
	if err != nil {
		return nil, err
	}
	for _, r := range append([]io.Reader{nn}, more...) {
		if err := t.combine(r); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// combine reads the neural tagger from r into the perceptron tagger t, so
// that t becomes the combined tagger; a tagger already combined gets r's
// as one more member of its ensemble.
func (t *Tagger) combine(r io.Reader) error {
	m, err := readNN(r)
	if err != nil {
		return err
	}
	m.restrictXPOS(t.upos, t.xpos)
	if t.nn != nil {
		if !slices.Equal(m.upos, t.nn.upos) || !slices.Equal(m.xpos, t.nn.xpos) {
			return errors.New("tag: the neural taggers of the ensemble have different tag sets")
		}
		t.more = append(t.more, m)
		return nil
	}
	ui, xi := nn.Index(m.upos, 0), nn.Index(m.xpos, 0)
	t.nnU, t.nnX = make([]int, len(t.upos)), make([]int, len(t.xpos))
	for k := range t.upos {
		u, ok1 := ui[t.upos[k]]
		x, ok2 := xi[t.xpos[k]]
		if !ok1 || !ok2 {
			return fmt.Errorf("tag: class %s/%s unknown to the neural tagger", t.upos[k], t.xpos[k])
		}
		t.nnU[k], t.nnX[k] = int(u), int(x)
	}
	t.pair = make(map[[2]int]int32, len(t.upos))
	for k := range t.upos {
		t.pair[[2]int{t.nnU[k], t.nnX[k]}] = int32(k)
	}
	t.nn, t.mix = m, Mix
	t.SetSure(Sure)
	return nil
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

// Load reads the embedded models: the neural tagger (NNModelFile, with
// NNModelFile2 in an ensemble when embedded) combined with the perceptron
// (ModelFile; see ReadCombined), or the perceptron alone when the neural
// tagger is not embedded.
func Load() (*Tagger, error) { return LoadWith(nil) }

// LoadWith reads the embedded model like Load; clusters are used by the
// perceptron's features (see ReadWith; the neural tagger needs none).
func LoadWith(clusters *cluster.Table) (*Tagger, error) {
	perc, err := data.Read(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("tag: %w (run \"eventwire train pos\")", err)
	}
	nn, err := data.Read(NNModelFile)
	if err != nil {
		return ReadWith(bytes.NewReader(perc), clusters)
	}
	var more []io.Reader
	if b, err := data.Read(NNModelFile2); err == nil {
		more = append(more, bytes.NewReader(b))
	}
	return ReadCombined(bytes.NewReader(nn), bytes.NewReader(perc), clusters, more...)
}

// LoadPerceptron reads the embedded perceptron model even when the neural
// one is embedded.
func LoadPerceptron(clusters *cluster.Table) (*Tagger, error) {
	perc, err := data.Read(ModelFile)
	if err != nil {
		return nil, fmt.Errorf("tag: %w (run \"eventwire train pos\")", err)
	}
	return ReadWith(bytes.NewReader(perc), clusters)
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
		upos, xpos := s.t.Tags(words)
		for k := range toks {
			tok := &toks[k]
			tok.POS, tok.Tag = upos[k], xpos[k]
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
