package main

import (
	"context"
	"os"

	"eventwire/store"
	"eventwire/store/sqlite"
)

// defaultDB is the store used when --db is not given: $EVENTWIRE_DB, else
// eventwire.db in the working folder.
func defaultDB() string {
	if v := os.Getenv("EVENTWIRE_DB"); v != "" {
		return v
	}
	return "eventwire.db"
}

// openStore opens the store named by dsn: a SQLite file path (the default).
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	return sqlite.Open(ctx, dsn)
}
