package sqlq

import (
	"strings"
	"time"
	"unicode"

	"eventwire/store"
)

// Where collects the conditions of a WHERE clause and the arguments of the
// whole query, writing placeholders in its dialect. Arguments are numbered
// in the order they are added, which must be the order their placeholders
// stand in the query (SQLite's ? are positional).
type Where struct {
	d     Dialect
	conds []string
	// Args are the query's arguments so far.
	Args []any
}

// NewWhere returns an empty Where in dialect d.
func NewWhere(d Dialect) *Where { return &Where{d: d} }

// Arg adds an argument and returns its placeholder.
func (w *Where) Arg(v any) string {
	w.Args = append(w.Args, v)
	return w.d.Placeholder(len(w.Args))
}

// Add adds a condition; its arguments must already be added with Arg.
func (w *Where) Add(cond string) { w.conds = append(w.conds, cond) }

// SQL returns the WHERE clause, with a leading space, or "" when there is
// no condition.
func (w *Where) SQL() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// TimeRange adds conditions that the time column col is within [since,
// until]; a zero bound is open.
func (w *Where) TimeRange(col string, since, until time.Time) {
	if !since.IsZero() {
		w.Add(col + " >= " + w.Arg(w.d.Time(since)))
	}
	if !until.IsZero() {
		w.Add(col + " <= " + w.Arg(w.d.Time(until)))
	}
}

// Like returns the dialect's condition that col matches pattern.
func (w *Where) Like(col, pattern string) string { return w.d.Like(w, col, pattern) }

// ILike returns the dialect's condition that col matches pattern, ignoring
// case.
func (w *Where) ILike(col, pattern string) string { return w.d.ILike(w, col, pattern) }

// Page adds the arguments of p's window and returns its LIMIT and OFFSET
// clause, with a leading space.
func (w *Where) Page(p store.Page) string {
	limit, offset := p.Window()
	return " LIMIT " + w.Arg(limit) + " OFFSET " + w.Arg(offset)
}

// Contains returns a LIKE pattern that matches values containing s, with
// its wildcards escaped by \.
func Contains(s string) string { return "%" + escapeLike(s) + "%" }

// Prefix returns a LIKE pattern that matches values that start with s.
func Prefix(s string) string { return escapeLike(s) + "%" }

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Term is one part of a user's text query: a "quoted phrase" or one word
// outside quotes.
type Term struct {
	Words  []string
	Phrase bool
}

// Terms splits a user's text query into its terms, in order. Words are runs
// of letters and digits; everything else (operators of any search syntax
// included) only separates them. A phrase with no word is dropped.
func Terms(q string) []Term {
	var terms []Term
	words := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	for i, chunk := range strings.Split(q, `"`) {
		if i%2 == 1 { // inside quotes: one phrase
			if ws := words(chunk); len(ws) > 0 {
				terms = append(terms, Term{Words: ws, Phrase: true})
			}
			continue
		}
		for _, word := range words(chunk) {
			terms = append(terms, Term{Words: []string{word}})
		}
	}
	return terms
}
