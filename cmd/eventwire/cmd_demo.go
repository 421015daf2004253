package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"eventwire/ingest"
	"eventwire/reader"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "")
	db := fs.String("db", defaultDB(), "store to build: a SQLite file or a postgres:// URL")
	samples := fs.String("samples", "samples", "folder of sample articles to read")
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve on")
	noServe := fs.Bool("no-serve", false, "build the store and stop")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(*samples); err != nil {
		return fmt.Errorf("demo: sample folder: %w (run from the repository root or give --samples)", err)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rd, err := reader.New()
	if err != nil {
		return err
	}
	abs, _ := filepath.Abs(*samples)
	fmt.Fprintf(e.stderr, "demo: reading the sample articles in %s into %s\n", abs, *db)
	sum, err := ingest.New(st, readerAdapter{rd: rd}, ingest.Options{Source: "samples", Progress: e.stderr}).Run(ctx, []string{*samples})
	if sum != nil {
		sum.Write(e.stderr)
	}
	if err != nil {
		return err
	}
	if *noServe {
		return nil
	}
	return serve(ctx, e, st, *addr, "", 2*time.Second)
}
