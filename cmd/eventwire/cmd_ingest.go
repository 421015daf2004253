package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/mattn/go-isatty"

	"eventwire/doc"
	"eventwire/ingest"
	"eventwire/reader"
)

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", "PATH...")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles read at once")
	source := fs.String("source", "", "source name for inputs that name none")
	maxBytes := fs.Int64("max-bytes", 32<<20, "largest item, after decompression")
	cleanOnly := fs.Bool("clean-only", false, "store the clean text only; skip the analysis stages")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	enqueueOnly := fs.Bool("enqueue", false, "queue the items for 'eventwire worker' processes instead of reading them (PostgreSQL store)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("ingest: no input given")
	}
	if *enqueueOnly {
		return enqueue(ctx, e, *db, fs.Args(), *maxBytes, *asJSON)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if os.Getenv("GOMEMLIMIT") == "" {
		// The reader's models are most of the heap; without a limit the
		// collector lets the heap grow to twice them.
		debug.SetMemoryLimit(768 << 20)
	}
	terminal := false
	if f, ok := e.stderr.(*os.File); ok {
		terminal = isatty.IsTerminal(f.Fd())
	}
	ing := ingest.New(st, &lazyReader{cleanOnly: *cleanOnly}, ingest.Options{
		Workers: *workers, MaxBytes: *maxBytes, Source: *source, Progress: e.stderr, Terminal: terminal,
	})
	sum, err := ing.Run(ctx, fs.Args())
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(sum); jerr != nil && err == nil {
			err = jerr
		}
	} else if sum != nil {
		sum.Write(e.stdout)
	}
	return err
}

// readerAdapter reads ingest items with the reader package.
type readerAdapter struct {
	rd        *reader.Reader
	cleanOnly bool
}

func (a readerAdapter) Read(ctx context.Context, name string, raw []byte, m ingest.Meta) (*doc.Document, error) {
	meta := reader.Meta{URL: m.URL, Source: m.Source, Published: m.Published, ContentType: m.ContentType}
	if a.cleanOnly {
		return a.rd.Clean(ctx, name, raw, meta)
	}
	return a.rd.ReadBytes(ctx, name, raw, meta)
}

// lazyReader is a readerAdapter that loads the reader's models on the first
// item, so that a run which finds everything already stored loads none.
type lazyReader struct {
	cleanOnly bool
	once      sync.Once
	ad        readerAdapter
	err       error
}

func (l *lazyReader) Read(ctx context.Context, name string, raw []byte, m ingest.Meta) (*doc.Document, error) {
	l.once.Do(func() {
		rd, err := newReader(l.cleanOnly)
		l.ad, l.err = readerAdapter{rd: rd, cleanOnly: l.cleanOnly}, err
	})
	if l.err != nil {
		return nil, l.err
	}
	return l.ad.Read(ctx, name, raw, m)
}

// newReader builds the reader ingest and workers use; a clean-only reader
// loads no analysis models.
func newReader(cleanOnly bool) (*reader.Reader, error) {
	if cleanOnly {
		return reader.New(reader.WithStages())
	}
	return reader.New()
}
