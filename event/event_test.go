package event

import (
	"context"
	"strconv"
	"strings"
	"testing"

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
