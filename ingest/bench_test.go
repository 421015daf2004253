package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"eventwire/internal/shared"
	"eventwire/store/sqlite"
)

// BenchmarkIngestBBC measures the ingest machinery and the SQLite store
// without the reader's analysis: the BBC tar.gz walked, each text turned
// into a document by the small test reader, stored in batches into a new
// database. It reports articles per second.
func BenchmarkIngestBBC(b *testing.B) {
	p := shared.Require(b, "corpus", "bbc-2225", "bbc-fulltext.tar.gz")
	ctx := context.Background()
	n := 0
	stored := 0
	for b.Loop() {
		s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", n)))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := New(s, &testReader{}, Options{NoCount: true}).Run(ctx, []string{p})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Failed > 1 { // bbc/sport/199.txt has a Latin-1 byte the test reader refuses
			b.Fatalf("%d failed", sum.Failed)
		}
		stored += sum.Stored + sum.Duplicates
		s.Close()
		n++
	}
	b.ReportMetric(float64(stored)/b.Elapsed().Seconds(), "articles/s")
}
