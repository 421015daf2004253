package ner

import (
	"bytes"
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	"eventwire/doc"
	"eventwire/ner/conll"
	"eventwire/segment"
)

func TestBILOURoundTrip(t *testing.T) {
	tests := []string{
		"B-PER I-PER O B-LOC",
		"B-ORG I-ORG I-ORG O B-MISC B-MISC",
		"I-LOC O I-PER I-PER",
		"O O",
	}
	for _, in := range tests {
		labels := strings.Fields(in)
		ids := bilou(labels)
		if got, want := spans(ids), conll.Spans(labels); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: spans(bilou) = %v, want %v", in, got, want)
		}
		for i := 1; i < len(ids); i++ {
			if !allowed(ids[i-1], ids[i]) {
				t.Errorf("%q: bilou gave %s after %s", in, labelName(ids[i]), labelName(ids[i-1]))
			}
		}
	}
}

func TestAllowed(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"O", "B-PER", true},
		{"O", "I-PER", false},
		{"B-PER", "I-PER", true},
		{"B-PER", "L-ORG", false},
		{"B-PER", "O", false},
		{"U-LOC", "U-LOC", true},
		{"L-LOC", "I-LOC", false},
	}
	id := map[string]int{}
	for l := 0; l < numLabels; l++ {
		id[labelName(l)] = l
	}
	for _, tt := range tests {
		if got := allowed(id[tt.a], id[tt.b]); got != tt.want {
			t.Errorf("allowed(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if allowed(-1, id["L-PER"]) || allowed(id["B-PER"], -1) || !allowed(-1, id["U-PER"]) {
		t.Error("start or end constraint wrong")
	}
}

func TestViterbiValidAndBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var trans [numLabels + 1][numLabels]float32
	for i := 0; i < 200; i++ {
		n := 1 + rng.IntN(8)
		em := make([][numLabels]float32, n)
		for j := range em {
			for l := range em[j] {
				em[j][l] = rng.Float32()*10 - 5
			}
		}
		out := make([]int, n)
		viterbi(em, &trans, out)
		if !allowed(-1, out[0]) || !allowed(out[n-1], -1) {
			t.Fatalf("invalid ends: %v", out)
		}
		var score float32
		for j := range out {
			if j > 0 && !allowed(out[j-1], out[j]) {
				t.Fatalf("invalid transition in %v", out)
			}
			score += em[j][out[j]]
		}
		// No single-token relabelling to another valid sequence scores higher.
		for j := range out {
			for l := 0; l < numLabels; l++ {
				alt := append([]int(nil), out...)
				alt[j] = l
				if !valid(alt) {
					continue
				}
				var s float32
				for k := range alt {
					s += em[k][alt[k]]
				}
				if s > score+1e-4 {
					t.Fatalf("sequence %v (%.3f) beats viterbi %v (%.3f)", alt, s, out, score)
				}
			}
		}
	}
}

func valid(ls []int) bool {
	prev := -1
	for _, l := range ls {
		if !allowed(prev, l) {
			return false
		}
		prev = l
	}
	return allowed(prev, -1)
}

func TestShape(t *testing.T) {
	tests := []struct{ in, long, short string }{
		{"Kerry", "Xxxxx", "Xx"},
		{"U.S.", "X.X.", "X.X."},
		{"1996-08-22", "dddd-dd-dd", "d-d-d"},
		{"al-Sisi", "xx-Xxxx", "x-Xx"},
		{"Egyptian", "Xxxxx", "Xx"},
	}
	for _, tt := range tests {
		if got := shape(tt.in, false); got != tt.long {
			t.Errorf("shape(%q) = %q, want %q", tt.in, got, tt.long)
		}
		if got := shape(tt.in, true); got != tt.short {
			t.Errorf("short shape(%q) = %q, want %q", tt.in, got, tt.short)
		}
	}
}

// tinyCorpus is a toy training set in which the label follows from the
// context word before the name.
func tinyCorpus() []conll.Document {
	var docs []conll.Document
	names := []string{"Alpha", "Bravo", "Carlo", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"}
	for i, n := range names {
		var d conll.Document
		for k := 0; k < 3; k++ {
			d.Sentences = append(d.Sentences,
				sent("mister/O", n+"/B-PER", "Smith/I-PER", "spoke/O"),
				sent("in/O", names[(i+k+1)%len(names)]+"ville/B-LOC", "today/O"))
		}
		docs = append(docs, d)
	}
	return docs
}

// sent builds a sentence from "word/LABEL" items.
func sent(items ...string) conll.Sentence {
	var s conll.Sentence
	for _, it := range items {
		w, l, _ := strings.Cut(it, "/")
		s = append(s, conll.Token{Word: w, Label: l})
	}
	return s
}

func TestTrainSaveLoad(t *testing.T) {
	docs := tinyCorpus()
	o := TrainOptions{Epochs: 5, Folds: 2, MinCount: 1, MinWeight: 0, Seed: 1}
	tg, err := Train(context.Background(), docs, Resources{}, o)
	if err != nil {
		t.Fatal(err)
	}
	sc := tg.Evaluate(docs, false)
	if f := sc.All.F1(); f < 0.99 {
		t.Errorf("training-set F1 = %.3f, want ~1", f)
	}
	var b bytes.Buffer
	if err := tg.Save(&b); err != nil {
		t.Fatal(err)
	}
	back, err := ReadTagger(&b, Resources{})
	if err != nil {
		t.Fatal(err)
	}
	sents := [][]string{{"mister", "Zulu", "Smith", "spoke"}, {"in", "Zuluville", "today"}}
	got, want := back.Tag(sents), tg.Tag(sents)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("loaded model tags %v, trained one %v", got, want)
	}
	if len(got[0]) != 1 || got[0][0] != (conll.Span{Start: 1, End: 3, Type: "PER"}) {
		t.Errorf("unseen name: got %v, want PER 1-3", got[0])
	}
}

func TestRecaseTitles(t *testing.T) {
	words := [][]string{
		strings.Fields("John Kerry Urges Hamas To Accept Truce"),
		strings.Fields("Kerry urges Hamas to accept a truce , officials said"),
	}
	sents := []doc.Sentence{{Paragraph: -1}, {Paragraph: 0}}
	recaseTitles(words, sents)
	if got := strings.Join(words[0], " "); got != "John Kerry urges Hamas to accept truce" {
		t.Errorf("recased title = %q", got)
	}
}

func TestStageSeedConcurrent(t *testing.T) {
	s := loadStage(t)
	base := seedDoc(t)
	if err := s.Process(context.Background(), base); err != nil {
		t.Fatal(err)
	}
	if len(base.Names) == 0 {
		t.Fatal("no names in the seed")
	}
	for _, n := range base.Names {
		if n.Start != base.Tokens[n.FirstToken].Start || n.End != base.Tokens[n.EndToken-1].End {
			t.Errorf("name %+v does not match its tokens", n)
		}
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := doc.New(base.Title, base.Paragraphs)
			d.Sentences, d.Tokens = segment.Split(d)
			if err := s.Process(context.Background(), d); err != nil {
				t.Error(err)
				return
			}
			if !reflect.DeepEqual(d.Names, base.Names) {
				t.Error("concurrent run gave different names")
			}
		}()
	}
	wg.Wait()
}

func TestStageNoSentences(t *testing.T) {
	s := loadStage(t)
	d := doc.New("", []string{"Angela Merkel met Emmanuel Macron in Berlin on Monday."})
	_, d.Tokens = segment.Split(d)
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range d.Names {
		got = append(got, n.Label+":"+d.Slice(n.Span))
	}
	want := []string{"PER:Angela Merkel", "PER:Emmanuel Macron", "LOC:Berlin"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names = %v, want %v", got, want)
	}
}

func TestNormWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mr", "Mr."},
		{"Egypt\u2019s", "Egypt's"},
		{"`s", "'s"},
		{"\u201cframework\u201d", "\"framework\""},
		{"Kerry", "Kerry"},
	}
	for _, tt := range tests {
		if got := normWord(tt.in); got != tt.want {
			t.Errorf("normWord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	docs := tinyCorpus()
	o := TrainOptions{Epochs: 4, Folds: 2, MinCount: 1, Seed: 3, Mix: 2}
	weightsOf := func() map[uint64][numLabels]int16 {
		tg, err := Train(context.Background(), docs, Resources{}, o)
		if err != nil {
			t.Fatal(err)
		}
		m := map[uint64][numLabels]int16{}
		for r, k := range tg.p2.list {
			var row [numLabels]int16
			copy(row[:], tg.p2.w[r*numLabels:])
			m[k] = row
		}
		return m
	}
	if a, b := weightsOf(), weightsOf(); !reflect.DeepEqual(a, b) {
		t.Errorf("two trainings differ (%d and %d rows)", len(a), len(b))
	}
}

func TestStageEmpty(t *testing.T) {
	s := loadStage(t)
	d := doc.New("", nil)
	if err := s.Process(context.Background(), d); err != nil || len(d.Names) != 0 {
		t.Errorf("empty document: names %v, err %v", d.Names, err)
	}
	d.Sentences = []doc.Sentence{{FirstToken: 0, EndToken: 0}}
	if err := s.Process(context.Background(), d); err != nil || len(d.Names) != 0 {
		t.Errorf("empty sentence: names %v, err %v", d.Names, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Process(ctx, seedDoc(t)); err == nil {
		t.Error("cancelled context: want an error")
	}
}
