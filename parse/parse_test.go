package parse

import (
	"bytes"
	"compress/gzip"
	"context"
	"slices"
	"strings"
	"testing"

	"eventwire/doc"
	"eventwire/internal/conllu"
	"eventwire/internal/shared"
	"eventwire/segment"
	"eventwire/tag"
)

func TestReadErrors(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name string
		file []byte
	}{
		{"not gzip", []byte("EWPARNN1")},
		{"bad magic", gz([]byte("EWTAGNN4\x40\x00\x00\x00"))},
		{"bad sizes", gz([]byte("EWPARNN1\x00\x00\x00\x00\x02\x00\x00\x00\x64\x00\x00\x00\x64\x00\x00\x00"))},
		{"truncated", gz([]byte("EWPARNN1\x40\x00\x00\x00\x02\x00"))},
	}
	for _, tt := range tests {
		if _, err := Read(bytes.NewReader(tt.file)); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

func TestNorm(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"kerry", "kerry"}, {"1995", "0000"}, {"f-16s", "f-00s"}, {"", ""}, {"٣rd", "0rd"},
	} {
		if got := nnNorm(tt.in); got != tt.want {
			t.Errorf("nnNorm(%q) = %q, want %q", tt.in, got, tt.want)
		}
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
	if sc.UASAcc() < 87 || sc.LASAcc() < 84 {
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

// TestTrees checks that whatever the input, every parse is a tree: one
// root labelled "root", every other word headed inside the sentence by a
// non-root relation, no cycles.
func TestTrees(t *testing.T) {
	ps, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	vocab := strings.Fields(`Kerry said the , . Hamas fired rockets into Israel " on Tuesday 1995 ￼ émigré
		xqzv of and to a in that is was it for with as he on be at by this had not are but from or
		have an they which one you were her all she there would their we him been has when who will`)
	tags := [][2]string{{"NOUN", "NN"}, {"VERB", "VBD"}, {"PUNCT", ","}, {"X", "FW"}, {"PROPN", "NNP"}, {"NOPE", "NOPE"}}
	for n := 1; n <= 120; n += 7 {
		words, xpos, upos := make([]string, n), make([]string, n), make([]string, n)
		for i := range words {
			words[i] = vocab[(i*7+n*3)%len(vocab)]
			tg := tags[(i*5+n)%len(tags)]
			upos[i], xpos[i] = tg[0], tg[1]
		}
		heads, rels := ps.Parse(words, xpos, upos)
		roots := 0
		for i, h := range heads {
			switch {
			case h == -1:
				roots++
				if rels[i] != "root" {
					t.Errorf("n=%d: root %d labelled %q", n, i, rels[i])
				}
			case h < 0 || h >= n || h == i:
				t.Fatalf("n=%d: word %d has head %d", n, i, h)
			case rels[i] == "root" || rels[i] == "":
				t.Errorf("n=%d: word %d headed by %d labelled %q", n, i, h, rels[i])
			}
			for x, steps := h, 0; x >= 0; x, steps = heads[x], steps+1 {
				if steps > n {
					t.Fatalf("n=%d: cycle through word %d", n, i)
				}
			}
		}
		if roots != 1 {
			t.Errorf("n=%d: %d roots", n, roots)
		}
	}
}

func TestRepairVerbModifiers(t *testing.T) {
	tests := []struct {
		name             string
		heads            []int
		rels, xpos, upos []string
		wantHeads        []int
		wantRels         []string
	}{
		{
			"The US presented evidence .",
			[]int{3, 3, 3, -1, 3},
			[]string{"det", "nsubj", "amod", "root", "punct"},
			[]string{"DT", "NNP", "VBD", "NN", "."},
			[]string{"DET", "PROPN", "VERB", "NOUN", "PUNCT"},
			[]int{3, 2, -1, 2, 3},
			[]string{"det", "nsubj", "root", "obj", "punct"},
		},
		{
			"the proposed plan (no subject: a real modifier)",
			[]int{2, 2, -1},
			[]string{"det", "amod", "root"},
			[]string{"DT", "VBN", "NN"},
			[]string{"DET", "VERB", "NOUN"},
			[]int{2, 2, -1},
			[]string{"det", "amod", "root"},
		},
	}
	for _, tt := range tests {
		repairVerbModifiers(tt.heads, tt.rels, tt.xpos, tt.upos)
		if !slices.Equal(tt.heads, tt.wantHeads) || !slices.Equal(tt.rels, tt.wantRels) {
			t.Errorf("%s: %v %v, want %v %v", tt.name, tt.heads, tt.rels, tt.wantHeads, tt.wantRels)
		}
	}
}
