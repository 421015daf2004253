package ner

import (
	"bytes"
	"fmt"
	"io"

	"eventwire/data"
	"eventwire/ner/cluster"
	"eventwire/ner/conll"
	"eventwire/ner/gazetteer"
)

// Embedded data files the tagger loads.
const (
	ModelFile    = "models/ner.bin.gz"
	ClustersFile = "models/clusters.txt.gz"
	ListsFile    = "gazetteer/ner-lists.txt.gz"
)

// Tagger labels the words of a document with entity types in two passes:
// the second pass sees, as features, the labels the first pass gave to the
// same words elsewhere in the document. It is safe for concurrent use.
type Tagger struct {
	f      featurizer
	p1, p2 *weights
}

// Resources are the word clusters and gazetteer lists a tagger's features use.
type Resources struct {
	Clusters *cluster.Table
	Lists    gazetteer.Lists
}

// LoadResources reads the embedded clusters and gazetteer lists.
func LoadResources() (Resources, error) {
	var r Resources
	b, err := data.Read(ClustersFile)
	if err != nil {
		return r, err
	}
	if r.Clusters, err = cluster.Read(bytes.NewReader(b)); err != nil {
		return r, fmt.Errorf("%s: %w", ClustersFile, err)
	}
	b, err = data.Read(ListsFile)
	if err != nil {
		return r, err
	}
	if r.Lists, err = gazetteer.ReadLists(bytes.NewReader(b)); err != nil {
		return r, fmt.Errorf("%s: %w", ListsFile, err)
	}
	return r, nil
}

func newFeaturizer(r Resources) (featurizer, error) {
	f := featurizer{clusters: r.Clusters}
	if r.Lists != nil {
		m, err := gazetteer.NewMatcher(r.Lists)
		if err != nil {
			return f, err
		}
		f.gaz = m
	}
	return f, nil
}

// LoadTagger builds the tagger from the embedded model, clusters and lists.
func LoadTagger() (*Tagger, error) {
	res, err := LoadResources()
	if err != nil {
		return nil, err
	}
	b, err := data.Read(ModelFile)
	if err != nil {
		return nil, err
	}
	return ReadTagger(bytes.NewReader(b), res)
}

// ReadTagger builds a tagger from a model file written by Tagger.Save and
// the resources it was trained with.
func ReadTagger(r io.Reader, res Resources) (*Tagger, error) {
	f, err := newFeaturizer(res)
	if err != nil {
		return nil, err
	}
	p1, p2, err := loadModel(r)
	if err != nil {
		return nil, err
	}
	return &Tagger{f: f, p1: p1, p2: p2}, nil
}

// docFeatures computes the local features of every token of a document.
func (f *featurizer) docFeatures(sents [][]string) ([][]token, [][][]uint64) {
	toks := make([][]token, len(sents))
	for i, s := range sents {
		toks[i] = f.tokens(s)
	}
	dc := newDocContext(toks)
	feats := make([][][]uint64, len(sents))
	for i, s := range toks {
		feats[i] = make([][]uint64, len(s))
		for j := range feats[i] {
			feats[i][j] = make([]uint64, 0, 64)
		}
		f.sentenceFeatures(s, dc, feats[i])
	}
	return toks, feats
}

// decode runs one pass of the model over every sentence.
func (m *weights) decode(feats [][][]uint64) [][]int {
	out := make([][]int, len(feats))
	var em [][numLabels]int32
	for i, fs := range feats {
		if cap(em) < len(fs) {
			em = make([][numLabels]int32, len(fs))
		}
		em = em[:len(fs)]
		m.score(fs, em)
		out[i] = make([]int, len(fs))
		viterbi(em, &m.trans, out[i])
	}
	return out
}

// Tag returns the entities of each sentence of one document, as token spans.
func (t *Tagger) Tag(sents [][]string) [][]conll.Span {
	toks, feats := t.f.docFeatures(sents)
	first := t.p1.decode(feats)
	nonLocalFeatures(toks, first, feats)
	second := t.p2.decode(feats)
	out := make([][]conll.Span, len(sents))
	for i, ls := range second {
		out[i] = spans(ls)
	}
	return out
}

// TagFirstPass is Tag without the document-level second pass.
func (t *Tagger) TagFirstPass(sents [][]string) [][]conll.Span {
	_, feats := t.f.docFeatures(sents)
	first := t.p1.decode(feats)
	out := make([][]conll.Span, len(sents))
	for i, ls := range first {
		out[i] = spans(ls)
	}
	return out
}

// Features reports the number of feature rows in each pass.
func (t *Tagger) Features() (int, int) { return len(t.p1.w) / numLabels, len(t.p2.w) / numLabels }

// Save writes the tagger's model (both passes), gzip-compressed.
func (t *Tagger) Save(w io.Writer) error { return saveModel(w, t.p1, t.p2) }
