package main

import (
	"context"
	"fmt"

	"eventwire/store"
)

func runEntities(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "entities", "")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	name := fs.String("name", "", "name (prefix or substring, case-insensitive)")
	typ := fs.String("type", "", "PERSON, ORGANIZATION, LOCATION, GROUP or MISC")
	country := fs.String("country", "", "ISO 3166-1 alpha-3 country code")
	limit := fs.Int("limit", 50, "entities per page (at most 1000)")
	offset := fs.Int("offset", 0, "entities to skip")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.Entities(ctx, store.EntityQuery{Page: store.Page{Limit: *limit, Offset: *offset}, Name: *name, Type: *typ, Country: *country})
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, rows)
	}
	for _, r := range rows {
		fmt.Fprintf(e.stdout, "%-18s %-13s %-3s %5d articles %6d mentions  %s\n", r.ID, r.Type, r.Country, r.Articles, r.Mentions, r.Name)
	}
	return nil
}
