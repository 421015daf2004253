package main

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"eventwire/internal/conllu"
	"eventwire/internal/shared"
	"eventwire/ner/cluster"
	"eventwire/parse"
	"eventwire/tag"
)

// runTrainParse trains the dependency parser with scripts/train_parser.py
// (python3-torch) on UD English-EWT train and writes
// data/models/parse.bin.gz. The parser learns from jackknifed POS tags, as
// noisy as the tagger's on new text: each fold is tagged by the combined
// tagger trained on the others (its neural tagger read from --nn-folds, and
// trained there by scripts/train_tagger.py when missing). The script keeps
// the epoch with the best dev LAS under the embedded tagger's tags.
// Inference needs no Python: parse reads the file.
func runTrainParse(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train parse", "")
	ud := fs.String("ud", shared.Path("ud", "en_ewt"), "folder holding en_ewt-ud-{train,dev}.conllu")
	folds := fs.Int("folds", 4, "jackknife folds for the training tags")
	tagEpochs := fs.Int("tag-epochs", 5, "perceptron tagger epochs per jackknife fold")
	nnFolds := fs.String("nn-folds", filepath.Join(os.TempDir(), "eventwire-posnn-folds"), "folder of the neural tagger's jackknife models posnn-foldK-of-N.bin.gz (trained there when missing, about 15 minutes a fold on one core)")
	cache := fs.String("tags-cache", "", "file to keep the jackknifed training tags in between runs (read when present)")
	tagsOut := fs.String("tags-out", "", "also write the jackknifed training tags to this file (the format of eval pos --tags-out)")
	epochs := fs.Int("epochs", 30, "passes over the training data (the best dev epoch is kept)")
	out := fs.String("out", filepath.Join("data", parse.ModelFile), "model file to write")
	glove, python := taggerScriptFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *ud == "" || *folds < 2 {
		return errors.New("train parse: give the treebank folder with --ud and at least 2 --folds")
	}
	train, dev, err := readEWT(*ud)
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	clusters, err := tag.LoadClusters()
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	nn := func(k int) (io.ReadCloser, error) {
		return nnFold(ctx, e, *nnFolds, k, *folds, *python, *ud, *glove)
	}
	xp, up, err := jackknifeTags(ctx, e, train, *folds, *tagEpochs, clusters, *cache, nn)
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	tmp, err := os.MkdirTemp("", "eventwire-train-parse")
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	defer os.RemoveAll(tmp)
	trainTags, devTags := filepath.Join(tmp, "train.tags"), filepath.Join(tmp, "dev.tags")
	if *tagsOut != "" {
		trainTags = *tagsOut
	}
	if err := writeTags(trainTags, up, xp); err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	tagger, err := tag.Load()
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	devU, devX := tagger.TagAll(dev)
	if err := writeTags(devTags, devU, devX); err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	if err := runTrainScript(ctx, e, *python, "train_parser.py", *ud, *glove, *out,
		"--train-tags", trainTags, "--dev-tags", devTags, "--epochs", fmt.Sprint(*epochs)); err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	return nil
}

// jackknifeTags returns jackknifed XPOS and UPOS tags for the training
// sentences, reading them from cache when it names an existing file and
// writing them there otherwise.
func jackknifeTags(ctx context.Context, e *env, train []conllu.Sentence, folds, epochs int, clusters *cluster.Table, cache string, nn func(k int) (io.ReadCloser, error)) (xp, up [][]string, err error) {
	type tags struct{ XPOS, UPOS [][]string }
	if cache != "" {
		if f, err := os.Open(cache); err == nil {
			defer f.Close()
			var t tags
			if err := gob.NewDecoder(f).Decode(&t); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", cache, err)
			}
			if len(t.XPOS) != len(train) {
				return nil, nil, fmt.Errorf("%s: %d sentences, training data has %d", cache, len(t.XPOS), len(train))
			}
			return t.XPOS, t.UPOS, nil
		}
	}
	xp, up, err = tag.JackknifeCombined(ctx, train, folds, tag.Options{Epochs: epochs, Seed: 1, Clusters: clusters, Log: e.stderr}, nn)
	if err != nil {
		return nil, nil, err
	}
	if cache != "" {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(tags{xp, up}); err != nil {
			return nil, nil, err
		}
		if err := os.WriteFile(cache, buf.Bytes(), 0o644); err != nil {
			return nil, nil, err
		}
	}
	return xp, up, nil
}

// nnFold opens the neural tagger of jackknife fold k of folds in dir,
// training it first when the file is missing.
func nnFold(ctx context.Context, e *env, dir string, k, folds int, python, ud, glove string) (io.ReadCloser, error) {
	path := filepath.Join(dir, fmt.Sprintf("posnn-fold%d-of-%d.bin.gz", k, folds))
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		fmt.Fprintf(e.stderr, "training the neural tagger of fold %d/%d into %s\n", k+1, folds, path)
		tmp := path + ".tmp"
		if err := runTrainScript(ctx, e, python, "train_tagger.py", ud, glove, tmp, "--folds", fmt.Sprint(folds), "--fold", fmt.Sprint(k)); err != nil {
			return nil, fmt.Errorf("fold %d: %w", k, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			return nil, err
		}
	}
	return os.Open(path)
}
