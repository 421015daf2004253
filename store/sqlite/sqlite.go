// Package sqlite is the embedded store driver: one SQLite file (via the
// pure-Go modernc.org/sqlite) in WAL mode, with a single writer connection
// and a pool of readers, FTS5 full-text indexes over articles and quotes,
// cross-article entities and SimHash story links. It implements store.Store.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"eventwire/doc"
	"eventwire/store"
	"eventwire/store/internal/sqlq"
	"eventwire/store/neardup"
)

// Store is a SQLite-backed store.Store. Its read methods (Article,
// Search, Quotes, Events, Timeline, Counts, Entities, Entity, Stories, Scan,
// Failures, Stats) are the queries it shares with store/postgres.
type Store struct {
	*reader // the read methods, over r
	path    string
	w       *sql.DB // one connection: all writes go through it
	r       *sql.DB // readers, in parallel (WAL)
	mu      sync.Mutex
	codec   *store.Codec
	// txStmts are the statements prepared in write transaction stmtsTx
	// (guarded by mu); they close with it.
	txStmts map[string]*sql.Stmt
	stmtsTx *sql.Tx
	now     func() time.Time
}

var _ store.Store = (*Store)(nil)

// reader names sqlq.Reader to embed it in Store unexported.
type reader = sqlq.Reader

// writer writes the rows of Put and AddFailure, as store/postgres does.
var writer = sqlq.NewWriter(dialect{})

// Open opens (creating when needed) the database file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	dsn := func(extra string) string {
		q := url.Values{}
		for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(0)"} {
			q.Add("_pragma", p)
		}
		if extra != "" {
			q.Add("_pragma", extra)
		}
		q.Set("_txlock", "immediate")
		return "file:" + path + "?" + q.Encode()
	}
	w, err := sql.Open("sqlite", dsn(""))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if _, err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn("query_only(1)"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)*2))
	codec, err := store.NewCodec()
	if err != nil {
		w.Close()
		r.Close()
		return nil, err
	}
	return &Store{path: path, w: w, r: r, codec: codec, reader: sqlq.NewReader(dialect{}, sqlq.FromSQL(r), codec), now: time.Now}, nil
}

// Close releases the database; the WAL is checkpointed into the main file.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codec.Close()
	err := s.r.Close()
	if _, cerr := s.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); cerr != nil && err == nil {
		err = cerr
	}
	if cerr := s.w.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sqlite: close %s: %w", s.path, err)
	}
	return nil
}

// Has reports whether the input key was already stored.
func (s *Store) Has(ctx context.Context, inputKey string) (bool, error) {
	var one int
	err := s.r.QueryRowContext(ctx, `SELECT 1 FROM inputs WHERE key = ?`, inputKey).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sqlite: has %q: %w", inputKey, err)
	}
	return true, nil
}

// Put stores d with all its layers, unless an article with the same id, URL
// or content hash is already stored. It sets d.ID.
func (s *Store) Put(ctx context.Context, d *doc.Document) (store.PutResult, error) {
	res, errs, err := s.PutBatch(ctx, []*doc.Document{d})
	if err != nil {
		return store.PutResult{}, err
	}
	return res[0], errs[0]
}

var _ store.Batcher = (*Store)(nil)

// encoded is a document ready to be written.
type encoded struct {
	d        *doc.Document
	record   []byte
	sig      neardup.Signature
	shingles int
	err      error
}

// PutBatch puts docs in one transaction, each under a savepoint so that one
// document's failure leaves the others stored.
func (s *Store) PutBatch(ctx context.Context, docs []*doc.Document) ([]store.PutResult, []error, error) {
	enc := make([]encoded, len(docs))
	for i, d := range docs {
		d.ID = store.ArticleID(d)
		e := encoded{d: d}
		if rec, err := s.codec.Encode(d); err != nil {
			e.err = fmt.Errorf("sqlite: %w", err)
		} else {
			e.record = rec
		}
		e.sig, e.shingles = neardup.Sign(d.Text)
		enc[i] = e
	}
	results := make([]store.PutResult, len(docs))
	errs := make([]error, len(docs))

	s.mu.Lock()
	defer s.mu.Unlock()
	// One transaction for the batch, without savepoints (FTS5 flushes its
	// index at every savepoint). When a document fails, the batch is rolled
	// back and its documents are put one transaction each.
	failed, err := s.putTx(ctx, enc, results, errs)
	if err != nil {
		return nil, nil, err
	}
	if failed && len(enc) > 1 {
		for i := range enc {
			if enc[i].err != nil {
				continue
			}
			errs[i] = nil
			if _, err := s.putTx(ctx, enc[i:i+1], results[i:i+1], errs[i:i+1]); err != nil {
				return nil, nil, err
			}
		}
	}
	return results, errs, nil
}

// putTx writes enc in one transaction. When a document fails it records the
// error, rolls back and reports failed.
func (s *Store) putTx(ctx context.Context, enc []encoded, results []store.PutResult, errs []error) (failed bool, err error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("sqlite: put: %w", err)
	}
	defer func() {
		tx.Rollback()
		s.txStmts, s.stmtsTx = nil, nil
	}()
	for i := range enc {
		e := &enc[i]
		if e.err != nil {
			errs[i] = e.err
			continue
		}
		res, err := s.put(ctx, tx, e)
		if err != nil {
			if ctx.Err() != nil {
				return false, fmt.Errorf("sqlite: put: %w", ctx.Err())
			}
			errs[i] = fmt.Errorf("sqlite: put %s (%s): %w", e.d.ID, e.d.Input, err)
			return true, nil
		}
		results[i] = res
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("sqlite: put: commit: %w", err)
	}
	return false, nil
}

// exec runs one statement of a write transaction, preparing it once per
// transaction (so a batch prepares each statement once). The caller holds
// s.mu.
func (s *Store) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	st, err := s.prepared(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// query is exec for a statement that returns rows.
func (s *Store) query(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (s *Store) prepared(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	if s.txStmts == nil || s.stmtsTx != tx {
		s.txStmts, s.stmtsTx = map[string]*sql.Stmt{}, tx
	}
	if st, ok := s.txStmts[query]; ok {
		return st, nil
	}
	st, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.txStmts[query] = st
	return st, nil
}

func (s *Store) put(ctx context.Context, tx *sql.Tx, e *encoded) (store.PutResult, error) {
	d := e.d
	exec := s.execIn(ctx, tx)
	id, hash, u := d.ID, store.ContentHash(d), strings.TrimSpace(d.URL)
	if existing, story, ok, err := s.existing(ctx, tx, id, u, hash); err != nil {
		return store.PutResult{}, err
	} else if ok {
		d.ID = existing
		if err := writer.MarkInput(exec, d.Input, existing); err != nil {
			return store.PutResult{}, err
		}
		return store.PutResult{ID: existing, Created: false, StoryID: story}, nil
	}

	storyID := "s" + id
	var minhash any
	if e.shingles >= neardup.MinShingles {
		minhash = e.sig.Bytes()
		if near, err := s.nearest(ctx, tx, &e.sig); err != nil {
			return store.PutResult{}, err
		} else if near != "" {
			storyID = near
		}
	}
	r, err := s.exec(ctx, tx, `INSERT INTO articles
		(id, url, content_hash, source, title, published, language, story_id, minhash, stored_at, record)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, u, hash, d.Source, d.Title, writer.NullTime(d.Published), d.Language, storyID, minhash, s.now().Unix(), e.record)
	if err != nil {
		return store.PutResult{}, fmt.Errorf("insert article: %w", err)
	}
	seq, err := r.LastInsertId()
	if err != nil {
		return store.PutResult{}, err
	}
	if minhash != nil {
		if err := writer.Bands(exec, seq, &e.sig); err != nil {
			return store.PutResult{}, err
		}
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO stories(id, articles, last_seq) VALUES (?, 1, ?)
		ON CONFLICT(id) DO UPDATE SET articles = articles + 1, last_seq = excluded.last_seq`, storyID, seq); err != nil {
		return store.PutResult{}, fmt.Errorf("insert story: %w", err)
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)`, seq, d.Title, sqlq.Body(d)); err != nil {
		return store.PutResult{}, fmt.Errorf("index text: %w", err)
	}
	if err := writer.Layers(exec, func(q sqlq.Quote) error { return s.putQuote(ctx, tx, q) }, seq, d); err != nil {
		return store.PutResult{}, err
	}
	if err := writer.MarkInput(exec, d.Input, id); err != nil {
		return store.PutResult{}, err
	}
	return store.PutResult{ID: id, Created: true, StoryID: storyID}, nil
}

// execIn returns s.exec in write transaction tx as an sqlq.Exec.
func (s *Store) execIn(ctx context.Context, tx *sql.Tx) sqlq.Exec {
	return func(query string, args ...any) error {
		_, err := s.exec(ctx, tx, query, args...)
		return err
	}
}

// existing finds an article already stored under the same id, URL or text.
func (s *Store) existing(ctx context.Context, tx *sql.Tx, id, u, hash string) (string, string, bool, error) {
	queries := []struct {
		q   string
		arg string
	}{
		{`SELECT id, story_id FROM articles WHERE id = ?`, id},
		{`SELECT id, story_id FROM articles WHERE url = ? AND url <> ''`, u},
		{`SELECT id, story_id FROM articles WHERE content_hash = ?`, hash},
	}
	for _, q := range queries {
		if q.arg == "" {
			continue
		}
		var got, story string
		rows, err := s.query(ctx, tx, q.q, q.arg)
		if err != nil {
			return "", "", false, fmt.Errorf("look up duplicate: %w", err)
		}
		found := rows.Next()
		if found {
			err = rows.Scan(&got, &story)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return "", "", false, fmt.Errorf("look up duplicate: %w", err)
		}
		if found {
			return got, story, true, nil
		}
	}
	return "", "", false, nil
}

// nearest returns the story of the most similar near-duplicate of the
// signature, or "".
func (s *Store) nearest(ctx context.Context, tx *sql.Tx, sig *neardup.Signature) (string, error) {
	b := neardup.Bands(sig)
	args := make([]any, len(b))
	for i, v := range b {
		args[i] = v
	}
	rows, err := s.query(ctx, tx, `SELECT a.minhash, a.story_id FROM articles a
		WHERE a.seq IN (SELECT article_seq FROM minhash_bands WHERE band IN (?`+strings.Repeat(", ?", len(b)-1)+`))
		ORDER BY a.seq`, args...)
	if err != nil {
		return "", fmt.Errorf("look up near-duplicates: %w", err)
	}
	near, err := sqlq.NearestStory(sqlq.SQLRows(rows), sig)
	if err != nil {
		return "", fmt.Errorf("look up near-duplicates: %w", err)
	}
	return near, nil
}

// putQuote inserts a quote and indexes its text in quotes_fts, under the
// quote's rowid.
func (s *Store) putQuote(ctx context.Context, tx *sql.Tx, q sqlq.Quote) error {
	r, err := s.exec(ctx, tx, `INSERT INTO quotes(article_seq, idx, kind, speaker, speaker_entity, data) VALUES (?, ?, ?, ?, ?, ?)`,
		q.Seq, q.Idx, q.Kind, q.Speaker, q.SpeakerEntity, q.Data)
	if err != nil {
		return fmt.Errorf("insert quote: %w", err)
	}
	qid, err := r.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert quote: %w", err)
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO quotes_fts(rowid, text) VALUES (?, ?)`, qid, q.Text); err != nil {
		return fmt.Errorf("index quote: %w", err)
	}
	return nil
}

// AddFailure records (or replaces) the failure of one input.
func (s *Store) AddFailure(ctx context.Context, f store.Failure) error {
	if f.At.IsZero() {
		f.At = s.now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err := writer.AddFailure(func(query string, args ...any) error {
		_, err := s.w.ExecContext(ctx, query, args...)
		return err
	}, f)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	return nil
}

// Check runs SQLite's integrity check over the whole database and the
// full-text indexes' own checks, returning an error naming what is wrong.
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("sqlite: check %s: %w", s.path, err)
	}
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return err
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range []string{"articles_fts", "quotes_fts"} {
		if _, err := s.w.ExecContext(ctx, `INSERT INTO `+t+`(`+t+`) VALUES ('integrity-check')`); err != nil {
			problems = append(problems, t+": "+err.Error())
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqlite: check %s: %s", s.path, strings.Join(problems, "; "))
	}
	return nil
}
