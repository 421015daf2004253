package quotes

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"eventwire/doc"
	"eventwire/internal/shared"
	"eventwire/quote"
)

// goldDir returns the repository's testdata/quotes folder.
func goldDir(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "quotes")
}

func readPlain(ctx context.Context, name string, raw []byte) (*doc.Document, error) {
	d := TextDocument(name, raw)
	if err := quote.New().Process(ctx, d); err != nil {
		return nil, err
	}
	return d, nil
}

// TestGoldBars runs the quote stage (on headline and paragraphs, without the
// other stages) over the annotated BBC articles and the seed, and checks the
// issue's bars: direct recall 95%, speaker accuracy 93%, precision 93%,
// every required seed quote with its speaker, and no quotes from the
// quote-free articles.
func TestGoldBars(t *testing.T) {
	sd := shared.Require(t, "corpus", "bbc-2225", "bbc-fulltext.tar.gz")
	sharedDir := filepath.Dir(filepath.Dir(filepath.Dir(sd)))
	seed := shared.Require(t, "seed", "kerry-gaza.gold.json")
	golds, err := LoadGold([]string{goldDir(t), seed}, sharedDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) < 16 {
		t.Fatalf("%d gold files, want at least 16", len(golds))
	}
	rep, err := Evaluate(context.Background(), golds, sharedDir, readPlain)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		rep.Print(os.Stdout, true)
	}
	tot := rep.Total
	if r := tot.DirectRecall(); r < 0.95 {
		t.Errorf("direct recall %.3f < 0.95", r)
	}
	if s := tot.SpeakerAccuracy(); s < 0.93 {
		t.Errorf("speaker accuracy %.3f < 0.93", s)
	}
	if p := tot.Precision(); p < 0.93 {
		t.Errorf("precision %.3f < 0.93", p)
	}
	quoteFree := 0
	for i, a := range rep.Articles {
		if len(golds[i].Quotes) == 0 {
			quoteFree++
			if a.Counts.Predicted != 0 {
				t.Errorf("%s has no quotes, got %d: %v", a.Gold, a.Counts.Predicted, a.Errors)
			}
		}
		if filepath.Base(a.Gold) == "kerry-gaza.gold.json" && a.Counts.RequiredRight != a.Counts.Required {
			t.Errorf("seed: %d of %d required quotes found with their speaker: %v", a.Counts.RequiredRight, a.Counts.Required, a.Errors)
		}
	}
	if quoteFree == 0 {
		t.Error("no quote-free gold article")
	}
}
