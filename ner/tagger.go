package ner

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

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
	ix     *index
}

func newTagger(f featurizer, p1, p2 *weights) *Tagger {
	return &Tagger{f: f, p1: p1, p2: p2, ix: newIndex(p1, p2)}
}

// Resources are the word clusters and gazetteer lists a tagger's features use.
type Resources struct {
	Clusters *cluster.Table
	Lists    gazetteer.Lists
}

// LoadResources reads the embedded clusters and gazetteer lists.
func LoadResources() (Resources, error) { return LoadResourcesWith(nil) }

// LoadResourcesWith reads the embedded gazetteer lists and uses clusters
// (nil: read the embedded clusters too), so that stages that share the
// clusters load them once.
func LoadResourcesWith(clusters *cluster.Table) (Resources, error) {
	r := Resources{Clusters: clusters}
	if r.Clusters == nil {
		b, err := data.Read(ClustersFile)
		if err != nil {
			return r, err
		}
		if r.Clusters, err = cluster.Read(bytes.NewReader(b)); err != nil {
			return r, fmt.Errorf("%s: %w", ClustersFile, err)
		}
	}
	b, err := data.Read(ListsFile)
	if err != nil {
		return r, err
	}
	if r.Lists, err = gazetteer.ReadLists(bytes.NewReader(b)); err != nil {
		return r, fmt.Errorf("%s: %w", ListsFile, err)
	}
	return r, nil
}

// ReadResources reads clusters and lists from files on disk (as the train
// commands write them), so that a model can be trained on fresh ones.
func ReadResources(clustersPath, listsPath string) (Resources, error) {
	var r Resources
	f, err := os.Open(clustersPath)
	if err != nil {
		return r, err
	}
	defer f.Close()
	if r.Clusters, err = cluster.Read(f); err != nil {
		return r, fmt.Errorf("%s: %w", clustersPath, err)
	}
	g, err := os.Open(listsPath)
	if err != nil {
		return r, err
	}
	defer g.Close()
	if r.Lists, err = gazetteer.ReadLists(g); err != nil {
		return r, fmt.Errorf("%s: %w", listsPath, err)
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
func LoadTagger() (*Tagger, error) { return LoadTaggerWith(nil) }

// LoadTaggerWith builds the tagger from the embedded model and lists, with
// the given clusters (nil: the embedded ones).
func LoadTaggerWith(clusters *cluster.Table) (*Tagger, error) {
	res, err := LoadResourcesWith(clusters)
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
	return newTagger(f, p1, p2), nil
}

// docFeatures computes the local features of every token of a document.
func (f *featurizer) docFeatures(sents [][]string) ([][]token, [][][]uint64) {
	toks := make([][]token, len(sents))
	cache := map[string]token{}
	for i, s := range sents {
		toks[i] = f.tokens(s, cache)
	}
	dc := newDocContext(toks)
	n := 0
	for _, s := range toks {
		n += len(s)
	}
	const per = 96 // room for the local features of one token
	backing := make([]uint64, n*per)
	feats := make([][][]uint64, len(sents))
	for i, s := range toks {
		feats[i] = make([][]uint64, len(s))
		for j := range feats[i] {
			feats[i][j] = backing[:0:per]
			backing = backing[per:]
		}
		f.sentenceFeatures(s, dc, feats[i])
	}
	return toks, feats
}

// decode runs one pass of the model over every sentence (used in training,
// where features are already final).
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

// index finds a feature's weights in both passes with one probe: each
// slot holds the key beside its row, and each row holds the pass-1 weights
// followed by the pass-2 weights (zeros where a pass lacks the feature).
type index struct {
	slots []slot
	mask  uint64
	w     []int16 // rows × 2·numLabels
}

type slot struct {
	key uint64
	row int32
}

func newIndex(p1, p2 *weights) *index {
	n := len(p1.list) + len(p2.list)
	size := 1
	for size < 2*n+1 {
		size <<= 1
	}
	x := &index{slots: make([]slot, size), mask: uint64(size - 1), w: make([]int16, 0, n*2*numLabels)}
	rows := 0
	put := func(k uint64, src []int16, half int) {
		s := x.claim(k)
		if s.row < 0 || s.key == 0 {
			s.key = nonZero(k)
			s.row = int32(rows)
			rows++
			x.w = append(x.w, make([]int16, 2*numLabels)...)
		}
		copy(x.w[int(s.row)*2*numLabels+half*numLabels:], src)
	}
	for r, k := range p1.list {
		put(k, p1.w[r*numLabels:(r+1)*numLabels], 0)
	}
	for r, k := range p2.list {
		put(k, p2.w[r*numLabels:(r+1)*numLabels], 1)
	}
	return x
}

func nonZero(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

// claim returns the slot of key k: its own, or the empty one it would take
// (key 0, row -1).
func (x *index) claim(k uint64) *slot {
	k = nonZero(k)
	i := mix(k) & x.mask
	for x.slots[i].key != k && x.slots[i].key != 0 {
		i = (i + 1) & x.mask
	}
	s := &x.slots[i]
	if s.key == 0 {
		s.row = -1
	}
	return s
}

// find returns the row of key k, or -1.
func (x *index) find(k uint64) int {
	k = nonZero(k)
	for i := mix(k) & x.mask; ; i = (i + 1) & x.mask {
		switch x.slots[i].key {
		case k:
			return int(x.slots[i].row)
		case 0:
			return -1
		}
	}
}

// add adds the row's weights of both passes to e1 and e2.
func (x *index) add(r int, e1, e2 *[numLabels]int32) {
	row := x.w[r*2*numLabels : (r+1)*2*numLabels]
	for l := range e1 {
		e1[l] += int32(row[l])
		e2[l] += int32(row[numLabels+l])
	}
}

// add2 adds the row's pass-2 weights to e2.
func (x *index) add2(r int, e2 *[numLabels]int32) {
	row := x.w[r*2*numLabels+numLabels : (r+1)*2*numLabels]
	for l := range e2 {
		e2[l] += int32(row[l])
	}
}

// Tag returns the entities of each sentence of one document, as token spans.
func (t *Tagger) Tag(sents [][]string) [][]conll.Span {
	toks := make([][]token, len(sents))
	cache := map[string]token{}
	longest := 0
	for i, s := range sents {
		toks[i] = t.f.tokens(s, cache)
		longest = max(longest, len(s))
	}
	dc := newDocContext(toks)
	// Local features are scored under both passes as soon as they are
	// made, so one scratch buffer serves every sentence.
	scratch := make([][]uint64, longest)
	for i := range scratch {
		scratch[i] = make([]uint64, 0, 96)
	}
	total := 0
	for _, s := range sents {
		total += len(s)
	}
	em1All := make([][numLabels]int32, total)
	em2All := make([][numLabels]int32, total)
	labels := make([]int, total)
	em1 := make([][][numLabels]int32, len(sents))
	em2 := make([][][numLabels]int32, len(sents))
	first := make([][]int, len(sents))
	for si, ts := range toks {
		fs := scratch[:len(ts)]
		t.f.sentenceFeatures(ts, dc, fs)
		em1[si], em1All = em1All[:len(ts):len(ts)], em1All[len(ts):]
		em2[si], em2All = em2All[:len(ts):len(ts)], em2All[len(ts):]
		for i, tf := range fs {
			e1, e2 := &em1[si][i], &em2[si][i]
			for _, f := range tf {
				if r := t.ix.find(f); r >= 0 {
					t.ix.add(r, e1, e2)
				}
			}
		}
		first[si], labels = labels[:len(ts):len(ts)], labels[len(ts):]
		viterbi(em1[si], &t.p1.trans, first[si])
	}
	nonLocalFeatures(toks, first, func(si, i int, f uint64) {
		if r := t.ix.find(f); r >= 0 {
			t.ix.add2(r, &em2[si][i])
		}
	})
	out := make([][]conll.Span, len(sents))
	for si := range em2 {
		viterbi(em2[si], &t.p2.trans, first[si])
		out[si] = spans(first[si])
	}
	namePartConsistency(sents, out)
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

// particleRE matches a hyphenated Arabic name with its article or kinship
// particle ("al-Sisi", "el-Baradei", "bin-Laden"), written lower-case.
var particleRE = regexp.MustCompile(`^(al|el|ad|ash|as|at|az|an|ar|ath|bin|ibn|abu|bani)-\p{Lu}`)

// namePartConsistency applies two document-level rules to the tagged
// sentences: a person's name that runs into a hyphenated particle name
// ("Abdel Fattah al-Sisi") takes it in, and a one-word name that repeats the
// last word of a multi-word person elsewhere in the document ("Sisi" after
// "Abdel Fattah al-Sisi") is a person.
func namePartConsistency(sents [][]string, out [][]conll.Span) {
	surnames := map[string]bool{}
	for si, sp := range out {
		ws := sents[si]
		for k := 0; k < len(sp); k++ {
			e := &sp[k]
			if e.Type != "PER" {
				continue
			}
			for e.End < len(ws) && particleRE.MatchString(ws[e.End]) {
				if k+1 < len(sp) && sp[k+1].Start == e.End {
					if sp[k+1].End-sp[k+1].Start != 1 {
						break
					}
					sp = append(sp[:k+1], sp[k+2:]...)
				}
				e.End++
			}
			out[si] = sp
			if e.End-e.Start < 2 {
				continue
			}
			last := ws[e.End-1]
			surnames[last] = true
			if particleRE.MatchString(last) {
				surnames[last[strings.IndexByte(last, '-')+1:]] = true
			}
		}
	}
	if len(surnames) == 0 {
		return
	}
	for si, sp := range out {
		for k := range sp {
			e := &sp[k]
			if e.Type != "PER" && e.End-e.Start == 1 && surnames[sents[si][e.Start]] {
				e.Type = "PER"
			}
		}
	}
}
