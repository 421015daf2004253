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

// runTrainParse trains the dependency parser on UD English-EWT train with
// jackknifed POS tags (each fold tagged by a tagger trained on the others,
// as noisy as the tagger on new text), keeping the epoch with the best dev
// LAS under the embedded tagger's tags, and writes data/models/parse.bin.gz.
// By default the jackknife uses the perceptron tagger, as the committed
// model was trained; with --nn-folds it uses the combined tagger, as
// tag.Load does: each fold's neural tagger is read from that folder, and
// trained there by scripts/train_tagger.py when missing.
func runTrainParse(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train parse", "")
	ud := fs.String("ud", shared.Path("ud", "en_ewt"), "folder holding en_ewt-ud-{train,dev}.conllu")
	epochs := fs.Int("epochs", 12, "passes over the training data (the best dev epoch is kept)")
	folds := fs.Int("folds", 4, "jackknife folds for the training tags (0: gold tags)")
	tagEpochs := fs.Int("tag-epochs", 5, "tagger epochs per jackknife fold")
	prune := fs.Float64("prune", 0, "drop averaged weights below this magnitude")
	out := fs.String("out", filepath.Join("data", parse.ModelFile), "model file to write")
	cache := fs.String("tags-cache", "", "file to keep the jackknifed training tags in between runs (read when present)")
	nnFolds := fs.String("nn-folds", "", "folder of the neural tagger's jackknife models posnn-foldK-of-N.bin.gz, for tags from the combined tagger (trained there when missing, about 15 minutes a fold on one core); empty: the perceptron's tags, as the committed model")
	glove, python := taggerScriptFlags(fs)
	tagsOut := fs.String("tags-out", "", "also write the jackknifed training tags to this file (the format of eval pos --tags-out)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *ud == "" {
		return errors.New("train parse: give the treebank folder with --ud")
	}
	train, dev, err := readEWT(*ud)
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	clusters, err := tag.LoadClusters()
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	o := parse.Options{Epochs: *epochs, Seed: 1, Prune: float32(*prune), Clusters: clusters, Log: e.stderr}
	if *folds > 1 {
		var nn func(k int) (io.ReadCloser, error)
		if *nnFolds != "" {
			nn = func(k int) (io.ReadCloser, error) {
				return nnFold(ctx, e, *nnFolds, k, *folds, *python, *ud, *glove)
			}
		}
		xp, up, err := jackknifeTags(ctx, e, train, *folds, *tagEpochs, clusters, *cache, nn)
		if err != nil {
			return fmt.Errorf("train parse: %w", err)
		}
		o.Tags = func(i int) ([]string, []string) { return xp[i], up[i] }
		if *tagsOut != "" {
			if err := writeTags(*tagsOut, up, xp); err != nil {
				return fmt.Errorf("train parse: %w", err)
			}
		}
	}
	tagger, err := tag.Load()
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	devX, devU := make([][]string, len(dev)), make([][]string, len(dev))
	for i, s := range dev {
		words := make([]string, len(s.Words))
		for j, w := range s.Words {
			words[j] = w.Form
		}
		devU[i], devX[i] = tagger.Tags(words)
	}
	o.DevTags = func(i int) ([]string, []string) { return devX[i], devU[i] }
	ps, err := parse.Train(ctx, train, dev, o)
	if err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	var buf bytes.Buffer
	if err := ps.Write(&buf); err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train parse: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes)\n", *out, buf.Len())
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
		if err := trainTaggerScript(ctx, e, python, ud, glove, tmp, "--folds", fmt.Sprint(folds), "--fold", fmt.Sprint(k)); err != nil {
			return nil, fmt.Errorf("fold %d: %w", k, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			return nil, err
		}
	}
	return os.Open(path)
}
