package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"eventwire/evaluate/counts"
	"eventwire/reader"
)

// runEvalCounts reads one article with the full reader and scores its
// counts and dates against its gold reading (the seed: kerry-gaza.txt and
// kerry-gaza.gold.json); it also prints the article's tone figures.
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
	var meta reader.Meta
	if pub != "" {
		t, err := time.Parse(time.DateOnly, pub)
		if err != nil {
			return fmt.Errorf("eval counts: --published %q: %w", pub, err)
		}
		meta.Published = t
	}
	r, err := reader.New()
	if err != nil {
		return err
	}
	d, err := r.ReadBytes(ctx, *text, raw, meta)
	if err != nil {
		return fmt.Errorf("eval counts: %w", err)
	}
	rep := counts.Score(d, g)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", " ")
		return enc.Encode(rep)
	}
	rep.Print(e.stdout)
	if tn := d.Tone; tn != nil {
		fmt.Fprintf(e.stdout, "tone %.2f (positive %.2f, negative %.2f, polarity %.2f, activity %.2f, self/group %.2f; %d words)\n",
			tn.Tone, tn.Positive, tn.Negative, tn.Polarity, tn.ActivityDensity, tn.SelfGroupDensity, tn.WordCount)
	}
	return nil
}
