package main

import (
	"context"
	"fmt"

	"eventwire/store"
)

func runEvents(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "events", "")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	actor := fs.String("actor", "", "CAMEO actor code prefix (USA, PSEREB) or actor name, either side")
	code := fs.String("code", "", "CAMEO event code prefix (04, 043)")
	quad := fs.Int("quad", 0, "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	article := fs.String("article", "", "only events of this article id")
	since := fs.String("since", "", "on or after (YYYY-MM-DD or RFC 3339)")
	until := fs.String("until", "", "on or before (YYYY-MM-DD or RFC 3339)")
	limit := fs.Int("limit", 50, "events per page (at most 1000)")
	offset := fs.Int("offset", 0, "events to skip")
	timeline := fs.Bool("timeline", false, "count events by day and QuadClass instead of listing them")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	q := store.EventQuery{Page: store.Page{Limit: *limit, Offset: *offset}, Actor: *actor, Code: *code, QuadClass: *quad, ArticleID: *article}
	var err error
	if q.Since, q.Until, err = timeRange(*since, *until); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *timeline {
		buckets, err := st.Timeline(ctx, q)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.stdout, buckets)
		}
		for _, b := range buckets {
			fmt.Fprintf(e.stdout, "%s  quad %d  %d\n", b.Day, b.QuadClass, b.Events)
		}
		return nil
	}
	rows, err := st.Events(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, rows)
	}
	for _, r := range rows {
		ev := r.Event
		target := ""
		if ev.Target != nil {
			target = fmt.Sprintf(" -> %s (%s)", ev.Target.Name, ev.Target.Code)
		}
		when := ev.Date
		if when == "" {
			when = day(r.Published)
		}
		fmt.Fprintf(e.stdout, "%s  %s %s (%s)%s  [quad %d, Goldstein %.1f]\n    %s\n    %s\n",
			when, ev.Code, ev.Source.Name, ev.Source.Code, target, ev.QuadClass, ev.Goldstein, ev.Evidence, r.ArticleTitle)
	}
	return nil
}
