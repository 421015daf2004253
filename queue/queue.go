// Package queue spreads ingest work over many worker processes through a
// job queue in the PostgreSQL store's own database (river). "eventwire
// ingest --enqueue" fills it with one job per input item; any number of
// stateless "eventwire worker" processes on any number of machines take
// jobs, read the article and put it in the store.
//
// Results are exactly-once: a job's work is one store transaction keyed by
// the item's input key, the article id, URL and content hash, so a job that
// runs again after its worker died (river rescues it) stores nothing twice.
// A job that keeps failing is retried with backoff and then parked: river
// discards it, and its error is recorded in the store's failures, which the
// CLI ("eventwire failures") and the UI (/failures) show.
package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"eventwire/ingest"
	"eventwire/store"
)

// DocumentArgs is one input item to read and store.
type DocumentArgs struct {
	// Key is the item's input key (store.InputKey); at most one job per key
	// is queued at a time.
	Key string `json:"key" river:"unique"`
	// Name describes the item in errors.
	Name string      `json:"name"`
	Raw  []byte      `json:"raw"`
	Meta ingest.Meta `json:"meta"`
}

// Kind names the job kind in the queue.
func (DocumentArgs) Kind() string { return "eventwire_document" }

// DefaultMaxAttempts is how often a document is tried before it is parked.
const DefaultMaxAttempts = 5

// Migrate brings river's tables in pool's database up to date. It is safe
// to call from many processes at once.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("queue: migrate: %w", err)
	}
	return nil
}

// EnqueueResult reports what Enqueue did.
type EnqueueResult struct {
	// Items is the number of items found in the inputs.
	Items int `json:"items"`
	// Queued jobs are new; Skipped items were already stored or queued.
	Queued  int `json:"queued"`
	Skipped int `json:"skipped"`
	// Failed items could not be taken out of their containers; they are
	// recorded as store failures.
	Failed int `json:"failed"`
}

// Enqueue walks paths (files, folders, archives, JSONL, WARC, feeds, as
// ingest reads them) and queues one job per item not already stored.
func Enqueue(ctx context.Context, pool *pgxpool.Pool, st store.Store, paths []string, maxBytes int64) (EnqueueResult, error) {
	var res EnqueueResult
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: quietLogger()})
	if err != nil {
		return res, fmt.Errorf("queue: %w", err)
	}
	var batch []river.InsertManyParams
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		results, err := client.InsertMany(ctx, batch)
		if err != nil {
			return fmt.Errorf("queue: insert jobs: %w", err)
		}
		for _, r := range results {
			if r.UniqueSkippedAsDuplicate {
				res.Skipped++
			} else {
				res.Queued++
			}
		}
		batch = batch[:0]
		return nil
	}
	opts := &river.InsertOpts{MaxAttempts: DefaultMaxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
	var walkErr error
	err = ingest.Walk(ctx, paths, maxBytes, func(it ingest.Item) bool {
		res.Items++
		if it.Err != nil {
			res.Failed++
			if err := st.AddFailure(ctx, store.Failure{Input: it.Key, Error: it.Err.Error(), At: time.Now()}); err != nil {
				walkErr = err
				return false
			}
			return true
		}
		done, err := st.Has(ctx, it.Key)
		if err != nil {
			walkErr = err
			return false
		}
		if done {
			res.Skipped++
			return true
		}
		batch = append(batch, river.InsertManyParams{
			Args:       DocumentArgs{Key: it.Key, Name: it.Name, Raw: it.Raw, Meta: it.Meta},
			InsertOpts: opts,
		})
		if len(batch) >= 200 {
			if walkErr = flush(); walkErr != nil {
				return false
			}
		}
		return true
	})
	if err == nil {
		err = walkErr
	}
	if err == nil {
		err = flush()
	}
	return res, err
}

// WorkerOptions tunes a worker process.
type WorkerOptions struct {
	// Concurrency is the number of jobs worked at once (default 4: jobs
	// wait on the database part of the time, and a worker that holds a few
	// jobs never idles between fetches).
	Concurrency int
	// JobTimeout bounds one job (default 1 minute).
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before it counts as
	// lost (its worker died) and is run again; it must exceed JobTimeout
	// (default JobTimeout + 1 minute).
	RescueAfter time.Duration
	// Logger receives river's logs; nil keeps them quiet.
	Logger *slog.Logger
}

// worker runs DocumentArgs jobs.
type worker struct {
	river.WorkerDefaults[DocumentArgs]
	st store.Store
	rd ingest.Reader
}

// Work reads one item and stores it; on the last attempt a failure is
// recorded in the store before the job is parked.
func (w *worker) Work(ctx context.Context, job *river.Job[DocumentArgs]) error {
	a := job.Args
	err := w.work(ctx, a)
	if err != nil && job.Attempt >= job.MaxAttempts {
		msg := fmt.Sprintf("parked after %d attempts: %v", job.Attempt, err)
		if ferr := w.st.AddFailure(context.WithoutCancel(ctx), store.Failure{Input: a.Key, Error: msg, At: time.Now()}); ferr != nil {
			return errors.Join(err, ferr)
		}
	}
	return err
}

func (w *worker) work(ctx context.Context, a DocumentArgs) error {
	done, err := w.st.Has(ctx, a.Key)
	if err != nil {
		return err
	}
	if done {
		return nil
	}
	d, err := w.rd.Read(ctx, a.Name, a.Raw, a.Meta)
	if err != nil {
		return fmt.Errorf("read %s: %w", a.Name, err)
	}
	d.Input = a.Key
	if d.Source == "" {
		d.Source = a.Meta.Source
	}
	if _, err := w.st.Put(ctx, d); err != nil {
		return err
	}
	return nil
}

// Worker takes document jobs from the queue until stopped.
type Worker struct {
	client *river.Client[pgx.Tx]
}

// NewWorker returns a worker that reads with rd and stores into st, taking
// jobs from the queue in pool's database.
func NewWorker(pool *pgxpool.Pool, st store.Store, rd ingest.Reader, opts WorkerOptions) (*Worker, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	if opts.JobTimeout <= 0 {
		opts.JobTimeout = time.Minute
	}
	if opts.RescueAfter <= opts.JobTimeout {
		opts.RescueAfter = opts.JobTimeout + time.Minute
	}
	if opts.Logger == nil {
		opts.Logger = quietLogger()
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &worker{st: st, rd: rd}); err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opts.Concurrency}},
		Workers:              workers,
		JobTimeout:           opts.JobTimeout,
		RescueStuckJobsAfter: opts.RescueAfter,
		FetchCooldown:        10 * time.Millisecond, // river's default (100 ms) caps a worker near 10 jobs/s
		FetchPollInterval:    200 * time.Millisecond,
		Logger:               opts.Logger,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	return &Worker{client: client}, nil
}

// Run works jobs until ctx is done, then stops gracefully: it takes no new
// job and waits up to grace for the running ones before cancelling them.
func (w *Worker) Run(ctx context.Context, grace time.Duration) error {
	if err := w.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("queue: start worker: %w", err)
	}
	<-ctx.Done()
	stop, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := w.client.Stop(stop); err != nil {
		hard, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel2()
		return errors.Join(err, w.client.StopAndCancel(hard))
	}
	return nil
}

// Status counts the queue's document jobs by state.
type Status map[string]int

// QueueStatus counts document jobs by state (available, running, retryable,
// completed, discarded...).
func QueueStatus(ctx context.Context, pool *pgxpool.Pool) (Status, error) {
	rows, err := pool.Query(ctx, `SELECT state::text, count(*) FROM river_job WHERE kind = $1 GROUP BY state`, DocumentArgs{}.Kind())
	if err != nil {
		return nil, fmt.Errorf("queue: status: %w", err)
	}
	st := Status{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			rows.Close()
			return nil, err
		}
		st[s] = n
	}
	return st, rows.Err()
}

// Pending reports the number of document jobs not yet finished (not
// completed, discarded or cancelled).
func (s Status) Pending() int {
	n := 0
	for state, c := range s {
		switch state {
		case "completed", "discarded", "cancelled":
		default:
			n += c
		}
	}
	return n
}

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
