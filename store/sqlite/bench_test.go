package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"eventwire/doc"
)

// benchDoc is a BBC-sized article (about 400 words) with no layers.
func benchDoc(i int) *doc.Document {
	var paras []string
	for p := range 8 {
		var b strings.Builder
		for w := range 50 {
			fmt.Fprintf(&b, "word%d ", (i*7919+p*104729+w*31)%50000)
		}
		paras = append(paras, b.String())
	}
	d := doc.New(fmt.Sprintf("Article %d", i), paras)
	d.Input = fmt.Sprintf("bench#%d", i)
	return d
}

// BenchmarkPut measures storing BBC-sized articles one at a time.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	docs := make([]*doc.Document, 4096)
	for i := range docs {
		docs[i] = benchDoc(i)
	}
	i := 0
	for b.Loop() {
		d := *docs[i%len(docs)]
		d.Title = fmt.Sprintf("Article %d", i) // unique text, so every Put stores
		d.Text = d.Title + d.Text[strings.Index(d.Text, "\n\n"):]
		d.Input = fmt.Sprintf("bench#%d", i)
		if _, err := s.Put(ctx, &d); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkPutBatch measures storing BBC-sized articles 64 to a transaction,
// as ingest does; the time is per article.
func BenchmarkPutBatch(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	base := make([]*doc.Document, 4096)
	for i := range base {
		base[i] = benchDoc(i)
	}
	var batch []*doc.Document
	i := 0
	for b.Loop() {
		d := *base[i%len(base)]
		d.Title = fmt.Sprintf("Article %d", i)
		d.Text = d.Title + d.Text[strings.Index(d.Text, "\n\n"):]
		d.Input = fmt.Sprintf("bench#%d", i)
		batch = append(batch, &d)
		i++
		if len(batch) == 64 {
			if _, _, err := s.PutBatch(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}
