package main

import (
	"context"
	"os"

	"eventwire/store"
	"eventwire/store/postgres"
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

// openStore opens the store named by dsn: a postgres:// URL for the shared
// PostgreSQL store, otherwise a SQLite file path (the default).
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	if postgres.IsURL(dsn) {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}
