package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"eventwire/evaluate/load"
)

func runEvalLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval load", "")
	base := fs.String("url", "http://127.0.0.1:8080", "root of a running 'eventwire serve'")
	conc := fs.Int("concurrency", 200, "clients sending searches at once")
	n := fs.Int("requests", 0, "total requests (0: run for --duration)")
	dur := fs.Duration("duration", 20*time.Second, "how long to run")
	queries := fs.String("queries", "", "comma-separated search queries (default: everyday news words)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o := load.Options{BaseURL: strings.TrimRight(*base, "/"), Concurrency: *conc, Requests: *n, Duration: *dur}
	if *queries != "" {
		o.Queries = strings.Split(*queries, ",")
	}
	r, err := load.Run(ctx, o)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintln(e.stdout, r)
	return nil
}
