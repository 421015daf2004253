package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzContainers feeds arbitrary bytes to every container reader (WARC,
// tar, JSONL, feed, single file, each plain and gzipped): none may panic,
// and every item either has bytes or an error naming its input.
func FuzzContainers(f *testing.F) {
	f.Add([]byte(warcRecord("response", "https://a.example/", "2024-01-01T00:00:00Z", httpResponse(200, "text/html", "<html><p>x</p></html>"))))
	f.Add([]byte(rss))
	f.Add(latin1RSS)
	f.Add([]byte(`{"url":"https://j.example/1","title":"T","text":"body"}` + "\n{bad\n"))
	f.Add(gz([]byte("<html><body>text</body></html>")))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 5\r\n\r\nab"))
	names := []string{"x.warc", "x.warc.gz", "x.tar", "x.tar.gz", "x.jsonl", "x.rss", "x.txt", "x.html.gz"}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		var paths []string
		for _, n := range names {
			p := filepath.Join(dir, n)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		err := Walk(context.Background(), paths, 1<<20, func(it Item) bool {
			if it.Key == "" {
				t.Errorf("item with no key: %+v", it)
			}
			if it.Err == nil && it.Raw == nil && it.Meta.URL == "" {
				t.Errorf("item %s has neither bytes nor error", it.Key)
			}
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
