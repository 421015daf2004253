package sqlite

import (
	"strings"
	"time"

	"eventwire/store/internal/sqlq"
)

// dialect is SQLite's sqlq.Dialect: ? placeholders, times as unix seconds,
// FTS5 for full-text search.
type dialect struct{}

func (dialect) Name() string           { return "sqlite" }
func (dialect) Placeholder(int) string { return "?" }
func (dialect) Time(t time.Time) any   { return t.Unix() }

func (dialect) Like(w *sqlq.Where, col, pattern string) string {
	return col + " LIKE " + w.Arg(pattern) + ` ESCAPE '\'`
}

// ILike lowers both sides: SQLite's lower() the column's ASCII letters, Go
// the pattern's letters.
func (dialect) ILike(w *sqlq.Where, col, pattern string) string {
	return "lower(" + col + ") LIKE " + w.Arg(strings.ToLower(pattern)) + ` ESCAPE '\'`
}

func (dialect) EqualFold(w *sqlq.Where, col, s string) string {
	return col + " = " + w.Arg(s) + " COLLATE NOCASE"
}

func (dialect) NullsLast(col string, desc bool) string {
	if desc {
		return col + " IS NULL, " + col + " DESC"
	}
	return col + " IS NULL, " + col
}

// FailureOrder breaks ties of time (whole seconds) by insertion order.
func (dialect) FailureOrder() string { return "at DESC, rowid DESC" }

func (dialect) Day(col string) string { return "date(" + col + ", 'unixepoch')" }

// JSON stores JSON as TEXT.
func (dialect) JSON(data []byte) any { return string(data) }

func (dialect) SpanColumns() (start, end string) { return "start", "end" }

// SearchArticles searches articles_fts, ranked by FTS5's rank, with FTS5's
// snippet; without text it joins articles_fts for the start of the body.
func (d dialect) SearchArticles(w *sqlq.Where, text string) (sqlq.ArticleSearch, bool) {
	from := `articles a LEFT JOIN articles_fts f ON f.rowid = a.seq`
	order := d.NullsLast("a.published", true) + `, a.seq DESC`
	snippet := `substr(f.body, 1, 240)`
	if text != "" {
		fq := ftsQuery(text)
		if fq == "" {
			return sqlq.ArticleSearch{}, false
		}
		from = `articles_fts f JOIN articles a ON a.seq = f.rowid`
		w.Add(`articles_fts MATCH ` + w.Arg(fq))
		order = `f.rank, a.seq DESC`
		snippet = `snippet(articles_fts, 1, '', '', '…', 24)`
	}
	return sqlq.ArticleSearch{
		From: from,
		Select: func(where, page string) string {
			return `SELECT a.id, a.url, a.source, a.title, a.published, a.story_id, coalesce(` + snippet + `, '')
				FROM ` + from + where + ` ORDER BY ` + order + page
		},
		Snippet: func(s string) string { return strings.Join(strings.Fields(s), " ") },
	}, true
}

func (dialect) SearchQuotes(w *sqlq.Where, text string) (string, bool) {
	fq := ftsQuery(text)
	if fq == "" {
		return "", false
	}
	return `q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ` + w.Arg(fq) + `)`, true
}

// ftsQuery turns a user's query into an FTS5 expression: every word and
// every "quoted phrase" becomes a quoted FTS5 phrase, all ANDed. It returns
// "" when the query has no searchable word.
func ftsQuery(q string) string {
	var parts []string
	for _, t := range sqlq.Terms(q) {
		parts = append(parts, `"`+strings.Join(t.Words, " ")+`"`)
	}
	return strings.Join(parts, " ")
}
