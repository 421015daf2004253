package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"eventwire/export"
)

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	format := fs.String("format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	since := fs.String("since", "", "only articles stored on or after (YYYY-MM-DD or RFC 3339)")
	out := fs.String("out", "-", "output file (- for standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	from, err := parseWhen(*since, false)
	if err != nil {
		return fmt.Errorf("--since: %w", err)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var w io.Writer = e.stdout
	var f *os.File
	if *out != "-" {
		if f, err = os.Create(*out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		w = bufio.NewWriter(f)
	}
	n, err := export.Write(ctx, st, w, *format, from)
	if f != nil {
		if ferr := w.(*bufio.Writer).Flush(); err == nil && ferr != nil {
			err = ferr
		}
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d articles as %s\n", n, *format)
	return nil
}
