package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"eventwire/internal/conllu"
	"eventwire/internal/shared"
	"eventwire/tag"
)

// runTrainPOS trains the part-of-speech tagger on UD English-EWT train,
// keeping the epoch that scores best on dev, and writes data/models/pos.bin.gz.
func runTrainPOS(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train pos", "")
	ud := fs.String("ud", shared.Path("ud", "en_ewt"), "folder holding en_ewt-ud-{train,dev}.conllu")
	epochs := fs.Int("epochs", 6, "passes over the training data")
	out := fs.String("out", filepath.Join("data", tag.ModelFile), "model file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *ud == "" {
		return errors.New("train pos: give the treebank folder with --ud")
	}
	train, dev, err := readEWT(*ud)
	if err != nil {
		return fmt.Errorf("train pos: %w", err)
	}
	clusters, err := tag.LoadClusters()
	if err != nil {
		return fmt.Errorf("train pos: %w", err)
	}
	t, err := tag.Train(ctx, train, dev, tag.Options{Epochs: *epochs, Seed: 1, Clusters: clusters, Log: e.stderr})
	if err != nil {
		return fmt.Errorf("train pos: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Write(&buf); err != nil {
		return fmt.Errorf("train pos: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train pos: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes)\n", *out, buf.Len())
	return nil
}

// readEWT reads the train and dev splits of UD English-EWT from dir.
func readEWT(dir string) (train, dev []conllu.Sentence, err error) {
	if train, err = conllu.ReadFile(filepath.Join(dir, "en_ewt-ud-train.conllu")); err != nil {
		return nil, nil, err
	}
	if dev, err = conllu.ReadFile(filepath.Join(dir, "en_ewt-ud-dev.conllu")); err != nil {
		return nil, nil, err
	}
	return train, dev, nil
}
