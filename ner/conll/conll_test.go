package conll

import (
	"reflect"
	"strings"
	"testing"

	"eventwire/internal/shared"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		name   string
		labels string
		want   []Span
	}{
		{"iob2", "B-PER I-PER O B-LOC", []Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"iob1 opens at I", "I-ORG I-ORG O I-LOC", []Span{{0, 2, "ORG"}, {3, 4, "LOC"}}},
		{"iob1 B splits same type", "I-PER B-PER", []Span{{0, 1, "PER"}, {1, 2, "PER"}}},
		{"type change", "B-PER I-ORG", []Span{{0, 1, "PER"}, {1, 2, "ORG"}}},
		{"bilou", "B-MISC L-MISC U-LOC O", []Span{{0, 2, "MISC"}, {2, 3, "LOC"}}},
		{"none", "O O", nil},
		{"entity at end", "O B-LOC I-LOC", []Span{{1, 3, "LOC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spans(strings.Fields(tt.labels)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Spans(%q) = %v, want %v", tt.labels, got, tt.want)
			}
		})
	}
}

const sample = `EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O

The DT B-NP O

SOCCER NN B-NP O

LONDON NNP B-NP B-LOC
1996-08-30 CD I-NP O
`

func TestReadSplitsAtDatelines(t *testing.T) {
	docs, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	if n := len(docs[0].Sentences); n != 3 {
		t.Errorf("first document has %d sentences, want 3", n)
	}
	if w := docs[1].Sentences[0].Words(); !reflect.DeepEqual(w, []string{"SOCCER"}) {
		t.Errorf("second document starts with %v, want its headline [SOCCER]", w)
	}
	if got := docs[0].Sentences[1].Labels(); !reflect.DeepEqual(got, []string{"B-LOC", "O"}) {
		t.Errorf("labels = %v", got)
	}
}

func TestReadDocstart(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nA NN O B-PER\n\n-DOCSTART- -X- -X- O\n\nB NN O O\nC NN O O\n"
	docs, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[1].Tokens() != 2 {
		t.Fatalf("got %d documents (%v), want 2 with 1 and 2 tokens", len(docs), docs)
	}
}

func TestReadBadLine(t *testing.T) {
	if _, err := Read(strings.NewReader("word\n")); err == nil {
		t.Error("want an error for a one-column line")
	}
}

func TestScore(t *testing.T) {
	s := NewScore()
	s.AddLabels(strings.Fields("B-PER I-PER O B-LOC O"), strings.Fields("B-PER I-PER O B-ORG O"))
	s.AddLabels(strings.Fields("B-LOC O"), strings.Fields("B-LOC O"))
	if s.All.Correct != 2 || s.All.Gold != 3 || s.All.Predicted != 3 {
		t.Fatalf("counts = %+v", s.All)
	}
	if got := s.ByType["LOC"].Recall(); got != 0.5 {
		t.Errorf("LOC recall = %v, want 0.5", got)
	}
	if got := s.ByType["ORG"].Precision(); got != 0 {
		t.Errorf("ORG precision = %v, want 0", got)
	}
	var b strings.Builder
	if err := s.Report(&b); err != nil || !strings.Contains(b.String(), "overall") {
		t.Errorf("report = %q, %v", b.String(), err)
	}
}

func TestReadCoNLL2003(t *testing.T) {
	path := shared.Require(t, "ner", "conll2003", "eng.testa")
	docs, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tokens, ents := 0, 0
	for _, d := range docs {
		for _, s := range d.Sentences {
			tokens += len(s)
			ents += len(Spans(s.Labels()))
		}
	}
	// The README: 51,362 tokens and 5,942 entities.
	if tokens != 51362 || ents != 5942 {
		t.Errorf("got %d tokens, %d entities; want 51362, 5942", tokens, ents)
	}
	if len(docs) < 150 {
		t.Errorf("only %d documents found at datelines", len(docs))
	}
}
