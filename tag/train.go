package tag

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"

	"eventwire/internal/conllu"
	"eventwire/internal/perceptron"
	"eventwire/ner/cluster"
)

// Options controls training.
type Options struct {
	// Epochs is the number of passes over the training data.
	Epochs int
	// Prune drops averaged weights smaller than this in magnitude.
	Prune float32
	// Seed fixes the shuffling of the training data.
	Seed uint64
	// MinAmbiguity is how often a word must occur in training for its
	// ambiguity class (its set of tags) to become a feature; 0 means 5.
	MinAmbiguity int
	// Clusters, when set, adds word-cluster features.
	Clusters *cluster.Table
	// Log receives one line per epoch; nil discards them.
	Log io.Writer
}

func (o Options) minAmb() int {
	if o.MinAmbiguity <= 0 {
		return 5
	}
	return o.MinAmbiguity
}

// Train learns a tagger from train. When dev is not empty, the model of the
// epoch with the best dev UPOS accuracy is kept.
func Train(ctx context.Context, train, dev []conllu.Sentence, o Options) (*Tagger, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Epochs <= 0 {
		o.Epochs = 5
	}
	t := &Tagger{tagdict: map[string]int32{}, amb: map[string]uint64{}, clusters: o.Clusters}
	classOf := map[string]int{}
	var triples [][3]string
	counts := map[string]map[int]int{}
	for _, s := range train {
		for _, w := range s.Words {
			k := w.UPOS + "\t" + w.XPOS
			c, ok := classOf[k]
			if !ok {
				c = len(t.upos)
				classOf[k] = c
				t.upos = append(t.upos, w.UPOS)
				t.xpos = append(t.xpos, w.XPOS)
			}
			n := normWord(w.Form)
			if counts[n] == nil {
				counts[n] = map[int]int{}
			}
			counts[n][c]++
			triples = append(triples, [3]string{w.Form, w.XPOS, w.Lemma})
		}
	}
	if len(t.upos) > 255 {
		return nil, fmt.Errorf("tag: %d tag pairs, at most 255", len(t.upos))
	}
	for w, cs := range counts {
		total, best, bestN := 0, 0, 0
		for c, n := range cs {
			total += n
			if n > bestN {
				best, bestN = c, n
			}
		}
		if total >= 20 && float64(bestN)/float64(total) >= 0.995 {
			t.tagdict[w] = int32(best)
		}
	}
	t.lem = buildLemmatizer(triples)
	t.amb = ambiguity(train, classOf, -1, o.minAmb())
	// Training words get their ambiguity classes from the other folds
	// (jackknifing), so that rare words look as they will on new text.
	const folds = 5
	foldAmb := make([]map[string]uint64, folds)
	for k := range folds {
		foldAmb[k] = ambiguity(train, classOf, k, o.minAmb()*(folds-1)/folds)
	}

	type inst struct {
		ws      []word
		words   []string
		classes []int
	}
	insts := make([]inst, len(train))
	for i, s := range train {
		amb := foldAmb[i%folds]
		in := inst{ws: make([]word, len(s.Words)), words: make([]string, len(s.Words)), classes: make([]int, len(s.Words))}
		for k, w := range s.Words {
			in.ws[k] = newWord(w.Form, amb, o.Clusters)
			in.words[k] = w.Form
			in.classes[k] = classOf[w.UPOS+"\t"+w.XPOS]
		}
		insts[i] = in
	}
	tr := perceptron.NewTrainer(len(t.upos))
	rng := rand.New(rand.NewPCG(o.Seed, 1))
	scores := make([]float32, len(t.upos))
	var feats []uint32
	bestAcc := -1.0
	var best *perceptron.Model
	for epoch := 1; epoch <= o.Epochs; epoch++ {
		rng.Shuffle(len(insts), func(i, j int) { insts[i], insts[j] = insts[j], insts[i] })
		correct, total := 0, 0
		for n, in := range insts {
			if n%256 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			p1, p2 := -1, -2
			for i := range in.ws {
				guess, ok := t.tagdict[normWord(in.words[i])]
				if !ok {
					clear(scores)
					feats = features(feats[:0], in.ws, i, p1, p2)
					tr.Score(feats, scores)
					guess = int32(argmax(scores))
					tr.Update(feats, in.classes[i], int(guess))
					tr.Tick()
				}
				if int(guess) == in.classes[i] {
					correct++
				}
				total++
				p2, p1 = p1, int(guess)
			}
		}
		line := fmt.Sprintf("epoch %d: train %.2f%%", epoch, 100*float64(correct)/float64(total))
		if len(dev) > 0 {
			t.model = tr.Average(o.Prune)
			sc := Evaluate(t, dev)
			line += fmt.Sprintf(", dev UPOS %.2f%% XPOS %.2f%%", sc.UPOSAcc(), sc.XPOSAcc())
			if sc.UPOSAcc() > bestAcc {
				bestAcc, best = sc.UPOSAcc(), t.model
			}
		}
		fmt.Fprintln(o.Log, line)
	}
	if best != nil {
		t.model = best
	} else {
		t.model = tr.Average(o.Prune)
	}
	return t, nil
}

// Scores counts correct predictions over a treebank.
type Scores struct {
	Tokens, UPOS, XPOS, Lemma int
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// UPOSAcc returns the UPOS accuracy in percent.
func (s Scores) UPOSAcc() float64 { return pct(s.UPOS, s.Tokens) }

// XPOSAcc returns the XPOS accuracy in percent.
func (s Scores) XPOSAcc() float64 { return pct(s.XPOS, s.Tokens) }

// LemmaAcc returns the lemma accuracy in percent.
func (s Scores) LemmaAcc() float64 { return pct(s.Lemma, s.Tokens) }

// Evaluate tags the gold tokens of sents and counts correct tags and lemmas.
func Evaluate(t *Tagger, sents []conllu.Sentence) Scores {
	var sc Scores
	words := []string{}
	for _, s := range sents {
		words = words[:0]
		for _, w := range s.Words {
			words = append(words, w.Form)
		}
		upos, xpos := t.Tags(words)
		for i, w := range s.Words {
			sc.Tokens++
			if upos[i] == w.UPOS {
				sc.UPOS++
			}
			if xpos[i] == w.XPOS {
				sc.XPOS++
			}
			if t.lem.Lemma(w.Form, xpos[i]) == w.Lemma {
				sc.Lemma++
			}
		}
	}
	return sc
}

// TagSet returns the UPOS/XPOS pairs the tagger predicts, sorted.
func (t *Tagger) TagSet() []string {
	if t.nn != nil {
		var out []string
		for u, xs := range t.nn.xposOf {
			for _, x := range xs {
				out = append(out, t.nn.upos[u]+"/"+t.nn.xpos[x])
			}
		}
		slices.Sort(out)
		return out
	}
	out := make([]string, len(t.upos))
	for i := range t.upos {
		out[i] = t.upos[i] + "/" + t.xpos[i]
	}
	slices.Sort(out)
	return out
}

// ambiguity maps each normalised word seen at least min times in sents
// (leaving out the sentences i with i%5 == fold, unless fold is -1) to a
// hash of the set of classes it takes at least 1% of the time.
func ambiguity(sents []conllu.Sentence, classOf map[string]int, fold, min int) map[string]uint64 {
	counts := map[string]map[int]int{}
	for i, s := range sents {
		if fold >= 0 && i%5 == fold {
			continue
		}
		for _, w := range s.Words {
			n := normWord(w.Form)
			if counts[n] == nil {
				counts[n] = map[int]int{}
			}
			counts[n][classOf[w.UPOS+"\t"+w.XPOS]]++
		}
	}
	out := map[string]uint64{}
	for w, cs := range counts {
		total := 0
		for _, n := range cs {
			total += n
		}
		if total < min {
			continue
		}
		var set []int
		for c, n := range cs {
			if n*100 >= total {
				set = append(set, c)
			}
		}
		slices.Sort(set)
		h := uint64(7)
		for _, c := range set {
			h = h*1000003 + uint64(c+1)
		}
		out[w] = h
	}
	return out
}

// Jackknife tags every sentence of sents with a tagger trained on the other
// folds (sentence i is in fold i%folds), so that a later stage can train on
// tags as noisy as the tagger's on new text. It returns XPOS and UPOS per
// sentence.
func Jackknife(ctx context.Context, sents []conllu.Sentence, folds int, o Options) (xpos, upos [][]string, err error) {
	return JackknifeCombined(ctx, sents, folds, o, nil)
}

// JackknifeCombined is Jackknife for the combined tagger: the perceptron of
// fold k is trained here on the other folds, and nn(k) opens the neural
// tagger trained on the same folds (scripts/train_tagger.py --folds N
// --fold k). With nn nil it is Jackknife.
func JackknifeCombined(ctx context.Context, sents []conllu.Sentence, folds int, o Options, nn func(k int) (io.ReadCloser, error)) (xpos, upos [][]string, err error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	xpos = make([][]string, len(sents))
	upos = make([][]string, len(sents))
	for k := range folds {
		var train []conllu.Sentence
		for i, s := range sents {
			if i%folds != k {
				train = append(train, s)
			}
		}
		t, err := Train(ctx, train, nil, o)
		if err != nil {
			return nil, nil, fmt.Errorf("jackknife fold %d: %w", k, err)
		}
		if nn != nil {
			if err := combineFold(t, nn, k); err != nil {
				return nil, nil, fmt.Errorf("jackknife fold %d: %w", k, err)
			}
		}
		for i, s := range sents {
			if i%folds != k {
				continue
			}
			upos[i], xpos[i] = t.Tags(s.Forms())
		}
		fmt.Fprintf(o.Log, "jackknife fold %d/%d done\n", k+1, folds)
	}
	return xpos, upos, nil
}

// combineFold adds the neural tagger of fold k to the fold's perceptron t.
func combineFold(t *Tagger, nn func(k int) (io.ReadCloser, error), k int) error {
	r, err := nn(k)
	if err != nil {
		return err
	}
	defer r.Close()
	return t.combine(r)
}
