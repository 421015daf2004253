// Package export writes stored articles in formats other programs read:
// JSONL (the full record), CSV (one row per article), and GDELT 2.0 Event
// and GKG 2.1 tab-separated layouts, so notebooks written for GDELT work on
// eventwire's records. docs/export.md lists which GDELT columns are filled.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"eventwire/doc"
	"eventwire/store"
)

// Formats lists the format names Write accepts.
var Formats = []string{"jsonl", "csv", "gdelt-events", "gdelt-gkg"}

// Writer writes documents in one format.
type Writer interface {
	// Write writes the rows of one document.
	Write(d *doc.Document) error
	// Close flushes what is buffered.
	Close() error
}

// NewWriter returns a writer of the named format over w.
func NewWriter(format string, w io.Writer) (Writer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "jsonl":
		return &jsonlWriter{bw: bw, enc: json.NewEncoder(bw)}, nil
	case "csv":
		return newCSVWriter(bw), nil
	case "gdelt-events":
		return &eventsWriter{bw: bw}, nil
	case "gdelt-gkg":
		return &gkgWriter{bw: bw}, nil
	}
	return nil, fmt.Errorf("export: unknown format %q (want one of %v)", format, Formats)
}

// Write exports every article stored at or after since (zero: all), in
// insertion order, and returns the number of articles written.
func Write(ctx context.Context, s store.Store, w io.Writer, format string, since time.Time) (int, error) {
	ew, err := NewWriter(format, w)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.Scan(ctx, since, func(d *doc.Document) error {
		n++
		if err := ew.Write(d); err != nil {
			return fmt.Errorf("export %s as %s: %w", d.ID, format, err)
		}
		return nil
	})
	if cerr := ew.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("export: %w", cerr)
	}
	return n, err
}

type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func (w *jsonlWriter) Write(d *doc.Document) error { return w.enc.Encode(d) }
func (w *jsonlWriter) Close() error                { return w.bw.Flush() }

// csvHeader is the CSV layout: one row per article with its main fields
// and the size of each layer.
var csvHeader = []string{"id", "url", "source", "published", "language", "title", "byline", "dateline",
	"words", "entities", "quotes", "events", "counts", "tone", "persons", "organizations", "locations"}

type csvWriter struct {
	bw     *bufio.Writer
	cw     *csv.Writer
	header bool
}

func newCSVWriter(bw *bufio.Writer) *csvWriter { return &csvWriter{bw: bw, cw: csv.NewWriter(bw)} }

func (w *csvWriter) Write(d *doc.Document) error {
	if !w.header {
		w.header = true
		if err := w.cw.Write(csvHeader); err != nil {
			return err
		}
	}
	pub := ""
	if !d.Published.IsZero() {
		pub = d.Published.UTC().Format(time.RFC3339)
	}
	tone, words := "", ""
	if d.Tone != nil {
		tone = strconv.FormatFloat(d.Tone.Tone, 'f', -1, 64)
		words = strconv.Itoa(d.Tone.WordCount)
	}
	names := func(typ string) string {
		var out []string
		for _, e := range d.Entities {
			if e.Type == typ {
				out = append(out, e.Name)
			}
		}
		return joinSemi(out)
	}
	return w.cw.Write([]string{d.ID, d.URL, d.Source, pub, d.Language, d.Title, d.Byline, d.Dateline,
		words, strconv.Itoa(len(d.Entities)), strconv.Itoa(len(d.Quotes)), strconv.Itoa(len(d.Events)), strconv.Itoa(len(d.Counts)),
		tone, names(doc.Person), names(doc.Organization), names(doc.Location)})
}

func (w *csvWriter) Close() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return err
	}
	return w.bw.Flush()
}
