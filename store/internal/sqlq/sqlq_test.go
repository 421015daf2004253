package sqlq

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"time"

	"eventwire/store"
)

// testDialect numbers its placeholders, as PostgreSQL does, or not, as
// SQLite does.
type testDialect struct{ numbered bool }

func (testDialect) Name() string { return "test" }
func (d testDialect) Placeholder(n int) string {
	if d.numbered {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}
func (testDialect) Time(t time.Time) any                      { return t.Unix() }
func (testDialect) Like(w *Where, col, pattern string) string { return col + " LIKE " + w.Arg(pattern) }
func (testDialect) ILike(w *Where, col, pattern string) string {
	return col + " ILIKE " + w.Arg(pattern)
}
func (testDialect) EqualFold(w *Where, col, s string) string          { return col + " = " + w.Arg(s) }
func (testDialect) NullsLast(col string, desc bool) string            { return col }
func (testDialect) FailureOrder() string                              { return "at DESC" }
func (testDialect) Day(col string) string                             { return col }
func (testDialect) JSON(data []byte) any                              { return data }
func (testDialect) SpanColumns() (start, end string)                  { return "start", "end" }
func (testDialect) SearchQuotes(w *Where, text string) (string, bool) { return "", false }
func (testDialect) SearchArticles(w *Where, text string) (ArticleSearch, bool) {
	return ArticleSearch{}, false
}

func TestWhere(t *testing.T) {
	since := time.Date(2014, 7, 21, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		numbered bool
		want     string
	}{
		{false, " WHERE a.id = ? AND name LIKE ? AND a.published >= ? LIMIT ? OFFSET ?"},
		{true, " WHERE a.id = $1 AND name LIKE $2 AND a.published >= $3 LIMIT $4 OFFSET $5"},
	} {
		t.Run(fmt.Sprint("numbered=", tt.numbered), func(t *testing.T) {
			w := NewWhere(testDialect{tt.numbered})
			if got := w.SQL(); got != "" {
				t.Errorf("empty SQL() = %q", got)
			}
			w.Add("a.id = " + w.Arg("x"))
			w.Add(w.Like("name", Prefix("ab")))
			w.TimeRange("a.published", since, time.Time{})
			got := w.SQL() + w.Page(store.Page{Limit: 10, Offset: 20})
			if got != tt.want {
				t.Errorf("SQL = %q, want %q", got, tt.want)
			}
			wantArgs := []any{"x", "ab%", since.Unix(), 10, 20}
			if !reflect.DeepEqual(w.Args, wantArgs) {
				t.Errorf("Args = %v, want %v", w.Args, wantArgs)
			}
		})
	}
}

func TestPatterns(t *testing.T) {
	for _, tt := range []struct{ in, contains, prefix string }{
		{"abc", "%abc%", "abc%"},
		{`50%_off\`, `%50\%\_off\\%`, `50\%\_off\\%`},
	} {
		if got := Contains(tt.in); got != tt.contains {
			t.Errorf("Contains(%q) = %q, want %q", tt.in, got, tt.contains)
		}
		if got := Prefix(tt.in); got != tt.prefix {
			t.Errorf("Prefix(%q) = %q, want %q", tt.in, got, tt.prefix)
		}
	}
}

func TestTerms(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []Term
	}{
		{"Kerry ceasefire", []Term{{Words: []string{"Kerry"}}, {Words: []string{"ceasefire"}}}},
		{`"John Kerry" Gaza`, []Term{{Words: []string{"John", "Kerry"}, Phrase: true}, {Words: []string{"Gaza"}}}},
		{`drop table; --`, []Term{{Words: []string{"drop"}}, {Words: []string{"table"}}}},
		{`"" !!! "`, nil},
	} {
		if got := Terms(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Terms(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestTimeScan(t *testing.T) {
	at := time.Date(2014, 7, 21, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		src  any
		want time.Time
	}{
		{nil, time.Time{}},
		{at.Unix(), at},
		{at.In(time.FixedZone("X", 3600)), at},
	} {
		var got Time
		if err := got.Scan(tt.src); err != nil || !got.Equal(tt.want) || got.Location() != tt.want.Location() {
			t.Errorf("Scan(%v) = %v, %v; want %v", tt.src, got.Time, err, tt.want)
		}
	}
	var got Time
	if err := got.Scan("infinity"); err == nil {
		t.Error("Scan of a string succeeded")
	}
}

// fakeTx records what a migration runs.
type fakeTx struct {
	log  *[]string
	fail string
}

func (tx fakeTx) Exec(query string, args ...any) error {
	if query == tx.fail {
		return errors.New("bad")
	}
	*tx.log = append(*tx.log, fmt.Sprint(query, args))
	return nil
}
func (tx fakeTx) Commit() error   { *tx.log = append(*tx.log, "commit"); return nil }
func (tx fakeTx) Rollback() error { *tx.log = append(*tx.log, "rollback"); return nil }

func TestMigrate(t *testing.T) {
	migrations := []string{"m1", "m2", "m3"}
	run := func(version int, fail string) ([]string, int, error) {
		var log []string
		v, err := Migrate(version, migrations, func() (Tx, error) { return fakeTx{&log, fail}, nil },
			func(tx Tx, v int) error { return tx.Exec("record", v) })
		return log, v, err
	}
	log, v, err := run(1, "")
	want := []string{"m2[]", "record[2]", "commit", "m3[]", "record[3]", "commit"}
	if err != nil || v != 3 || !reflect.DeepEqual(log, want) {
		t.Errorf("from 1: %v, %d, %v; want %v, 3", log, v, err, want)
	}
	log, v, err = run(0, "m2")
	want = []string{"m1[]", "record[1]", "commit", "rollback"}
	if err == nil || v != 1 || !reflect.DeepEqual(log, want) {
		t.Errorf("failing m2: %v, %d, %v; want %v, 1 and an error", log, v, err, want)
	}
	if _, v, err := run(4, ""); err == nil || v != 4 {
		t.Errorf("from a newer version: %d, %v; want 4 and an error", v, err)
	}
}
