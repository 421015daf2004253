package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"eventwire/doc"
	"eventwire/extract"
	"eventwire/reader"
)

// runRead reads one input (a file or stdin) and prints its records.
func runRead(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "read", "[FILE|-]")
	format := fs.String("format", "json", "output format: json (indented), jsonl or text")
	published := fs.String("published", "", "publication date when the input has none (2014-07-22 or RFC 3339)")
	url := fs.String("url", "", "URL of the article when the input has none")
	source := fs.String("source", "", "source (publisher) when the input has none")
	cleanOnly := fs.Bool("clean", false, "stop after clean-up: no analysis layers")
	second := fs.Bool("second-opinion", false, "web pages: read every page with readability too (more precise, slower)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return fmt.Errorf("read: one input at a time")
	}
	switch *format {
	case "json", "jsonl", "text":
	default:
		return fmt.Errorf("read: unknown format %q (json, jsonl or text)", *format)
	}
	meta := reader.Meta{URL: *url, Source: *source}
	if *published != "" {
		meta.Published = extract.ParseTime(*published)
		if meta.Published.IsZero() {
			return fmt.Errorf("read: --published %q is not a date", *published)
		}
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	var src io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		defer f.Close()
		src = f
	}
	b, err := io.ReadAll(io.LimitReader(src, reader.DefaultMaxBytes+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	var opts []reader.Option
	if *cleanOnly {
		opts = append(opts, reader.WithStages())
	}
	if *second {
		opts = append(opts, reader.WithExtractOptions(extract.WithSecondOpinion()))
	}
	rd, err := reader.New(opts...)
	if err != nil {
		return err
	}
	failed := 0
	for rec := range rd.Records(ctx, name, b, meta, true) {
		if rec.Err != nil {
			failed++
			fmt.Fprintln(e.stderr, "eventwire:", rec.Err)
			continue
		}
		if err := printRecord(e.stdout, rec.Doc, *format); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("read %s: %d record(s) could not be read", name, failed)
	}
	return nil
}

func printRecord(w io.Writer, d *doc.Document, format string) error {
	switch format {
	case "jsonl":
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "text":
		return printText(w, d)
	default:
		b, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
}

// printText prints the article for people: the header fields, the clean
// paragraphs, and how many items each analysis layer holds.
func printText(w io.Writer, d *doc.Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", d.Title)
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%-11s %s\n", k+":", v)
		}
	}
	field("source", d.Source)
	field("url", d.URL)
	field("byline", d.Byline)
	if !d.Published.IsZero() {
		field("published", d.Published.Format(time.RFC3339))
	}
	field("dateline", d.Dateline)
	field("language", d.Language)
	field("input", d.Input)
	b.WriteString("\n")
	for _, p := range d.Paragraphs {
		fmt.Fprintf(&b, "%s\n\n", p)
	}
	fmt.Fprintf(&b, "sentences %d, tokens %d, entities %d, quotes %d, events %d, counts %d, dates %d\n",
		len(d.Sentences), len(d.Tokens), len(d.Entities), len(d.Quotes), len(d.Events), len(d.Counts), len(d.Dates))
	_, err := io.WriteString(w, b.String()+"\n")
	return err
}
