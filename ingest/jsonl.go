package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"

	"eventwire/store"
)

// jsonRecord is one line of a JSONL file. Common field names of news
// datasets are accepted: the first non-empty of each group is used.
type jsonRecord map[string]any

func (r jsonRecord) str(keys ...string) string {
	for _, k := range keys {
		switch v := r[k].(type) {
		case string:
			if strings.TrimSpace(v) != "" {
				return v
			}
		case []any: // paragraphs as a list
			var parts []string
			for _, p := range v {
				if s, ok := p.(string); ok && strings.TrimSpace(s) != "" {
					parts = append(parts, s)
				}
			}
			if len(parts) > 0 {
				return strings.Join(parts, "\n\n")
			}
		}
	}
	return ""
}

// jsonl emits one item per line of a JSONL file; the key is the line's
// position (0-based), blank lines included.
func (w *walker) jsonl(name string, r *bufio.Reader) bool {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), int(min(w.max, 1<<30))+1)
	n := -1
	for sc.Scan() {
		n++
		if w.ctx.Err() != nil {
			return false
		}
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		key := store.InputKey(name, n)
		if !w.emit(jsonItem(key, line)) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		return w.fail(store.InputKey(name, n+1), fmt.Errorf("read %s after line %d: %w", name, n+1, describe(err)))
	}
	return true
}

// jsonItem turns one JSON object into an item: its HTML when it has one,
// otherwise its title and text as plain text.
func jsonItem(key string, line []byte) Item {
	it := Item{Key: key, Name: key}
	var rec jsonRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		it.Err = fmt.Errorf("read %s: bad JSON: %w", key, err)
		return it
	}
	it.Meta = Meta{
		URL:    rec.str("url", "link", "uri", "source_url"),
		Source: rec.str("source", "source_domain", "domain", "publisher", "site"),
		Title:  rec.str("title", "headline"),
	}
	if p := rec.str("published", "date_publish", "publish_date", "published_at", "date", "pubDate"); p != "" {
		it.Meta.Published = parseTime(p)
	}
	if h := rec.str("html", "raw_html", "content_html"); h != "" {
		it.Raw, it.Meta.ContentType = []byte(h), "text/html"
		return it
	}
	text := rec.str("text", "body", "maintext", "content", "article", "paragraphs", "description")
	if strings.TrimSpace(text) == "" {
		it.Err = fmt.Errorf("read %s: JSON record has no text, body or html field", key)
		return it
	}
	var b strings.Builder
	if it.Meta.Title != "" {
		b.WriteString(strings.TrimSpace(it.Meta.Title))
		b.WriteString("\n\n")
	}
	b.WriteString(text)
	it.Raw, it.Meta.ContentType = []byte(b.String()), "text/plain; charset=utf-8"
	return it
}

// parseTime reads the date formats found in news data; zero when none fits.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// pageHTML wraps a title and an HTML fragment into a page a reader extracts
// from as it would from the publisher's page.
func pageHTML(title, fragment string, published time.Time) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title>")
	if !published.IsZero() {
		fmt.Fprintf(&b, `<meta property="article:published_time" content="%s">`, published.Format(time.RFC3339))
	}
	b.WriteString("</head><body><article><h1>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</h1>\n")
	if !strings.Contains(fragment, "<") {
		for _, p := range strings.Split(fragment, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
			}
		}
	} else {
		b.WriteString(fragment)
	}
	b.WriteString("\n</article></body></html>")
	return []byte(b.String())
}
