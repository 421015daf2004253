package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"eventwire/count"
	"eventwire/date"
	"eventwire/doc"
	"eventwire/entity"
	"eventwire/evaluate/speed"
	"eventwire/event"
	"eventwire/internal/shared"
	"eventwire/ner"
	"eventwire/parse"
	"eventwire/pipeline"
	"eventwire/quote"
	"eventwire/reader"
	"eventwire/segment"
	"eventwire/tag"
	"eventwire/tone"
)

// runEvalSpeed measures what the event, count, date and tone stages add to
// the time of "eventwire read" on a corpus (default: the BBC articles).
func runEvalSpeed(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval speed", "")
	data := fs.String("data", shared.Path("corpus", "bbc-2225", "bbc-fulltext.tar.gz"), "gzipped tar of .txt articles, read in place")
	limit := fs.Int("limit", 0, "read only the first N articles (0: all)")
	rounds := fs.Int("rounds", 1, "passes over the corpus; each time is the smallest")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	stageList := fs.String("pipeline", "", "stages to read with, comma-separated (default: the reader's own), e.g. "+
		"segment,tag,parse,ner,entity,quote,event,count,date,tone")
	skip := fs.String("skip", "", "archive members to leave out, comma-separated (say, one that crashes a stage)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		return errors.New("eval speed: no corpus; pass --data")
	}
	arts, err := speed.LoadTarGz(*data, *limit)
	if err != nil {
		return err
	}
	if *skip != "" {
		leave := strings.Split(*skip, ",")
		arts = slices.DeleteFunc(arts, func(a speed.Article) bool { return slices.Contains(leave, a.Name) })
	}
	var opts []reader.Option
	if *stageList != "" {
		st, err := stagesByName(strings.Split(*stageList, ","))
		if err != nil {
			return fmt.Errorf("eval speed: %w", err)
		}
		opts = append(opts, reader.WithStages(st...))
	}
	r, err := reader.New(opts...)
	if err != nil {
		return err
	}
	names := r.Pipeline().Names()
	var stages []pipeline.Stage
	if slices.Contains(names, "event") {
		s, err := event.New()
		if err != nil {
			return err
		}
		stages = append(stages, s)
	}
	if slices.Contains(names, "count") {
		stages = append(stages, count.New())
	}
	if slices.Contains(names, "date") {
		stages = append(stages, date.New())
	}
	if slices.Contains(names, "tone") {
		s, err := tone.New()
		if err != nil {
			return err
		}
		stages = append(stages, s)
	}
	if len(stages) == 0 {
		return fmt.Errorf("eval speed: the reader runs none of event, count, date, tone (%s)", r.Pipeline())
	}
	read := func(ctx context.Context, a speed.Article) (*doc.Document, error) {
		return r.ReadBytes(ctx, a.Name, a.Raw, reader.Meta{})
	}
	res, err := speed.Measure(ctx, arts, read, stages, *rounds)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", " ")
		return enc.Encode(res)
	}
	fmt.Fprintf(e.stdout, "pipeline: %s\n", r.Pipeline())
	res.Print(e.stdout)
	return nil
}

// stagesByName builds the named analysis stages, in order.
func stagesByName(names []string) ([]pipeline.Stage, error) {
	var out []pipeline.Stage
	for _, n := range names {
		var (
			s   pipeline.Stage
			err error
		)
		switch strings.TrimSpace(n) {
		case "segment":
			s = segment.New()
		case "tag":
			s, err = tag.New()
		case "parse":
			s, err = parse.New()
		case "ner":
			s, err = ner.New()
		case "entity":
			s, err = entity.New()
		case "quote":
			s = quote.New()
		case "event":
			s, err = event.New()
		case "count":
			s = count.New()
		case "date":
			s = date.New()
		case "tone":
			s, err = tone.New()
		default:
			return nil, fmt.Errorf("unknown stage %q", n)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
