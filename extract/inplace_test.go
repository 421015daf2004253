package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"eventwire/internal/shared"
)

// TestInPlaceSameAsCopy checks that Extract, which lets go-trafilatura
// work on its own parse in place, gives the same article as
// ExtractDocument, which works on a copy, and that ExtractDocument leaves
// its tree as it was.
func TestInPlaceSameAsCopy(t *testing.T) {
	pages := map[string][]byte{
		// Short text: the baseline rescue and the readability reading run.
		"short": []byte(`<html><head><title>Short</title></head><body><nav><a href="/">Home</a></nav><p>One line of text.</p></body></html>`),
		"long": []byte(`<html lang="en"><head><title>Long | Site</title><meta name="author" content="A. Writer"></head><body><article><h1>Long</h1>` +
			strings.Repeat(`<p>The council met on Tuesday and agreed a budget for the coming year, after a long debate.</p>`, 8) +
			`</article><ul><li><a href="/x">Related one</a></li><li><a href="/y">Related two</a></li></ul></body></html>`),
		"no language, no author": []byte(`<html><body><div>` + strings.Repeat(`<p>Il était une fois une ville au bord de la mer, où les pêcheurs partaient chaque matin.</p>`, 6) + `</div></body></html>`),
	}
	if dir := shared.Path("bench", "article-extraction", "html"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
		for _, f := range files[:min(len(files), 25)] {
			pages[filepath.Base(f)] = gunzipFile(t, f)
		}
	}
	ctx := context.Background()
	for _, second := range []bool{false, true} {
		var opts []Option
		if second {
			opts = append(opts, WithSecondOpinion())
		}
		e := New(opts...)
		for name, b := range pages {
			got, err := e.Extract(ctx, b, "https://example.com/a", "")
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			src, _, _ := Decode(b, "")
			root, err := html.Parse(strings.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			before := render(t, root)
			want, err := e.ExtractDocument(ctx, root, "https://example.com/a")
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want.Charset = got.Charset
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (second %v): in place\n%+v\ncopy\n%+v", name, second, got, want)
			}
			if render(t, root) != before {
				t.Errorf("%s: ExtractDocument changed its tree", name)
			}
		}
	}
}

func render(t *testing.T, n *html.Node) string {
	var b bytes.Buffer
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func gunzipFile(t *testing.T, path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}
