package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"eventwire/store"
)

// ParseFeed parses an RSS (0.9x, 1.0, 2.0) or Atom feed. A feed whose bytes
// are not valid UTF-8 and whose declared encoding (if any) does not explain
// them is re-decoded from its sniffed charset (Windows-1252 when unsure)
// and parsed again.
func ParseFeed(raw []byte) (*gofeed.Feed, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, errors.New("empty feed")
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(raw))
	if err == nil {
		return f, nil
	}
	if utf8.Valid(raw) {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	fixed, cs, terr := toUTF8(raw)
	if terr != nil {
		return nil, fmt.Errorf("parse feed: %w (and re-decoding failed: %v)", err, terr)
	}
	f, err2 := gofeed.NewParser().Parse(bytes.NewReader(fixed))
	if err2 != nil {
		return nil, fmt.Errorf("parse feed: %w (also after re-decoding as %s: %v)", err, cs, err2)
	}
	return f, nil
}

var xmlEncoding = regexp.MustCompile(`(?i)(<\?xml[^>]*encoding=["'])([^"']+)(["'])`)

// toUTF8 re-decodes a document that is not valid UTF-8 from its sniffed
// charset, and rewrites an XML encoding declaration to say UTF-8.
func toUTF8(raw []byte) ([]byte, string, error) {
	name := "windows-1252"
	if r, err := chardet.NewTextDetector().DetectBest(raw); err == nil && r.Confidence >= 50 && !strings.EqualFold(r.Charset, "UTF-8") {
		name = r.Charset
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		enc, name = charmap.Windows1252, "windows-1252"
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, name, err
	}
	if xmlEncoding.Match(out[:min(len(out), 512)]) {
		out = xmlEncoding.ReplaceAll(out, []byte("${1}UTF-8${3}"))
	}
	return out, name, nil
}

// FeedItem returns the page and metadata of one feed item: its
// content:encoded (or description) wrapped with its title into an HTML page,
// its link as URL, the feed's title as source.
func FeedItem(f *gofeed.Feed, it *gofeed.Item) ([]byte, Meta, error) {
	m := Meta{URL: strings.TrimSpace(it.Link), Source: strings.TrimSpace(f.Title), Title: strings.TrimSpace(it.Title), ContentType: "text/html; charset=utf-8"}
	if m.URL == "" && len(it.Links) > 0 {
		m.URL = strings.TrimSpace(it.Links[0])
	}
	switch {
	case it.PublishedParsed != nil:
		m.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		m.Published = it.UpdatedParsed.UTC()
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	if strings.TrimSpace(body) == "" {
		return nil, m, errors.New("feed item has no content or description")
	}
	return pageHTML(m.Title, body, m.Published), m, nil
}

// feed emits each item of a feed file, keyed by its position in the feed.
func (w *walker) feed(name string, raw []byte) bool {
	f, err := ParseFeed(raw)
	if err != nil {
		return w.fail(name, fmt.Errorf("read %s: %w", name, err))
	}
	for i, it := range f.Items {
		if w.ctx.Err() != nil {
			return false
		}
		key := store.InputKey(name, i)
		page, meta, err := FeedItem(f, it)
		item := Item{Key: key, Name: fmt.Sprintf("%s (%s)", key, firstNonEmpty(it.Link, it.Title, it.GUID)), Raw: page, Meta: meta}
		if err != nil {
			item.Err = fmt.Errorf("read %s: %w", item.Name, err)
		}
		if !w.emit(item) {
			return false
		}
	}
	return true
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}
