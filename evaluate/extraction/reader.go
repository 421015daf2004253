package extraction

import (
	"context"
	"strings"

	"eventwire/reader"
)

// Reader returns eventwire's own reader (extraction and clean-up, without
// analysis) as an extractor.
func Reader(r *reader.Reader) Extractor {
	return Extractor{Name: "eventwire", Extract: func(ctx context.Context, p Page) (Result, error) {
		d, err := r.Clean(ctx, p.ID, p.HTML, reader.Meta{URL: p.URL})
		if err != nil {
			return Result{}, err
		}
		var authors []string
		if d.Byline != "" {
			authors = strings.Split(d.Byline, ", ")
		}
		return Result{Title: d.Title, Authors: authors, Published: d.Published, Body: strings.Join(d.Paragraphs, "\n\n")}, nil
	}}
}
