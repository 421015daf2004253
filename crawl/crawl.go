// Package crawl polls news feeds and ingests the articles they link to. It
// is a polite client: conditional GET (ETag, Last-Modified) so an unchanged
// feed costs one small request, robots.txt obeyed for every page, a minimum
// gap between requests to one host, and bounds on redirects, body size and
// time. A page it may not or cannot fetch falls back to the feed item's own
// content.
package crawl

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"eventwire/doc"
	"eventwire/ingest"
	"eventwire/store"
)

// Options tunes a crawler. Zero values take the defaults.
type Options struct {
	// UserAgent names the crawler in requests and robots.txt matching.
	UserAgent string
	// Interval is the time between two polls of the feeds (default 15m).
	Interval time.Duration
	// HostDelay is the least time between two requests to one host
	// (default 1s).
	HostDelay time.Duration
	// MaxRedirects bounds the redirects followed per request (default 5).
	MaxRedirects int
	// MaxBytes bounds a response body (default 8 MiB).
	MaxBytes int64
	// Timeout bounds one request, body included (default 30s).
	Timeout time.Duration
	// Workers is the number of pages fetched at once (default 4).
	Workers int
	// Transport is the HTTP transport (default http.DefaultTransport).
	Transport http.RoundTripper
	// Log receives one line per fetched feed and failed page; nil for none.
	Log io.Writer
	// State names a JSON file that keeps each feed's validators (ETag,
	// Last-Modified) between runs, so that a crawler started again (from
	// cron, say) still sends conditional requests; "" keeps them in memory.
	State string
}

// DefaultUserAgent is sent when Options.UserAgent is empty.
const DefaultUserAgent = "eventwire-crawler/1.0 (+https://github.com/eventwire)"

// Stats counts what a poll did.
type Stats struct {
	Feeds        int `json:"feeds"`
	Unchanged    int `json:"unchanged"` // 304 Not Modified
	Items        int `json:"items"`
	Known        int `json:"known"` // already stored
	Fetched      int `json:"fetched"`
	FromFeed     int `json:"from_feed"` // stored from the feed item's content
	Stored       int `json:"stored"`
	Duplicates   int `json:"duplicates"`
	Failed       int `json:"failed"`
	RobotsDenied int `json:"robots_denied"`
}

// Crawler polls feeds into a store. It keeps each feed's validators
// (ETag, Last-Modified) and each host's robots.txt between polls.
type Crawler struct {
	store  store.Store
	reader ingest.Reader
	opts   Options
	client *http.Client
	limit  *hostLimiter

	mu          sync.Mutex
	feeds       map[string]validators
	stateLoaded bool
	robots      map[string]*robotsEntry
}

// robotsEntry is one host's robots.txt, fetched once even when several
// workers ask at the same time.
type robotsEntry struct {
	once sync.Once
	data *robotstxt.RobotsData
	err  error
}

type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// New returns a crawler that reads pages with r into s.
func New(s store.Store, r ingest.Reader, opts Options) *Crawler {
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Interval <= 0 {
		opts.Interval = 15 * time.Minute
	}
	if opts.HostDelay <= 0 {
		opts.HostDelay = time.Second
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = 5
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 8 << 20
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.Workers <= 0 {
		opts.Workers = 4
	}
	c := &Crawler{store: s, reader: r, opts: opts, limit: newHostLimiter(opts.HostDelay),
		feeds: map[string]validators{}, robots: map[string]*robotsEntry{}}
	c.client = &http.Client{
		Transport: opts.Transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", opts.MaxRedirects)
			}
			return c.limit.wait(req.Context(), req.URL.Host)
		},
	}
	return c
}

// ReadFeedList reads a list of feed URLs: one per line; blank lines and
// lines starting with # are skipped.
func ReadFeedList(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := url.Parse(line)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("feed list: %q is not an http(s) URL", line)
		}
		out = append(out, line)
	}
	return out, sc.Err()
}

// Run polls the feeds, then again every Interval, until ctx is done. Each
// poll's stats go to report (when not nil).
func (c *Crawler) Run(ctx context.Context, feeds []string, report func(Stats)) error {
	for {
		st, err := c.Poll(ctx, feeds)
		if report != nil {
			report(st)
		}
		if err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(c.opts.Interval):
		}
	}
}

// Poll fetches every feed once and ingests the items it does not yet hold.
// A feed or page that fails is recorded as a failure in the store; Poll
// returns an error only when the store fails or ctx is done.
func (c *Crawler) Poll(ctx context.Context, feeds []string) (st Stats, err error) {
	c.mu.Lock()
	c.robots = map[string]*robotsEntry{} // robots.txt is read again each poll
	c.mu.Unlock()
	if err := c.loadState(); err != nil {
		return st, err
	}
	defer func() {
		if serr := c.saveState(); serr != nil && err == nil {
			err = serr
		}
	}()
	var mu sync.Mutex
	add := func(f func(*Stats)) { mu.Lock(); f(&st); mu.Unlock() }
	jobs := make(chan job)
	var wg sync.WaitGroup
	var fatal error
	for range c.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := c.article(ctx, j, add); err != nil {
					mu.Lock()
					fatal = errors.Join(fatal, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range feeds {
		if ctx.Err() != nil {
			break
		}
		st.Feeds++
		if err := c.feed(ctx, f, jobs, add); err != nil {
			mu.Lock()
			fatal = errors.Join(fatal, err)
			mu.Unlock()
		}
	}
	close(jobs)
	wg.Wait()
	if fatal == nil {
		fatal = ctx.Err()
	}
	return st, fatal
}

// loadState reads the validators saved by an earlier run, once.
func (c *Crawler) loadState() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.opts.State == "" || c.stateLoaded {
		return nil
	}
	c.stateLoaded = true
	b, err := os.ReadFile(c.opts.State)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("crawl: state: %w", err)
	}
	if err := json.Unmarshal(b, &c.feeds); err != nil {
		return fmt.Errorf("crawl: state %s: %w", c.opts.State, err)
	}
	return nil
}

// saveState writes the feeds' validators, atomically (a temporary file
// renamed over the old one).
func (c *Crawler) saveState() error {
	if c.opts.State == "" {
		return nil
	}
	c.mu.Lock()
	b, err := json.MarshalIndent(c.feeds, "", "  ")
	c.mu.Unlock()
	if err != nil {
		return err
	}
	tmp := c.opts.State + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("crawl: state: %w", err)
	}
	if err := os.Rename(tmp, c.opts.State); err != nil {
		return fmt.Errorf("crawl: state: %w", err)
	}
	return nil
}

// job is one feed item to ingest.
type job struct {
	link     string
	fallback []byte // the item's own content, as a page; nil when none
	meta     ingest.Meta
}

// feed fetches one feed and queues its new items.
func (c *Crawler) feed(ctx context.Context, feedURL string, jobs chan<- job, add func(func(*Stats))) error {
	body, status, err := c.get(ctx, feedURL, true)
	if err != nil {
		return c.fail(ctx, feedURL, err, add)
	}
	if status == http.StatusNotModified {
		add(func(s *Stats) { s.Unchanged++ })
		c.logf("feed %s: not modified", feedURL)
		return nil
	}
	f, err := ingest.ParseFeed(body)
	if err != nil {
		return c.fail(ctx, feedURL, fmt.Errorf("read feed %s: %w", feedURL, err), add)
	}
	c.logf("feed %s: %d items", feedURL, len(f.Items))
	for i, it := range f.Items {
		add(func(s *Stats) { s.Items++ })
		page, meta, ferr := ingest.FeedItem(f, it)
		if ferr != nil {
			page = nil
		}
		link := resolve(feedURL, meta.URL)
		if link == "" {
			if page == nil {
				if err := c.fail(ctx, store.InputKey(feedURL, i), fmt.Errorf("feed %s item %d: no link and no content", feedURL, i), add); err != nil {
					return err
				}
				continue
			}
			link = store.InputKey(feedURL, i)
		}
		meta.URL = link
		known, err := c.store.Has(ctx, link)
		if err != nil {
			return err
		}
		if known {
			add(func(s *Stats) { s.Known++ })
			continue
		}
		select {
		case jobs <- job{link: link, fallback: page, meta: meta}:
		case <-ctx.Done():
			return nil
		}
	}
	return nil
}

// article fetches and stores one linked article, falling back to the feed
// item's content when the page may not or cannot be fetched.
func (c *Crawler) article(ctx context.Context, j job, add func(func(*Stats))) error {
	raw, meta := j.fallback, j.meta
	fromFeed := true
	if strings.HasPrefix(j.link, "http") {
		allowed, err := c.allowed(ctx, j.link)
		switch {
		case err != nil:
			c.logf("page %s not fetched: %v", j.link, err)
		case !allowed:
			add(func(s *Stats) { s.RobotsDenied++ })
			c.logf("page %s: disallowed by robots.txt", j.link)
		default:
			body, _, ferr := c.get(ctx, j.link, false)
			if ferr == nil {
				raw, fromFeed = body, false
				meta.ContentType = "text/html"
				add(func(s *Stats) { s.Fetched++ })
			} else if raw == nil {
				return c.fail(ctx, j.link, ferr, add)
			} else {
				c.logf("page %s: %v; using the feed's content", j.link, ferr)
			}
		}
	}
	if raw == nil {
		return c.fail(ctx, j.link, fmt.Errorf("page %s: not fetched and the feed item has no content", j.link), add)
	}
	d, err := c.read(ctx, j.link, raw, meta)
	if err == nil && strings.TrimSpace(d.Text) == "" {
		err = errors.New("no article text found")
	}
	if err != nil {
		return c.fail(ctx, j.link, fmt.Errorf("read %s: %w", j.link, err), add)
	}
	d.Input = j.link
	if d.URL == "" {
		d.URL = meta.URL
	}
	if d.Source == "" {
		d.Source = meta.Source
	}
	if d.Published.IsZero() {
		d.Published = meta.Published
	}
	res, err := c.store.Put(ctx, d)
	if err != nil {
		return err
	}
	add(func(s *Stats) {
		if fromFeed {
			s.FromFeed++
		}
		if res.Created {
			s.Stored++
		} else {
			s.Duplicates++
		}
	})
	return nil
}

// read runs the reader, turning a panic (a bug in an analysis stage met by
// this page) into an error so that the poll goes on.
func (c *Crawler) read(ctx context.Context, name string, raw []byte, meta ingest.Meta) (d *doc.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("panic: %v", p)
		}
	}()
	return c.reader.Read(ctx, name, raw, meta)
}

func (c *Crawler) fail(ctx context.Context, input string, err error, add func(func(*Stats))) error {
	if ctx.Err() != nil {
		return nil
	}
	add(func(s *Stats) { s.Failed++ })
	c.logf("%v", err)
	return c.store.AddFailure(ctx, store.Failure{Input: input, Error: err.Error(), At: time.Now().UTC()})
}

func (c *Crawler) logf(format string, args ...any) {
	if c.opts.Log != nil {
		fmt.Fprintf(c.opts.Log, "crawl: "+format+"\n", args...)
	}
}

// resolve makes a feed item's link absolute against the feed's URL.
func resolve(base, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	b, err := url.Parse(base)
	if err != nil {
		return link
	}
	u, err := b.Parse(link)
	if err != nil {
		return link
	}
	u.Fragment = ""
	return u.String()
}

// errTooLarge reports a body over Options.MaxBytes.
var errTooLarge = errors.New("response body too large")

// get fetches u within the host's rate limit. For feeds (conditional set)
// it sends the validators of the last fetch and keeps the new ones; a 304
// returns no body.
func (c *Crawler) get(ctx context.Context, u string, conditional bool) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("fetch %s: %w", u, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if conditional {
		c.mu.Lock()
		v := c.feeds[u]
		c.mu.Unlock()
		if v.ETag != "" {
			req.Header.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			req.Header.Set("If-Modified-Since", v.LastModified)
		}
	}
	if err := c.limit.wait(ctx, req.URL.Host); err != nil {
		return nil, 0, err
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && conditional {
		return nil, resp.StatusCode, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, resp.StatusCode, fmt.Errorf("fetch %s: HTTP %s", u, resp.Status)
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return nil, resp.StatusCode, fmt.Errorf("fetch %s: %w (%d bytes, limit %d)", u, errTooLarge, resp.ContentLength, c.opts.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, resp.StatusCode, fmt.Errorf("fetch %s: %w", u, err)
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return nil, resp.StatusCode, fmt.Errorf("fetch %s: %w (limit %d)", u, errTooLarge, c.opts.MaxBytes)
	}
	if conditional {
		c.mu.Lock()
		c.feeds[u] = validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
		c.mu.Unlock()
	}
	return body, resp.StatusCode, nil
}

// allowed reports whether robots.txt of the page's host lets us fetch it.
// robots.txt is fetched once per host and poll; a missing one (4xx) allows
// all, a failing one (5xx) allows none, and an unreachable one is an error:
// the host's pages are not fetched until the next poll.
func (c *Crawler) allowed(ctx context.Context, page string) (bool, error) {
	u, err := url.Parse(page)
	if err != nil {
		return false, err
	}
	origin := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e := c.robots[origin]
	if e == nil {
		e = &robotsEntry{}
		c.robots[origin] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.data, e.err = c.fetchRobots(ctx, origin) })
	if e.err != nil {
		return false, e.err
	}
	rd := e.data
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return rd.TestAgent(path, c.opts.UserAgent), nil
}

func (c *Crawler) fetchRobots(ctx context.Context, origin string) (*robotstxt.RobotsData, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if err := c.limit.wait(ctx, req.URL.Host); err != nil {
		return nil, err
	}
	resp, err := c.client.Do(req)
	if err != nil {
		// Unreachable: fetch nothing from this host until the next poll.
		return nil, fmt.Errorf("robots.txt unreachable: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil, fmt.Errorf("robots.txt unreadable: %w", err)
	}
	return robotstxt.FromStatusAndBytes(resp.StatusCode, body)
}

// hostLimiter spaces requests to one host at least gap apart.
type hostLimiter struct {
	gap  time.Duration
	mu   sync.Mutex
	next map[string]time.Time
}

func newHostLimiter(gap time.Duration) *hostLimiter {
	return &hostLimiter{gap: gap, next: map[string]time.Time{}}
}

// wait blocks until a request to host may go.
func (l *hostLimiter) wait(ctx context.Context, host string) error {
	l.mu.Lock()
	now := time.Now()
	at := l.next[host]
	if at.Before(now) {
		at = now
	}
	l.next[host] = at.Add(l.gap)
	l.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
