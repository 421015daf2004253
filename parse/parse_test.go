package parse

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"eventwire/doc"
	"eventwire/internal/conllu"
	"eventwire/internal/shared"
	"eventwire/segment"
	"eventwire/tag"
)

const tiny = `1	Kerry	Kerry	PROPN	NNP	_	2	nsubj	_	_
2	met	meet	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	minister	minister	NOUN	NN	_	2	obj	_	_
5	in	in	ADP	IN	_	6	case	_	_
6	Cairo	Cairo	PROPN	NNP	_	2	obl	_	_
7	.	.	PUNCT	.	_	2	punct	_	_

1	Hamas	Hamas	PROPN	NNP	_	2	nsubj	_	_
2	fired	fire	VERB	VBD	_	0	root	_	_
3	rockets	rocket	NOUN	NNS	_	2	obj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_
`

// TestOracle checks the transition system and the dynamic oracle: always
// taking a zero-cost move rebuilds every projective tree of the sample
// exactly, whatever the scores.
func TestOracle(t *testing.T) {
	sents, err := conllu.Read(strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{"nsubj", "root", "det", "obj", "case", "obl", "punct"}
	for _, s := range sents {
		n := len(s.Words)
		gold, glab := make([]int, n), make([]int, n)
		for k, w := range s.Words {
			gold[k] = w.Head - 1
			if w.Head == 0 {
				gold[k] = n
			}
			for li, l := range labels {
				if l == w.Deprel {
					glab[k] = li
				}
			}
		}
		var st state
		st.reset(n)
		scores := make([]float32, 3)
		for step := 0; !st.terminal(); step++ {
			if step > 4*n {
				t.Fatal("oracle does not terminate")
			}
			m := bestZeroCost(&st, scores, gold)
			if c := [3]int(costsOf(&st, gold))[m]; c != 0 {
				t.Fatalf("oracle chose move %d with cost %d", m, c)
			}
			l := 0
			if m != shift {
				_, d := st.arc(m)
				l = glab[d]
			}
			st.apply(m, l)
		}
		for k := range n {
			if st.heads[k] != gold[k] || st.labels[k] != glab[k] {
				t.Errorf("word %d: head %d label %d, want %d %d", k, st.heads[k], st.labels[k], gold[k], glab[k])
			}
		}
	}
}

func costsOf(s *state, gold []int) [3]int {
	cs, cl, cr := s.costs(gold)
	return [3]int{cs, cl, cr}
}

// TestCosts checks the arc-hybrid move costs on a hand-made configuration.
func TestCosts(t *testing.T) {
	// Words 0..3, ROOT = 4. Gold: 0<-1, 1<-ROOT, 2<-1, 3<-2.
	gold := []int{1, 4, 1, 2}
	var s state
	s.reset(4)
	s.stack = []int{0}
	s.b0 = 1
	// LEFT (0's head is b0 = 1) is right; SHIFT loses 0<-1; RIGHT is invalid but costs 1.
	if cs, cl, _ := s.costs(gold); cs != 1 || cl != 0 {
		t.Errorf("costs at [0]|1: shift %d left %d, want 1 0", cs, cl)
	}
	s.stack = []int{1, 2}
	s.b0 = 3
	// s0 = 2 has its dependent 3 in the buffer: popping it costs 1; its head
	// is s1, so RIGHT costs only that.
	if cs, cl, cr := s.costs(gold); cs != 0 || cl != 2 || cr != 1 {
		t.Errorf("costs at [1 2]|3: %d %d %d, want 0 2 1", cs, cl, cr)
	}
}

// TestTrainRoundTrip trains on the sample, writes and reads the model back
// and checks it parses its training data.
func TestTrainRoundTrip(t *testing.T) {
	sents, err := conllu.Read(strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Train(context.Background(), sents, nil, Options{Epochs: 10})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ps.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if sc := Evaluate(back, sents, nil); sc.LAS != sc.Tokens {
		t.Errorf("round-tripped model: %+v", sc)
	}
}

func TestStage(t *testing.T) {
	tg, err := tag.New()
	if err != nil {
		t.Fatal(err)
	}
	st, err := New()
	if err != nil {
		t.Fatal(err)
	}
	d := doc.New("", []string{"Kerry met the Egyptian foreign minister in Cairo on Tuesday. Hamas fired rockets into Israel."})
	ctx := context.Background()
	for _, s := range []interface {
		Process(context.Context, *doc.Document) error
	}{segment.New(), tg, st} {
		if err := s.Process(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	find := func(w string) int {
		for i, t := range d.Tokens {
			if t.Text == w {
				return i
			}
		}
		t.Fatalf("no token %q", w)
		return -1
	}
	want := []struct {
		dep, head, rel string
	}{
		{"Kerry", "met", "nsubj"},
		{"minister", "met", "obj"},
		{"Cairo", "met", "obl"},
		{"Hamas", "fired", "nsubj"},
		{"rockets", "fired", "obj"},
	}
	for _, w := range want {
		tok := d.Tokens[find(w.dep)]
		if tok.Head != find(w.head) || tok.Dep != w.rel {
			t.Errorf("%s: head %d %s, want %s (%d) %s", w.dep, tok.Head, tok.Dep, w.head, find(w.head), w.rel)
		}
	}
	for _, i := range []int{find("met"), find("fired")} {
		if d.Tokens[i].Head != -1 || d.Tokens[i].Dep != "root" {
			t.Errorf("%s: head %d %s, want root", d.Tokens[i].Text, d.Tokens[i].Head, d.Tokens[i].Dep)
		}
	}
	// Heads stay inside their sentence.
	for si, s := range d.Sentences {
		for k := s.FirstToken; k < s.EndToken; k++ {
			if h := d.Tokens[k].Head; h != -1 && (h < s.FirstToken || h >= s.EndToken) {
				t.Errorf("sentence %d token %d: head %d outside", si, k, h)
			}
		}
	}
}

// TestEWTDev checks the embedded models on EWT dev with predicted tags; the
// figures are in docs/results/lang.md.
func TestEWTDev(t *testing.T) {
	p := shared.Require(t, "ud", "en_ewt", "en_ewt-ud-dev.conllu")
	if testing.Short() {
		t.Skip("short")
	}
	sents, err := conllu.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := tag.Load()
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(ps, sents, func(i int) ([]string, []string) {
		words, _, _ := columns(sents[i])
		u, x := tg.Tags(words)
		return x, u
	})
	if sc.UASAcc() < 83 || sc.LASAcc() < 79.5 {
		t.Errorf("EWT dev, predicted tags: UAS %.2f%% LAS %.2f%%", sc.UASAcc(), sc.LASAcc())
	}
}

func benchSentence() (words, xpos, upos []string) {
	words = strings.Fields(`" While we still have work to do , it is clear to each party I met that there is a framework available to end the violence , and that framework was the Egyptian initiative , " Kerry said at a press conference after meeting Egyptian President Abdel Fattah al-Sisi .`)
	xpos = strings.Fields("`` IN PRP RB VBP NN TO VB , PRP VBZ JJ IN DT NN PRP VBD IN EX VBZ DT NN JJ TO VB DT NN , CC DT NN VBD DT JJ NN , '' NNP VBD IN DT NN NN IN VBG JJ NNP NNP NNP NNP .")
	upos = strings.Fields("PUNCT SCONJ PRON ADV VERB NOUN PART VERB PUNCT PRON AUX ADJ ADP DET NOUN PRON VERB SCONJ PRON VERB DET NOUN ADJ PART VERB DET NOUN PUNCT CCONJ DET NOUN AUX DET ADJ NOUN PUNCT PUNCT PROPN VERB ADP DET NOUN NOUN ADP VERB ADJ PROPN PROPN PROPN PROPN PUNCT")
	return
}

func BenchmarkParse(b *testing.B) {
	ps, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	words, xpos, upos := benchSentence()
	if len(xpos) != len(words) || len(upos) != len(words) {
		b.Fatalf("%d words, %d xpos, %d upos", len(words), len(xpos), len(upos))
	}
	cpu := cpuSeconds()
	for b.Loop() {
		ps.Parse(words, xpos, upos)
	}
	report(b, len(words), cpu)
}

// BenchmarkTagParse measures the tagger and the parser together on one
// core, the speed bar (30,000 tokens/s).
func BenchmarkTagParse(b *testing.B) {
	tg, err := tag.Load()
	if err != nil {
		b.Fatal(err)
	}
	ps, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	words, _, _ := benchSentence()
	cpu := cpuSeconds()
	for b.Loop() {
		upos, xpos := tg.Tags(words)
		ps.Parse(words, xpos, upos)
	}
	report(b, len(words), cpu)
}

// report adds tokens per second of wall time and, where measured, per
// second of processor time (the figure that holds on a busy machine).
func report(b *testing.B, words int, cpuStart float64) {
	tokens := float64(words) * float64(b.N)
	b.ReportMetric(tokens/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuSeconds() - cpuStart; cpuStart > 0 && cpu > 0 {
		b.ReportMetric(tokens/cpu, "tokens/cpu-s")
	}
}
