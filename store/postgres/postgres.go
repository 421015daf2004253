// Package postgres is the shared store driver: PostgreSQL through pgx, for
// many workers writing one store and large archives. It keeps the same model
// as the SQLite driver (a compressed record per article plus normalised
// tables for queries) with tsvector columns and GIN indexes for full-text
// search. It implements store.Store and passes store/storetest.
package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"eventwire/doc"
	"eventwire/store"
	"eventwire/store/neardup"
)

// Store is a PostgreSQL-backed store.Store.
type Store struct {
	pool  *pgxpool.Pool
	codec *store.Codec
}

var _ store.Store = (*Store)(nil)

// IsURL reports whether dsn names a PostgreSQL database rather than a file.
func IsURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database at url (postgres://...) and brings its
// schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse url: %w", err)
	}
	if cfg.MaxConns < 8 {
		cfg.MaxConns = 8
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect %s: %w", cfg.ConnConfig.Host, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect %s: %w", cfg.ConnConfig.Host, err)
	}
	if _, err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	codec, err := store.NewCodec()
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool, codec: codec}, nil
}

// Pool returns the connection pool, for components that share the database
// (the job queue).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close releases the connections.
func (s *Store) Close() error {
	s.pool.Close()
	s.codec.Close()
	return nil
}

// Has reports whether the input key was already stored.
func (s *Store) Has(ctx context.Context, inputKey string) (bool, error) {
	var ok bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM inputs WHERE key = $1)`, inputKey).Scan(&ok); err != nil {
		return false, fmt.Errorf("postgres: has %q: %w", inputKey, err)
	}
	return ok, nil
}

// Put stores d with all its layers, unless an article with the same id, URL
// or content hash is already stored. It is safe for many writers at once:
// unique constraints settle races, and a writer that loses one finds the
// winner's article. It sets d.ID.
func (s *Store) Put(ctx context.Context, d *doc.Document) (store.PutResult, error) {
	id := store.ArticleID(d)
	d.ID = id
	record, err := s.codec.Encode(d)
	if err != nil {
		return store.PutResult{}, fmt.Errorf("postgres: %w", err)
	}
	sig, shingles := neardup.Sign(d.Text)
	var res store.PutResult
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		res, err = s.put(ctx, tx, d, record, &sig, shingles)
		return err
	})
	if err != nil {
		return store.PutResult{}, fmt.Errorf("postgres: put %s (%s): %w", id, d.Input, err)
	}
	return res, nil
}

func (s *Store) put(ctx context.Context, tx pgx.Tx, d *doc.Document, record []byte, sig *neardup.Signature, shingles int) (store.PutResult, error) {
	id, hash, u := d.ID, store.ContentHash(d), strings.TrimSpace(d.URL)
	if existing, story, ok, err := s.existing(ctx, tx, id, u, hash); err != nil {
		return store.PutResult{}, err
	} else if ok {
		d.ID = existing
		return store.PutResult{ID: existing, StoryID: story}, s.markInput(ctx, tx, d.Input, existing)
	}
	storyID := "s" + id
	var minhash []byte
	if shingles >= neardup.MinShingles {
		minhash = sig.Bytes()
		near, err := s.nearest(ctx, tx, sig)
		if err != nil {
			return store.PutResult{}, err
		}
		if near != "" {
			storyID = near
		}
	}
	body := d.Text
	if d.TitleSpan.End > 0 && d.TitleSpan.End <= len(body) {
		body = strings.TrimLeft(body[d.TitleSpan.End:], "\n")
	}
	var seq int64
	err := tx.QueryRow(ctx, `INSERT INTO articles
		(id, url, content_hash, source, title, body, published, language, story_id, minhash, record)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT DO NOTHING RETURNING seq`,
		id, u, hash, d.Source, d.Title, body, timeOrNil(d.Published), d.Language, storyID, minhash, record).Scan(&seq)
	if errors.Is(err, pgx.ErrNoRows) {
		// Another writer stored the same article since we looked.
		existing, story, _, err := s.existing(ctx, tx, id, u, hash)
		if err != nil {
			return store.PutResult{}, err
		}
		d.ID = existing
		return store.PutResult{ID: existing, StoryID: story}, s.markInput(ctx, tx, d.Input, existing)
	}
	if err != nil {
		return store.PutResult{}, fmt.Errorf("insert article: %w", err)
	}
	batch := &pgx.Batch{}
	if minhash != nil {
		for _, b := range neardup.Bands(sig) {
			batch.Queue(`INSERT INTO minhash_bands(band, article_seq) VALUES ($1, $2) ON CONFLICT DO NOTHING`, b, seq)
		}
	}
	batch.Queue(`INSERT INTO stories(id, articles, last_seq) VALUES ($1, 1, $2)
		ON CONFLICT(id) DO UPDATE SET articles = stories.articles + 1, last_seq = GREATEST(stories.last_seq, excluded.last_seq)`, storyID, seq)
	global := queueEntities(batch, seq, d)
	if err := queueLayers(batch, seq, d, global); err != nil {
		return store.PutResult{}, err
	}
	if d.Input != "" {
		batch.Queue(`INSERT INTO inputs(key, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, d.Input, id)
		batch.Queue(`DELETE FROM failures WHERE input = $1`, d.Input)
	}
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return store.PutResult{}, fmt.Errorf("insert layers: %w", err)
	}
	return store.PutResult{ID: id, Created: true, StoryID: storyID}, nil
}

// existing finds an article already stored under the same id, URL or text.
func (s *Store) existing(ctx context.Context, tx pgx.Tx, id, u, hash string) (string, string, bool, error) {
	var got, story string
	err := tx.QueryRow(ctx, `SELECT id, story_id FROM articles
		WHERE id = $1 OR (url = $2 AND $2 <> '') OR content_hash = $3 ORDER BY seq LIMIT 1`, id, u, hash).Scan(&got, &story)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("look up duplicate: %w", err)
	}
	return got, story, true, nil
}

// nearest returns the story of the most similar near-duplicate of the text
// whose signature is sig, or "". Candidates share an LSH band with it.
func (s *Store) nearest(ctx context.Context, tx pgx.Tx, sig *neardup.Signature) (string, error) {
	bands := neardup.Bands(sig)
	rows, err := tx.Query(ctx, `SELECT a.minhash, a.story_id FROM articles a
		WHERE a.seq IN (SELECT article_seq FROM minhash_bands WHERE band = ANY($1)) ORDER BY a.seq`, bands[:])
	if err != nil {
		return "", fmt.Errorf("look up near-duplicates: %w", err)
	}
	defer rows.Close()
	best, bestSim := "", neardup.MinSimilarity
	for rows.Next() {
		var b []byte
		var story string
		if err := rows.Scan(&b, &story); err != nil {
			return "", err
		}
		other, err := neardup.Decode(b)
		if err != nil {
			return "", err
		}
		if sim := neardup.Similarity(sig, &other); sim >= bestSim {
			best, bestSim = story, sim
		}
	}
	return best, rows.Err()
}

func (s *Store) markInput(ctx context.Context, tx pgx.Tx, input, id string) error {
	if input == "" {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO inputs(key, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, input, id); err != nil {
		return fmt.Errorf("record input: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM failures WHERE input = $1`, input); err != nil {
		return fmt.Errorf("clear failure: %w", err)
	}
	return nil
}

// queueEntities queues the document's mentions and the upserts of its
// cross-article entities and places (in key order, so that concurrent
// writers never deadlock), and returns the map from the document's entity
// ids ("e1") to the cross-article ones.
func queueEntities(batch *pgx.Batch, seq int64, d *doc.Document) map[string]string {
	totals, global := store.EntityTotals(d)
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			batch.Queue(`INSERT INTO mentions(article_seq, entity_id, start_off, end_off, kind, text) VALUES ($1, $2, $3, $4, $5, $6)`,
				seq, global[e.ID], m.Start, m.End, m.Kind, m.Text)
		}
	}
	for _, e := range totals {
		batch.Queue(`INSERT INTO entities(id, name, name_norm, type, country, articles, mentions) VALUES ($1, $2, $3, $4, $5, 1, $6)
			ON CONFLICT(id) DO UPDATE SET articles = entities.articles + 1, mentions = entities.mentions + excluded.mentions,
				country = CASE WHEN entities.country = '' THEN excluded.country ELSE entities.country END`,
			e.ID, e.Name, e.NameNorm, e.Type, e.Country, e.Mentions)
		batch.Queue(`INSERT INTO article_entities(article_seq, entity_id, mentions) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, seq, e.ID, e.Mentions)
	}
	for _, p := range store.Places(d) {
		var gn *int
		if p.GeoNameID != 0 {
			gn = &p.GeoNameID
		}
		batch.Queue(`INSERT INTO places(id, geonameid, name, country, lat, lon, articles) VALUES ($1, $2, $3, $4, $5, $6, 1)
			ON CONFLICT(id) DO UPDATE SET articles = places.articles + 1`, p.ID, gn, p.Name, p.Country, p.Lat, p.Lon)
		batch.Queue(`INSERT INTO article_places(article_seq, place_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, seq, p.ID)
	}
	return global
}

// queueLayers queues the inserts of the quotes, events and counts of a document.
func queueLayers(batch *pgx.Batch, seq int64, d *doc.Document, global map[string]string) error {
	for i, q := range d.Quotes {
		data, err := json.Marshal(q)
		if err != nil {
			return err
		}
		var speaker, speakerEntity string
		if q.Speaker != nil {
			speaker = q.Speaker.Name
			speakerEntity = global[q.Speaker.EntityID]
		}
		batch.Queue(`INSERT INTO quotes(article_seq, idx, kind, speaker, speaker_entity, text, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			seq, i, q.Kind, speaker, speakerEntity, q.Text, data)
	}
	for i, e := range d.Events {
		data, err := json.Marshal(e)
		if err != nil {
			return err
		}
		var tgtCode, tgtName string
		if e.Target != nil {
			tgtCode, tgtName = e.Target.Code, e.Target.Name
		}
		batch.Queue(`INSERT INTO events(article_seq, idx, src_code, src_name, tgt_code, tgt_name, code, quad_class, at, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			seq, i, e.Source.Code, e.Source.Name, tgtCode, tgtName, e.Code, e.QuadClass, timeOrNil(store.EventTime(&e, d.Published)), data)
	}
	for i, c := range d.Counts {
		data, err := json.Marshal(c)
		if err != nil {
			return err
		}
		var place string
		if c.Place != nil {
			place = c.Place.Name
		}
		batch.Queue(`INSERT INTO counts(article_seq, idx, type, number, object, place, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			seq, i, c.Type, c.Number, c.Object, place, data)
	}
	return nil
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// AddFailure records (or replaces) the failure of one input.
func (s *Store) AddFailure(ctx context.Context, f store.Failure) error {
	at := f.At
	if at.IsZero() {
		at = time.Now()
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO failures(input, error, at) VALUES ($1, $2, $3)
		ON CONFLICT(input) DO UPDATE SET error = excluded.error, at = excluded.at`, f.Input, f.Error, at); err != nil {
		return fmt.Errorf("postgres: record failure of %s: %w", f.Input, err)
	}
	return nil
}

// Failures lists recorded failures, newest first.
func (s *Store) Failures(ctx context.Context, limit int) ([]store.Failure, error) {
	rows, err := s.pool.Query(ctx, `SELECT input, error, at FROM failures ORDER BY at DESC, input LIMIT $1`, limitOf(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: failures: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Failure, error) {
		var f store.Failure
		err := r.Scan(&f.Input, &f.Error, &f.At)
		f.At = f.At.UTC()
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: failures: %w", err)
	}
	if out == nil {
		out = []store.Failure{}
	}
	return out, nil
}

// Stats counts what the store holds. Stories counts stories of two or more
// articles.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM entities),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM counts),
		(SELECT count(*) FROM stories WHERE articles >= 2),
		(SELECT count(*) FROM failures)`).Scan(&st.Articles, &st.Entities, &st.Quotes, &st.Events, &st.Counts, &st.Stories, &st.Failures)
	if err != nil {
		return st, fmt.Errorf("postgres: stats: %w", err)
	}
	return st, nil
}
