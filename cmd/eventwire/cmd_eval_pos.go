package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"eventwire/internal/conllu"
	"eventwire/tag"
)

// runEvalPOS scores the embedded tagger on the gold tokens of a CoNLL-U file.
func runEvalPOS(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval pos", "")
	file := fs.String("data", "", "CoNLL-U file to score (e.g. ../shared/ud/en_ewt/en_ewt-ud-dev.conllu)")
	mix := fs.Float64("mix", tag.Mix, "weight of the perceptron's scores in the combined tagger (tune on dev only)")
	sure := fs.Float64("sure", tag.Sure, "probability above which the combined tagger keeps the neural tagger's tags (tune on dev only)")
	tagsOut := fs.String("tags-out", "", "also write the predicted tags to this file, one sentence a line: UPOS tags, a tab, XPOS tags (space-separated)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *file == "" {
		return errors.New("eval pos: give the file with --data")
	}
	sents, err := conllu.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("eval pos: %w", err)
	}
	t, err := tag.Load()
	if err != nil {
		return fmt.Errorf("eval pos: %w", err)
	}
	t.SetMix(float32(*mix))
	t.SetSure(*sure)
	start := time.Now()
	sc := tag.Evaluate(t, sents)
	el := time.Since(start)
	fmt.Fprintf(e.stdout, "file\t%s\nsentences\t%d\ntokens\t%d\nUPOS\t%.2f%%\nXPOS\t%.2f%%\nlemma\t%.2f%%\ntokens/s\t%.0f (gold tokens, one goroutine, including lemmas)\n",
		*file, len(sents), sc.Tokens, sc.UPOSAcc(), sc.XPOSAcc(), sc.LemmaAcc(), float64(sc.Tokens)/el.Seconds())
	if *tagsOut != "" {
		up, xp := t.TagAll(sents)
		if err := writeTags(*tagsOut, up, xp); err != nil {
			return fmt.Errorf("eval pos: %w", err)
		}
	}
	return nil
}

// writeTags writes tags to path, one sentence a line: its UPOS tags, a
// tab, its XPOS tags, each space-separated (the format of
// scripts/train_parser.py's --train-tags and --dev-tags).
func writeTags(path string, upos, xpos [][]string) error {
	var b strings.Builder
	for i := range upos {
		b.WriteString(strings.Join(upos[i], " "))
		b.WriteByte('\t')
		b.WriteString(strings.Join(xpos[i], " "))
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
