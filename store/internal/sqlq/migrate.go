package sqlq

import (
	"context"
	"database/sql"
	"fmt"
)

// Tx is a transaction that runs statements, as Migrate uses it.
type Tx interface {
	Exec(query string, args ...any) error
	Commit() error
	Rollback() error
}

// Migrate brings a database at schema version to the last of migrations,
// where migrations[i] makes version i+1: each migration in a transaction of
// its own, begun by begin, in which record notes the version it makes. It
// returns the version it ends at, and refuses a database newer than this
// program.
func Migrate(version int, migrations []string, begin func() (Tx, error), record func(tx Tx, version int) error) (int, error) {
	if version > len(migrations) {
		return version, fmt.Errorf("database schema version %d is newer than this program's %d", version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		if err := migrate(migrations[v], v+1, begin, record); err != nil {
			return v, fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	return len(migrations), nil
}

func migrate(migration string, version int, begin func() (Tx, error), record func(tx Tx, version int) error) error {
	tx, err := begin()
	if err != nil {
		return err
	}
	if err := tx.Exec(migration); err != nil {
		tx.Rollback()
		return err
	}
	if err := record(tx, version); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// BeginSQL returns a function that begins transactions on a database/sql
// pool, for Migrate.
func BeginSQL(ctx context.Context, db *sql.DB) func() (Tx, error) {
	return func() (Tx, error) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return nil, err
		}
		return sqlTx{ctx, tx}, nil
	}
}

type sqlTx struct {
	ctx context.Context
	tx  *sql.Tx
}

func (t sqlTx) Exec(query string, args ...any) error {
	_, err := t.tx.ExecContext(t.ctx, query, args...)
	return err
}

func (t sqlTx) Commit() error   { return t.tx.Commit() }
func (t sqlTx) Rollback() error { return t.tx.Rollback() }
