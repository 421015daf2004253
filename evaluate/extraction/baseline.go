package extraction

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
)

// Trafilatura returns go-trafilatura as a baseline extractor: with its
// readability and dom-distiller fallbacks when fallback is set (the
// library's recommended setting), otherwise alone.
func Trafilatura(fallback bool) Extractor {
	name := "go-trafilatura"
	if !fallback {
		name += " (no fallback)"
	}
	return Extractor{Name: name, Extract: func(ctx context.Context, p Page) (Result, error) {
		u, _ := url.Parse(p.URL)
		res, err := trafilatura.Extract(bytes.NewReader(p.HTML), trafilatura.Options{
			OriginalURL: u, EnableFallback: fallback, ExcludeComments: true,
		})
		if err != nil {
			return Result{}, err
		}
		var authors []string
		if res.Metadata.Author != "" {
			authors = strings.Split(res.Metadata.Author, "; ")
		}
		return Result{Title: res.Metadata.Title, Authors: authors, Published: res.Metadata.Date, Body: res.ContentText}, nil
	}}
}

// Readability returns readeck's go-readability as a baseline extractor.
func Readability() Extractor {
	return Extractor{Name: "readeck go-readability", Extract: func(ctx context.Context, p Page) (Result, error) {
		u, _ := url.Parse(p.URL)
		parser := readability.NewParser()
		art, err := parser.Parse(bytes.NewReader(p.HTML), u)
		if err != nil {
			return Result{}, err
		}
		var b strings.Builder
		if art.Node != nil {
			if err := art.RenderText(&b); err != nil {
				return Result{}, err
			}
		}
		var authors []string
		if art.Byline() != "" {
			authors = []string{art.Byline()}
		}
		pub, _ := art.PublishedTime()
		if pub.IsZero() {
			pub = time.Time{}
		}
		return Result{Title: art.Title(), Authors: authors, Published: pub, Body: b.String()}, nil
	}}
}
