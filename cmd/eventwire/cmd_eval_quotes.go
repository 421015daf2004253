package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"eventwire/doc"
	"eventwire/evaluate/quotes"
	"eventwire/internal/shared"
	"eventwire/quote"
)

// runEvalQuotes scores the quote stage against gold files.
func runEvalQuotes(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval quotes", "")
	gold := fs.String("gold", "testdata/quotes", "gold files or folders, comma-separated (*.gold.json)")
	sharedDir := fs.String("shared", shared.Dir(), "shared data folder the gold files' articles are relative to")
	verbose := fs.Bool("v", false, "list every miss, wrong speaker and false positive")
	asJSON := fs.Bool("json", false, "print the report as JSON")
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
	stage := quote.New()
	read := func(ctx context.Context, name string, raw []byte) (*doc.Document, error) {
		d := quotes.TextDocument(name, raw)
		if err := stage.Process(ctx, d); err != nil {
			return nil, err
		}
		return d, nil
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
