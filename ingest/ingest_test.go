package ingest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"eventwire/store"
	"eventwire/store/sqlite"
)

func openStore(t *testing.T, dir string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(dir, "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func write(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// article returns a distinct plain-text article.
func article(i int) string {
	return fmt.Sprintf("Headline number %d\n\nThis is the body of article %d, with enough words to be an article of its own. "+
		"It reports what happened in town %d on day %d.\n\nA second paragraph for article %d.", i, i, i*7, i%28, i)
}

func tarGz(t *testing.T, files map[string]string, order []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "bbc/", Typeflag: tar.TypeDir, Mode: 0o755})
	for _, name := range order {
		body := files[name]
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	tw.Close()
	return gz(buf.Bytes())
}

func warcRecord(typ, uri, date, block string) string {
	h := fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\nWARC-Date: %s\r\n", typ, len(block)+len(uri), date)
	if uri != "" {
		h += "WARC-Target-URI: " + uri + "\r\n"
	}
	ct := "application/http;msgtype=" + typ
	if typ == "warcinfo" {
		ct = "application/warc-fields"
	}
	h += fmt.Sprintf("Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ct, len(block))
	return h + block + "\r\n\r\n"
}

func httpResponse(status int, ctype, body string) string {
	return fmt.Sprintf("HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(body), body)
}

// warcGz builds a WARC.gz of one gzip member per record: a warcinfo, a
// request, two HTML responses, a 404 and an image.
func warcGz() []byte {
	page := func(title, body string) string {
		return "<html><head><title>" + title + "</title></head><body><p>" + body + "</p></body></html>"
	}
	recs := []string{
		warcRecord("warcinfo", "", "2024-01-01T00:00:00Z", "software: test\r\n"),
		warcRecord("request", "https://a.example/one", "2024-01-02T00:00:00Z", "GET /one HTTP/1.1\r\nHost: a.example\r\n\r\n"),
		warcRecord("response", "https://a.example/one", "2024-01-02T00:00:00Z", httpResponse(200, "text/html", page("Page one", "The first page of the archive, about the harbour."))),
		warcRecord("response", "https://b.example/two", "2024-01-03T00:00:00Z", httpResponse(200, "text/html; charset=utf-8", page("Page two", "The second page, about the mountain railway."))),
		warcRecord("response", "https://b.example/gone", "2024-01-03T00:00:00Z", httpResponse(404, "text/html", page("Not found", "Nothing here."))),
		warcRecord("response", "https://b.example/logo.png", "2024-01-03T00:00:00Z", httpResponse(200, "image/png", "\x89PNG....")),
	}
	var out []byte
	for _, r := range recs {
		out = append(out, gz([]byte(r))...)
	}
	return out
}

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>
<item><title>Talks resume in Cairo</title><link>https://wire.example/talks</link>
<pubDate>Tue, 22 Jul 2014 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Negotiators met again in Cairo on Tuesday to discuss a truce.&lt;/p&gt;</description></item>
<item><title>Rain expected</title><link>https://wire.example/rain</link>
<description>Forecasters expect heavy rain across the north this weekend.</description></item>
<item><title>Empty item</title><link>https://wire.example/empty</link></item>
</channel></rss>`

// latin1RSS has Latin-1 bytes and no encoding declaration (like
// uolNoticias.rss): gofeed rejects it as invalid UTF-8 until re-decoded.
var latin1RSS = []byte("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Not\xedcias</title>" +
	"<item><title>Governo anuncia medidas econ\xf4micas</title><link>https://uol.example/a</link>" +
	"<description>O governo anunciou novas medidas para a economia nesta ter\xe7a-feira, segundo o minist\xe9rio.</description></item>" +
	"</channel></rss>")

type fixture struct {
	dir   string
	paths []string
	good  int // items that become articles
	bad   []string
}

func makeFixture(t *testing.T) fixture {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	f := fixture{dir: dir}
	// A folder of text files, nested, with a README that is not an article.
	for i := range 5 {
		write(t, filepath.Join(in, "texts", fmt.Sprintf("sub%d", i%2), fmt.Sprintf("%03d.txt", i)), []byte(article(i)))
	}
	write(t, filepath.Join(in, "texts", "README.TXT"), []byte("This folder holds test articles."))
	f.good += 5
	// A tar.gz of text files.
	files := map[string]string{}
	var order []string
	for i := 10; i < 16; i++ {
		name := fmt.Sprintf("bbc/tech/%03d.txt", i)
		files[name], order = article(i), append(order, name)
	}
	write(t, filepath.Join(in, "bbc.tar.gz"), tarGz(t, files, order))
	f.good += 6
	// JSONL: two good records, a blank line, a bad one.
	write(t, filepath.Join(in, "items.jsonl"), []byte(`{"url":"https://j.example/1","title":"JSON one","text":"The first JSON article, with a body of several words."}
{"url":"https://j.example/2","headline":"JSON two","body":["Paragraph one of two.","Paragraph two of two."],"date_publish":"2020-05-01 10:00:00"}

{"url": "https://j.example/3", "title": "broken
`))
	f.good += 2
	f.bad = append(f.bad, "items.jsonl#3")
	write(t, filepath.Join(in, "crawl.warc.gz"), warcGz())
	f.good += 2
	write(t, filepath.Join(in, "feeds", "wire.rss"), []byte(rss))
	f.good += 2
	f.bad = append(f.bad, "wire.rss#2")
	write(t, filepath.Join(in, "feeds", "latin1.rss"), latin1RSS)
	f.good++
	f.paths = []string{in}
	return f
}

func TestIngestFormats(t *testing.T) {
	f := makeFixture(t)
	s := openStore(t, f.dir)
	ing := New(s, &testReader{}, Options{Workers: 2})
	sum, err := ing.Run(context.Background(), f.paths)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != f.good || sum.Failed != len(f.bad) || sum.Skipped != 0 {
		var b strings.Builder
		sum.Write(&b)
		t.Fatalf("summary: %s\nwant %d stored, %d failed", b.String(), f.good, len(f.bad))
	}
	for _, bad := range f.bad {
		found := false
		for _, fl := range sum.Failures {
			if strings.HasSuffix(fl.Input, bad) && strings.Contains(fl.Error, filepath.Base(strings.Split(bad, "#")[0])) {
				found = true
			}
		}
		if !found {
			t.Errorf("no failure naming %s in %+v", bad, sum.Failures)
		}
	}
	ctx := context.Background()
	checks := []struct {
		query string
		want  string
	}{
		{"harbour", "Page one"},
		{"mountain railway", "Page two"},
		{"truce Cairo", "Talks resume in Cairo"},
		{"ministério economia", "Governo anuncia medidas econômicas"},
		{"JSON article", "JSON one"},
		{"town 28", "Headline number 4"},
	}
	for _, c := range checks {
		p, err := s.Search(ctx, store.ArticleQuery{Text: c.query})
		if err != nil || len(p.Articles) != 1 || p.Articles[0].Title != c.want {
			t.Errorf("Search(%q) = %+v, %v; want %q", c.query, p.Articles, err, c.want)
		}
	}
	p, _ := s.Search(ctx, store.ArticleQuery{Text: "harbour"})
	if a := p.Articles[0]; a.URL != "https://a.example/one" || a.Published.Format("2006-01-02") != "2024-01-02" {
		t.Errorf("WARC article = %+v; want its target URI and WARC-Date", a)
	}
	p, _ = s.Search(ctx, store.ArticleQuery{Text: "truce"})
	if a := p.Articles[0]; a.Source != "Test Wire" || a.URL != "https://wire.example/talks" || a.Published.Format("2006-01-02") != "2014-07-22" {
		t.Errorf("feed article = %+v; want feed title as source, link, pubDate", a)
	}
}

func TestIngestTwiceAddsNothing(t *testing.T) {
	f := makeFixture(t)
	s := openStore(t, f.dir)
	r := &testReader{}
	ing := New(s, r, Options{Workers: 2})
	first, err := ing.Run(context.Background(), f.paths)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Stats(context.Background())
	reads := r.reads.Load()
	second, err := ing.Run(context.Background(), f.paths)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := s.Stats(context.Background())
	if second.Stored != 0 || second.Duplicates != 0 || second.Skipped != first.Stored {
		t.Errorf("second run = %+v; want all %d stored items skipped", second, first.Stored)
	}
	if after != before {
		t.Errorf("stats changed: %+v -> %+v", before, after)
	}
	if got := r.reads.Load() - reads; got != 0 {
		t.Errorf("second run read %d items; want 0 (skipped before reading)", got)
	}
}

func TestIngestSameArticleTwoInputs(t *testing.T) {
	dir := t.TempDir()
	a := write(t, filepath.Join(dir, "a", "x.txt"), []byte(article(1)))
	b := write(t, filepath.Join(dir, "b", "copy-of-x.txt"), []byte(article(1)))
	s := openStore(t, dir)
	sum, err := New(s, &testReader{}, Options{}).Run(context.Background(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 1 || sum.Duplicates != 1 {
		t.Errorf("summary = %+v; want 1 stored, 1 duplicate", sum)
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	good := write(t, filepath.Join(in, "good.txt"), []byte(article(1)))
	var filler strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&filler, " w%d", i*7919%10007)
	}
	tgz := tarGz(t, map[string]string{"a/1.txt": article(2), "a/2.txt": article(3) + filler.String()}, []string{"a/1.txt", "a/2.txt"})
	truncatedGz := gz([]byte("<html><body>" + filler.String() + "</body></html>"))
	cases := []struct {
		name    string
		content []byte
		want    string // in the error
	}{
		{"empty.txt", nil, "empty input"},
		{"blank.html", []byte("  \n\t \n"), "empty input"},
		{"binary.txt", []byte("\x00\x01\x02\x03ELF\x00\x00binary"), "binary content"},
		{"huge.txt", []byte(strings.Repeat("word ", 30000)), "input too large"},
		{"truncated.html.gz", truncatedGz[:len(truncatedGz)/2], "truncated input"},
		{"truncated.tar.gz", tgz[:len(tgz)*2/3], "truncated input"},
		{"latin1.txt", []byte("Caf\xe9 owner fined\n\nThe caf\xe9 was closed."), "invalid UTF-8"},
		{"broken.warc", []byte(warcRecord("response", "https://c.example/ok", "2024-01-02T00:00:00Z", httpResponse(200, "text/html", "<html><title>OK</title><p>A good page before the damage.</p></html>")) +
			"WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>short"), "broken.warc"},
		{"garbage.warc.gz", gz([]byte("this is not a WARC file at all\n")), "garbage.warc.gz"},
		{"bad.rss", []byte("<rss><channel><item><title>unclosed"), "parse feed"},
		{"unknown.rss", []byte("<?xml version=\"1.0\"?><notafeed/>"), "parse feed"},
		{"panic.txt", []byte("Title\n\nA text that makes the reader panic."), "panic: assignment to entry in nil map"},
	}
	for _, c := range cases {
		write(t, filepath.Join(in, c.name), c.content)
	}
	s := openStore(t, dir)
	sum, err := New(s, &testReader{}, Options{MaxBytes: 100_000}).Run(context.Background(), []string{in, filepath.Join(dir, "missing.txt")})
	if err != nil {
		t.Fatal(err)
	}
	byInput := map[string]string{}
	for _, f := range sum.Failures {
		byInput[f.Input] = f.Error
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var msg string
			for in, e := range byInput {
				if strings.Contains(in, c.name) {
					msg = e
				}
			}
			if msg == "" {
				t.Fatalf("no failure recorded for %s; failures: %v", c.name, byInput)
			}
			if !strings.Contains(msg, c.name) || !strings.Contains(msg, c.want) {
				t.Errorf("error %q; want it to name %s and say %q", msg, c.name, c.want)
			}
		})
	}
	if msg := byInput[filepath.Join(dir, "missing.txt")]; !strings.Contains(msg, "missing.txt") {
		t.Errorf("missing path: failure %q", msg)
	}
	// The good file, the tar member before the truncation and the WARC
	// record before the damage are stored.
	ok, _ := s.Has(context.Background(), good)
	if !ok || sum.Stored != 3 {
		var b strings.Builder
		sum.Write(&b)
		t.Errorf("good inputs not all stored (%d): %s", sum.Stored, b.String())
	}
	st, _ := s.Stats(context.Background())
	if st.Failures != sum.Failed {
		t.Errorf("store holds %d failures, summary %d", st.Failures, sum.Failed)
	}
	var b strings.Builder
	sum.Write(&b)
	if !strings.Contains(b.String(), "failures (") {
		t.Errorf("summary does not list failures:\n%s", b.String())
	}
}

func TestInterruptAndResume(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	const n = 40
	for i := range n {
		write(t, filepath.Join(in, fmt.Sprintf("%03d.txt", i)), []byte(article(i)))
	}
	s := openStore(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	var stored int
	r := &testReader{delay: 5 * time.Millisecond, onRead: func(n int64) {
		if n == 12 {
			cancel()
		}
	}}
	ing := New(s, r, Options{Workers: 3})
	sum, err := ing.Run(ctx, []string{in})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Failed != 0 {
		t.Fatalf("first run = %+v; want interrupted with no failures", sum)
	}
	stored = sum.Stored
	if stored == 0 || stored >= n {
		t.Fatalf("first run stored %d; want some but not all of %d", stored, n)
	}
	sum2, err := New(s, &testReader{}, Options{Workers: 3}).Run(context.Background(), []string{in})
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Stored+stored != n || sum2.Skipped != stored || sum2.Duplicates != 0 {
		t.Errorf("resume = %+v after %d stored; want the other %d stored", sum2, stored, n-stored)
	}
	if st, _ := s.Stats(context.Background()); st.Articles != n || st.Failures != 0 {
		t.Errorf("stats = %+v; want %d articles", st, n)
	}
}
