package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"eventwire/doc"
	"eventwire/evaluate/quotes"
	"eventwire/internal/shared"
	"eventwire/quote"
	"eventwire/reader"
)

// runEvalQuotes scores the quote stage against gold files.
func runEvalQuotes(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval quotes", "")
	gold := fs.String("gold", "testdata/quotes", "gold files or folders, comma-separated (*.gold.json)")
	sharedDir := fs.String("shared", shared.Dir(), "shared data folder the gold files' articles are relative to")
	verbose := fs.Bool("v", false, "list every miss, wrong speaker and false positive")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	mode := fs.String("pipeline", "full", "full: the reader with every stage; plain: headline+paragraphs and the quote stage alone")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *sharedDir == "" {
		return errors.New("eval quotes: no shared data folder; pass --shared")
	}
	golds, err := quotes.LoadGold(strings.Split(*gold, ","), *sharedDir)
	if err != nil {
		return err
	}
	var read quotes.Reader
	switch *mode {
	case "full":
		r, err := reader.New()
		if err != nil {
			return err
		}
		if !slices.Contains(r.Pipeline().Names(), "quote") {
			return fmt.Errorf("eval quotes: the reader's pipeline (%s) has no quote stage", r.Pipeline())
		}
		read = func(ctx context.Context, name string, raw []byte) (*doc.Document, error) {
			return r.ReadBytes(ctx, name, raw, reader.Meta{})
		}
	case "plain":
		stage := quote.New()
		read = func(ctx context.Context, name string, raw []byte) (*doc.Document, error) {
			d := quotes.TextDocument(name, raw)
			if err := stage.Process(ctx, d); err != nil {
				return nil, err
			}
			return d, nil
		}
	default:
		return fmt.Errorf("eval quotes: --pipeline %q: want full or plain", *mode)
	}
	rep, err := quotes.Evaluate(ctx, golds, *sharedDir, read)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", " ")
		return enc.Encode(rep)
	}
	rep.Print(e.stdout, *verbose)
	return nil
}
