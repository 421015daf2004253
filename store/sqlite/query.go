package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"eventwire/doc"
	"eventwire/store"
)

// where collects SQL conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// timeRange filters column col (unix seconds) to [since, until].
func (w *where) timeRange(col string, since, until time.Time) {
	if !since.IsZero() {
		w.add(col+" >= ?", since.Unix())
	}
	if !until.IsZero() {
		w.add(col+" <= ?", until.Unix())
	}
}

// likeArg returns a LIKE pattern matching s anywhere, with wildcards escaped.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

// prefixArg returns a LIKE pattern matching values that start with s.
func prefixArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// ftsQuery turns a user's query into an FTS5 expression: every word and
// every "quoted phrase" becomes a quoted FTS5 phrase, all ANDed. It returns
// "" when the query has no searchable word.
func ftsQuery(q string) string {
	var parts []string
	words := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	for i, chunk := range strings.Split(q, `"`) {
		if i%2 == 1 { // inside quotes: one phrase
			if w := words(chunk); len(w) > 0 {
				parts = append(parts, `"`+strings.Join(w, " ")+`"`)
			}
			continue
		}
		for _, w := range words(chunk) {
			parts = append(parts, `"`+w+`"`)
		}
	}
	return strings.Join(parts, " ")
}

// windowArgs returns a page's LIMIT and OFFSET as query arguments.
func windowArgs(p store.Page) []any {
	limit, offset := p.Window()
	return []any{limit, offset}
}

func fromUnix(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(v.Int64, 0).UTC()
}

// Article returns a stored document with all its layers.
func (s *Store) Article(ctx context.Context, id string) (*doc.Document, error) {
	var rec []byte
	err := s.r.QueryRowContext(ctx, `SELECT record FROM articles WHERE id = ?`, id).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	return s.decode(id, rec)
}

func (s *Store) decode(id string, rec []byte) (*doc.Document, error) {
	d, err := s.codec.Decode(id, rec)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	return d, nil
}

// Search finds articles by full-text query and filters: ranked by relevance
// when there is a text query, newest first otherwise.
func (s *Store) Search(ctx context.Context, q store.ArticleQuery) (store.ArticlePage, error) {
	page := store.ArticlePage{Articles: []store.ArticleSummary{}}
	var w where
	from := `articles a LEFT JOIN articles_fts f ON f.rowid = a.seq`
	order := `a.published IS NULL, a.published DESC, a.seq DESC`
	snippet := `substr(f.body, 1, 240)`
	if strings.TrimSpace(q.Text) != "" {
		fq := ftsQuery(q.Text)
		if fq == "" {
			return page, nil
		}
		from = `articles_fts f JOIN articles a ON a.seq = f.rowid`
		w.add(`articles_fts MATCH ?`, fq)
		order = `f.rank, a.seq DESC`
		snippet = `snippet(articles_fts, 1, '', '', '…', 24)`
	}
	if q.Source != "" {
		w.add(`a.source = ? COLLATE NOCASE`, q.Source)
	}
	if q.EntityID != "" {
		w.add(`a.seq IN (SELECT article_seq FROM article_entities WHERE entity_id = ?)`, q.EntityID)
	}
	w.timeRange("a.published", q.Since, q.Until)
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM `+from+w.sql(), w.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.url, a.source, a.title, a.published, a.story_id, coalesce(`+snippet+`, '')
		FROM `+from+w.sql()+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(w.args, windowArgs(q.Page)...)...)
	if err != nil {
		return page, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a store.ArticleSummary
		var pub sql.NullInt64
		if err := rows.Scan(&a.ID, &a.URL, &a.Source, &a.Title, &pub, &a.StoryID, &a.Snippet); err != nil {
			return page, err
		}
		a.Published = fromUnix(pub)
		a.Snippet = strings.Join(strings.Fields(a.Snippet), " ")
		page.Articles = append(page.Articles, a)
	}
	return page, rows.Err()
}

// Quotes lists quotes, newest article first.
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) ([]store.QuoteRow, error) {
	var w where
	if strings.TrimSpace(q.Text) != "" {
		fq := ftsQuery(q.Text)
		if fq == "" {
			return []store.QuoteRow{}, nil
		}
		w.add(`q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`, fq)
	}
	if q.Speaker != "" {
		w.add(`(q.speaker_entity = ? OR lower(q.speaker) LIKE ? ESCAPE '\')`, q.Speaker, likeArg(q.Speaker))
	}
	if q.ArticleID != "" {
		w.add(`a.id = ?`, q.ArticleID)
	}
	if q.Kind != "" {
		w.add(`q.kind = ?`, q.Kind)
	}
	w.timeRange("a.published", q.Since, q.Until)
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.title, a.url, a.published, q.speaker_entity, q.data
		FROM quotes q JOIN articles a ON a.seq = q.article_seq`+w.sql()+`
		ORDER BY a.published IS NULL, a.published DESC, a.seq DESC, q.idx LIMIT ? OFFSET ?`,
		append(w.args, windowArgs(q.Page)...)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	defer rows.Close()
	out := []store.QuoteRow{}
	for rows.Next() {
		var r store.QuoteRow
		var pub sql.NullInt64
		var data string
		if err := rows.Scan(&r.ArticleID, &r.ArticleTitle, &r.URL, &pub, &r.SpeakerEntityID, &data); err != nil {
			return nil, err
		}
		r.Published = fromUnix(pub)
		if err := json.Unmarshal([]byte(data), &r.Quote); err != nil {
			return nil, fmt.Errorf("sqlite: quote of %s: %w", r.ArticleID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func eventWhere(q store.EventQuery) where {
	var w where
	if q.Actor != "" {
		code := prefixArg(strings.ToUpper(q.Actor))
		name := likeArg(q.Actor)
		w.add(`(e.src_code LIKE ? ESCAPE '\' OR e.tgt_code LIKE ? ESCAPE '\' OR lower(e.src_name) LIKE ? ESCAPE '\' OR lower(e.tgt_name) LIKE ? ESCAPE '\')`,
			code, code, name, name)
	}
	if q.Code != "" {
		w.add(`e.code LIKE ? ESCAPE '\'`, prefixArg(q.Code))
	}
	if q.QuadClass != 0 {
		w.add(`e.quad_class = ?`, q.QuadClass)
	}
	if q.ArticleID != "" {
		w.add(`e.article_seq = (SELECT seq FROM articles WHERE id = ?)`, q.ArticleID)
	}
	w.timeRange("e.at", q.Since, q.Until)
	return w
}

// Events lists events, newest first. Since and Until filter on the event's
// resolved date, else its article's publication time.
func (s *Store) Events(ctx context.Context, q store.EventQuery) ([]store.EventRow, error) {
	w := eventWhere(q)
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.title, a.url, a.published, e.data
		FROM events e JOIN articles a ON a.seq = e.article_seq`+w.sql()+`
		ORDER BY e.at IS NULL, e.at DESC, a.seq DESC, e.idx LIMIT ? OFFSET ?`,
		append(w.args, windowArgs(q.Page)...)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	out := []store.EventRow{}
	for rows.Next() {
		var r store.EventRow
		var pub sql.NullInt64
		var data string
		if err := rows.Scan(&r.ArticleID, &r.ArticleTitle, &r.URL, &pub, &data); err != nil {
			return nil, err
		}
		r.Published = fromUnix(pub)
		if err := json.Unmarshal([]byte(data), &r.Event); err != nil {
			return nil, fmt.Errorf("sqlite: event of %s: %w", r.ArticleID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Timeline counts events by day and QuadClass, oldest day first; events with
// no date are left out.
func (s *Store) Timeline(ctx context.Context, q store.EventQuery) ([]store.TimelineBucket, error) {
	w := eventWhere(q)
	w.add(`e.at IS NOT NULL`)
	rows, err := s.r.QueryContext(ctx, `SELECT date(e.at, 'unixepoch') AS day, e.quad_class, count(*)
		FROM events e`+w.sql()+` GROUP BY day, e.quad_class ORDER BY day, e.quad_class`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: timeline: %w", err)
	}
	defer rows.Close()
	out := []store.TimelineBucket{}
	for rows.Next() {
		var b store.TimelineBucket
		if err := rows.Scan(&b.Day, &b.QuadClass, &b.Events); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// Counts lists counts, newest article first.
func (s *Store) Counts(ctx context.Context, q store.CountQuery) ([]store.CountRow, error) {
	var w where
	if q.Type != "" {
		w.add(`c.type = ?`, strings.ToUpper(q.Type))
	}
	if q.Text != "" {
		p := likeArg(q.Text)
		w.add(`(lower(c.object) LIKE ? ESCAPE '\' OR lower(c.place) LIKE ? ESCAPE '\')`, p, p)
	}
	if q.ArticleID != "" {
		w.add(`a.id = ?`, q.ArticleID)
	}
	w.timeRange("a.published", q.Since, q.Until)
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.title, a.source, a.published, c.data
		FROM counts c JOIN articles a ON a.seq = c.article_seq`+w.sql()+`
		ORDER BY a.published IS NULL, a.published DESC, a.seq DESC, c.idx LIMIT ? OFFSET ?`,
		append(w.args, windowArgs(q.Page)...)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: counts: %w", err)
	}
	defer rows.Close()
	out := []store.CountRow{}
	for rows.Next() {
		var r store.CountRow
		var pub sql.NullInt64
		var data string
		if err := rows.Scan(&r.ArticleID, &r.ArticleTitle, &r.Source, &pub, &data); err != nil {
			return nil, err
		}
		r.Published = fromUnix(pub)
		if err := json.Unmarshal([]byte(data), &r.Count); err != nil {
			return nil, fmt.Errorf("sqlite: count of %s: %w", r.ArticleID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Entities lists cross-article entities: names that start with the query
// first, then by the number of articles and mentions.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]store.EntityRow, error) {
	var w where
	order := `articles DESC, mentions DESC, name`
	var orderArgs []any
	if n := store.NormalizeName(q.Name); n != "" {
		w.add(`name_norm LIKE ? ESCAPE '\'`, likeArg(n))
		order = `name_norm LIKE ? ESCAPE '\' DESC, ` + order
		orderArgs = append(orderArgs, prefixArg(n))
	}
	if q.Type != "" {
		w.add(`type = ?`, strings.ToUpper(q.Type))
	}
	if q.Country != "" {
		w.add(`country = ?`, strings.ToUpper(q.Country))
	}
	args := append(append(w.args, orderArgs...), windowArgs(q.Page)...)
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, type, country, articles, mentions FROM entities`+w.sql()+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	defer rows.Close()
	out := []store.EntityRow{}
	for rows.Next() {
		var e store.EntityRow
		if err := rows.Scan(&e.ID, &e.Name, &e.Type, &e.Country, &e.Articles, &e.Mentions); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Entity returns one cross-article entity.
func (s *Store) Entity(ctx context.Context, id string) (store.EntityRow, error) {
	var e store.EntityRow
	err := s.r.QueryRowContext(ctx, `SELECT id, name, type, country, articles, mentions FROM entities WHERE id = ?`, id).
		Scan(&e.ID, &e.Name, &e.Type, &e.Country, &e.Articles, &e.Mentions)
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("sqlite: entity %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("sqlite: entity %s: %w", id, err)
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
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM stories WHERE articles >= ? ORDER BY last_seq DESC LIMIT ? OFFSET ?`,
		append([]any{minArticles}, windowArgs(q.Page)...)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []store.Story{}
	for _, id := range ids {
		st := store.Story{ID: id, Articles: []store.ArticleSummary{}}
		arows, err := s.r.QueryContext(ctx, `SELECT id, url, source, title, published FROM articles WHERE story_id = ?
			ORDER BY published IS NULL, published, seq`, id)
		if err != nil {
			return nil, fmt.Errorf("sqlite: story %s: %w", id, err)
		}
		for arows.Next() {
			a := store.ArticleSummary{StoryID: id}
			var pub sql.NullInt64
			if err := arows.Scan(&a.ID, &a.URL, &a.Source, &a.Title, &pub); err != nil {
				arows.Close()
				return nil, err
			}
			a.Published = fromUnix(pub)
			st.Articles = append(st.Articles, a)
		}
		arows.Close()
		if err := arows.Err(); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// Scan calls fn for every article stored at or after since (the time it was
// stored; zero for all), in insertion order. It reads in batches so fn may
// call the store.
func (s *Store) Scan(ctx context.Context, since time.Time, fn func(*doc.Document) error) error {
	var after int64
	sinceArg := int64(0)
	if !since.IsZero() {
		sinceArg = since.Unix()
	}
	for {
		type item struct {
			id  string
			rec []byte
		}
		var batch []item
		rows, err := s.r.QueryContext(ctx, `SELECT seq, id, record FROM articles WHERE seq > ? AND stored_at >= ? ORDER BY seq LIMIT 256`, after, sinceArg)
		if err != nil {
			return fmt.Errorf("sqlite: scan: %w", err)
		}
		for rows.Next() {
			var it item
			if err := rows.Scan(&after, &it.id, &it.rec); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: scan: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, it := range batch {
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
