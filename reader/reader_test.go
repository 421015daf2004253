package reader

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"eventwire/doc"
	"eventwire/internal/shared"
)

func cleanReader(t testing.TB) *Reader {
	t.Helper()
	r, err := New(WithStages())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const page = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Kerry urges truce | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Kerry urges truce">
<meta name="author" content="Jane Doe and John Roe">
<meta property="article:published_time" content="2014-07-22T10:00:00Z">
<link rel="canonical" href="/world/kerry">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Kerry urges truce</h1>
<p>CAIRO (Reuters) - US Secretary of State John Kerry on Tuesday placed the onus on Hamas to end the conflict raging in Gaza as he worked with Egypt to fine-tune a ceasefire proposal for the region.</p>
<p>The top US diplomat was locked in negotiations in Cairo, where he met twice within 24 hours with both Egypt&#39;s foreign minister and the Palestinian Authority's intelligence chief to try to end the violence.</p>
<p>Kerry said a ceasefire proposed by Egypt should serve as a &quot;framework&quot; to end two weeks of bloodshed in the territory and beyond it.</p>
<p>By continuing to use the site, you agree to the use of cookies.</p>
</article><footer>© 2014 Example News. All rights reserved.</footer></body></html>`

func TestFormats(t *testing.T) {
	r := cleanReader(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		input []byte
		meta  Meta
		check func(t *testing.T, d *doc.Document)
	}{
		{"plain text", []byte("Title line\n\nFirst paragraph.\n\nSecond paragraph."), Meta{}, func(t *testing.T, d *doc.Document) {
			if d.Title != "Title line" || len(d.Paragraphs) != 2 {
				t.Errorf("got %q %q", d.Title, d.Paragraphs)
			}
		}},
		{"html named as text", []byte(page), Meta{URL: "https://example.com/a?x=1"}, func(t *testing.T, d *doc.Document) {
			if d.Title != "Kerry urges truce" {
				t.Errorf("title %q", d.Title)
			}
			if d.URL != "https://example.com/world/kerry" {
				t.Errorf("url %q", d.URL)
			}
			if d.Byline != "Jane Doe, John Roe" {
				t.Errorf("byline %q", d.Byline)
			}
			if !d.Published.Equal(time.Date(2014, 7, 22, 10, 0, 0, 0, time.UTC)) {
				t.Errorf("published %v", d.Published)
			}
			if d.Language != "en" || d.Source != "Example News" || d.Dateline != "Cairo" {
				t.Errorf("language %q source %q dateline %q", d.Language, d.Source, d.Dateline)
			}
			if strings.Contains(d.Text, "cookies") || strings.Contains(d.Text, "Home") || !strings.Contains(d.Text, "Egypt's foreign minister") {
				t.Errorf("text %q", d.Text)
			}
		}},
		{"gzip html", gz(t, []byte(page)), Meta{}, func(t *testing.T, d *doc.Document) {
			if d.Title != "Kerry urges truce" {
				t.Errorf("title %q", d.Title)
			}
		}},
		{"json record", []byte(`{"url":"https://ex.com/1","title":"T","text":"Body one.\n\nBody two.","published":"2014-07-22","source":"Ex"}`), Meta{}, func(t *testing.T, d *doc.Document) {
			if d.Title != "T" || len(d.Paragraphs) != 2 || d.Source != "Ex" || d.Published.Year() != 2014 || d.URL != "https://ex.com/1" {
				t.Errorf("got %+v", d)
			}
		}},
		{"json html record", []byte(`{"url":"https://ex.com/1","html":` + jsonString(page) + `}`), Meta{}, func(t *testing.T, d *doc.Document) {
			if d.Title != "Kerry urges truce" || len(d.Paragraphs) < 3 {
				t.Errorf("got %q %d", d.Title, len(d.Paragraphs))
			}
		}},
		{"meta fills gaps only", []byte("T\n\nBody."), Meta{URL: "https://www.ex.com/x", Published: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)}, func(t *testing.T, d *doc.Document) {
			if d.URL != "https://www.ex.com/x" || d.Source != "ex.com" || d.Published.Year() != 2020 {
				t.Errorf("url %q source %q published %v", d.URL, d.Source, d.Published)
			}
		}},
		{"latin-1 text", []byte("Price\n\nIt cost \xa35."), Meta{}, func(t *testing.T, d *doc.Document) {
			if d.Paragraphs[0] != "It cost £5." {
				t.Errorf("got %q", d.Paragraphs[0])
			}
		}},
		{"invalid utf-8 html", []byte("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><p>Caf\xe9 society.</p></body></html>"), Meta{}, func(t *testing.T, d *doc.Document) {
			if d.Title != "Café" {
				t.Errorf("title %q", d.Title)
			}
		}},
		{"utf-16 text", []byte("\xff\xfeT\x00i\x00\n\x00\n\x00B\x00.\x00"), Meta{}, func(t *testing.T, d *doc.Document) {
			if d.Title != "Ti" || len(d.Paragraphs) != 1 || d.Paragraphs[0] != "B." {
				t.Errorf("got %q %q", d.Title, d.Paragraphs)
			}
		}},
		{"html without body", []byte("<html><head><title>Only a title</title></head></html>"), Meta{}, func(t *testing.T, d *doc.Document) {
			if d.Title != "Only a title" || len(d.Paragraphs) != 0 {
				t.Errorf("got %q %q", d.Title, d.Paragraphs)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := r.Clean(ctx, tt.name, tt.input, tt.meta)
			if err != nil {
				t.Fatal(err)
			}
			if d.Input != tt.name {
				t.Errorf("input %q", d.Input)
			}
			checkSpans(t, d)
			tt.check(t, d)
		})
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func checkSpans(t testing.TB, d *doc.Document) {
	t.Helper()
	if !utf8.ValidString(d.Text) {
		t.Fatal("text not valid UTF-8")
	}
	if d.Slice(d.TitleSpan) != d.Title {
		t.Fatalf("title span")
	}
	for i, p := range d.Paragraphs {
		if d.Slice(d.ParagraphSpans[i]) != p {
			t.Fatalf("paragraph %d span", i)
		}
	}
}

func TestBadInput(t *testing.T) {
	r := cleanReader(t)
	ctx := context.Background()
	big := bytes.Repeat([]byte("All work and no play makes Jack a dull boy.\n\n"), 50<<20/46)
	trunc := gz(t, []byte(page))
	trunc = trunc[:len(trunc)/2]
	bomb := gz(t, make([]byte, 80<<20))
	rng := rand.New(rand.NewPCG(1, 2))
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(rng.UintN(256))
	}
	tests := []struct {
		name  string
		input []byte
		want  error // nil: only a clear error is required
		msg   string
	}{
		{"empty", nil, ErrEmpty, "empty input"},
		{"blank", []byte(" \n\n\t "), ErrEmpty, "empty input"},
		{"binary", bin, ErrBinary, "binary"},
		{"50 MB", big, ErrTooLarge, "too large"},
		{"gzip bomb", bomb, ErrTooLarge, "too large"},
		{"truncated gzip", trunc, nil, "truncated"},
		{"broken json", []byte(`{"title": "x", "text": `), nil, "json"},
		{"json without text", []byte(`{"url": "https://x"}`), nil, "no title, text or html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Clean(ctx, "in-"+tt.name, tt.input, Meta{})
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.msg) || !strings.Contains(msg, "in-"+tt.name) || strings.Contains(msg, "\n") {
				t.Errorf("error %q should name the input, say %q, on one line", msg, tt.msg)
			}
		})
	}
}

func TestRecords(t *testing.T) {
	r := cleanReader(t)
	in := []byte(`{"title":"One","text":"First."}
not json
{"title":"Three","text":"Third."}

{"url":"https://x"}
`)
	var docs, errs []string
	for rec := range r.Records(context.Background(), "f.jsonl", in, Meta{}, false) {
		if rec.Err != nil {
			errs = append(errs, rec.Input)
			continue
		}
		docs = append(docs, rec.Input+"="+rec.Doc.Title)
	}
	if strings.Join(docs, ",") != "f.jsonl#0=One,f.jsonl#2=Three" {
		t.Errorf("docs %q", docs)
	}
	if strings.Join(errs, ",") != "f.jsonl#1,f.jsonl#3" {
		t.Errorf("errors %q", errs)
	}
	// A JSON array is a list of records; Clean refuses several.
	arr := []byte(`[{"title":"A","text":"a."},{"title":"B","text":"b."}]`)
	n := 0
	for rec := range r.Records(context.Background(), "a.json", arr, Meta{}, false) {
		if rec.Err != nil {
			t.Fatal(rec.Err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d array records", n)
	}
	if _, err := r.Clean(context.Background(), "a.json", arr, Meta{}); err == nil || !strings.Contains(err.Error(), "several records") {
		t.Errorf("Clean of many records: %v", err)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		in   string
		want Format
	}{
		{"Title\n\nBody", FormatText},
		{"  <!doctype html><html>", FormatHTML},
		{"<div>x</div>", FormatHTML},
		{`{"a":1}`, FormatJSON},
		{"{\"a\":1}\n{\"a\":2}", FormatJSONL},
		{"{\"a\":1}\nbad line\n", FormatJSONL},
		{"{\"a\":\"}{\"}\n", FormatJSON},
		{`[{"a":1}]`, FormatJSONL},
		{"\ufeffTitle", FormatText},
	}
	for _, tt := range tests {
		if got, err := Detect([]byte(tt.in)); err != nil || got != tt.want {
			t.Errorf("Detect(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// TestSeed reads the archetype through the reader: format detection and
// clean-up give the gold clean block's title, dateline and standfirst.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(shared.Require(t, "seed", "kerry-gaza.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := cleanReader(t).Clean(context.Background(), "kerry-gaza.txt", gz(t, b), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "John Kerry urges Hamas to accept truce as Gaza war rages" || d.Dateline != "Cairo" || d.Standfirst == "" || d.Language != "en" {
		t.Errorf("title %q dateline %q standfirst %q language %q", d.Title, d.Dateline, d.Standfirst, d.Language)
	}
	for c := 0; c < len(d.Text); c++ {
		if ch := d.Text[c]; ch >= 'a' && ch <= 'z' && b[d.RawMap.Raw(c)] != ch {
			t.Fatalf("clean offset %d does not map to the same letter in raw", c)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{page, "", "T\n\nB", `{"title":"x","html":"<p>y</p>"}`, "<html><body><p>a<br>b</p><table><tr><td>1</td></tr></table>", "\x1f\x8b\x08"} {
		f.Add([]byte(s))
	}
	r := cleanReader(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		for rec := range r.Records(context.Background(), "fuzz", b, Meta{}, false) {
			if rec.Err == nil {
				checkSpans(t, rec.Doc)
			}
		}
	})
}

func BenchmarkCleanHTML(b *testing.B) {
	r := cleanReader(b)
	ctx := context.Background()
	in := []byte(page)
	for b.Loop() {
		if _, err := r.Clean(ctx, "page", in, Meta{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRead(t *testing.T) {
	r := cleanReader(t)
	path := t.TempDir() + "/a.txt.gz"
	if err := os.WriteFile(path, gz(t, []byte("Title\n\nBody.")), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := r.Read(context.Background(), Input{Name: path})
	if err != nil || d.Title != "Title" || d.Input != path {
		t.Fatalf("Read(file) = %v, %v", d, err)
	}
	d, err = r.Read(context.Background(), Input{Name: "-", R: strings.NewReader("T2\n\nB."), Meta: Meta{Source: "s"}})
	if err != nil || d.Title != "T2" || d.Source != "s" {
		t.Fatalf("Read(reader) = %v, %v", d, err)
	}
	if _, err := r.Read(context.Background(), Input{Name: t.TempDir() + "/missing"}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing file: %v", err)
	}
	small, err := New(WithStages(), WithMaxBytes(10))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := small.Read(context.Background(), Input{Name: "big", R: strings.NewReader(strings.Repeat("x", 100))}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
}
