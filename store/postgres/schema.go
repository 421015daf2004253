package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"eventwire/store/internal/sqlq"
)

// migrations are the schema versions in order; migrations[i] brings the
// database to version i+1. Never edit a released migration: add one.
var migrations = []string{
	// 1: articles, their inputs, full-text search, stories and every layer
	// that is queried (the same model as the SQLite driver). Search folds
	// accents (unaccent) and stems English words.
	`
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE TEXT SEARCH CONFIGURATION eventwire_search (COPY = english);
ALTER TEXT SEARCH CONFIGURATION eventwire_search
	ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;
CREATE TABLE articles (
	seq          BIGSERIAL PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	url          TEXT NOT NULL DEFAULT '',
	content_hash TEXT NOT NULL UNIQUE,
	source       TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT '',
	published    TIMESTAMPTZ,
	language     TEXT NOT NULL DEFAULT '',
	story_id     TEXT NOT NULL,
	minhash      BYTEA,             -- neardup.Signature, NULL when the text is too short
	stored_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
	record       BYTEA NOT NULL,
	tsv          TSVECTOR GENERATED ALWAYS AS (
		setweight(to_tsvector('eventwire_search', title), 'A') || setweight(to_tsvector('eventwire_search', body), 'B')) STORED
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url <> '';
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(lower(source));
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_stored ON articles(stored_at);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE inputs (
	key        TEXT PRIMARY KEY,
	article_id TEXT NOT NULL
);

CREATE TABLE minhash_bands (
	band        BIGINT NOT NULL,
	article_seq BIGINT NOT NULL,
	PRIMARY KEY (band, article_seq)
);

CREATE TABLE stories (
	id       TEXT PRIMARY KEY,
	articles INTEGER NOT NULL,
	last_seq BIGINT NOT NULL
);
CREATE INDEX stories_recent ON stories(articles, last_seq);

CREATE TABLE entities (
	id        TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	name_norm TEXT NOT NULL,
	type      TEXT NOT NULL,
	country   TEXT NOT NULL DEFAULT '',
	articles  INTEGER NOT NULL,
	mentions  INTEGER NOT NULL
);
CREATE INDEX entities_name ON entities(name_norm text_pattern_ops);
CREATE INDEX entities_rank ON entities(articles DESC, mentions DESC);

CREATE TABLE article_entities (
	article_seq BIGINT NOT NULL,
	entity_id   TEXT NOT NULL,
	mentions    INTEGER NOT NULL,
	PRIMARY KEY (entity_id, article_seq)
);
CREATE INDEX article_entities_article ON article_entities(article_seq);

CREATE TABLE mentions (
	article_seq BIGINT NOT NULL,
	entity_id   TEXT NOT NULL,
	start_off   INTEGER NOT NULL,
	end_off     INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	text        TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE places (
	id        TEXT PRIMARY KEY,
	geonameid INTEGER,
	name      TEXT NOT NULL,
	country   TEXT NOT NULL DEFAULT '',
	lat       DOUBLE PRECISION,
	lon       DOUBLE PRECISION,
	articles  INTEGER NOT NULL
);
CREATE TABLE article_places (
	article_seq BIGINT NOT NULL,
	place_id    TEXT NOT NULL,
	PRIMARY KEY (place_id, article_seq)
);

CREATE TABLE quotes (
	qid            BIGSERIAL PRIMARY KEY,
	article_seq    BIGINT NOT NULL,
	idx            INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	speaker        TEXT NOT NULL DEFAULT '',
	speaker_entity TEXT NOT NULL DEFAULT '',
	text           TEXT NOT NULL,
	data           JSONB NOT NULL,
	tsv            TSVECTOR GENERATED ALWAYS AS (to_tsvector('eventwire_search', text)) STORED
);
CREATE INDEX quotes_article ON quotes(article_seq);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity) WHERE speaker_entity <> '';
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);

CREATE TABLE events (
	article_seq BIGINT NOT NULL,
	idx         INTEGER NOT NULL,
	src_code    TEXT NOT NULL DEFAULT '',
	src_name    TEXT NOT NULL DEFAULT '',
	tgt_code    TEXT NOT NULL DEFAULT '',
	tgt_name    TEXT NOT NULL DEFAULT '',
	code        TEXT NOT NULL,
	quad_class  INTEGER NOT NULL,
	at          TIMESTAMPTZ,
	data        JSONB NOT NULL
);
CREATE INDEX events_article ON events(article_seq);
CREATE INDEX events_at ON events(at);
CREATE INDEX events_code ON events(code text_pattern_ops);

CREATE TABLE counts (
	article_seq BIGINT NOT NULL,
	idx         INTEGER NOT NULL,
	type        TEXT NOT NULL,
	number      DOUBLE PRECISION NOT NULL,
	object      TEXT NOT NULL DEFAULT '',
	place       TEXT NOT NULL DEFAULT '',
	data        JSONB NOT NULL
);
CREATE INDEX counts_article ON counts(article_seq);
CREATE INDEX counts_type ON counts(type);

CREATE TABLE failures (
	input TEXT PRIMARY KEY,
	error TEXT NOT NULL,
	at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX failures_at ON failures(at);
`,
}

// searchConfig is the text search configuration migration 1 creates.
const searchConfig = "eventwire_search"

// migrationLock is the advisory lock key that serialises migrations when
// many workers start at once.
const migrationLock = 0x65766e74 // "evnt"

// migrate brings the database to the latest schema version, one
// transaction per version, under an advisory lock, and returns the version
// it ends at.
func migrate(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return 0, fmt.Errorf("lock for migration: %w", err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS eventwire_migrations (
		version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return 0, fmt.Errorf("create eventwire_migrations: %w", err)
	}
	var version int
	if err := conn.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM eventwire_migrations`).Scan(&version); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	begin := func() (sqlq.Tx, error) {
		tx, err := conn.Begin(ctx)
		if err != nil {
			return nil, err
		}
		return pgTx{ctx, tx}, nil
	}
	return sqlq.Migrate(version, migrations, begin, func(tx sqlq.Tx, v int) error {
		return tx.Exec(`INSERT INTO eventwire_migrations(version) VALUES ($1)`, v)
	})
}

// pgTx is a pgx transaction as an sqlq.Tx.
type pgTx struct {
	ctx context.Context
	tx  pgx.Tx
}

func (t pgTx) Exec(query string, args ...any) error {
	_, err := t.tx.Exec(t.ctx, query, args...)
	return err
}

func (t pgTx) Commit() error   { return t.tx.Commit(t.ctx) }
func (t pgTx) Rollback() error { return t.tx.Rollback(t.ctx) }
