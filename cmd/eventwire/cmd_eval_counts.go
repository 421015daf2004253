package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"eventwire/clean"
	"eventwire/count"
	"eventwire/date"
	"eventwire/evaluate/counts"
	"eventwire/pipeline"
	"eventwire/segment"
)

// runEvalCounts scores the count and date stages on one article against
// its gold reading (the seed: kerry-gaza.txt and kerry-gaza.gold.json).
func runEvalCounts(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval counts", "")
	text := fs.String("text", "", "the article, plain text (title line, blank-line paragraphs)")
	gold := fs.String("gold", "", "its gold reading (*.gold.json with counts and dates)")
	published := fs.String("published", "", "publication date YYYY-MM-DD (default: the gold's)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *text == "" || *gold == "" {
		return errors.New("eval counts: --text and --gold are required")
	}
	g, err := counts.LoadGold(*gold)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(*text)
	if err != nil {
		return fmt.Errorf("eval counts: %w", err)
	}
	pub := *published
	if pub == "" {
		pub = g.Published
	}
	d := clean.Text(string(raw))
	if pub != "" {
		t, err := time.Parse(time.DateOnly, pub)
		if err != nil {
			return fmt.Errorf("eval counts: --published %q: %w", pub, err)
		}
		d.Published = t
	}
	for _, s := range []pipeline.Stage{segment.New(), count.New(), date.New()} {
		if err := s.Process(ctx, d); err != nil {
			return fmt.Errorf("eval counts: %s: %w", *text, err)
		}
	}
	rep := counts.Score(d, g)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", " ")
		return enc.Encode(rep)
	}
	rep.Print(e.stdout)
	return nil
}
