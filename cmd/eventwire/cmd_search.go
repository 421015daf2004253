package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"eventwire/store"
)

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search", "[QUERY...]")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	source := fs.String("source", "", "only articles from this source")
	entity := fs.String("entity", "", "only articles that mention this entity id (see \"eventwire entities\")")
	since := fs.String("since", "", "published on or after (YYYY-MM-DD or RFC 3339)")
	until := fs.String("until", "", "published on or before (YYYY-MM-DD or RFC 3339)")
	limit := fs.Int("limit", 20, "hits per page (at most 1000)")
	offset := fs.Int("offset", 0, "hits to skip")
	asJSON := fs.Bool("json", false, "print the page as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	q := store.ArticleQuery{Page: store.Page{Limit: *limit, Offset: *offset}, Text: strings.Join(fs.Args(), " "), Source: *source, EntityID: *entity}
	var err error
	if q.Since, q.Until, err = timeRange(*since, *until); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	page, err := st.Search(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, page)
	}
	fmt.Fprintf(e.stdout, "%d articles\n", page.Total)
	for _, a := range page.Articles {
		fmt.Fprintf(e.stdout, "\n%s  %s  [%s]\n", day(a.Published), a.Title, a.Source)
		if a.URL != "" {
			fmt.Fprintf(e.stdout, "    %s\n", a.URL)
		}
		fmt.Fprintf(e.stdout, "    id %s\n", a.ID)
		if a.Snippet != "" {
			fmt.Fprintf(e.stdout, "    %s\n", a.Snippet)
		}
	}
	return nil
}

// parseWhen reads a --since/--until value: a date (YYYY-MM-DD, taken as the
// start of the day, or its end when end is set) or an RFC 3339 time.
func parseWhen(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time %q: want YYYY-MM-DD or RFC 3339", s)
	}
	if end {
		t = t.Add(24*time.Hour - time.Second)
	}
	return t, nil
}

// timeRange reads a --since and --until pair.
func timeRange(since, until string) (time.Time, time.Time, error) {
	s, err := parseWhen(since, false)
	if err != nil {
		return s, s, fmt.Errorf("--since: %w", err)
	}
	u, err := parseWhen(until, true)
	if err != nil {
		return s, u, fmt.Errorf("--until: %w", err)
	}
	return s, u, nil
}

func day(t time.Time) string {
	if t.IsZero() {
		return "----------"
	}
	return t.UTC().Format(time.DateOnly)
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
