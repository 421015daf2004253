// Package postgres is the shared store driver: PostgreSQL through pgx, for
// many workers writing one store and large archives. It keeps the same model
// as the SQLite driver (a compressed record per article plus normalised
// tables for queries) with tsvector columns and GIN indexes for full-text
// search. It implements store.Store and passes store/storetest.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"eventwire/doc"
	"eventwire/store"
	"eventwire/store/internal/sqlq"
	"eventwire/store/neardup"
)

// Store is a PostgreSQL-backed store.Store. Its read methods (Article,
// Search, Quotes, Events, Timeline, Counts, Entities, Entity, Stories, Scan,
// Failures, Stats) are the queries it shares with store/sqlite.
type Store struct {
	*reader // the read methods, over pool
	pool    *pgxpool.Pool
	codec   *store.Codec
}

var _ store.Store = (*Store)(nil)

// reader names sqlq.Reader to embed it in Store unexported.
type reader = sqlq.Reader

// writer writes the rows of Put and AddFailure, as store/sqlite does.
var writer = sqlq.NewWriter(dialect{})

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
	return &Store{pool: pool, codec: codec, reader: sqlq.NewReader(dialect{}, querier{pool}, codec)}, nil
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
	exec := func(query string, args ...any) error {
		_, err := tx.Exec(ctx, query, args...)
		return err
	}
	if existing, story, ok, err := s.existing(ctx, tx, id, u, hash); err != nil {
		return store.PutResult{}, err
	} else if ok {
		d.ID = existing
		return store.PutResult{ID: existing, StoryID: story}, writer.MarkInput(exec, d.Input, existing)
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
	var seq int64
	err := tx.QueryRow(ctx, `INSERT INTO articles
		(id, url, content_hash, source, title, body, published, language, story_id, minhash, record)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT DO NOTHING RETURNING seq`,
		id, u, hash, d.Source, d.Title, sqlq.Body(d), writer.NullTime(d.Published), d.Language, storyID, minhash, record).Scan(&seq)
	if errors.Is(err, pgx.ErrNoRows) {
		// Another writer stored the same article since we looked.
		existing, story, _, err := s.existing(ctx, tx, id, u, hash)
		if err != nil {
			return store.PutResult{}, err
		}
		d.ID = existing
		return store.PutResult{ID: existing, StoryID: story}, writer.MarkInput(exec, d.Input, existing)
	}
	if err != nil {
		return store.PutResult{}, fmt.Errorf("insert article: %w", err)
	}
	// The rest goes in one batch; queueing cannot fail, and the batch's
	// errors come when it is sent.
	batch := &pgx.Batch{}
	queue := func(query string, args ...any) error {
		batch.Queue(query, args...)
		return nil
	}
	if minhash != nil {
		if err := writer.Bands(queue, seq, sig); err != nil {
			return store.PutResult{}, err
		}
	}
	batch.Queue(`INSERT INTO stories(id, articles, last_seq) VALUES ($1, 1, $2)
		ON CONFLICT(id) DO UPDATE SET articles = stories.articles + 1, last_seq = GREATEST(stories.last_seq, excluded.last_seq)`, storyID, seq)
	if err := writer.Layers(queue, func(q sqlq.Quote) error {
		batch.Queue(`INSERT INTO quotes(article_seq, idx, kind, speaker, speaker_entity, text, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			q.Seq, q.Idx, q.Kind, q.Speaker, q.SpeakerEntity, q.Text, q.Data)
		return nil
	}, seq, d); err != nil {
		return store.PutResult{}, err
	}
	if err := writer.MarkInput(queue, d.Input, id); err != nil {
		return store.PutResult{}, err
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
	near, err := sqlq.NearestStory(rows, sig)
	if err != nil {
		return "", fmt.Errorf("look up near-duplicates: %w", err)
	}
	return near, nil
}

// AddFailure records (or replaces) the failure of one input.
func (s *Store) AddFailure(ctx context.Context, f store.Failure) error {
	if f.At.IsZero() {
		f.At = time.Now()
	}
	err := writer.AddFailure(func(query string, args ...any) error {
		_, err := s.pool.Exec(ctx, query, args...)
		return err
	}, f)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}
