package ingest

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"eventwire/doc"
)

// testReader is a small stand-in for the real reader: plain text is
// "title\n\nparagraph\n\nparagraph", HTML has its tags dropped and its
// <title> used as the headline.
type testReader struct {
	delay  time.Duration
	reads  atomic.Int64
	onRead func(n int64) // called with the number of reads so far
}

var (
	titleRe = regexp.MustCompile(`(?is)<title>(.*?)</title>`)
	tagRe   = regexp.MustCompile(`(?s)<[^>]*>`)
	headRe  = regexp.MustCompile(`(?is)<head>.*?</head>`)
)

func (r *testReader) Read(ctx context.Context, name string, raw []byte, meta Meta) (*doc.Document, error) {
	if n := r.reads.Add(1); r.onRead != nil {
		r.onRead(n)
	}
	if r.delay > 0 {
		select {
		case <-time.After(r.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if strings.Contains(name, "panic") {
		var m map[string]int
		m["boom"]++ // a stage's bug: assignment to a nil map
	}
	if !utf8.Valid(raw) {
		return nil, errors.New("invalid UTF-8")
	}
	s := string(raw)
	var title string
	var paras []string
	if strings.Contains(meta.ContentType, "html") || strings.Contains(strings.ToLower(s[:min(len(s), 200)]), "<html") {
		if m := titleRe.FindStringSubmatch(s); m != nil {
			title = m[1]
		}
		s = headRe.ReplaceAllString(s, "")
		s = tagRe.ReplaceAllString(strings.ReplaceAll(s, "</p>", "\n\n"), "")
		paras = strings.Split(s, "\n\n")
	} else {
		parts := strings.SplitN(s, "\n", 2)
		title = parts[0]
		if len(parts) > 1 {
			paras = strings.Split(parts[1], "\n\n")
		}
	}
	d := doc.New(title, paras)
	d.URL, d.Source, d.Published = meta.URL, meta.Source, meta.Published
	return d, nil
}
