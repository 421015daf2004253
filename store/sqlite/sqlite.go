// Package sqlite is the embedded store driver: one SQLite file (via the
// pure-Go modernc.org/sqlite) in WAL mode, with a single writer connection
// and a pool of readers, FTS5 full-text indexes over articles and quotes,
// cross-article entities and SimHash story links. It implements store.Store.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
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
	"eventwire/store/neardup"
)

// Store is a SQLite-backed store.Store.
type Store struct {
	path  string
	w     *sql.DB // one connection: all writes go through it
	r     *sql.DB // readers, in parallel (WAL)
	mu    sync.Mutex
	codec *store.Codec
	// txStmts are the statements prepared in write transaction stmtsTx
	// (guarded by mu); they close with it.
	txStmts map[string]*sql.Stmt
	stmtsTx *sql.Tx
	now     func() time.Time
}

var _ store.Store = (*Store)(nil)

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
	return &Store{path: path, w: w, r: r, codec: codec, now: time.Now}, nil
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
	id, hash, u := d.ID, store.ContentHash(d), strings.TrimSpace(d.URL)
	if existing, story, ok, err := s.existing(ctx, tx, id, u, hash); err != nil {
		return store.PutResult{}, err
	} else if ok {
		d.ID = existing
		if err := s.markInput(ctx, tx, d.Input, existing); err != nil {
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
		id, u, hash, d.Source, d.Title, unixOrNil(d.Published), d.Language, storyID, minhash, s.now().Unix(), e.record)
	if err != nil {
		return store.PutResult{}, fmt.Errorf("insert article: %w", err)
	}
	seq, err := r.LastInsertId()
	if err != nil {
		return store.PutResult{}, err
	}
	if minhash != nil {
		for _, b := range neardup.Bands(&e.sig) {
			if _, err := s.exec(ctx, tx, `INSERT OR IGNORE INTO minhash_bands(band, article_seq) VALUES (?, ?)`, b, seq); err != nil {
				return store.PutResult{}, fmt.Errorf("insert minhash: %w", err)
			}
		}
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO stories(id, articles, last_seq) VALUES (?, 1, ?)
		ON CONFLICT(id) DO UPDATE SET articles = articles + 1, last_seq = excluded.last_seq`, storyID, seq); err != nil {
		return store.PutResult{}, fmt.Errorf("insert story: %w", err)
	}
	body := d.Text
	if d.TitleSpan.End > 0 && d.TitleSpan.End <= len(body) {
		body = strings.TrimLeft(body[d.TitleSpan.End:], "\n")
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)`, seq, d.Title, body); err != nil {
		return store.PutResult{}, fmt.Errorf("index text: %w", err)
	}
	global, err := s.putEntities(ctx, tx, seq, d)
	if err != nil {
		return store.PutResult{}, err
	}
	if err := s.putLayers(ctx, tx, seq, d, global); err != nil {
		return store.PutResult{}, err
	}
	if err := s.markInput(ctx, tx, d.Input, id); err != nil {
		return store.PutResult{}, err
	}
	return store.PutResult{ID: id, Created: true, StoryID: storyID}, nil
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
	defer rows.Close()
	best, bestSim := "", neardup.MinSimilarity
	for rows.Next() {
		var raw []byte
		var story string
		if err := rows.Scan(&raw, &story); err != nil {
			return "", err
		}
		other, err := neardup.Decode(raw)
		if err != nil {
			continue
		}
		if sim := neardup.Similarity(sig, &other); sim >= bestSim {
			best, bestSim = story, sim
		}
	}
	return best, rows.Err()
}

func (s *Store) markInput(ctx context.Context, tx *sql.Tx, input, id string) error {
	if input == "" {
		return nil
	}
	if _, err := s.exec(ctx, tx, `INSERT OR IGNORE INTO inputs(key, article_id) VALUES (?, ?)`, input, id); err != nil {
		return fmt.Errorf("record input: %w", err)
	}
	if _, err := s.exec(ctx, tx, `DELETE FROM failures WHERE input = ?`, input); err != nil {
		return fmt.Errorf("clear failure: %w", err)
	}
	return nil
}

// putEntities upserts the document's entities into the cross-article table
// and returns the map from local entity ids ("e1") to global ones.
func (s *Store) putEntities(ctx context.Context, tx *sql.Tx, seq int64, d *doc.Document) (map[string]string, error) {
	totals, global := store.EntityTotals(d)
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if _, err := s.exec(ctx, tx, `INSERT INTO mentions(article_seq, entity_id, start, end, kind, text) VALUES (?, ?, ?, ?, ?, ?)`,
				seq, global[e.ID], m.Start, m.End, m.Kind, m.Text); err != nil {
				return nil, fmt.Errorf("insert mention: %w", err)
			}
		}
	}
	for _, e := range totals {
		if _, err := s.exec(ctx, tx, `INSERT INTO entities(id, name, name_norm, type, country, articles, mentions)
			VALUES (?, ?, ?, ?, ?, 1, ?)
			ON CONFLICT(id) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions,
				country = CASE WHEN entities.country = '' THEN excluded.country ELSE entities.country END`,
			e.ID, e.Name, e.NameNorm, e.Type, e.Country, e.Mentions); err != nil {
			return nil, fmt.Errorf("upsert entity %q: %w", e.Name, err)
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO article_entities(article_seq, entity_id, mentions) VALUES (?, ?, ?)`,
			seq, e.ID, e.Mentions); err != nil {
			return nil, fmt.Errorf("link entity %q: %w", e.Name, err)
		}
	}
	for _, p := range store.Places(d) {
		var gn any
		if p.GeoNameID != 0 {
			gn = p.GeoNameID
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO places(id, geonameid, name, country, lat, lon, articles) VALUES (?, ?, ?, ?, ?, ?, 1)
			ON CONFLICT(id) DO UPDATE SET articles = articles + 1`, p.ID, gn, p.Name, p.Country, p.Lat, p.Lon); err != nil {
			return nil, fmt.Errorf("upsert place %q: %w", p.Name, err)
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO article_places(article_seq, place_id) VALUES (?, ?)`, seq, p.ID); err != nil {
			return nil, fmt.Errorf("link place %q: %w", p.Name, err)
		}
	}
	return global, nil
}

// putLayers inserts the quotes, events and counts of a document.
func (s *Store) putLayers(ctx context.Context, tx *sql.Tx, seq int64, d *doc.Document, global map[string]string) error {
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
		r, err := s.exec(ctx, tx, `INSERT INTO quotes(article_seq, idx, kind, speaker, speaker_entity, data) VALUES (?, ?, ?, ?, ?, ?)`,
			seq, i, q.Kind, speaker, speakerEntity, string(data))
		if err != nil {
			return fmt.Errorf("insert quote: %w", err)
		}
		qid, err := r.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO quotes_fts(rowid, text) VALUES (?, ?)`, qid, q.Text); err != nil {
			return fmt.Errorf("index quote: %w", err)
		}
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
		at := unixOrNil(store.EventTime(&e, d.Published))
		if _, err := s.exec(ctx, tx, `INSERT INTO events(article_seq, idx, src_code, src_name, tgt_code, tgt_name, code, quad_class, at, data)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			seq, i, e.Source.Code, e.Source.Name, tgtCode, tgtName, e.Code, e.QuadClass, at, string(data)); err != nil {
			return fmt.Errorf("insert event: %w", err)
		}
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
		if _, err := s.exec(ctx, tx, `INSERT INTO counts(article_seq, idx, type, number, object, place, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			seq, i, c.Type, c.Number, c.Object, place, string(data)); err != nil {
			return fmt.Errorf("insert count: %w", err)
		}
	}
	return nil
}

func unixOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

// AddFailure records (or replaces) the failure of one input.
func (s *Store) AddFailure(ctx context.Context, f store.Failure) error {
	at := f.At
	if at.IsZero() {
		at = s.now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.ExecContext(ctx, `INSERT INTO failures(input, error, at) VALUES (?, ?, ?)
		ON CONFLICT(input) DO UPDATE SET error = excluded.error, at = excluded.at`, f.Input, f.Error, at.Unix()); err != nil {
		return fmt.Errorf("sqlite: record failure of %s: %w", f.Input, err)
	}
	return nil
}

// Failures lists recorded failures, newest first.
func (s *Store) Failures(ctx context.Context, limit int) ([]store.Failure, error) {
	n, _ := store.Page{Limit: limit}.Window()
	rows, err := s.r.QueryContext(ctx, `SELECT input, error, at FROM failures ORDER BY at DESC, rowid DESC LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("sqlite: failures: %w", err)
	}
	defer rows.Close()
	out := []store.Failure{}
	for rows.Next() {
		var f store.Failure
		var at int64
		if err := rows.Scan(&f.Input, &f.Error, &at); err != nil {
			return nil, err
		}
		f.At = time.Unix(at, 0).UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

// Stats counts what the store holds. Stories counts stories of two or more
// articles.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM entities),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM counts),
		(SELECT count(*) FROM stories WHERE articles >= 2),
		(SELECT count(*) FROM failures)`).Scan(&st.Articles, &st.Entities, &st.Quotes, &st.Events, &st.Counts, &st.Stories, &st.Failures)
	if err != nil {
		return st, fmt.Errorf("sqlite: stats: %w", err)
	}
	return st, nil
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
