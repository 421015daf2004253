package parse

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"eventwire/internal/conllu"
	"eventwire/internal/perceptron"
	"eventwire/ner/cluster"
)

// Options controls training.
type Options struct {
	// Epochs is the number of passes over the training data.
	Epochs int
	// Explore is the first epoch from which the parser follows its own
	// predictions rather than the oracle's (exploring its errors).
	Explore int
	// Prune drops averaged weights smaller than this in magnitude.
	Prune float32
	// Seed fixes the shuffling of the training data.
	Seed uint64
	// Clusters, when set, adds word-cluster features.
	Clusters *cluster.Table
	// Tags, when set, supplies the POS tags to train on for each training
	// sentence (by index) as XPOS and UPOS, for example jackknifed tagger
	// output; otherwise gold tags are used.
	Tags func(i int) (xpos, upos []string)
	// DevTags does the same for the dev sentences, for the score per epoch.
	DevTags func(i int) (xpos, upos []string)
	// Log receives one line per epoch; nil discards them.
	Log io.Writer
}

// Train learns a parser from train. When dev is not empty, the model of the
// epoch with the best dev LAS is kept.
func Train(ctx context.Context, train, dev []conllu.Sentence, o Options) (*Parser, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.Explore <= 0 {
		o.Explore = 2
	}
	ps := &Parser{root: -1, clusters: o.Clusters}
	labelOf := map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			if _, ok := labelOf[w.Deprel]; !ok {
				labelOf[w.Deprel] = len(ps.labels)
				ps.labels = append(ps.labels, w.Deprel)
			}
		}
	}
	if r, ok := labelOf["root"]; ok {
		ps.root = r
	} else {
		return nil, fmt.Errorf("parse: no root relation in the training data")
	}
	L := len(ps.labels)
	if L > 256 {
		return nil, fmt.Errorf("parse: %d relations, at most 256", L)
	}
	type inst struct {
		toks   []token
		gold   []int // gold heads, ROOT = n
		labels []int
	}
	var insts []inst
	for i, s := range train {
		n := len(s.Words)
		words, xpos, upos := columns(s)
		if o.Tags != nil {
			xpos, upos = o.Tags(i)
		}
		in := inst{toks: ps.tokens(words, xpos, upos), gold: make([]int, n), labels: make([]int, n)}
		ok := true
		for k, w := range s.Words {
			h := w.Head - 1
			if h < 0 {
				h = n
			}
			if w.Head < 0 || w.Head > n {
				ok = false
			}
			in.gold[k] = h
			in.labels[k] = labelOf[w.Deprel]
		}
		if ok {
			insts = append(insts, in)
		}
	}
	moves := perceptron.NewTrainer(3)
	rels := perceptron.NewTrainer(L)
	rng := rand.New(rand.NewPCG(o.Seed, 2))
	moveScores := make([]float32, 3)
	labelScores := make([]float32, L)
	var feats, lfeats []uint32
	var s state
	bestLAS := -1.0
	var bestMoves, bestRels *perceptron.Model
	for epoch := 1; epoch <= o.Epochs; epoch++ {
		rng.Shuffle(len(insts), func(i, j int) { insts[i], insts[j] = insts[j], insts[i] })
		steps, wrong, arcs, wrongLabels := 0, 0, 0, 0
		for k, in := range insts {
			if k%256 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			n := len(in.gold)
			s.reset(n)
			for !s.terminal() {
				clear(moveScores)
				feats = features(feats[:0], &s, in.toks)
				moves.Score(feats, moveScores)
				guess := bestMove(&s, moveScores)
				gold := bestZeroCost(&s, moveScores, in.gold)
				moves.Update(feats, gold, guess)
				moves.Tick()
				steps++
				next := gold
				if guess != gold {
					wrong++
					if epoch >= o.Explore {
						next = guess
					}
				}
				l := 0
				if next != shift {
					h, d := s.arc(next)
					if h == n {
						l = ps.root
					} else {
						clear(labelScores)
						lfeats = labelFeatures(lfeats[:0], &s, in.toks, h, d)
						rels.Score(lfeats, labelScores)
						l = -1
						for c, v := range labelScores {
							if c != ps.root && (l < 0 || v > labelScores[l]) {
								l = c
							}
						}
						if in.gold[d] == h {
							arcs++
							if l != in.labels[d] {
								wrongLabels++
								rels.Update(lfeats, in.labels[d], l)
								if epoch < o.Explore {
									l = in.labels[d]
								}
							}
							rels.Tick()
						}
					}
				}
				s.apply(next, l)
			}
		}
		line := fmt.Sprintf("epoch %d: %d moves, %.2f%% wrong; %d gold arcs, %.2f%% wrong labels",
			epoch, steps, pct(wrong, steps), arcs, pct(wrongLabels, arcs))
		if len(dev) > 0 {
			ps.moves, ps.rels = moves.Average(o.Prune), rels.Average(o.Prune)
			sc := Evaluate(ps, dev, o.DevTags)
			line += fmt.Sprintf(", dev UAS %.2f%% LAS %.2f%%", sc.UASAcc(), sc.LASAcc())
			if sc.LASAcc() > bestLAS {
				bestLAS, bestMoves, bestRels = sc.LASAcc(), ps.moves, ps.rels
			}
		}
		fmt.Fprintln(o.Log, line)
	}
	if bestMoves != nil {
		ps.moves, ps.rels = bestMoves, bestRels
	} else {
		ps.moves, ps.rels = moves.Average(o.Prune), rels.Average(o.Prune)
	}
	return ps, nil
}

// bestZeroCost returns the highest-scoring valid move that loses the
// fewest gold arcs.
func bestZeroCost(s *state, scores []float32, gold []int) int {
	canShift, canLeft, canRight := s.valid()
	cs, cl, cr := s.costs(gold)
	best, bestCost := -1, 1<<30
	for m, c := range [3]int{cs, cl, cr} {
		ok := [3]bool{canShift, canLeft, canRight}[m]
		if ok && (c < bestCost || c == bestCost && scores[m] > scores[best]) {
			best, bestCost = m, c
		}
	}
	return best
}

// columns returns the forms and gold tags of a sentence.
func columns(s conllu.Sentence) (words, xpos, upos []string) {
	for _, w := range s.Words {
		words = append(words, w.Form)
		xpos = append(xpos, w.XPOS)
		upos = append(upos, w.UPOS)
	}
	return
}

// Scores counts correct heads and labels over a treebank.
type Scores struct {
	Tokens, UAS, LAS int
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// UASAcc returns the unlabelled attachment score in percent.
func (s Scores) UASAcc() float64 { return pct(s.UAS, s.Tokens) }

// LASAcc returns the labelled attachment score in percent.
func (s Scores) LASAcc() float64 { return pct(s.LAS, s.Tokens) }

// Evaluate parses the gold tokens of sents, with the tags tags supplies
// for sentence i (gold tags when tags is nil), and scores every word,
// punctuation included, as the CoNLL 2018 evaluation does.
func Evaluate(ps *Parser, sents []conllu.Sentence, tags func(i int) (xpos, upos []string)) Scores {
	var sc Scores
	for i, s := range sents {
		words, xpos, upos := columns(s)
		if tags != nil {
			xpos, upos = tags(i)
		}
		heads, rels := ps.Parse(words, xpos, upos)
		for k, w := range s.Words {
			sc.Tokens++
			if heads[k]+1 == w.Head {
				sc.UAS++
				if rels[k] == w.Deprel {
					sc.LAS++
				}
			}
		}
	}
	return sc
}
