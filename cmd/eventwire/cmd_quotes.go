package main

import (
	"context"
	"fmt"

	"eventwire/store"
)

func runQuotes(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "quotes", "")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	speaker := fs.String("speaker", "", "speaker name (substring) or entity id")
	text := fs.String("text", "", "words in the quote")
	kind := fs.String("kind", "", "direct, partial or indirect")
	article := fs.String("article", "", "only quotes of this article id")
	since := fs.String("since", "", "published on or after (YYYY-MM-DD or RFC 3339)")
	until := fs.String("until", "", "published on or before (YYYY-MM-DD or RFC 3339)")
	limit := fs.Int("limit", 50, "quotes per page (at most 1000)")
	offset := fs.Int("offset", 0, "quotes to skip")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	q := store.QuoteQuery{Page: store.Page{Limit: *limit, Offset: *offset}, Text: *text, Speaker: *speaker, Kind: *kind, ArticleID: *article}
	var err error
	if q.Since, q.Until, err = timeRange(*since, *until); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.Quotes(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, rows)
	}
	for _, r := range rows {
		who := "(unattributed)"
		if r.Quote.Speaker != nil {
			who = r.Quote.Speaker.Name
		}
		verb := r.Quote.Verb
		if verb == "" {
			verb = "said"
		}
		fmt.Fprintf(e.stdout, "%s %s (%s): %q\n    %s  %s\n", who, verb, r.Quote.Kind, r.Quote.Text, day(r.Published), r.ArticleTitle)
		if r.URL != "" {
			fmt.Fprintf(e.stdout, "    %s\n", r.URL)
		}
	}
	return nil
}
