// Package sqlq holds what the SQL store drivers, store/sqlite and
// store/postgres, share: a Where builder that writes conditions and
// arguments in a driver's Dialect; a Reader that answers the read methods of
// store.Store and a Writer that writes the rows of a stored article, each
// with one set of statements for both drivers; and Migrate, which runs
// schema migrations. What a database says its own way (placeholders, time
// types, NULL order, full-text search) each driver says in its Dialect; what
// only one driver does (SQLite's FTS5 tables and prepared statements,
// PostgreSQL's batches and races between writers) stays in the driver.
package sqlq

import (
	"context"
	"database/sql"
	"time"
)

// Dialect is what one SQL database writes its own way. Each driver
// implements it; Where, Reader and Writer call it.
type Dialect interface {
	// Name names the driver at the start of its error messages ("sqlite").
	Name() string
	// Placeholder returns the placeholder of the n-th query argument,
	// counting from 1.
	Placeholder(n int) string
	// Time encodes t as a query argument to compare with a time column.
	Time(t time.Time) any
	// Like returns a condition that col matches the LIKE pattern (made by
	// Contains or Prefix), comparing case as the database's LIKE does.
	Like(w *Where, col, pattern string) string
	// ILike returns a condition that col matches the LIKE pattern ignoring
	// case.
	ILike(w *Where, col, pattern string) string
	// EqualFold returns a condition that col equals s ignoring case.
	EqualFold(w *Where, col, s string) string
	// NullsLast returns an ORDER BY term over col, descending when desc,
	// that puts NULLs last.
	NullsLast(col string, desc bool) string
	// FailureOrder returns the ORDER BY list that puts failures newest
	// first, ties broken as the database can.
	FailureOrder() string
	// Day returns an expression for the UTC day (YYYY-MM-DD) of the time
	// column col.
	Day(col string) string
	// JSON encodes a JSON document as an argument for a JSON column.
	JSON(data []byte) any
	// SpanColumns returns the names of the columns of mentions that hold
	// a mention's span.
	SpanColumns() (start, end string)
	// SearchArticles says how to find articles (as a) by the user's query
	// text, or by filters alone when text is blank; a text condition it
	// adds to w. It returns false when text has no searchable word.
	SearchArticles(w *Where, text string) (ArticleSearch, bool)
	// SearchQuotes returns a condition, over quotes as q, that a quote
	// matches the user's query text (not blank), or false when text has no
	// searchable word.
	SearchQuotes(w *Where, text string) (string, bool)
}

// ArticleSearch is how a Dialect finds articles for Reader.Search.
type ArticleSearch struct {
	// From is the FROM clause: articles as a, with any text index.
	From string
	// Select returns the query of one page of results from the WHERE
	// clause and the LIMIT and OFFSET clause. It selects the id, URL,
	// source, title, publication time and story id of each article and the
	// text its snippet is made from.
	Select func(where, page string) string
	// Snippet makes an article's snippet from the selected text.
	Snippet func(text string) string
}

// Scanner reads the columns of one row, as database/sql and pgx rows do.
type Scanner interface {
	Scan(dest ...any) error
}

// Rows are the rows of a query.
type Rows interface {
	Scanner
	Next() bool
	Err() error
	Close()
}

// Querier runs queries that return rows.
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (Rows, error)
}

// FromSQL returns a Querier over a database/sql pool.
func FromSQL(db *sql.DB) Querier { return sqlDB{db} }

// SQLRows returns database/sql rows as Rows.
func SQLRows(rows *sql.Rows) Rows { return sqlRows{rows} }

type sqlDB struct{ db *sql.DB }

func (d sqlDB) Query(ctx context.Context, query string, args ...any) (Rows, error) {
	rows, err := d.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{rows}, nil
}

// sqlRows adapts database/sql rows to Rows: what goes wrong while reading
// them Err reports.
type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { r.Rows.Close() }
