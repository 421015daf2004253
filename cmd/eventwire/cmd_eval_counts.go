package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"eventwire/date"
	"eventwire/doc"
	"eventwire/evaluate/counts"
	"eventwire/internal/shared"
	"eventwire/reader"
)

// runEvalCounts reads articles with the full reader and scores their counts
// and dates against gold readings: one article (--text, --gold FILE: the
// seed, kerry-gaza.txt and kerry-gaza.gold.json, also printing its tone) or
// a folder of gold files that name their articles in the shared folder
// (--gold testdata/counts).
func runEvalCounts(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval counts", "")
	text := fs.String("text", "", "the article for a single gold file (plain text, HTML...)")
	gold := fs.String("gold", "", "a gold reading (*.gold.json with counts and dates), or a folder of them")
	published := fs.String("published", "", "publication date YYYY-MM-DD (default: the gold's)")
	sharedDir := fs.String("shared", shared.Dir(), "shared data folder the gold files' inputs are relative to")
	verbose := fs.Bool("v", false, "with a folder: print every article's report")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *gold == "" {
		return errors.New("eval counts: --gold is required")
	}
	r, err := reader.New()
	if err != nil {
		return err
	}
	if *text != "" {
		g, err := counts.LoadGold(*gold)
		if err != nil {
			return err
		}
		if *published != "" {
			g.Published = *published
		}
		d, err := readGold(ctx, r, *text, g)
		if err != nil {
			return err
		}
		rep := counts.Score(d, g)
		if *asJSON {
			return writeJSON(e, rep)
		}
		rep.Print(e.stdout)
		if tn := d.Tone; tn != nil {
			fmt.Fprintf(e.stdout, "tone %.2f (positive %.2f, negative %.2f, polarity %.2f, activity %.2f, self/group %.2f; %d words)\n",
				tn.Tone, tn.Positive, tn.Negative, tn.Polarity, tn.ActivityDensity, tn.SelfGroupDensity, tn.WordCount)
		}
		return nil
	}
	golds, names, err := counts.LoadGoldDir(*gold)
	if err != nil {
		return err
	}
	var cs, ds counts.Stats
	var reps []counts.Report
	for i, g := range golds {
		if g.Input == "" {
			return fmt.Errorf("eval counts: %s names no input", names[i])
		}
		if *sharedDir == "" {
			return errors.New("eval counts: no shared data folder; pass --shared")
		}
		d, err := readGold(ctx, r, filepath.Join(*sharedDir, g.Input), g)
		if err != nil {
			return err
		}
		rep := counts.Score(d, g)
		reps = append(reps, rep)
		cs.Add(rep.CountStats)
		ds.Add(rep.DateStats)
		if *verbose && !*asJSON {
			fmt.Fprintf(e.stdout, "== %s\n", filepath.Base(names[i]))
			rep.Print(e.stdout)
		}
	}
	if *asJSON {
		return writeJSON(e, map[string]any{"articles": reps, "counts": cs, "dates": ds})
	}
	fmt.Fprintf(e.stdout, "%d articles\ncounts: %s\ndates:  %s\n", len(golds), cs, ds)
	return nil
}

// readGold reads one article with the publication date its gold gives.
func readGold(ctx context.Context, r *reader.Reader, path string, g *counts.Gold) (*doc.Document, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval counts: %w", err)
	}
	var meta reader.Meta
	if g.Published != "" {
		t, err := time.Parse(time.DateOnly, g.Published)
		if err != nil {
			return nil, fmt.Errorf("eval counts: published %q: %w", g.Published, err)
		}
		meta.Published = t
	}
	d, err := r.ReadBytes(ctx, path, raw, meta)
	if err != nil {
		return nil, fmt.Errorf("eval counts: %w", err)
	}
	if g.Published != "" && d.Published.Format(time.DateOnly) != g.Published {
		// The gold's date wins over the page's own: its values assume it.
		d.Published = meta.Published
		if err := date.New().Process(ctx, d); err != nil {
			return nil, fmt.Errorf("eval counts: %s: %w", path, err)
		}
	}
	return d, nil
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", " ")
	return enc.Encode(v)
}
