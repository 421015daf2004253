package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"eventwire/store/internal/sqlq"
)

// migrations are the schema versions in order; migrations[i] brings the
// database to version i+1. Never edit a released migration: add one.
var migrations = []string{
	// 1: articles, their inputs, full-text search, stories and every layer
	// that is queried.
	`
CREATE TABLE articles (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	id           TEXT NOT NULL UNIQUE,
	url          TEXT NOT NULL DEFAULT '',
	content_hash TEXT NOT NULL,
	source       TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	published    INTEGER,           -- unix seconds, NULL when unknown
	language     TEXT NOT NULL DEFAULT '',
	story_id     TEXT NOT NULL,
	simhash      INTEGER,           -- NULL when the text is too short
	stored_at    INTEGER NOT NULL,  -- unix seconds
	record       BLOB NOT NULL      -- zstd-compressed JSON doc.Document
);
CREATE INDEX articles_url ON articles(url) WHERE url <> '';
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source COLLATE NOCASE);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_stored ON articles(stored_at);

CREATE TABLE inputs (
	key        TEXT PRIMARY KEY,
	article_id TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE simhash_bands (
	band        INTEGER NOT NULL,
	article_seq INTEGER NOT NULL REFERENCES articles(seq),
	PRIMARY KEY (band, article_seq)
) WITHOUT ROWID;

CREATE TABLE stories (
	id       TEXT PRIMARY KEY,
	articles INTEGER NOT NULL,
	last_seq INTEGER NOT NULL
);
CREATE INDEX stories_recent ON stories(articles, last_seq);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE entities (
	id        TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	name_norm TEXT NOT NULL,
	type      TEXT NOT NULL,
	country   TEXT NOT NULL DEFAULT '',
	articles  INTEGER NOT NULL,
	mentions  INTEGER NOT NULL
);
CREATE INDEX entities_name ON entities(name_norm);
CREATE INDEX entities_rank ON entities(articles DESC, mentions DESC);

CREATE TABLE article_entities (
	article_seq INTEGER NOT NULL REFERENCES articles(seq),
	entity_id   TEXT NOT NULL REFERENCES entities(id),
	mentions    INTEGER NOT NULL,
	PRIMARY KEY (entity_id, article_seq)
) WITHOUT ROWID;
CREATE INDEX article_entities_article ON article_entities(article_seq);

CREATE TABLE mentions (
	article_seq INTEGER NOT NULL REFERENCES articles(seq),
	entity_id   TEXT NOT NULL,
	start       INTEGER NOT NULL,
	end         INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	text        TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE places (
	id        TEXT PRIMARY KEY,   -- "g<geonameid>" or "n<name>|<country>"
	geonameid INTEGER,
	name      TEXT NOT NULL,
	country   TEXT NOT NULL DEFAULT '',
	lat       REAL,
	lon       REAL,
	articles  INTEGER NOT NULL
);
CREATE TABLE article_places (
	article_seq INTEGER NOT NULL REFERENCES articles(seq),
	place_id    TEXT NOT NULL REFERENCES places(id),
	PRIMARY KEY (place_id, article_seq)
) WITHOUT ROWID;

CREATE TABLE quotes (
	article_seq    INTEGER NOT NULL REFERENCES articles(seq),
	idx            INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	speaker        TEXT NOT NULL DEFAULT '',
	speaker_entity TEXT NOT NULL DEFAULT '',
	data           TEXT NOT NULL     -- JSON doc.Quote
);
CREATE INDEX quotes_article ON quotes(article_seq);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity) WHERE speaker_entity <> '';
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE events (
	article_seq INTEGER NOT NULL REFERENCES articles(seq),
	idx         INTEGER NOT NULL,
	src_code    TEXT NOT NULL DEFAULT '',
	src_name    TEXT NOT NULL DEFAULT '',
	tgt_code    TEXT NOT NULL DEFAULT '',
	tgt_name    TEXT NOT NULL DEFAULT '',
	code        TEXT NOT NULL,
	quad_class  INTEGER NOT NULL,
	at          INTEGER,            -- event date, else the article's, unix seconds
	data        TEXT NOT NULL       -- JSON doc.Event
);
CREATE INDEX events_article ON events(article_seq);
CREATE INDEX events_at ON events(at);
CREATE INDEX events_code ON events(code);

CREATE TABLE counts (
	article_seq INTEGER NOT NULL REFERENCES articles(seq),
	idx         INTEGER NOT NULL,
	type        TEXT NOT NULL,
	number      REAL NOT NULL,
	object      TEXT NOT NULL DEFAULT '',
	place       TEXT NOT NULL DEFAULT '',
	data        TEXT NOT NULL       -- JSON doc.Count
);
CREATE INDEX counts_article ON counts(article_seq);
CREATE INDEX counts_type ON counts(type);

CREATE TABLE failures (
	input TEXT PRIMARY KEY,
	error TEXT NOT NULL,
	at    INTEGER NOT NULL
);
CREATE INDEX failures_at ON failures(at);
`,
	// 2: MinHash signatures and LSH bands replace SimHash for stories.
	`
DROP TABLE simhash_bands;
ALTER TABLE articles DROP COLUMN simhash;
ALTER TABLE articles ADD COLUMN minhash BLOB; -- neardup.Signature, NULL when the text is too short
CREATE TABLE minhash_bands (
	band        INTEGER NOT NULL,
	article_seq INTEGER NOT NULL REFERENCES articles(seq),
	PRIMARY KEY (band, article_seq)
) WITHOUT ROWID;
-- A batch of articles fits FTS5's in-memory term table (default 1 MiB),
-- so the index is flushed once per transaction rather than mid-batch.
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 16777216);
`,
}

// migrate brings the database to the latest schema version, one
// transaction per version, and returns the version it ends at.
func migrate(ctx context.Context, db *sql.DB) (int, error) {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	var version int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return sqlq.Migrate(version, migrations, sqlq.BeginSQL(ctx, db), func(tx sqlq.Tx, v int) error {
		return tx.Exec(`INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`, v, time.Now().Unix())
	})
}
