package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"eventwire/doc"
	"eventwire/ingest"
	"eventwire/store"
	"eventwire/store/sqlite"
)

// htmlReader is a small stand-in for the real reader: the <title> is the
// headline and the text of the <p> elements the body.
type htmlReader struct{}

var (
	titleRe = regexp.MustCompile(`(?is)<title>(.*?)</title>`)
	paraRe  = regexp.MustCompile(`(?is)<p>(.*?)</p>`)
	tagRe   = regexp.MustCompile(`<[^>]*>`)
)

func (htmlReader) Read(ctx context.Context, name string, raw []byte, m ingest.Meta) (*doc.Document, error) {
	s := string(raw)
	var title string
	if t := titleRe.FindStringSubmatch(s); t != nil {
		title = t[1]
	}
	var paras []string
	for _, p := range paraRe.FindAllStringSubmatch(s, -1) {
		paras = append(paras, tagRe.ReplaceAllString(p[1], ""))
	}
	d := doc.New(title, paras)
	d.URL, d.Source, d.Published = m.URL, m.Source, m.Published
	return d, nil
}

// site is a fixture news site: a feed, robots.txt and article pages. It
// records every request.
type site struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	requests []request
}

type request struct {
	path string
	at   time.Time
	etag string
}

const etag = `"feed-v1"`

func newSite(t *testing.T) *site {
	s := &site{t: t}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Tue, 22 Jul 2014 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fixture News</title><link>%[1]s/</link>
<item><title>Harbour reopens</title><link>%[1]s/news/harbour</link><pubDate>Tue, 22 Jul 2014 09:00:00 GMT</pubDate>
  <description>Short summary of the harbour story.</description></item>
<item><title>Railway strike</title><link>/news/railway</link><description>Short summary of the railway story.</description></item>
<item><title>Secret memo</title><link>%[1]s/private/memo</link><description>The memo summary from the feed itself.</description></item>
<item><title>Looping page</title><link>%[1]s/loop/0</link><description>Summary of the looping page.</description></item>
<item><title>Huge page</title><link>%[1]s/news/huge</link></item>
<item><title>Missing page</title><link>%[1]s/news/missing</link></item>
</channel></rss>`, s.srv.URL)
	})
	mux.HandleFunc("/news/harbour", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><head><title>Harbour reopens after storm</title></head><body><p>The harbour reopened on Tuesday after a week of storms.</p><p>Fishermen returned to work.</p></body></html>")
	})
	mux.HandleFunc("/news/railway", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/railway-full", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/news/railway-full", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><head><title>Railway strike called off</title></head><body><p>Unions called off the railway strike late on Monday.</p></body></html>")
	})
	mux.HandleFunc("/private/memo", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><head><title>Memo</title></head><body><p>Not for crawlers.</p></body></html>")
	})
	mux.HandleFunc("/loop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/loop/"), "%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/loop/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/news/huge", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><head><title>Huge</title></head><body><p>"+strings.Repeat("word ", 20000)+"</p></body></html>")
	})
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, request{path: r.URL.Path, at: time.Now(), etag: r.Header.Get("If-None-Match")})
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if strings.HasPrefix(r.path, path) {
			n++
		}
	}
	return n
}

func TestPoll(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "crawl.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const gap = 40 * time.Millisecond
	c := New(st, htmlReader{}, Options{HostDelay: gap, MaxBytes: 50_000, MaxRedirects: 3, Timeout: 5 * time.Second, Workers: 3})
	feeds := []string{s.srv.URL + "/feed.xml"}
	stats, err := c.Poll(ctx, feeds)
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Feeds: 1, Items: 6, Fetched: 2, FromFeed: 2, Stored: 4, Failed: 2, RobotsDenied: 1}
	if stats != want {
		t.Errorf("first poll = %+v, want %+v", stats, want)
	}
	if n := s.count("/private/"); n != 0 {
		t.Errorf("fetched a page robots.txt disallows %d times", n)
	}
	if n := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
	if n := s.count("/loop/"); n != 4 {
		t.Errorf("followed the redirect loop for %d requests, want 4 (1 + 3 redirects)", n)
	}
	// Pages: the fetched page replaces the feed's summary; a relative link
	// is resolved; robots-denied and looping items fall back to the feed.
	checks := []struct{ query, title, url string }{
		{"fishermen", "Harbour reopens after storm", s.srv.URL + "/news/harbour"},
		{"unions", "Railway strike called off", s.srv.URL + "/news/railway"},
		{"memo summary", "Secret memo", s.srv.URL + "/private/memo"},
		{"looping", "Looping page", s.srv.URL + "/loop/0"},
	}
	for _, ck := range checks {
		p, err := st.Search(ctx, store.ArticleQuery{Text: ck.query})
		if err != nil || len(p.Articles) != 1 || p.Articles[0].Title != ck.title || p.Articles[0].URL != ck.url || p.Articles[0].Source != "Fixture News" {
			t.Errorf("Search(%q) = %+v, %v; want %q at %s", ck.query, p.Articles, err, ck.title, ck.url)
		}
	}
	fails, _ := st.Failures(ctx, 10)
	var msgs []string
	for _, f := range fails {
		msgs = append(msgs, f.Error)
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "/news/huge") || !strings.Contains(all, "too large") || !strings.Contains(all, "/news/missing") || !strings.Contains(all, "404") {
		t.Errorf("failures = %s; want the huge page (too large) and the missing one (404)", all)
	}
	// Requests to the one host were spaced by the host delay. Arrival times
	// at the server jitter with connection set-up, so the test checks the
	// rate over the whole poll rather than each gap.
	s.mu.Lock()
	n, span := len(s.requests), s.requests[len(s.requests)-1].at.Sub(s.requests[0].at)
	s.mu.Unlock()
	if min := time.Duration(n-1)*gap - 20*time.Millisecond; span < min {
		t.Errorf("%d requests to one host in %v; want at least %v with a %v host delay", n, span, min, gap)
	}

	// The second poll sends the ETag, gets 304 and fetches nothing else.
	before := len(s.requests)
	stats, err = c.Poll(ctx, feeds)
	if err != nil {
		t.Fatal(err)
	}
	if stats != (Stats{Feeds: 1, Unchanged: 1}) {
		t.Errorf("second poll = %+v, want one unchanged feed", stats)
	}
	s.mu.Lock()
	after := s.requests[before:]
	s.mu.Unlock()
	if len(after) != 1 || after[0].etag != etag {
		t.Errorf("second poll requests = %+v; want one conditional GET of the feed", after)
	}

	// A new crawler (no validators) sees every item as already stored,
	// except those that failed.
	c2 := New(st, htmlReader{}, Options{HostDelay: time.Millisecond, MaxBytes: 50_000})
	stats, err = c2.Poll(ctx, feeds)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Known != 4 || stats.Stored != 0 {
		t.Errorf("poll by a new crawler = %+v; want the 4 stored items known", stats)
	}
}

func TestFeedErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<rss><channel><item>") })
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "crawl.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := New(st, htmlReader{}, Options{HostDelay: time.Millisecond, Timeout: 200 * time.Millisecond})
	stats, err := c.Poll(ctx, []string{srv.URL + "/broken.xml", srv.URL + "/slow.xml", srv.URL + "/gone.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Failed != 3 || stats.Stored != 0 {
		t.Errorf("stats = %+v, want 3 failed feeds", stats)
	}
	fails, _ := st.Failures(ctx, 10)
	for _, f := range fails {
		if !strings.Contains(f.Error, f.Input) {
			t.Errorf("failure %q does not name its input %s", f.Error, f.Input)
		}
	}
}

func TestReadFeedList(t *testing.T) {
	got, err := ReadFeedList(strings.NewReader("# feeds\nhttps://a.example/rss\n\n  http://b.example/atom.xml  \n"))
	if err != nil || strings.Join(got, " ") != "https://a.example/rss http://b.example/atom.xml" {
		t.Errorf("ReadFeedList = %v, %v", got, err)
	}
	if _, err := ReadFeedList(strings.NewReader("ftp://x.example/feed\n")); err == nil {
		t.Error("accepted a non-http URL")
	}
}

func TestUnreachableHost(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		// Port 1 on the loopback refuses connections.
		fmt.Fprint(w, `<rss version="2.0"><channel><title>Far</title>
<item><title>Far away</title><link>http://127.0.0.1:1/story</link><description>The story as the feed tells it.</description></item>
</channel></rss>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "crawl.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := New(st, htmlReader{}, Options{HostDelay: time.Millisecond, Timeout: 2 * time.Second}).Poll(ctx, []string{srv.URL + "/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Feeds: 1, Items: 1, FromFeed: 1, Stored: 1}); stats != want {
		t.Errorf("stats = %+v, want %+v (stored from the feed, robots.txt unreachable is not a denial)", stats, want)
	}
}

func TestStateAcrossRuns(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "crawl.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts := Options{HostDelay: time.Millisecond, MaxBytes: 50_000, MaxRedirects: 3, State: filepath.Join(dir, "state.json")}
	feeds := []string{s.srv.URL + "/feed.xml"}
	if _, err := New(st, htmlReader{}, opts).Poll(ctx, feeds); err != nil {
		t.Fatal(err)
	}
	// A new crawler, as after a restart, sends the saved ETag.
	stats, err := New(st, htmlReader{}, opts).Poll(ctx, feeds)
	if err != nil {
		t.Fatal(err)
	}
	if stats != (Stats{Feeds: 1, Unchanged: 1}) {
		t.Errorf("poll after restart = %+v, want one unchanged feed", stats)
	}
	opts.State = filepath.Join(dir, "missing-dir", "state.json")
	if _, err := New(st, htmlReader{}, opts).Poll(ctx, feeds); err == nil {
		t.Error("an unwritable state file was not reported")
	}
}
