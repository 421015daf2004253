// Package extract finds the article in a web page: its main text (with
// go-trafilatura, run without its costly fallbacks on a DOM parsed once),
// title, byline, publication date, language and canonical URL (from
// JSON-LD, Open Graph and other <meta> tags, microdata and the page).
//
// The page's charset comes from its bytes: a page that is valid UTF-8 is
// read as UTF-8, any other by its declared charset (see Decode).
package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"

	"eventwire/extract/internal/trafilatura"
)

// Article is what Extract finds in a page.
type Article struct {
	Title string
	// Authors lists the author names; Byline joins them with ", ".
	Authors []string
	Byline  string
	// Published is the publication time, zero when the page gives none.
	Published time.Time
	// Language is an ISO 639-1 code ("en"), or "".
	Language string
	// URL is the canonical URL (rel=canonical, og:url, or the page URL).
	URL string
	// SiteName is the publisher's name (og:site_name, JSON-LD publisher).
	SiteName string
	// Description is the page's summary (meta description), often the standfirst.
	Description string
	// Text is the main text, one block (paragraph, heading, list item) per line.
	Text string
	// Charset is the charset the page was decoded from.
	Charset string
}

// ErrNoHTML is returned for input that has no element an HTML page would have.
var ErrNoHTML = errors.New("no HTML content")

// Extractor extracts articles from web pages. It holds no per-page state
// and is safe for concurrent use.
type Extractor struct {
	config *trafilatura.Config
	second bool
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithSecondOpinion reads every page with readability as well as
// go-trafilatura and keeps readability's text when it is a clear subset of
// trafilatura's. It is more precise and about half as fast; without it
// readability runs only on pages whose text looks wrong.
func WithSecondOpinion() Option { return func(e *Extractor) { e.second = true } }

// New returns an Extractor.
func New(opts ...Option) *Extractor {
	e := &Extractor{config: trafilatura.DefaultConfig()}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Extract reads the page b (raw bytes in any charset) fetched from pageURL
// (may be empty); contentType is the HTTP Content-Type when known.
func (e *Extractor) Extract(ctx context.Context, b []byte, pageURL, contentType string) (*Article, error) {
	src, cs, err := Decode(b, contentType)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	src = dropRawText(src)
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	// The tree is ours: go-trafilatura may work on it in place, and the
	// rare pages that need it untouched again parse it again.
	var fresh func() *html.Node
	if !e.second {
		fresh = func() *html.Node {
			n, err := html.Parse(strings.NewReader(src))
			if err != nil {
				// html.Parse fails only when reading fails; src is in memory.
				panic(fmt.Sprintf("extract: parse html again: %v", err))
			}
			return n
		}
	}
	a, err := e.extract(ctx, root, pageURL, fresh)
	if err != nil {
		return nil, err
	}
	a.Charset = cs
	return a, nil
}

// ExtractDocument extracts from a page already parsed; root is not changed.
func (e *Extractor) ExtractDocument(ctx context.Context, root *html.Node, pageURL string) (*Article, error) {
	return e.extract(ctx, root, pageURL, nil)
}

// extract is ExtractDocument. When fresh is nil, root is not changed; when
// it is not, root may be changed and fresh returns the page's tree as
// parsed, for the steps that need it untouched.
func (e *Extractor) extract(ctx context.Context, root *html.Node, pageURL string, fresh func() *html.Node) (*Article, error) {
	base, _ := url.Parse(pageURL)
	if base != nil && base.Scheme == "" {
		base = nil
	}
	m := readMeta(root)
	a := &Article{}
	host := ""
	if base != nil {
		host = base.Hostname()
	}
	a.Title = m.title(host)
	a.Authors = m.authors()
	a.Byline = strings.Join(a.Authors, ", ")
	a.Published = m.published()
	a.Language = m.language()
	a.URL = firstNonEmpty(resolve(base, m.canonical), resolve(base, m.prop("og:url")))
	if a.URL == "" && base != nil {
		a.URL = base.String()
	}
	a.SiteName = firstNonEmpty(m.prop("og:site_name"), ldPublisher(m.article()))
	a.Description = firstNonEmpty(m.prop("og:description", "description", "twitter:description"), ldString(m.article(), "description"))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts := trafilatura.Options{
		Config:          e.config,
		OriginalURL:     base,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
	}
	// go-trafilatura's metadata fills what ours lacks; read only then.
	// (Its date comes only from htmldate, which is disabled.) It is read
	// before the content, which may change root.
	var md *trafilatura.Metadata
	if a.Title == "" || len(a.Authors) == 0 {
		m := trafilatura.ReadMetadata(root, opts)
		md = &m
	}
	noBody := a.Title == "" && !hasBody(root)
	work, untouched := root, func() *html.Node { return root }
	if fresh == nil {
		work = dom.Clone(root, true)
	} else {
		untouched = fresh
	}
	res, err := trafilatura.ExtractContent(work, opts, untouched)
	if err == nil && res != nil {
		a.Text = chooseText(untouched, base, renderText(res.Node), e.second)
		if a.Language == "" {
			a.Language = trafilatura.DetectLanguage(prefix(res.Text, 1024))
		}
		if md != nil {
			if a.Title == "" {
				a.Title = md.Title
			}
			if len(a.Authors) == 0 && md.Author != "" {
				a.Authors = splitAuthors(md.Author)
				a.Byline = strings.Join(a.Authors, ", ")
			}
		}
	} else {
		a.Text = chooseText(untouched, base, "", e.second)
	}
	if a.Title == "" && a.Text == "" && noBody {
		return nil, ErrNoHTML
	}
	return a, nil
}

// prefix returns at most the first n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func hasBody(root *html.Node) bool {
	var found bool
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found {
			return
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			found = true
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// titleSeparators split a <title> into headline and site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » "}

// title chooses the headline. The JSON-LD headline, the Open Graph title
// and the first <h1> each vote (after site names are taken off); the text
// most of them agree on wins, ties going to JSON-LD, then Open Graph, then
// <h1>. Without any of them: microdata, Twitter's title, then <title>.
func (m *meta) title(host string) string {
	site := m.prop("og:site_name")
	h1 := m.h1
	if utf8.RuneCountInString(h1) > 300 {
		h1 = ""
	}
	cands := []string{
		cleanTitle(ldString(m.article(), "headline"), site, host),
		cleanTitle(m.prop("og:title"), site, host),
		cleanTitle(h1, site, host),
	}
	best, bestVotes := "", 0
	for _, c := range cands {
		if c == "" {
			continue
		}
		votes := 0
		for _, o := range cands {
			if titleKey(o) == titleKey(c) {
				votes++
			}
		}
		if votes > bestVotes {
			best, bestVotes = c, votes
		}
	}
	if best != "" {
		return best
	}
	for _, c := range []string{m.itemprops["headline"], m.prop("twitter:title"), m.titleTag} {
		if c = cleanTitle(c, site, host); c != "" {
			return c
		}
	}
	return ""
}

// titleKey compares titles regardless of case, spacing, punctuation and
// quote style.
func titleKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanTitle removes a site name from either end of a title: the page's
// site name, or a short part that names the host ("| TechCrunch" on
// techcrunch.com).
func cleanTitle(t, site, host string) string {
	t = strings.Join(strings.Fields(html.UnescapeString(t)), " ")
	if t == "" {
		return ""
	}
	host = strings.ToLower(host)
	isSite := func(part string) bool {
		part = strings.TrimSpace(part)
		if site != "" && strings.EqualFold(part, site) {
			return true
		}
		key := strings.ToLower(strings.NewReplacer(" ", "", "-", "", ".", "", "'", "").Replace(part))
		return host != "" && len(key) >= 3 && len(strings.Fields(part)) <= 4 && strings.Contains(strings.NewReplacer("-", "", ".", "").Replace(host), key)
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(t, sep); i > 0 && isSite(t[i+len(sep):]) {
			return strings.TrimSpace(t[:i])
		}
		if i := strings.Index(t, sep); i > 0 && isSite(t[:i]) {
			return strings.TrimSpace(t[i+len(sep):])
		}
	}
	return t
}

func ldPublisher(o map[string]any) string {
	if o == nil {
		return ""
	}
	if n := ldNames(o["publisher"]); len(n) > 0 {
		return n[0]
	}
	return ""
}

var byPrefix = regexp.MustCompile(`(?i)^\s*(?:written\s+)?by\s+`)

// authors reads the author names from JSON-LD, then <meta> tags.
func (m *meta) authors() []string {
	if o := m.article(); o != nil {
		if n := ldNames(o["author"]); len(n) > 0 {
			return dedupe(n)
		}
	}
	for _, k := range []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "twitter:creator"} {
		v := m.prop(k)
		if v == "" || strings.HasPrefix(v, "http") || strings.HasPrefix(v, "@") {
			continue
		}
		return splitAuthors(v)
	}
	return nil
}

func splitAuthors(s string) []string {
	s = byPrefix.ReplaceAllString(s, "")
	f := func(r rune) bool { return r == ',' || r == ';' || r == '|' }
	var out []string
	for _, part := range strings.FieldsFunc(s, f) {
		for _, p := range strings.Split(part, " and ") {
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				out = append(out, p)
			}
		}
	}
	return dedupe(out)
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// published reads the publication time from JSON-LD, <meta> tags,
// microdata and <time> elements, in that order of trust.
func (m *meta) published() time.Time {
	cands := []string{
		ldString(m.article(), "datePublished"),
		m.prop("article:published_time", "og:published_time", "og:article:published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date", "published_time", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime"),
		m.itemprops["datePublished"],
		ldString(m.article(), "dateCreated"),
		m.timeAttr,
		ldString(m.article(), "dateModified"),
		m.prop("article:modified_time", "og:updated_time"),
	}
	for _, c := range cands {
		if t := parseTime(c); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// language returns the ISO 639-1 code the page declares.
func (m *meta) language() string {
	for _, v := range []string{m.lang, m.prop("content-language", "og:locale", "language", "dc.language"), ldString(m.article(), "inLanguage")} {
		v = strings.ToLower(strings.TrimSpace(v))
		if i := strings.IndexAny(v, "-_,; "); i >= 0 {
			v = v[:i]
		}
		if len(v) == 2 && v[0] >= 'a' && v[0] <= 'z' && v[1] >= 'a' && v[1] <= 'z' {
			return v
		}
	}
	return ""
}

// LooksLikeHTML reports whether b starts (after spaces and a BOM) with
// markup an HTML page would open with.
func LooksLikeHTML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) > 512 {
		b = b[:512]
	}
	l := bytes.ToLower(b)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--", "<article", "<div", "<p>", "<p "} {
		if bytes.HasPrefix(l, []byte(p)) {
			return true
		}
	}
	return bytes.Contains(l, []byte("<html")) || bytes.Contains(l, []byte("<body"))
}
