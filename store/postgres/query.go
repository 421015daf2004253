package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"eventwire/doc"
	"eventwire/store"
)

// where collects SQL conditions and numbers their arguments ($1, $2...).
type where struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// timeRange filters column col to [since, until].
func (w *where) timeRange(col string, since, until time.Time) {
	if !since.IsZero() {
		w.add(col + " >= " + w.arg(since))
	}
	if !until.IsZero() {
		w.add(col + " <= " + w.arg(until))
	}
}

// page adds LIMIT and OFFSET.
func (w *where) page(p store.Page) string {
	limit, offset := p.Window()
	return " LIMIT " + w.arg(limit) + " OFFSET " + w.arg(offset)
}

// limitOf applies store.Page's limit rules to a bare limit.
func limitOf(n int) int {
	limit, _ := store.Page{Limit: n}.Window()
	return limit
}

// likeArg returns an ILIKE pattern matching s anywhere, with wildcards escaped.
func likeArg(s string) string { return "%" + escapeLike(s) + "%" }

// prefixArg returns a LIKE pattern matching values that start with s.
func prefixArg(s string) string { return escapeLike(s) + "%" }

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Article returns a stored document with all its layers.
func (s *Store) Article(ctx context.Context, id string) (*doc.Document, error) {
	var rec []byte
	err := s.pool.QueryRow(ctx, `SELECT record FROM articles WHERE id = $1`, id).Scan(&rec)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	return s.decode(id, rec)
}

func (s *Store) decode(id string, rec []byte) (*doc.Document, error) {
	d, err := s.codec.Decode(id, rec)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return d, nil
}

// tsQuery turns a user's query into a tsquery SQL expression over w's
// arguments: plain words ANDed, each "quoted phrase" kept as a phrase, and no
// operator syntax interpreted. It returns "" when nothing is searchable.
func tsQuery(w *where, q string) string {
	words := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	var plain []string
	var parts []string
	for i, chunk := range strings.Split(q, `"`) {
		ws := words(chunk)
		if len(ws) == 0 {
			continue
		}
		if i%2 == 1 {
			parts = append(parts, `phraseto_tsquery('`+searchConfig+`', `+w.arg(strings.Join(ws, " "))+`)`)
			continue
		}
		plain = append(plain, ws...)
	}
	if len(plain) > 0 {
		parts = append(parts, `plainto_tsquery('`+searchConfig+`', `+w.arg(strings.Join(plain, " "))+`)`)
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, " && ") + ")"
}

// Search finds articles by full-text query and filters: ranked by relevance
// when there is a text query, newest first otherwise.
func (s *Store) Search(ctx context.Context, q store.ArticleQuery) (store.ArticlePage, error) {
	page := store.ArticlePage{Articles: []store.ArticleSummary{}}
	var w where
	order := `a.published DESC NULLS LAST, a.seq DESC`
	tq := ""
	if strings.TrimSpace(q.Text) != "" {
		if tq = tsQuery(&w, q.Text); tq == "" {
			return page, nil
		}
		w.add(`a.tsv @@ ` + tq)
		order = `ts_rank(a.tsv, ` + tq + `) DESC, a.seq DESC`
	}
	if q.Source != "" {
		w.add(`lower(a.source) = lower(` + w.arg(q.Source) + `)`)
	}
	if q.EntityID != "" {
		w.add(`a.seq IN (SELECT article_seq FROM article_entities WHERE entity_id = ` + w.arg(q.EntityID) + `)`)
	}
	w.timeRange("a.published", q.Since, q.Until)
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles a`+w.sql(), w.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	pg := w.page(q.Page)
	rows, err := s.pool.Query(ctx, `SELECT p.id, p.url, p.source, p.title, p.published, p.story_id, left(p.body, 20000) FROM (
		SELECT a.seq, a.id, a.url, a.source, a.title, a.published, a.story_id, a.body FROM articles a`+w.sql()+
		` ORDER BY `+order+pg+`) p`, w.args...)
	if err != nil {
		return page, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	page.Articles, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ArticleSummary, error) {
		var a store.ArticleSummary
		var pub *time.Time
		err := r.Scan(&a.ID, &a.URL, &a.Source, &a.Title, &pub, &a.StoryID, &a.Snippet)
		a.Published = utc(pub)
		a.Snippet = store.Snippet(a.Snippet, q.Text, 240)
		return a, err
	})
	if err != nil {
		return page, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	if page.Articles == nil {
		page.Articles = []store.ArticleSummary{}
	}
	return page, nil
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// Quotes lists quotes, newest article first.
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) ([]store.QuoteRow, error) {
	var w where
	if strings.TrimSpace(q.Text) != "" {
		tq := tsQuery(&w, q.Text)
		if tq == "" {
			return []store.QuoteRow{}, nil
		}
		w.add(`q.tsv @@ ` + tq)
	}
	if q.Speaker != "" {
		w.add(`(q.speaker_entity = ` + w.arg(q.Speaker) + ` OR q.speaker ILIKE ` + w.arg(likeArg(q.Speaker)) + `)`)
	}
	if q.ArticleID != "" {
		w.add(`a.id = ` + w.arg(q.ArticleID))
	}
	if q.Kind != "" {
		w.add(`q.kind = ` + w.arg(q.Kind))
	}
	w.timeRange("a.published", q.Since, q.Until)
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.title, a.url, a.published, q.speaker_entity, q.data
		FROM quotes q JOIN articles a ON a.seq = q.article_seq`+w.sql()+`
		ORDER BY a.published DESC NULLS LAST, a.seq DESC, q.idx`+w.page(q.Page), w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: quotes: %w", err)
	}
	return collect(rows, "quotes", func(r pgx.CollectableRow) (store.QuoteRow, error) {
		var row store.QuoteRow
		var pub *time.Time
		var data []byte
		if err := r.Scan(&row.ArticleID, &row.ArticleTitle, &row.URL, &pub, &row.SpeakerEntityID, &data); err != nil {
			return row, err
		}
		row.Published = utc(pub)
		return row, json.Unmarshal(data, &row.Quote)
	})
}

// collect gathers rows into a non-nil slice.
func collect[T any](rows pgx.Rows, what string, fn pgx.RowToFunc[T]) ([]T, error) {
	out, err := pgx.CollectRows(rows, fn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", what, err)
	}
	if out == nil {
		out = []T{}
	}
	return out, nil
}

func eventWhere(q store.EventQuery) *where {
	w := &where{}
	if q.Actor != "" {
		code := w.arg(prefixArg(strings.ToUpper(q.Actor)))
		name := w.arg(likeArg(q.Actor))
		w.add(`(e.src_code LIKE ` + code + ` OR e.tgt_code LIKE ` + code + ` OR e.src_name ILIKE ` + name + ` OR e.tgt_name ILIKE ` + name + `)`)
	}
	if q.Code != "" {
		w.add(`e.code LIKE ` + w.arg(prefixArg(q.Code)))
	}
	if q.QuadClass != 0 {
		w.add(`e.quad_class = ` + w.arg(q.QuadClass))
	}
	if q.ArticleID != "" {
		w.add(`e.article_seq = (SELECT seq FROM articles WHERE id = ` + w.arg(q.ArticleID) + `)`)
	}
	w.timeRange("e.at", q.Since, q.Until)
	return w
}

// Events lists events, newest first. Since and Until filter on the event's
// resolved date, else its article's publication time.
func (s *Store) Events(ctx context.Context, q store.EventQuery) ([]store.EventRow, error) {
	w := eventWhere(q)
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.title, a.url, a.published, e.data
		FROM events e JOIN articles a ON a.seq = e.article_seq`+w.sql()+`
		ORDER BY e.at DESC NULLS LAST, a.seq DESC, e.idx`+w.page(q.Page), w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	return collect(rows, "events", func(r pgx.CollectableRow) (store.EventRow, error) {
		var row store.EventRow
		var pub *time.Time
		var data []byte
		if err := r.Scan(&row.ArticleID, &row.ArticleTitle, &row.URL, &pub, &data); err != nil {
			return row, err
		}
		row.Published = utc(pub)
		return row, json.Unmarshal(data, &row.Event)
	})
}

// Timeline counts events by day (UTC) and QuadClass, oldest day first;
// events with no date are left out.
func (s *Store) Timeline(ctx context.Context, q store.EventQuery) ([]store.TimelineBucket, error) {
	w := eventWhere(q)
	w.add(`e.at IS NOT NULL`)
	rows, err := s.pool.Query(ctx, `SELECT to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, e.quad_class, count(*)
		FROM events e`+w.sql()+` GROUP BY day, e.quad_class ORDER BY day, e.quad_class`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: timeline: %w", err)
	}
	return collect(rows, "timeline", func(r pgx.CollectableRow) (store.TimelineBucket, error) {
		var b store.TimelineBucket
		err := r.Scan(&b.Day, &b.QuadClass, &b.Events)
		return b, err
	})
}

// Counts lists counts, newest article first.
func (s *Store) Counts(ctx context.Context, q store.CountQuery) ([]store.CountRow, error) {
	var w where
	if q.Type != "" {
		w.add(`c.type = ` + w.arg(strings.ToUpper(q.Type)))
	}
	if q.Text != "" {
		p := w.arg(likeArg(q.Text))
		w.add(`(c.object ILIKE ` + p + ` OR c.place ILIKE ` + p + `)`)
	}
	if q.ArticleID != "" {
		w.add(`a.id = ` + w.arg(q.ArticleID))
	}
	w.timeRange("a.published", q.Since, q.Until)
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.title, a.source, a.published, c.data
		FROM counts c JOIN articles a ON a.seq = c.article_seq`+w.sql()+`
		ORDER BY a.published DESC NULLS LAST, a.seq DESC, c.idx`+w.page(q.Page), w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: counts: %w", err)
	}
	return collect(rows, "counts", func(r pgx.CollectableRow) (store.CountRow, error) {
		var row store.CountRow
		var pub *time.Time
		var data []byte
		if err := r.Scan(&row.ArticleID, &row.ArticleTitle, &row.Source, &pub, &data); err != nil {
			return row, err
		}
		row.Published = utc(pub)
		return row, json.Unmarshal(data, &row.Count)
	})
}

// Entities lists cross-article entities: names that start with the query
// first, then by the number of articles and mentions.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]store.EntityRow, error) {
	var w where
	order := `articles DESC, mentions DESC, name`
	if n := store.NormalizeName(q.Name); n != "" {
		w.add(`name_norm LIKE ` + w.arg(likeArg(n)))
		order = `(name_norm LIKE ` + w.arg(prefixArg(n)) + `) DESC, ` + order
	}
	if q.Type != "" {
		w.add(`type = ` + w.arg(strings.ToUpper(q.Type)))
	}
	if q.Country != "" {
		w.add(`country = ` + w.arg(strings.ToUpper(q.Country)))
	}
	rows, err := s.pool.Query(ctx, `SELECT id, name, type, country, articles, mentions FROM entities`+w.sql()+
		` ORDER BY `+order+w.page(q.Page), w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: entities: %w", err)
	}
	return collect(rows, "entities", scanEntity)
}

func scanEntity(r pgx.CollectableRow) (store.EntityRow, error) {
	var e store.EntityRow
	err := r.Scan(&e.ID, &e.Name, &e.Type, &e.Country, &e.Articles, &e.Mentions)
	return e, err
}

// Entity returns one cross-article entity.
func (s *Store) Entity(ctx context.Context, id string) (store.EntityRow, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, name, type, country, articles, mentions FROM entities WHERE id = $1`, id)
	if err != nil {
		return store.EntityRow{}, fmt.Errorf("postgres: entity %s: %w", id, err)
	}
	e, err := pgx.CollectExactlyOneRow(rows, scanEntity)
	if errors.Is(err, pgx.ErrNoRows) {
		return e, fmt.Errorf("postgres: entity %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("postgres: entity %s: %w", id, err)
	}
	return e, nil
}

// Stories lists stories with at least q.MinArticles articles (default 2),
// the most recently grown first; each story's articles are oldest first.
func (s *Store) Stories(ctx context.Context, q store.StoryQuery) ([]store.Story, error) {
	minArticles := q.MinArticles
	if minArticles <= 0 {
		minArticles = 2
	}
	var w where
	w.add(`s.articles >= ` + w.arg(minArticles))
	rows, err := s.pool.Query(ctx, `SELECT s.id, a.id, a.url, a.source, a.title, a.published
		FROM (SELECT id, last_seq FROM stories s`+w.sql()+` ORDER BY last_seq DESC`+w.page(q.Page)+`) s
		JOIN articles a ON a.story_id = s.id
		ORDER BY s.last_seq DESC, a.published ASC NULLS LAST, a.seq`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	defer rows.Close()
	out := []store.Story{}
	for rows.Next() {
		var a store.ArticleSummary
		var pub *time.Time
		if err := rows.Scan(&a.StoryID, &a.ID, &a.URL, &a.Source, &a.Title, &pub); err != nil {
			return nil, fmt.Errorf("postgres: stories: %w", err)
		}
		a.Published = utc(pub)
		if len(out) == 0 || out[len(out)-1].ID != a.StoryID {
			out = append(out, store.Story{ID: a.StoryID, Articles: []store.ArticleSummary{}})
		}
		st := &out[len(out)-1]
		st.Articles = append(st.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	return out, nil
}

// Scan calls fn for every article stored at or after since (the time it was
// stored; zero for all), in insertion order. It reads in batches so fn may
// call the store.
func (s *Store) Scan(ctx context.Context, since time.Time, fn func(*doc.Document) error) error {
	var after int64
	for {
		type item struct {
			seq int64
			id  string
			rec []byte
		}
		rows, err := s.pool.Query(ctx, `SELECT seq, id, record FROM articles WHERE seq > $1 AND stored_at >= $2 ORDER BY seq LIMIT 256`,
			after, since)
		if err != nil {
			return fmt.Errorf("postgres: scan: %w", err)
		}
		batch, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (item, error) {
			var it item
			err := r.Scan(&it.seq, &it.id, &it.rec)
			return it, err
		})
		if err != nil {
			return fmt.Errorf("postgres: scan: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, it := range batch {
			after = it.seq
			if err := ctx.Err(); err != nil {
				return err
			}
			d, err := s.decode(it.id, it.rec)
			if err != nil {
				return err
			}
			if err := fn(d); err != nil {
				return err
			}
		}
	}
}
