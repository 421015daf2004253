package event

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"eventwire/doc"
)

// parsed builds a one-sentence document from lines "form lemma UPOS XPOS
// head dep" (heads 1-based, 0 for the root), as the parser would leave it.
func parsed(t *testing.T, lines ...string) *doc.Document {
	t.Helper()
	d := &doc.Document{}
	var text strings.Builder
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) != 6 {
			t.Fatalf("bad token line %q", l)
		}
		h, err := strconv.Atoi(f[4])
		if err != nil {
			t.Fatal(err)
		}
		if text.Len() > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(f[0])
		d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: start, End: text.Len()}, Text: f[0], Lemma: f[1], POS: f[2], Tag: f[3], Head: h - 1, Dep: f[5]})
	}
	d.Text = text.String()
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: len(d.Text)}, FirstToken: 0, EndToken: len(d.Tokens)}}
	return d
}

func newTestStage(t *testing.T) *Stage {
	t.Helper()
	st, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestModality(t *testing.T) {
	st := newTestStage(t)
	tests := []struct {
		name     string
		toks     []string
		root     string // expected root code, "" for no event
		target   string
		modality string
	}{
		{"asserted attack", []string{
			"Israel Israel PROPN NNP 2 nsubj", "attacked attack VERB VBD 0 root", "Hamas Hamas PROPN NNP 2 obj"},
			"19", "PSEREBHMS", ""},
		{"negated attack is no event", []string{
			"Israel Israel PROPN NNP 4 nsubj", "did do AUX VBD 4 aux", "not not PART RB 4 advmod", "attack attack VERB VB 0 root", "Hamas Hamas PROPN NNP 4 obj"},
			"", "", ""},
		{"will not agree is a rejection", []string{
			"Israel Israel PROPN NNP 4 nsubj", "will will AUX MD 4 aux", "not not PART RB 4 advmod", "agree agree VERB VB 0 root",
			"to to ADP IN 8 case", "Hamas Hamas PROPN NNP 8 nmod:poss", "'s 's PART POS 6 case", "demands demand NOUN NNS 4 obl"},
			"12", "PSEREBHMS", ""},
		{"future attack", []string{
			"Israel Israel PROPN NNP 3 nsubj", "will will AUX MD 3 aux", "attack attack VERB VB 0 root", "Hamas Hamas PROPN NNP 3 obj"},
			"19", "PSEREBHMS", "future"},
		{"hypothetical attack", []string{
			"If if SCONJ IN 3 mark", "Israel Israel PROPN NNP 3 nsubj", "attacks attack VERB VBZ 6 advcl", "Hamas Hamas PROPN NNP 3 obj",
			"Egypt Egypt PROPN NNP 6 nsubj", "protest protest VERB VBP 0 root"},
			"19", "PSEREBHMS", "hypothetical"},
		{"intended meeting", []string{
			"Egypt Egypt PROPN NNP 2 nsubj", "agreed agree VERB VBD 0 root", "to to PART TO 4 mark", "meet meet VERB VB 2 xcomp", "Israel Israel PROPN NNP 4 obj"},
			"04", "ISR", "intended"},
		{"meeting", []string{
			"Egypt Egypt PROPN NNP 2 nsubj", "met meet VERB VBD 0 root", "Israel Israel PROPN NNP 2 obj"},
			"04", "ISR", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parsed(t, tt.toks...)
			if err := st.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var got *doc.Event
			for i := range d.Events {
				if d.Events[i].Target != nil && d.Events[i].Target.Code == tt.target {
					got = &d.Events[i]
				}
			}
			if tt.root == "" {
				if len(d.Events) != 0 {
					t.Fatalf("want no event, got %+v", d.Events)
				}
				return
			}
			if got == nil {
				t.Fatalf("no event with target %s in %+v", tt.target, d.Events)
			}
			if got.Root != tt.root || got.Modality != tt.modality {
				t.Errorf("got root %s modality %q, want %s %q", got.Root, got.Modality, tt.root, tt.modality)
			}
			if got.QuadClass == 0 || got.Evidence == "" || got.VerbSpan == nil {
				t.Errorf("incomplete event %+v", got)
			}
		})
	}
}

// triples codes a parsed sentence with the stage and returns its triples.
func triples(t *testing.T, st *Stage, toks ...string) []string {
	t.Helper()
	d := parsed(t, toks...)
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range d.Events {
		tgt := ""
		if e.Target != nil {
			tgt = e.Target.Code
		}
		out = append(out, e.Source.Code+"-"+tgt+"-"+e.Root)
	}
	return out
}

func TestMechanisms(t *testing.T) {
	st := newTestStage(t)
	tests := []struct {
		name string
		toks []string
		want []string
	}{
		{"compound subject acts on itself pairwise", []string{
			"Russia Russia PROPN NNP 4 nsubj", "and and CCONJ CC 3 cc", "Switzerland Switzerland PROPN NNP 1 conj", "met meet VERB VBD 0 root"},
			[]string{"RUS-CHE-04", "CHE-RUS-04"}},
		{"compound target", []string{
			"Israel Israel PROPN NNP 2 nsubj", "attacked attack VERB VBD 0 root", "Egypt Egypt PROPN NNP 2 obj", "and and CCONJ CC 5 cc", "Jordan Jordan PROPN NNP 3 conj"},
			[]string{"ISR-EGY-19", "ISR-JOR-19"}},
		{"passive with by-agent", []string{
			"Eriador Eriador PROPN NNP 3 nsubj:pass", "was be AUX VBD 3 aux:pass", "attacked attack VERB VBN 0 root", "by by ADP IN 5 case", "Egypt Egypt PROPN NNP 3 obl"},
			nil}, // Eriador is no Phoenix actor: no target, no event
		{"passive source and target", []string{
			"Israel Israel PROPN NNP 3 nsubj:pass", "was be AUX VBD 3 aux:pass", "attacked attack VERB VBN 0 root", "by by ADP IN 5 case", "Egypt Egypt PROPN NNP 3 obl"},
			[]string{"EGY-ISR-19"}},
		{"agent composed onto country", []string{
			"Egypt Egypt PROPN NNP 4 nmod:poss", "'s 's PART POS 1 case", "foreign foreign ADJ JJ 4 amod", "minister minister NOUN NN 5 nsubj", "met meet VERB VBD 0 root", "Israel Israel PROPN NNP 5 obj"},
			[]string{"EGYGOV-ISR-04"}},
		{"reported event keeps its own actors", []string{
			"A a DET DT 3 det", "US US PROPN NNP 3 compound", "official official NOUN NN 4 nsubj", "said say VERB VBD 0 root",
			"Egypt Egypt PROPN NNP 6 nsubj", "criticized criticize VERB VBD 4 ccomp", "Israel Israel PROPN NNP 6 obj"},
			[]string{"EGY-ISR-11"}},
		{"statement of another's attack is an accusation", []string{
			"Israel Israel PROPN NNP 2 nsubj", "said say VERB VBD 0 root", "Hamas Hamas PROPN NNP 5 nsubj", "had have AUX VBD 5 aux", "attacked attack VERB VBN 2 ccomp", "Egypt Egypt PROPN NNP 5 obj"},
			[]string{"ISR-PSEREBHMS-11"}},
		{"discarded sentence", []string{
			"Israel Israel PROPN NNP 2 nsubj", "beat beat VERB VBD 0 root", "Egypt Egypt PROPN NNP 2 obj", "at at ADP IN 6 case", "the the DET DT 6 det", "baseball baseball NOUN NN 2 obl"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := triples(t, st, tt.toks...)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLinksEntitiesPlacesDates(t *testing.T) {
	st := newTestStage(t)
	d := parsed(t, "Kerry Kerry PROPN NNP 2 nsubj", "met meet VERB VBD 0 root", "Abbas Abbas PROPN NNP 2 obj", "in in ADP IN 5 case", "Cairo Cairo PROPN NNP 2 obl")
	d.Published = time.Date(2014, 7, 22, 0, 0, 0, 0, time.UTC)
	span := func(i int) doc.Span { return d.Tokens[i].Span }
	d.Entities = []doc.Entity{
		{ID: "e1", Name: "John Kerry", Type: doc.Person, Country: "USA", Mentions: []doc.Mention{{Span: span(0), Text: "Kerry", Kind: doc.MentionName}}},
		{ID: "e2", Name: "Mahmud Abbas", Type: doc.Person, Country: "PSE", CAMEO: "PSEGOV", Mentions: []doc.Mention{{Span: span(2), Text: "Abbas", Kind: doc.MentionName}}},
		{ID: "e3", Name: "Cairo", Type: doc.Location, Place: &doc.Place{Name: "Cairo", Country: "EGY"}, Mentions: []doc.Mention{{Span: span(4), Text: "Cairo", Kind: doc.MentionName}}},
	}
	if err := st.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 1 {
		t.Fatalf("events: %+v", d.Events)
	}
	e := d.Events[0]
	if e.Source.Code != "USAGOV" || e.Source.EntityID != "e1" || e.Target == nil || e.Target.Code != "PSEGOV" || e.Target.EntityID != "e2" {
		t.Errorf("actors: %+v -> %+v", e.Source, e.Target)
	}
	if e.Location == nil || e.Location.Name != "Cairo" || e.Date != "2014-07-22" {
		t.Errorf("place %v, date %q", e.Location, e.Date)
	}
	if e.Plover != "CONSULT" || e.QuadClass != 1 || e.Base != "040" || e.Evidence != d.Text {
		t.Errorf("coding: %+v", e)
	}
}

func BenchmarkProcess(b *testing.B) {
	st, err := New()
	if err != nil {
		b.Fatal(err)
	}
	t := &testing.T{}
	base := parsed(t, "A a DET DT 3 det", "US US PROPN NNP 3 compound", "official official NOUN NN 4 nsubj", "said say VERB VBD 0 root",
		"Egypt Egypt PROPN NNP 6 nsubj", "criticized criticize VERB VBD 4 ccomp", "Israel Israel PROPN NNP 6 obj")
	for b.Loop() {
		d := *base
		d.Events = nil
		if err := st.Process(context.Background(), &d); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzProcess codes arbitrary dependency trees: the coder must neither
// panic nor loop on whatever a parser returns.
func FuzzProcess(f *testing.F) {
	st, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{2, 0, 1, 3, 1, 4}, uint8(0))
	f.Add([]byte{1, 1, 1, 1, 1, 1, 1}, uint8(3))
	words := []struct{ text, lemma, pos, tag string }{
		{"Israel", "Israel", "PROPN", "NNP"}, {"attacked", "attack", "VERB", "VBD"}, {"Hamas", "Hamas", "PROPN", "NNP"},
		{"he", "he", "PRON", "PRP"}, {"which", "which", "PRON", "WDT"}, {"of", "of", "ADP", "IN"},
		{"government", "government", "NOUN", "NN"}, {"met", "meet", "VERB", "VBD"}, {"not", "not", "PART", "RB"},
	}
	deps := []string{"nsubj", "obj", "obl", "nmod", "conj", "acl:relcl", "xcomp", "ccomp", "nmod:poss", "advmod", "root", "acl", "advcl"}
	f.Fuzz(func(t *testing.T, heads []byte, seed uint8) {
		if len(heads) == 0 || len(heads) > 40 {
			return
		}
		d := &doc.Document{}
		for i, h := range heads {
			w := words[(int(seed)+i*7)%len(words)]
			start := len(d.Text)
			d.Text += w.text + " "
			head := int(h)%(len(heads)+1) - 1
			d.Tokens = append(d.Tokens, doc.Token{Span: doc.Span{Start: start, End: start + len(w.text)}, Text: w.text,
				Lemma: w.lemma, POS: w.pos, Tag: w.tag, Head: head, Dep: deps[(int(h)+i)%len(deps)]})
		}
		d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: len(d.Text)}, EndToken: len(d.Tokens)}}
		if err := st.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	})
}
