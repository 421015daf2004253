package quote

import (
	"context"
	"os"
	"strings"
	"testing"

	"eventwire/doc"
	"eventwire/internal/shared"
)

// BenchmarkFind measures the stage on the seed article (paragraphs only, no
// other layers), in the manner of a reader without an entity layer.
func BenchmarkFind(b *testing.B) {
	p := shared.Require(b, "seed", "kerry-gaza.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	title, body, _ := strings.Cut(strings.ReplaceAll(string(raw), "`", "'"), "\n")
	d := doc.New(title, strings.Split(body, "\n\n"))
	ctx := context.Background()
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		if _, err := Find(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}
