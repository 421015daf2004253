package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"eventwire/entity"
	"eventwire/evaluate/entities"
	"eventwire/internal/shared"
	"eventwire/ner"
	"eventwire/parse"
	"eventwire/pipeline"
	"eventwire/segment"
	"eventwire/tag"
)

// runEvalEntity runs segment, tag, parse, ner and entity (the reader's
// stages up to entity) on gold articles and
// scores the entities: the seed (--text, --gold) and/or the speakers of
// the quote gold files (--quotes DIR over the BBC tarball --corpus).
func runEvalEntity(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval entity", "")
	text := fs.String("text", "", "an article, plain text (title line, blank-line paragraphs)")
	gold := fs.String("gold", "", "its gold reading (*.gold.json with entities)")
	quotes := fs.String("quotes", "", "a folder of quote gold files (testdata/quotes) whose entities to score")
	corpus := fs.String("corpus", shared.Path("corpus", "bbc-2225", "bbc-fulltext.tar.gz"), "the BBC tarball the quote gold files point into")
	all := fs.Bool("v", false, "list every gold entity, not only the wrong ones")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var arts []entities.Article
	if *text != "" || *gold != "" {
		if *text == "" || *gold == "" {
			return errors.New("eval entity: --text and --gold go together")
		}
		a, err := entities.LoadSeed(*text, *gold)
		if err != nil {
			return fmt.Errorf("eval entity: %w", err)
		}
		arts = append(arts, a)
	}
	if *quotes != "" {
		qs, err := entities.LoadQuoteGold(*quotes, *corpus)
		if err != nil {
			return fmt.Errorf("eval entity: %w", err)
		}
		arts = append(arts, qs...)
	}
	if len(arts) == 0 {
		return errors.New("eval entity: give --text and --gold, or --quotes")
	}
	tagStage, err := tag.New()
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	parseStage, err := parse.New()
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	nerStage, err := ner.New()
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	t0 := time.Now()
	ent, err := entity.New()
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	load := time.Since(t0)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	rep, err := entities.Run(ctx, []pipeline.Stage{segment.New(), tagStage, parseStage, nerStage, ent}, arts)
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	rep.Print(e.stdout, *all)
	fmt.Fprintf(e.stdout, "entity stage load: %v, live heap +%.1f MiB\n", load.Round(time.Millisecond),
		float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20))
	return nil
}
