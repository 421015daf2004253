package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"

	"eventwire/clean"
	"eventwire/entity"
	"eventwire/ner"
	"eventwire/pipeline"
	"eventwire/segment"
)

// runEvalEntity runs segment, ner and entity on one article and scores the
// entities against its gold reading (the seed: kerry-gaza.txt and
// kerry-gaza.gold.json).
func runEvalEntity(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval entity", "")
	text := fs.String("text", "", "the article, plain text (title line, blank-line paragraphs)")
	gold := fs.String("gold", "", "its gold reading (*.gold.json with entities)")
	published := fs.String("published", "2014-07-22", "publication date YYYY-MM-DD (CAMEO codes are dated)")
	verbose := fs.Bool("v", false, "also list every entity found")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *text == "" || *gold == "" {
		return errors.New("eval entity: --text and --gold are required")
	}
	gf, err := os.Open(*gold)
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	g, err := entity.ReadGold(gf)
	gf.Close()
	if err != nil {
		return fmt.Errorf("eval entity: %s: %w", *gold, err)
	}
	raw, err := os.ReadFile(*text)
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	t0 := time.Now()
	nerStage, err := ner.New()
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	t1 := time.Now()
	ent, err := entity.New()
	if err != nil {
		return fmt.Errorf("eval entity: %w", err)
	}
	t2 := time.Now()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	d := clean.Text(string(raw))
	if *published != "" {
		if d.Published, err = time.Parse(time.DateOnly, *published); err != nil {
			return fmt.Errorf("eval entity: --published: %w", err)
		}
	}
	var entTime time.Duration
	for _, s := range []pipeline.Stage{segment.New(), nerStage, ent} {
		st := time.Now()
		if err := s.Process(ctx, d); err != nil {
			return fmt.Errorf("eval entity: %s: %w", *text, err)
		}
		if s == pipeline.Stage(ent) {
			entTime = time.Since(st)
		}
	}
	req, reqOK, all, allOK, roles, rolesOK := 0, 0, 0, 0, 0, 0
	for _, r := range entity.Score(d, g) {
		fmt.Fprintln(e.stdout, r)
		all++
		if r.OK() {
			allOK++
		}
		if r.Gold.Required {
			req++
			if r.Entity != nil && r.TypeOK && r.CountryOK {
				reqOK++
			}
		}
		if r.Gold.Role != "" {
			roles++
			if r.Entity != nil && r.RoleOK {
				rolesOK++
			}
		}
	}
	if *verbose {
		for _, x := range d.Entities {
			var ms []string
			for _, m := range x.Mentions {
				ms = append(ms, m.Text)
			}
			fmt.Fprintf(e.stdout, "  %s %s %q role=%q country=%s cameo=%s %q\n", x.ID, x.Type, x.Name, x.Role, x.Country, x.CAMEO, ms)
		}
	}
	fmt.Fprintf(e.stdout, "required entities with type and country: %d/%d\nall entities fully right: %d/%d\nroles: %d/%d\n",
		reqOK, req, allOK, all, rolesOK, roles)
	fmt.Fprintf(e.stdout, "load: ner %v, entity %v (heap after load +%.1f MiB); entity stage on this article: %v\n",
		t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond),
		float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20), entTime.Round(time.Microsecond))
	return nil
}
