package main

import (
	"context"
	"fmt"

	"eventwire/store"
)

func runStories(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "stories", "")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	minArticles := fs.Int("min", 2, "fewest articles in a story")
	limit := fs.Int("limit", 20, "stories per page (at most 1000)")
	offset := fs.Int("offset", 0, "stories to skip")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	stories, err := st.Stories(ctx, store.StoryQuery{Page: store.Page{Limit: *limit, Offset: *offset}, MinArticles: *minArticles})
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, stories)
	}
	for _, s := range stories {
		fmt.Fprintf(e.stdout, "story %s (%d articles)\n", s.ID, len(s.Articles))
		for _, a := range s.Articles {
			fmt.Fprintf(e.stdout, "    %s  %s  [%s] %s\n", day(a.Published), a.Title, a.Source, a.URL)
		}
	}
	return nil
}
