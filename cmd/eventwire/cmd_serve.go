package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"eventwire/doc"
	"eventwire/reader"
	"eventwire/store"
	"eventwire/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	token := fs.String("write-token", os.Getenv("EVENTWIRE_WRITE_TOKEN"), "token that allows POST /api/articles (default $EVENTWIRE_WRITE_TOKEN; empty: read-only)")
	cacheTTL := fs.Duration("cache-ttl", 2*time.Second, "keep API responses this long for identical requests (0: no cache)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	return serve(ctx, e, st, *addr, *token, *cacheTTL)
}

// serve runs the API and UI over st on addr until ctx is done.
func serve(ctx context.Context, e *env, st store.Store, addr, token string, cacheTTL time.Duration) error {
	opts := web.Options{WriteToken: token, CacheTTL: cacheTTL, Logger: log.New(e.stderr, "serve: ", log.LstdFlags)}
	if token != "" {
		rd, err := reader.New()
		if err != nil {
			return err
		}
		opts.Ingest = func(ctx context.Context, name string, body []byte) (*doc.Document, error) {
			return rd.ReadBytes(ctx, name, body, reader.Meta{})
		}
	}
	h, err := web.New(st, opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := web.NewHTTPServer(addr, h)
	fmt.Fprintf(e.stderr, "serving the web UI and API on http://%s/ (Ctrl-C stops)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
