package postgres

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"eventwire/store"
	"eventwire/store/internal/sqlq"
	"eventwire/store/storetest"
)

var schemaSeq atomic.Int64

// testURL returns the URL of the test cluster ($EVENTWIRE_PG_URL, which
// .ci/run sets after scripts/pg-start), skipping when there is none.
func testURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("EVENTWIRE_PG_URL")
	if u == "" {
		t.Skip("EVENTWIRE_PG_URL not set; start a cluster with: eval \"$(scripts/pg-start)\"")
	}
	return u
}

// OpenFresh opens a store in a new, empty schema of the test database and
// drops the schema when the test ends.
func openFresh(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	base := testURL(t)
	schema := fmt.Sprintf("t%d_%d", os.Getpid(), schemaSeq.Add(1))
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	s, err := Open(ctx, withSearchPath(base, schema))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), base)
		if err == nil {
			conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			conn.Close(context.Background())
		}
	})
	return s
}

// withSearchPath adds a search_path to a postgres URL.
func withSearchPath(u, schema string) string {
	sep := "?"
	for i := range len(u) {
		if u[i] == '?' {
			sep = "&"
		}
	}
	return u + sep + "search_path=" + schema
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t) })
}

func TestTSQuery(t *testing.T) {
	tests := []struct {
		in   string
		want string
		args []any
	}{
		{"Kerry ceasefire", "(plainto_tsquery('eventwire_search', $1))", []any{"Kerry ceasefire"}},
		{`"John Kerry" Gaza`, "(phraseto_tsquery('eventwire_search', $1) && plainto_tsquery('eventwire_search', $2))", []any{"John Kerry", "Gaza"}},
		{`drop table; --`, "(plainto_tsquery('eventwire_search', $1))", []any{"drop table"}},
		{`!!!`, "", nil},
	}
	for _, tt := range tests {
		w := sqlq.NewWhere(dialect{})
		if got := tsQuery(w, tt.in); got != tt.want || fmt.Sprint(w.Args) != fmt.Sprint(tt.args) {
			t.Errorf("tsQuery(%q) = %q %v, want %q %v", tt.in, got, w.Args, tt.want, tt.args)
		}
	}
}
