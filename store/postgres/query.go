package postgres

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"eventwire/store"
	"eventwire/store/internal/sqlq"
)

// dialect is PostgreSQL's sqlq.Dialect: numbered placeholders, TIMESTAMPTZ
// times, tsvector columns for full-text search.
type dialect struct{}

func (dialect) Name() string             { return "postgres" }
func (dialect) Placeholder(n int) string { return "$" + strconv.Itoa(n) }
func (dialect) Time(t time.Time) any     { return t }

func (dialect) Like(w *sqlq.Where, col, pattern string) string {
	return col + " LIKE " + w.Arg(pattern)
}

func (dialect) ILike(w *sqlq.Where, col, pattern string) string {
	return col + " ILIKE " + w.Arg(pattern)
}

func (dialect) EqualFold(w *sqlq.Where, col, s string) string {
	return "lower(" + col + ") = lower(" + w.Arg(s) + ")"
}

func (dialect) NullsLast(col string, desc bool) string {
	if desc {
		return col + " DESC NULLS LAST"
	}
	return col + " ASC NULLS LAST"
}

// FailureOrder breaks ties of time by input: a PostgreSQL table has no
// insertion order.
func (dialect) FailureOrder() string { return "at DESC, input" }

func (dialect) Day(col string) string { return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM-DD')" }

// JSON stores JSON as JSONB.
func (dialect) JSON(data []byte) any { return data }

// SpanColumns avoids END, a reserved word.
func (dialect) SpanColumns() (start, end string) { return "start_off", "end_off" }

// SearchArticles matches the articles' tsvector, ranked by ts_rank, and cuts
// the snippet in Go from the body; the body is read for the page's rows
// only.
func (d dialect) SearchArticles(w *sqlq.Where, text string) (sqlq.ArticleSearch, bool) {
	order := d.NullsLast("a.published", true) + `, a.seq DESC`
	if text != "" {
		tq := tsQuery(w, text)
		if tq == "" {
			return sqlq.ArticleSearch{}, false
		}
		w.Add(`a.tsv @@ ` + tq)
		order = `ts_rank(a.tsv, ` + tq + `) DESC, a.seq DESC`
	}
	return sqlq.ArticleSearch{
		From: `articles a`,
		Select: func(where, page string) string {
			return `SELECT p.id, p.url, p.source, p.title, p.published, p.story_id, left(p.body, 20000) FROM (
				SELECT a.seq, a.id, a.url, a.source, a.title, a.published, a.story_id, a.body FROM articles a` + where +
				` ORDER BY ` + order + page + `) p`
		},
		Snippet: func(body string) string { return store.Snippet(body, text, 240) },
	}, true
}

func (dialect) SearchQuotes(w *sqlq.Where, text string) (string, bool) {
	tq := tsQuery(w, text)
	if tq == "" {
		return "", false
	}
	return `q.tsv @@ ` + tq, true
}

// tsQuery turns a user's query into a tsquery SQL expression over w's
// arguments: plain words ANDed, each "quoted phrase" kept as a phrase, and no
// operator syntax interpreted. It returns "" when nothing is searchable.
func tsQuery(w *sqlq.Where, q string) string {
	var plain []string
	var parts []string
	for _, t := range sqlq.Terms(q) {
		if t.Phrase {
			parts = append(parts, `phraseto_tsquery('`+searchConfig+`', `+w.Arg(strings.Join(t.Words, " "))+`)`)
			continue
		}
		plain = append(plain, t.Words...)
	}
	if len(plain) > 0 {
		parts = append(parts, `plainto_tsquery('`+searchConfig+`', `+w.Arg(strings.Join(plain, " "))+`)`)
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, " && ") + ")"
}

// querier runs the Reader's queries on the pool.
type querier struct{ pool *pgxpool.Pool }

func (q querier) Query(ctx context.Context, query string, args ...any) (sqlq.Rows, error) {
	return q.pool.Query(ctx, query, args...)
}
