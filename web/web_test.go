package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"eventwire/doc"
	"eventwire/reader"
	"eventwire/store"
	"eventwire/store/sqlite"
)

// hostileArticle is an article whose text tries to run script in the UI.
const hostileArticle = `Hostile page tries <script>window.__pwned=1</script> its luck

Officials said the page <img src=x onerror="window.__pwned=2"> was harmless, and "<script>window.__pwned=3</script>" was only text.

<a href="javascript:window.__pwned=4">click</a> and <svg onload="window.__pwned=5"></svg> appeared in the report too.`

var (
	readerOnce sync.Once
	sharedRd   *reader.Reader
	readerErr  error
)

// testReader returns one full reader for the package's tests: models load once.
func testReader(t *testing.T) *reader.Reader {
	t.Helper()
	readerOnce.Do(func() { sharedRd, readerErr = reader.New() })
	if readerErr != nil {
		t.Fatalf("reader.New: %v", readerErr)
	}
	return sharedRd
}

// sampleStore reads the bundled samples and the hostile article into a new
// SQLite store and returns it with the id of each article by file name.
func sampleStore(t *testing.T) (store.Store, map[string]string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rd := testReader(t)
	files, err := filepath.Glob("../samples/*.*")
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{"hostile.txt": []byte(hostileArticle)}
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = b
	}
	ids := map[string]string{}
	for name, b := range inputs {
		meta := reader.Meta{Source: "samples"}
		if name == "kerry-gaza.txt" {
			meta.Published = mustDay(t, "2014-07-22")
		}
		d, err := rd.ReadBytes(ctx, name, b, meta)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		res, err := st.Put(ctx, d)
		if err != nil {
			t.Fatalf("put %s: %v", name, err)
		}
		ids[name] = res.ID
	}
	return st, ids
}

func newTestServer(t *testing.T, st store.Store, opts Options) *httptest.Server {
	t.Helper()
	h, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func TestAPI(t *testing.T) {
	st, ids := sampleStore(t)
	srv := newTestServer(t, st, Options{})
	kerry := ids["kerry-gaza.txt"]

	tests := []struct {
		name       string
		path       string
		status     int
		wantInBody []string
	}{
		{"stats", "/api/stats", 200, []string{`"articles": 6`}},
		{"search finds the seed", "/api/search?q=Kerry", 200, []string{kerry, `"total": 1`}},
		{"search with no match", "/api/search?q=zzzyyyxxx", 200, []string{`"items": []`, `"total"`}},
		{"article", "/api/articles/" + kerry, 200, []string{`"title": "John Kerry urges Hamas to accept truce as Gaza war rages"`, `"quotes"`, `"entities"`}},
		{"unknown article", "/api/articles/nope", 404, []string{`"error"`}},
		{"quotes by speaker", "/api/quotes?speaker=Livni", 200, []string{"First of all, it won't happen"}},
		{"events by actor", "/api/events?actor=USA", 200, []string{kerry}},
		{"timeline", "/api/timeline", 200, []string{`"quad_class"`}},
		{"counts", "/api/counts?type=KILL", 200, []string{"Palestinians"}},
		{"entities", "/api/entities?name=Kerry", 200, []string{"John Kerry"}},
		{"stories", "/api/stories?min=1", 200, []string{`"articles"`}},
		{"failures", "/api/failures", 200, []string{`"items"`}},
		{"bad limit", "/api/quotes?limit=-3", 400, []string{"limit"}},
		{"bad date", "/api/events?since=yesterday", 400, []string{"since"}},
		{"ui home", "/?q=Kerry", 200, []string{"John Kerry urges Hamas"}},
		{"ui article", "/articles/" + kerry, 200, []string{"Tzipi Livni", `class="ent ent-person"`}},
		{"ui entities", "/entities?type=PERSON", 200, []string{"Kerry"}},
		{"ui quotes", "/quotes?speaker=Kerry", 200, []string{"Kerry"}},
		{"ui events", "/events", 200, []string{"<svg"}},
		{"ui stories", "/stories", 200, []string{"Stories"}},
		{"ui failures", "/failures", 200, []string{"No failures"}},
		{"ui unknown article", "/articles/nope", 404, []string{"Not Found"}},
		{"static css", "/static/style.css", 200, []string{"mark.quote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, hdr, body := get(t, srv.URL+tt.path)
			if status != tt.status {
				t.Fatalf("status %d, want %d; body %.300s", status, tt.status, body)
			}
			if got := hdr.Get("Content-Security-Policy"); got != ContentSecurityPolicy {
				t.Errorf("CSP header = %q", got)
			}
			for _, w := range tt.wantInBody {
				if !strings.Contains(string(body), w) {
					t.Errorf("body lacks %q; body %.500s", w, body)
				}
			}
		})
	}
}

func TestHostileTextEscaped(t *testing.T) {
	st, ids := sampleStore(t)
	srv := newTestServer(t, st, Options{})
	_, _, body := get(t, srv.URL+"/articles/"+ids["hostile.txt"])
	page := string(body)
	for _, bad := range []string{"<script>window", "<img src=x", "<svg onload", `href="javascript:`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains raw %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;") {
		t.Errorf("escaped script text missing from the page")
	}
}

func TestWrites(t *testing.T) {
	st, _ := sampleStore(t)
	rd := testReader(t)
	ingest := func(ctx context.Context, name string, body []byte) (*doc.Document, error) {
		return rd.ReadBytes(ctx, name, body, reader.Meta{})
	}
	article := "Ministers meet on trade\n\nTrade ministers met in Geneva on Friday to discuss tariffs."
	tests := []struct {
		name   string
		opts   Options
		auth   string
		body   string
		status int
	}{
		{"read-only server refuses", Options{Ingest: ingest}, "Bearer secret", article, 403},
		{"wrong token refused", Options{WriteToken: "secret", Ingest: ingest}, "Bearer other", article, 403},
		{"missing token refused", Options{WriteToken: "secret", Ingest: ingest}, "", article, 403},
		{"token accepted", Options{WriteToken: "secret", Ingest: ingest}, "Bearer secret", article, 201},
		{"same article again", Options{WriteToken: "secret", Ingest: ingest}, "Bearer secret", article, 200},
		{"too large", Options{WriteToken: "secret", Ingest: ingest, MaxBody: 10}, "Bearer secret", article, 413},
		{"empty body", Options{WriteToken: "secret", Ingest: ingest}, "Bearer secret", "", 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, st, tt.opts)
			req, err := http.NewRequest("POST", srv.URL+"/api/articles?name=trade.txt", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
			if tt.status < 300 {
				var res postResult
				if err := json.Unmarshal(b, &res); err != nil || res.ID == "" {
					t.Fatalf("bad body %s: %v", b, err)
				}
			}
		})
	}
}
