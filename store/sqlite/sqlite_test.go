package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"eventwire/doc"
	"eventwire/store"
	"eventwire/store/storetest"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "re.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d := doc.New("Title", []string{"Some body text that is kept across a reopen."})
	d.Input = "file.txt"
	if _, err := s.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	var version int
	if err := s.r.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&version); err != nil || version != len(migrations) {
		t.Errorf("schema version = %d, %v; want %d", version, err, len(migrations))
	}
	if ok, err := s.Has(ctx, "file.txt"); !ok || err != nil {
		t.Errorf("Has after reopen = %v, %v", ok, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`INSERT INTO schema_migrations(version, applied_at) VALUES (999, 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(ctx, path); err == nil {
		s.Close()
		t.Fatal("Open of a database from a newer program succeeded")
	}
}

func TestCheck(t *testing.T) {
	s := open(t)
	defer s.Close()
	d := doc.New("Checked", []string{"A body to index and check."})
	if _, err := s.Put(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(context.Background()); err != nil {
		t.Errorf("Check of a sound database: %v", err)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	s := open(t)
	defer s.Close()
	if _, err := s.Put(context.Background(), doc.New("Damaged", []string{"A body whose index entry will be lost."})); err != nil {
		t.Fatal(err)
	}
	// Remove the indexed text behind FTS5's back.
	if _, err := s.w.Exec(`DELETE FROM articles_fts_content`); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(context.Background()); err == nil {
		t.Error("Check found nothing wrong with a damaged full-text index")
	}
}

func TestEntityCountryFilledLater(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	for i, country := range []string{"", "GBR", "TZA"} {
		d := doc.New(fmt.Sprintf("Brown speaks %d", i), []string{fmt.Sprintf("Gordon Brown spoke on day %d about the budget.", i)})
		off := len(d.Title) + 2
		d.Entities = []doc.Entity{{ID: "e1", Name: "Gordon Brown", Type: doc.Person, Country: country,
			Mentions: []doc.Mention{{Span: doc.Span{Start: off, End: off + 12}, Text: "Gordon Brown", Kind: doc.MentionName}}}}
		if _, err := s.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.Entities(ctx, store.EntityQuery{Name: "gordon brown"})
	if err != nil || len(rows) != 1 || rows[0].Country != "GBR" || rows[0].Articles != 3 {
		t.Errorf("Entities = %+v, %v; want one Gordon Brown, GBR (the first country seen), 3 articles", rows, err)
	}
}

func TestFTSQuery(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Kerry ceasefire", `"Kerry" "ceasefire"`},
		{`"John Kerry" Gaza`, `"John Kerry" "Gaza"`},
		{`drop table; --`, `"drop" "table"`},
		{`!!!`, ``},
	} {
		if got := ftsQuery(tt.in); got != tt.want {
			t.Errorf("ftsQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
