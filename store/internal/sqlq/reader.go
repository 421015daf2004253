package sqlq

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"eventwire/doc"
	"eventwire/store"
)

// Reader answers the read methods of store.Store over a driver's tables,
// which both SQL drivers lay out alike.
type Reader struct {
	d     Dialect
	q     Querier
	codec *store.Codec
}

// NewReader returns a Reader that runs its queries, in dialect d, with q,
// and decodes article records with codec.
func NewReader(d Dialect, q Querier, codec *store.Codec) *Reader {
	return &Reader{d: d, q: q, codec: codec}
}

// errorf returns an error whose message starts with the driver's name.
func (r *Reader) errorf(format string, args ...any) error {
	return fmt.Errorf(r.d.Name()+": "+format, args...)
}

// Time is a nullable time column as it scans: unix seconds (SQLite), a
// timestamp (PostgreSQL) or NULL (the zero time). It holds UTC.
type Time struct{ time.Time }

// Scan implements sql.Scanner.
func (t *Time) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		t.Time = time.Time{}
	case int64:
		t.Time = time.Unix(v, 0).UTC()
	case time.Time:
		t.Time = v.UTC()
	default:
		return fmt.Errorf("scan %T into a time", src)
	}
	return nil
}

// collect runs a query and scans each of its rows with scan, into a
// non-nil slice. Errors name what.
func collect[T any](ctx context.Context, r *Reader, what string, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := r.q.Query(ctx, query, args...)
	if err != nil {
		return nil, r.errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, r.errorf("%s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, r.errorf("%s: %w", what, err)
	}
	return out, nil
}

// scanLayer scans a row of one layer (a quote, event or count): its first
// columns into dest, then the article's publication time into published,
// then the layer's JSON, decoded into layer.
func scanLayer(s Scanner, published *time.Time, layer any, dest ...any) error {
	var pub Time
	var data []byte
	if err := s.Scan(append(dest, &pub, &data)...); err != nil {
		return err
	}
	*published = pub.Time
	if err := json.Unmarshal(data, layer); err != nil {
		return fmt.Errorf("decode %T: %w", layer, err)
	}
	return nil
}

// Article returns a stored document with all its layers.
func (r *Reader) Article(ctx context.Context, id string) (*doc.Document, error) {
	w := NewWhere(r.d)
	recs, err := collect(ctx, r, "article "+id, func(s Scanner) (rec []byte, err error) {
		err = s.Scan(&rec)
		return rec, err
	}, `SELECT record FROM articles WHERE id = `+w.Arg(id), w.Args...)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, r.errorf("article %s: %w", id, store.ErrNotFound)
	}
	return r.decode(id, recs[0])
}

func (r *Reader) decode(id string, rec []byte) (*doc.Document, error) {
	d, err := r.codec.Decode(id, rec)
	if err != nil {
		return nil, r.errorf("%w", err)
	}
	return d, nil
}

// Search finds articles by full-text query and filters: ranked by relevance
// when there is a text query, newest first otherwise.
func (r *Reader) Search(ctx context.Context, q store.ArticleQuery) (store.ArticlePage, error) {
	page := store.ArticlePage{Articles: []store.ArticleSummary{}}
	w := NewWhere(r.d)
	text := q.Text
	if strings.TrimSpace(text) == "" {
		text = "" // filters alone
	}
	as, ok := r.d.SearchArticles(w, text)
	if !ok {
		return page, nil
	}
	if q.Source != "" {
		w.Add(r.d.EqualFold(w, "a.source", q.Source))
	}
	if q.EntityID != "" {
		w.Add(`a.seq IN (SELECT article_seq FROM article_entities WHERE entity_id = ` + w.Arg(q.EntityID) + `)`)
	}
	w.TimeRange("a.published", q.Since, q.Until)
	what := fmt.Sprintf("search %q", q.Text)
	totals, err := collect(ctx, r, what, func(s Scanner) (n int, err error) {
		err = s.Scan(&n)
		return n, err
	}, `SELECT count(*) FROM `+as.From+w.SQL(), w.Args...)
	if err != nil {
		return page, err
	}
	page.Total = totals[0]
	where := w.SQL()
	page.Articles, err = collect(ctx, r, what, func(s Scanner) (store.ArticleSummary, error) {
		var a store.ArticleSummary
		var pub Time
		err := s.Scan(&a.ID, &a.URL, &a.Source, &a.Title, &pub, &a.StoryID, &a.Snippet)
		a.Published = pub.Time
		a.Snippet = as.Snippet(a.Snippet)
		return a, err
	}, as.Select(where, w.Page(q.Page)), w.Args...)
	return page, err
}

// Quotes lists quotes, newest article first.
func (r *Reader) Quotes(ctx context.Context, q store.QuoteQuery) ([]store.QuoteRow, error) {
	w := NewWhere(r.d)
	if strings.TrimSpace(q.Text) != "" {
		cond, ok := r.d.SearchQuotes(w, q.Text)
		if !ok {
			return []store.QuoteRow{}, nil
		}
		w.Add(cond)
	}
	if q.Speaker != "" {
		w.Add(`(q.speaker_entity = ` + w.Arg(q.Speaker) + ` OR ` + w.ILike("q.speaker", Contains(q.Speaker)) + `)`)
	}
	if q.ArticleID != "" {
		w.Add(`a.id = ` + w.Arg(q.ArticleID))
	}
	if q.Kind != "" {
		w.Add(`q.kind = ` + w.Arg(q.Kind))
	}
	w.TimeRange("a.published", q.Since, q.Until)
	return collect(ctx, r, "quotes", func(s Scanner) (row store.QuoteRow, err error) {
		err = scanLayer(s, &row.Published, &row.Quote, &row.ArticleID, &row.ArticleTitle, &row.URL, &row.SpeakerEntityID)
		return row, err
	}, `SELECT a.id, a.title, a.url, q.speaker_entity, a.published, q.data
		FROM quotes q JOIN articles a ON a.seq = q.article_seq`+w.SQL()+`
		ORDER BY `+r.d.NullsLast("a.published", true)+`, a.seq DESC, q.idx`+w.Page(q.Page), w.Args...)
}

func (r *Reader) eventWhere(q store.EventQuery) *Where {
	w := NewWhere(r.d)
	if q.Actor != "" {
		code := Prefix(strings.ToUpper(q.Actor))
		name := Contains(q.Actor)
		w.Add(`(` + w.Like("e.src_code", code) + ` OR ` + w.Like("e.tgt_code", code) +
			` OR ` + w.ILike("e.src_name", name) + ` OR ` + w.ILike("e.tgt_name", name) + `)`)
	}
	if q.Code != "" {
		w.Add(w.Like("e.code", Prefix(q.Code)))
	}
	if q.QuadClass != 0 {
		w.Add(`e.quad_class = ` + w.Arg(q.QuadClass))
	}
	if q.ArticleID != "" {
		w.Add(`e.article_seq = (SELECT seq FROM articles WHERE id = ` + w.Arg(q.ArticleID) + `)`)
	}
	w.TimeRange("e.at", q.Since, q.Until)
	return w
}

// Events lists events, newest first. Since and Until filter on the event's
// resolved date, else its article's publication time.
func (r *Reader) Events(ctx context.Context, q store.EventQuery) ([]store.EventRow, error) {
	w := r.eventWhere(q)
	return collect(ctx, r, "events", func(s Scanner) (row store.EventRow, err error) {
		err = scanLayer(s, &row.Published, &row.Event, &row.ArticleID, &row.ArticleTitle, &row.URL)
		return row, err
	}, `SELECT a.id, a.title, a.url, a.published, e.data
		FROM events e JOIN articles a ON a.seq = e.article_seq`+w.SQL()+`
		ORDER BY `+r.d.NullsLast("e.at", true)+`, a.seq DESC, e.idx`+w.Page(q.Page), w.Args...)
}

// Timeline counts events by day (UTC) and QuadClass, oldest day first;
// events with no date are left out.
func (r *Reader) Timeline(ctx context.Context, q store.EventQuery) ([]store.TimelineBucket, error) {
	w := r.eventWhere(q)
	w.Add(`e.at IS NOT NULL`)
	return collect(ctx, r, "timeline", func(s Scanner) (store.TimelineBucket, error) {
		var b store.TimelineBucket
		err := s.Scan(&b.Day, &b.QuadClass, &b.Events)
		return b, err
	}, `SELECT `+r.d.Day("e.at")+` AS day, e.quad_class, count(*)
		FROM events e`+w.SQL()+` GROUP BY day, e.quad_class ORDER BY day, e.quad_class`, w.Args...)
}

// Counts lists counts, newest article first.
func (r *Reader) Counts(ctx context.Context, q store.CountQuery) ([]store.CountRow, error) {
	w := NewWhere(r.d)
	if q.Type != "" {
		w.Add(`c.type = ` + w.Arg(strings.ToUpper(q.Type)))
	}
	if q.Text != "" {
		p := Contains(q.Text)
		w.Add(`(` + w.ILike("c.object", p) + ` OR ` + w.ILike("c.place", p) + `)`)
	}
	if q.ArticleID != "" {
		w.Add(`a.id = ` + w.Arg(q.ArticleID))
	}
	w.TimeRange("a.published", q.Since, q.Until)
	return collect(ctx, r, "counts", func(s Scanner) (row store.CountRow, err error) {
		err = scanLayer(s, &row.Published, &row.Count, &row.ArticleID, &row.ArticleTitle, &row.Source)
		return row, err
	}, `SELECT a.id, a.title, a.source, a.published, c.data
		FROM counts c JOIN articles a ON a.seq = c.article_seq`+w.SQL()+`
		ORDER BY `+r.d.NullsLast("a.published", true)+`, a.seq DESC, c.idx`+w.Page(q.Page), w.Args...)
}

// entityColumns are the columns of store.EntityRow, as scanEntity reads them.
const entityColumns = `id, name, type, country, articles, mentions`

func scanEntity(s Scanner) (store.EntityRow, error) {
	var e store.EntityRow
	err := s.Scan(&e.ID, &e.Name, &e.Type, &e.Country, &e.Articles, &e.Mentions)
	return e, err
}

// Entities lists cross-article entities: names that start with the query
// first, then by the number of articles and mentions.
func (r *Reader) Entities(ctx context.Context, q store.EntityQuery) ([]store.EntityRow, error) {
	w := NewWhere(r.d)
	n := store.NormalizeName(q.Name)
	if n != "" {
		w.Add(w.Like("name_norm", Contains(n)))
	}
	if q.Type != "" {
		w.Add(`type = ` + w.Arg(strings.ToUpper(q.Type)))
	}
	if q.Country != "" {
		w.Add(`country = ` + w.Arg(strings.ToUpper(q.Country)))
	}
	where := w.SQL()
	order := `articles DESC, mentions DESC, name`
	if n != "" { // after the WHERE clause's arguments: its placeholder follows theirs
		order = `(` + w.Like("name_norm", Prefix(n)) + `) DESC, ` + order
	}
	return collect(ctx, r, "entities", scanEntity,
		`SELECT `+entityColumns+` FROM entities`+where+` ORDER BY `+order+w.Page(q.Page), w.Args...)
}

// Entity returns one cross-article entity.
func (r *Reader) Entity(ctx context.Context, id string) (store.EntityRow, error) {
	w := NewWhere(r.d)
	rows, err := collect(ctx, r, "entity "+id, scanEntity, `SELECT `+entityColumns+` FROM entities WHERE id = `+w.Arg(id), w.Args...)
	if err != nil {
		return store.EntityRow{}, err
	}
	if len(rows) == 0 {
		return store.EntityRow{}, r.errorf("entity %s: %w", id, store.ErrNotFound)
	}
	return rows[0], nil
}

// Stories lists stories with at least q.MinArticles articles (default 2),
// the most recently grown first; each story's articles are oldest first.
func (r *Reader) Stories(ctx context.Context, q store.StoryQuery) ([]store.Story, error) {
	minArticles := q.MinArticles
	if minArticles <= 0 {
		minArticles = 2
	}
	w := NewWhere(r.d)
	w.Add(`s.articles >= ` + w.Arg(minArticles))
	articles, err := collect(ctx, r, "stories", func(s Scanner) (store.ArticleSummary, error) {
		var a store.ArticleSummary
		var pub Time
		err := s.Scan(&a.StoryID, &a.ID, &a.URL, &a.Source, &a.Title, &pub)
		a.Published = pub.Time
		return a, err
	}, `SELECT s.id, a.id, a.url, a.source, a.title, a.published
		FROM (SELECT id, last_seq FROM stories s`+w.SQL()+` ORDER BY last_seq DESC`+w.Page(q.Page)+`) s
		JOIN articles a ON a.story_id = s.id
		ORDER BY s.last_seq DESC, s.id, `+r.d.NullsLast("a.published", false)+`, a.seq`, w.Args...)
	if err != nil {
		return nil, err
	}
	out := []store.Story{}
	for _, a := range articles {
		if len(out) == 0 || out[len(out)-1].ID != a.StoryID {
			out = append(out, store.Story{ID: a.StoryID, Articles: []store.ArticleSummary{}})
		}
		st := &out[len(out)-1]
		st.Articles = append(st.Articles, a)
	}
	return out, nil
}

// Scan calls fn for every article stored at or after since (the time it was
// stored; zero for all), in insertion order. It reads in batches so fn may
// call the store.
func (r *Reader) Scan(ctx context.Context, since time.Time, fn func(*doc.Document) error) error {
	type item struct {
		seq int64
		id  string
		rec []byte
	}
	var after int64
	for {
		w := NewWhere(r.d)
		w.Add(`seq > ` + w.Arg(after))
		w.Add(`stored_at >= ` + w.Arg(r.d.Time(since)))
		batch, err := collect(ctx, r, "scan", func(s Scanner) (it item, err error) {
			err = s.Scan(&it.seq, &it.id, &it.rec)
			return it, err
		}, `SELECT seq, id, record FROM articles`+w.SQL()+` ORDER BY seq LIMIT 256`, w.Args...)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		for _, it := range batch {
			after = it.seq
			if err := ctx.Err(); err != nil {
				return err
			}
			d, err := r.decode(it.id, it.rec)
			if err != nil {
				return err
			}
			if err := fn(d); err != nil {
				return err
			}
		}
	}
}

// Failures lists recorded failures, newest first.
func (r *Reader) Failures(ctx context.Context, limit int) ([]store.Failure, error) {
	w := NewWhere(r.d)
	n, _ := store.Page{Limit: limit}.Window()
	return collect(ctx, r, "failures", func(s Scanner) (store.Failure, error) {
		var f store.Failure
		var at Time
		err := s.Scan(&f.Input, &f.Error, &at)
		f.At = at.Time
		return f, err
	}, `SELECT input, error, at FROM failures ORDER BY `+r.d.FailureOrder()+` LIMIT `+w.Arg(n), w.Args...)
}

// Stats counts what the store holds. Stories counts stories of two or more
// articles.
func (r *Reader) Stats(ctx context.Context) (store.Stats, error) {
	stats, err := collect(ctx, r, "stats", func(s Scanner) (st store.Stats, err error) {
		err = s.Scan(&st.Articles, &st.Entities, &st.Quotes, &st.Events, &st.Counts, &st.Stories, &st.Failures)
		return st, err
	}, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM entities),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM counts),
		(SELECT count(*) FROM stories WHERE articles >= 2),
		(SELECT count(*) FROM failures)`)
	if err != nil {
		return store.Stats{}, err
	}
	return stats[0], nil
}
