package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"eventwire/internal/conllu"
	"eventwire/parse"
	"eventwire/tag"
)

// runEvalParse scores the embedded parser on the gold tokens of a CoNLL-U
// file, with the embedded tagger's POS tags (or the file's gold tags).
func runEvalParse(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval parse", "")
	file := fs.String("data", "", "CoNLL-U file to score (e.g. ../shared/ud/en_ewt/en_ewt-ud-dev.conllu)")
	gold := fs.Bool("gold-pos", false, "parse with the file's gold POS tags instead of the tagger's")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *file == "" {
		return errors.New("eval parse: give the file with --data")
	}
	sents, err := conllu.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("eval parse: %w", err)
	}
	ps, err := parse.Load()
	if err != nil {
		return fmt.Errorf("eval parse: %w", err)
	}
	tagger, err := tag.Load()
	if err != nil {
		return fmt.Errorf("eval parse: %w", err)
	}
	start := time.Now()
	xp, up := make([][]string, len(sents)), make([][]string, len(sents))
	ntok := 0
	for i, s := range sents {
		for _, w := range s.Words {
			xp[i] = append(xp[i], w.XPOS)
			up[i] = append(up[i], w.UPOS)
		}
		ntok += len(s.Words)
		if !*gold {
			up[i], xp[i] = tagger.Tags(s.Forms())
		}
	}
	tagTime := time.Since(start)
	start = time.Now()
	sc := parse.Evaluate(ps, sents, func(i int) ([]string, []string) { return xp[i], up[i] })
	parseTime := time.Since(start)
	pos := "predicted by the embedded tagger"
	if *gold {
		pos = "gold"
	}
	fmt.Fprintf(e.stdout, "file\t%s\nsentences\t%d\ntokens\t%d\nPOS\t%s\nUAS\t%.2f%%\nLAS\t%.2f%%\n",
		*file, len(sents), sc.Tokens, pos, sc.UASAcc(), sc.LASAcc())
	if !*gold {
		fmt.Fprintf(e.stdout, "tag+parse tokens/s\t%.0f (one goroutine)\n", float64(ntok)/(tagTime+parseTime).Seconds())
	}
	fmt.Fprintf(e.stdout, "parse tokens/s\t%.0f (one goroutine)\n", float64(ntok)/parseTime.Seconds())
	return nil
}
