// Package ingest reads many inputs into a store: files, folders (walked
// recursively), tar archives of text files, JSONL, WARC (plain or gzipped)
// and RSS/Atom feeds. Each item is read into a document by a Reader, by a
// worker per core, and put into the store. A batch never stops for one bad
// item: its error, naming the input, is recorded and summarised at the end.
// Ingest is safe to interrupt and run again: items whose input key the store
// already holds are skipped before they are read, and the store itself keeps
// one copy of every article.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"eventwire/doc"
	"eventwire/store"
)

// Meta is what the container of an item knows about it beyond its bytes.
type Meta struct {
	// URL is the article's address (WARC-Target-URI, a feed item's link).
	URL string
	// Source names the publisher or feed.
	Source string
	// Title is the headline when the container gives one (feed items, JSONL).
	Title string
	// Published is the publication time when the container gives one.
	Published time.Time
	// Fetched is when the page was fetched (WARC-Date); a reader may use it
	// when the page itself has no date.
	Fetched time.Time
	// ContentType is the media type, with its charset parameter when known
	// ("text/html; charset=iso-8859-1", "text/plain").
	ContentType string
}

// Reader reads one item's raw bytes into a document with every layer of
// the analysis pipeline filled. name names the input in errors. It must be
// safe for concurrent use.
type Reader interface {
	Read(ctx context.Context, name string, raw []byte, meta Meta) (*doc.Document, error)
}

// Item is one article-to-be found in the inputs.
type Item struct {
	// Key is the input key (store.InputKey) that makes ingest resumable.
	Key string
	// Name describes the item for people ("bbc.tar.gz#3 (bbc/tech/001.txt)").
	Name string
	Raw  []byte
	Meta Meta
	// Err is set when the item could not be extracted from its container;
	// it is reported as a failure without being read.
	Err error
}

// Options tunes an ingest run.
type Options struct {
	// Workers is the number of items read at once (default: one per core).
	Workers int
	// MaxBytes bounds one item's size, after decompression (default 32 MiB).
	MaxBytes int64
	// Source is used for items whose container names no source.
	Source string
	// Progress receives the progress display; nil shows none.
	Progress io.Writer
	// Terminal draws a one-line progress bar; otherwise plain log lines
	// every few seconds.
	Terminal bool
	// NoCount skips the first pass that counts the items for the ETA.
	NoCount bool
}

const defaultMaxBytes = 32 << 20

// Summary reports what an ingest run did.
type Summary struct {
	// Items is the number of items found in the inputs.
	Items int `json:"items"`
	// Skipped items were already stored by an earlier run.
	Skipped int `json:"skipped"`
	// Stored items became new articles.
	Stored int `json:"stored"`
	// Duplicates were read but the store already held the same article.
	Duplicates int `json:"duplicates"`
	// Failed items could not be read; Failures lists them.
	Failed   int             `json:"failed"`
	Failures []store.Failure `json:"failures,omitempty"`
	Elapsed  time.Duration   `json:"elapsed"`
	// Interrupted is set when the run stopped before the end of its inputs.
	Interrupted bool `json:"interrupted,omitempty"`
}

// Rate returns the items read (stored or duplicate) per second.
func (s *Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Stored+s.Duplicates) / s.Elapsed.Seconds()
}

// maxListedFailures bounds the failures a Summary keeps in memory; the store
// keeps them all.
const maxListedFailures = 1000

// Write prints the summary for people: the counts, then the failures grouped
// by kind of error with a few examples each.
func (s *Summary) Write(w io.Writer) {
	fmt.Fprintf(w, "ingest: %d items: %d stored, %d duplicates, %d skipped (already stored), %d failed in %s (%.1f articles/s)\n",
		s.Items, s.Stored, s.Duplicates, s.Skipped, s.Failed, s.Elapsed.Round(time.Millisecond), s.Rate())
	if s.Interrupted {
		fmt.Fprintln(w, "ingest: interrupted; run the same command again to resume")
	}
	if len(s.Failures) == 0 {
		return
	}
	groups := map[string][]store.Failure{}
	for _, f := range s.Failures {
		k := errorKind(f)
		groups[k] = append(groups[k], f)
	}
	kinds := make([]string, 0, len(groups))
	for k := range groups {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if len(groups[kinds[i]]) != len(groups[kinds[j]]) {
			return len(groups[kinds[i]]) > len(groups[kinds[j]])
		}
		return kinds[i] < kinds[j]
	})
	fmt.Fprintf(w, "failures (%d; all are kept in the store, see \"eventwire failures\"):\n", s.Failed)
	for _, k := range kinds {
		fs := groups[k]
		fmt.Fprintf(w, "  %d × %s\n", len(fs), k)
		for i, f := range fs {
			if i == 3 {
				fmt.Fprintf(w, "      ... and %d more\n", len(fs)-3)
				break
			}
			fmt.Fprintf(w, "      %s: %s\n", f.Input, f.Error)
		}
	}
}

// errorKind reduces a failure to its kind for grouping: the message after
// the input's name, with numbers replaced by N.
func errorKind(f store.Failure) string {
	msg := f.Error
	name := f.Input
	i := strings.Index(msg, name)
	if i < 0 {
		if j := strings.LastIndex(name, "#"); j > 0 {
			name = name[:j]
			i = strings.Index(msg, name)
		}
	}
	if i >= 0 {
		if j := strings.Index(msg[i+len(name):], ": "); j >= 0 {
			msg = msg[i+len(name)+j+2:]
		}
	}
	msg = digits.ReplaceAllString(msg, "N")
	if len(msg) > 80 {
		msg = msg[:80] + "…"
	}
	return msg
}

var digits = regexp.MustCompile(`[0-9]+`)

// Ingester puts the items of its inputs into a store.
type Ingester struct {
	store  store.Store
	reader Reader
	opts   Options
}

// New returns an ingester that reads with r and stores into s.
func New(s store.Store, r Reader, opts Options) *Ingester {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = defaultMaxBytes
	}
	return &Ingester{store: s, reader: r, opts: opts}
}

// Run ingests every item of paths. It returns an error only when the run as
// a whole cannot go on (the store fails); bad items are in the summary.
// When ctx is cancelled it stops taking new items, finishes the ones in
// hand and returns a summary marked Interrupted.
func (in *Ingester) Run(ctx context.Context, paths []string) (*Summary, error) {
	start := time.Now()
	sum := &Summary{}
	var (
		mu      sync.Mutex
		fatal   error
		total   atomic.Int64
		done    atomic.Int64
		failed  atomic.Int64
		counted atomic.Bool
	)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()

	fail := func(key string, err error) {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return
		}
		f := store.Failure{Input: key, Error: err.Error(), At: time.Now().UTC()}
		if aerr := in.store.AddFailure(context.WithoutCancel(ctx), f); aerr != nil {
			mu.Lock()
			fatal = errors.Join(fatal, aerr)
			mu.Unlock()
			cancel()
		}
		failed.Add(1)
		mu.Lock()
		sum.Failed++
		if len(sum.Failures) < maxListedFailures {
			sum.Failures = append(sum.Failures, f)
		}
		mu.Unlock()
	}

	if !in.opts.NoCount {
		go func() {
			n := 0
			err := Walk(runCtx, paths, in.opts.MaxBytes, func(Item) bool { n++; return runCtx.Err() == nil })
			if err == nil && runCtx.Err() == nil {
				total.Store(int64(n))
				counted.Store(true)
			}
		}()
	}

	items := make(chan Item, in.opts.Workers*2)
	var found, skipped int
	go func() {
		defer close(items)
		err := Walk(runCtx, paths, in.opts.MaxBytes, func(it Item) bool {
			found++
			if it.Err == nil {
				ok, err := in.store.Has(runCtx, it.Key)
				if err != nil && runCtx.Err() != nil {
					return false
				}
				if err != nil {
					mu.Lock()
					fatal = errors.Join(fatal, err)
					mu.Unlock()
					cancel()
					return false
				}
				if ok {
					skipped++
					done.Add(1)
					return true
				}
			}
			select {
			case items <- it:
				return true
			case <-runCtx.Done():
				return false
			}
		})
		if err != nil && runCtx.Err() == nil {
			mu.Lock()
			fatal = errors.Join(fatal, err)
			mu.Unlock()
		}
	}()

	var prog *progress
	if in.opts.Progress != nil {
		prog = newProgress(in.opts.Progress, in.opts.Terminal, start, func() (int64, int64, bool, int64) {
			return done.Load(), total.Load(), counted.Load(), failed.Load()
		})
		prog.start()
	}

	// Workers read items into documents; one writer stores them in batches.
	read := make(chan readDoc, in.opts.Workers*4)
	var wg sync.WaitGroup
	for range in.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				if runCtx.Err() != nil {
					continue // drain
				}
				d, err := in.read(runCtx, it)
				switch {
				case err != nil && runCtx.Err() != nil && errors.Is(err, context.Canceled):
					continue // interrupted, not failed: the next run redoes it
				case err != nil:
					fail(it.Key, err)
					done.Add(1)
				default:
					read <- readDoc{key: it.Key, d: d}
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(read)
	}()
	in.write(runCtx, read, func(key string, created bool, err error) {
		if err != nil {
			if runCtx.Err() == nil || !errors.Is(err, context.Canceled) {
				fail(key, err)
			}
		} else {
			mu.Lock()
			if created {
				sum.Stored++
			} else {
				sum.Duplicates++
			}
			mu.Unlock()
		}
		done.Add(1)
	}, func(err error) {
		mu.Lock()
		fatal = errors.Join(fatal, err)
		mu.Unlock()
		cancel()
	})
	if prog != nil {
		prog.stop()
	}
	sum.Items, sum.Skipped = found, skipped
	sum.Elapsed = time.Since(start)
	sum.Interrupted = ctx.Err() != nil
	return sum, fatal
}

// readDoc is a document read from the item with input key key.
type readDoc struct {
	key string
	d   *doc.Document
}

// maxBatch is the most documents stored in one transaction.
const maxBatch = 64

// batchWait is how long the writer waits for more documents before it
// stores a batch that is not full.
const batchWait = 50 * time.Millisecond

// write stores the documents from docs in batches (one transaction each
// when the store is a store.Batcher), reporting each document's outcome to
// done and a failure of the store itself to fatal.
func (in *Ingester) write(ctx context.Context, docs <-chan readDoc, done func(key string, created bool, err error), fatal func(error)) {
	batcher, _ := in.store.(store.Batcher)
	var batch []readDoc
	flush := func() {
		if len(batch) == 0 {
			return
		}
		defer func() { batch = batch[:0] }()
		// Documents already read are stored even when the run is being
		// interrupted: the work is done, and the transaction is short.
		ctx := context.WithoutCancel(ctx)
		if batcher == nil {
			for _, r := range batch {
				res, err := in.store.Put(ctx, r.d)
				done(r.key, res.Created, err)
			}
			return
		}
		ds := make([]*doc.Document, len(batch))
		for i, r := range batch {
			ds[i] = r.d
		}
		res, errs, err := batcher.PutBatch(ctx, ds)
		if err != nil {
			fatal(err)
			return
		}
		for i, r := range batch {
			done(r.key, res[i].Created, errs[i])
		}
	}
	timer := time.NewTimer(batchWait)
	defer timer.Stop()
	for {
		if len(batch) == 0 {
			r, ok := <-docs
			if !ok {
				return
			}
			batch = append(batch, r)
			timer.Reset(batchWait)
			continue
		}
		select {
		case r, ok := <-docs:
			if !ok {
				flush()
				return
			}
			batch = append(batch, r)
			if len(batch) >= maxBatch {
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

// read reads one item into a document ready to store. A panic while
// reading (a bug in an analysis stage met by this input) becomes the
// item's error, so the batch goes on.
func (in *Ingester) read(ctx context.Context, it Item) (d *doc.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("read %s: panic: %v", it.Name, p)
		}
	}()
	if it.Err != nil {
		return nil, it.Err
	}
	if it.Meta.Source == "" {
		it.Meta.Source = in.opts.Source
	}
	if err := check(it.Name, it.Raw, in.opts.MaxBytes); err != nil {
		return nil, err
	}
	d, err = in.reader.Read(ctx, it.Name, it.Raw, it.Meta)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", it.Name, err)
	}
	if strings.TrimSpace(d.Text) == "" {
		return nil, fmt.Errorf("read %s: no article text found", it.Name)
	}
	d.Input = it.Key
	if d.URL == "" {
		d.URL = it.Meta.URL
	}
	if d.Source == "" {
		d.Source = it.Meta.Source
	}
	if d.Published.IsZero() {
		if !it.Meta.Published.IsZero() {
			d.Published = it.Meta.Published
		} else {
			d.Published = it.Meta.Fetched
		}
	}
	return d, nil
}
