package ner

import (
	"testing"

	"eventwire/internal/shared"
	"eventwire/ner/conll"
)

// BenchmarkTag measures tagging speed (both passes, features included) on
// CoNLL-2003 eng.testa; it reports tokens/s. Run on one core with
// "go test -run - -bench Tag -cpu 1 ./ner".
func BenchmarkTag(b *testing.B) {
	path := shared.Require(b, "ner", "conll2003", "eng.testa")
	docs, err := conll.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	t := loadStage(b).t
	var words [][][]string
	tokens := 0
	for _, d := range docs {
		var ws [][]string
		for _, s := range d.Sentences {
			ws = append(ws, s.Words())
			tokens += len(s)
		}
		words = append(words, ws)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, ws := range words {
			t.Tag(ws)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
