package ner

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"eventwire/ner/conll"
)

// TrainOptions control Train.
type TrainOptions struct {
	// Epochs is the number of passes of the averaged perceptron over the data.
	Epochs int
	// Folds is the number of jackknife folds that produce the first-pass
	// labels the second pass trains on.
	Folds int
	// MinCount drops features seen fewer times in the training data.
	MinCount int
	// MinWeight drops feature rows whose largest averaged weight is smaller.
	MinWeight float32
	// Seed makes the shuffling reproducible.
	Seed uint64
	// Mix is the number of perceptrons, each trained on its own shuffling,
	// whose averaged weights make each final pass (parameter mixing).
	Mix int
	// Log, when set, receives progress lines.
	Log io.Writer
}

// DefaultTrainOptions returns the settings of the committed model.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 15, Folds: 4, MinCount: 1, MinWeight: 0, Seed: 1, Mix: 3}
}

// seq is one training sentence: its features and gold labels.
type seq struct {
	feats [][]uint64
	gold  []int
}

type trainDoc struct {
	toks  [][]token
	feats [][][]uint64
	gold  [][]int
}

// Train fits a two-pass tagger on CoNLL documents with the given resources.
func Train(ctx context.Context, docs []conll.Document, res Resources, o TrainOptions) (*Tagger, error) {
	f, err := newFeaturizer(res)
	if err != nil {
		return nil, err
	}
	logf := func(format string, a ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, format+"\n", a...)
		}
	}
	start := time.Now()
	tds := make([]trainDoc, len(docs))
	for i, d := range docs {
		sents := make([][]string, len(d.Sentences))
		gold := make([][]int, len(d.Sentences))
		for j, s := range d.Sentences {
			sents[j] = s.Words()
			gold[j] = bilou(s.Labels())
		}
		toks, feats := f.docFeatures(sents)
		tds[i] = trainDoc{toks: toks, feats: feats, gold: gold}
	}
	logf("features for %d documents in %s", len(docs), time.Since(start).Round(time.Millisecond))

	seqsOf := func(ds []trainDoc) []seq {
		var out []seq
		for _, d := range ds {
			for j := range d.feats {
				out = append(out, seq{d.feats[j], d.gold[j]})
			}
		}
		return out
	}

	// Jackknife: first-pass labels for each document from a model that
	// did not see it.
	first := make([][][]int, len(tds))
	folds := max(o.Folds, 2)
	for k := 0; k < folds; k++ {
		var in []trainDoc
		var outIdx []int
		for i := range tds {
			if i%folds == k {
				outIdx = append(outIdx, i)
			} else {
				in = append(in, tds[i])
			}
		}
		m, err := perceptron(ctx, seqsOf(in), o, 1)
		if err != nil {
			return nil, err
		}
		for _, i := range outIdx {
			first[i] = m.decode(tds[i].feats)
		}
		logf("fold %d/%d trained (%s)", k+1, folds, time.Since(start).Round(time.Millisecond))
	}
	p1, err := perceptron(ctx, seqsOf(tds), o, o.Mix)
	if err != nil {
		return nil, err
	}
	logf("pass 1 trained: %d rows (%s)", len(p1.list), time.Since(start).Round(time.Millisecond))
	for i := range tds {
		fs := tds[i].feats
		nonLocalFeatures(tds[i].toks, first[i], func(si, j int, f uint64) { fs[si][j] = append(fs[si][j], f) })
	}
	p2, err := perceptron(ctx, seqsOf(tds), o, o.Mix)
	if err != nil {
		return nil, err
	}
	logf("pass 2 trained: %d rows (%s)", len(p2.list), time.Since(start).Round(time.Millisecond))
	return newTagger(f, p1, p2), nil
}

// perceptron trains mix averaged structured perceptrons with Viterbi
// decoding over BILOU labels, each on its own shuffling of the data, and
// returns the mean of their weights.
func perceptron(ctx context.Context, data []seq, o TrainOptions, mix int) (*weights, error) {
	counts := map[uint64]int32{}
	for _, s := range data {
		for _, fs := range s.feats {
			for _, f := range fs {
				counts[f]++
			}
		}
	}
	index := make(map[uint64]int32, len(counts)/2)
	var keys []uint64
	for f, c := range counts {
		if int(c) >= o.MinCount {
			index[f] = int32(len(keys))
			keys = append(keys, f)
		}
	}
	counts = nil
	ids := make([][][]int32, len(data))
	for i, s := range data {
		ids[i] = make([][]int32, len(s.feats))
		for j, fs := range s.feats {
			row := make([]int32, 0, len(fs))
			for _, f := range fs {
				if r, ok := index[f]; ok {
					row = append(row, r)
				}
			}
			ids[i][j] = row
		}
	}
	index = nil
	mix = max(mix, 1)
	var sum []float32
	var sumTr [numLabels + 1][numLabels]float32
	for m := 0; m < mix; m++ {
		w, tr, err := perceptronRun(ctx, data, ids, len(keys), o.Epochs, o.Seed+uint64(m))
		if err != nil {
			return nil, err
		}
		if sum == nil {
			sum = w
		} else {
			for i, x := range w {
				sum[i] += x
			}
		}
		for a := range tr {
			for b := range tr[a] {
				sumTr[a][b] += tr[a][b]
			}
		}
	}
	inv := 1 / float32(mix)
	for i := range sum {
		sum[i] *= inv
	}
	for a := range sumTr {
		for b := range sumTr[a] {
			sumTr[a][b] *= inv
		}
	}
	return quantize(keys, sum, &sumTr, o.MinWeight), nil
}

// perceptronRun is one averaged perceptron over feature-id sequences; it
// returns the averaged emission weights (features × labels) and transitions.
func perceptronRun(ctx context.Context, data []seq, ids [][][]int32, nfeat, epochs int, seed uint64) ([]float32, [numLabels + 1][numLabels]float32, error) {
	n := nfeat * numLabels
	w := make([]float32, n)
	wa := make([]float32, n) // sum of c·update, for averaging
	var tr, tra [numLabels + 1][numLabels]float32
	var c float32 = 1
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 11))
	var em [][numLabels]float32
	pred := make([]int, 0, 256)
	for ep := 0; ep < epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, tr, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := ids[si]
			gold := data[si].gold
			if cap(em) < len(s) {
				em = make([][numLabels]float32, len(s))
				pred = make([]int, len(s))
			}
			em, pred = em[:len(s)], pred[:len(s)]
			for i, fs := range s {
				var e [numLabels]float32
				for _, f := range fs {
					row := w[int(f)*numLabels : int(f)*numLabels+numLabels]
					for l := range e {
						e[l] += row[l]
					}
				}
				em[i] = e
			}
			viterbi(em, &tr, pred)
			for i := range s {
				g, p := gold[i], pred[i]
				prevG, prevP := numLabels, numLabels
				if i > 0 {
					prevG, prevP = gold[i-1], pred[i-1]
				}
				if g != p {
					for _, f := range s[i] {
						base := int(f) * numLabels
						w[base+g]++
						wa[base+g] += c
						w[base+p]--
						wa[base+p] -= c
					}
				}
				if g != p || prevG != prevP {
					tr[prevG][g]++
					tra[prevG][g] += c
					tr[prevP][p]--
					tra[prevP][p] -= c
				}
			}
			c++
		}
	}
	for i := range w {
		w[i] -= wa[i] / c
	}
	for a := range tr {
		for b := range tr[a] {
			tr[a][b] -= tra[a][b] / c
		}
	}
	return w, tr, nil
}

// Evaluate tags CoNLL documents and scores them (exact span and type).
// With firstPass set it scores the first pass alone.
func (t *Tagger) Evaluate(docs []conll.Document, firstPass bool) *conll.Score {
	sc := conll.NewScore()
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Words()
		}
		var pred [][]conll.Span
		if firstPass {
			pred = t.TagFirstPass(sents)
		} else {
			pred = t.Tag(sents)
		}
		for i, s := range d.Sentences {
			sc.Tokens += len(s)
			sc.Add(conll.Spans(s.Labels()), pred[i])
		}
	}
	return sc
}
