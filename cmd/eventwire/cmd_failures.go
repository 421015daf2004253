package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

func runFailures(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "failures", "")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	limit := fs.Int("limit", 100, "most failures listed (at most 1000)")
	asJSON := fs.Bool("json", false, "print JSON lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	fails, err := st.Failures(ctx, *limit)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	for _, f := range fails {
		if *asJSON {
			if err := enc.Encode(f); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(e.stdout, "%s  %s\n    %s\n", f.At.Local().Format(time.DateTime), f.Input, f.Error)
	}
	return nil
}
