package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"eventwire/queue"
	"eventwire/store/postgres"
)

func runWorker(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "worker", "")
	db := fs.String("db", defaultDB(), "the shared store: a postgres:// URL")
	concurrency := fs.Int("concurrency", 4, "jobs worked at once in this process")
	jobTimeout := fs.Duration("job-timeout", time.Minute, "longest time one document may take")
	rescueAfter := fs.Duration("rescue-after", 2*time.Minute, "time after which a running job whose worker died is run again (> job-timeout)")
	grace := fs.Duration("grace", 30*time.Second, "on SIGTERM, time to finish running jobs before cancelling them")
	cleanOnly := fs.Bool("clean-only", false, "store the clean text only; skip the analysis stages")
	verbose := fs.Bool("v", false, "log the queue's activity")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openShared(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := queue.Migrate(ctx, st.Pool()); err != nil {
		return err
	}
	rd, err := newReader(*cleanOnly)
	if err != nil {
		return err
	}
	opts := queue.WorkerOptions{Concurrency: *concurrency, JobTimeout: *jobTimeout, RescueAfter: *rescueAfter}
	if *verbose {
		opts.Logger = slog.New(slog.NewTextHandler(e.stderr, nil))
	}
	w, err := queue.NewWorker(st.Pool(), st, readerAdapter{rd: rd, cleanOnly: *cleanOnly}, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, "worker: taking jobs (SIGTERM or Ctrl-C stops after the running ones)")
	return w.Run(ctx, *grace)
}

// openShared opens the PostgreSQL store that workers share.
func openShared(ctx context.Context, dsn string) (*postgres.Store, error) {
	if !postgres.IsURL(dsn) {
		return nil, fmt.Errorf("the job queue needs the PostgreSQL store: give --db postgres://... (got %q)", dsn)
	}
	return postgres.Open(ctx, dsn)
}

// enqueue fills the job queue with the items of paths instead of reading them.
func enqueue(ctx context.Context, e *env, dsn string, paths []string, maxBytes int64, asJSON bool) error {
	st, err := openShared(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := queue.Migrate(ctx, st.Pool()); err != nil {
		return err
	}
	res, err := queue.Enqueue(ctx, st.Pool(), st, paths, maxBytes)
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(res); jerr != nil && err == nil {
			err = jerr
		}
	} else {
		fmt.Fprintf(e.stdout, "%d items: %d queued, %d already stored or queued, %d failed\n", res.Items, res.Queued, res.Skipped, res.Failed)
	}
	return err
}

func runQueue(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "queue", "")
	db := fs.String("db", defaultDB(), "the shared store: a postgres:// URL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openShared(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := queue.Migrate(ctx, st.Pool()); err != nil {
		return err
	}
	status, err := queue.QueueStatus(ctx, st.Pool())
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Jobs    queue.Status `json:"jobs"`
		Pending int          `json:"pending"`
	}{status, status.Pending()})
}
