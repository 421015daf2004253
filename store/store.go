// Package store keeps article records and answers the questions people ask of
// them. Store is the one interface; the drivers are store/sqlite (embedded,
// the default) and store/postgres (shared, for many workers). Both pass the
// same suite of tests in store/storetest.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"eventwire/doc"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// Store is a place to keep records and query them. Implementations are safe
// for concurrent use.
type Store interface {
	// Put stores a processed document with all its layers. It is idempotent:
	// a document whose URL or content hash is already stored is not stored
	// again, and the result reports the existing id with Created false.
	// Put links the article into a story with its near-duplicates.
	Put(ctx context.Context, d *doc.Document) (PutResult, error)
	// Has reports whether an input key (doc.Document.Input, see InputKey)
	// was already stored,
	// so an interrupted ingest can skip work it has done.
	Has(ctx context.Context, inputKey string) (bool, error)
	// Article returns a stored document with all its layers, or ErrNotFound.
	Article(ctx context.Context, id string) (*doc.Document, error)
	// Search finds articles by full-text query and filters.
	Search(ctx context.Context, q ArticleQuery) (ArticlePage, error)
	// Quotes lists quotes, newest article first.
	Quotes(ctx context.Context, q QuoteQuery) ([]QuoteRow, error)
	// Events lists events, newest first.
	Events(ctx context.Context, q EventQuery) ([]EventRow, error)
	// Timeline counts events by day and QuadClass for the same filters as Events.
	Timeline(ctx context.Context, q EventQuery) ([]TimelineBucket, error)
	// Counts lists casualty and other counts.
	Counts(ctx context.Context, q CountQuery) ([]CountRow, error)
	// Entities lists entities resolved across articles.
	Entities(ctx context.Context, q EntityQuery) ([]EntityRow, error)
	// Entity returns one cross-article entity, or ErrNotFound.
	Entity(ctx context.Context, id string) (EntityRow, error)
	// Stories lists clusters of articles that tell the same story.
	Stories(ctx context.Context, q StoryQuery) ([]Story, error)
	// Scan calls fn for every stored article in insertion order (for export).
	// A non-zero since keeps the articles stored at or after it.
	Scan(ctx context.Context, since time.Time, fn func(*doc.Document) error) error
	// AddFailure records an input that could not be read or processed.
	AddFailure(ctx context.Context, f Failure) error
	// Failures lists recorded failures, newest first.
	Failures(ctx context.Context, limit int) ([]Failure, error)
	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// PutResult reports what Put did.
type PutResult struct {
	// ID is the article id (new or existing).
	ID string
	// Created is false when the article was already stored.
	Created bool
	// StoryID is the story the article belongs to.
	StoryID string
}

// Page selects a window of results. Limit 0 means a driver default (50);
// drivers cap Limit at 1000.
type Page struct {
	Limit  int `json:"limit,omitempty"`
	Offset int `json:"offset,omitempty"`
}

// ArticleQuery selects articles.
type ArticleQuery struct {
	Page
	// Text is a full-text query; words are ANDed, "quoted phrases" kept.
	Text   string
	Source string
	// EntityID restricts to articles that mention a cross-article entity.
	EntityID     string
	Since, Until time.Time
}

// ArticleSummary is one search hit.
type ArticleSummary struct {
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source,omitempty"`
	Title     string    `json:"title"`
	Published time.Time `json:"published,omitzero"`
	// Snippet is plain text around the match (not HTML: callers escape it).
	Snippet string `json:"snippet,omitempty"`
	StoryID string `json:"story_id,omitempty"`
}

// ArticlePage is a page of search hits with the total number of matches.
type ArticlePage struct {
	Total    int              `json:"total"`
	Articles []ArticleSummary `json:"articles"`
}

// QuoteQuery selects quotes.
type QuoteQuery struct {
	Page
	// Text is a full-text query over the quote text.
	Text string
	// Speaker matches the speaker's canonical name (case-insensitive
	// substring) or a cross-article entity id.
	Speaker      string
	ArticleID    string
	Kind         string
	Since, Until time.Time
}

// QuoteRow is a quote with the article it came from.
type QuoteRow struct {
	ArticleID    string    `json:"article_id"`
	ArticleTitle string    `json:"article_title"`
	URL          string    `json:"url,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	// SpeakerEntityID is the cross-article entity id of the speaker.
	SpeakerEntityID string    `json:"speaker_entity_id,omitempty"`
	Quote           doc.Quote `json:"quote"`
}

// EventQuery selects events.
type EventQuery struct {
	Page
	// Actor matches a CAMEO actor code prefix ("USA", "PSEREB") or an
	// actor name substring, on either side.
	Actor string
	// Code matches a CAMEO event code prefix ("04", "043").
	Code         string
	QuadClass    int
	ArticleID    string
	Since, Until time.Time
}

// EventRow is an event with the article it came from.
type EventRow struct {
	ArticleID    string    `json:"article_id"`
	ArticleTitle string    `json:"article_title"`
	URL          string    `json:"url,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	Event        doc.Event `json:"event"`
}

// TimelineBucket is the number of events on one day in one QuadClass.
type TimelineBucket struct {
	Day       string `json:"day"` // YYYY-MM-DD
	QuadClass int    `json:"quad_class"`
	Events    int    `json:"events"`
}

// CountQuery selects counts.
type CountQuery struct {
	Page
	// Type is a GKG count type ("KILL").
	Type string
	// Text matches the count's object or place (case-insensitive substring).
	Text         string
	ArticleID    string
	Since, Until time.Time
}

// CountRow is a count with the article it came from.
type CountRow struct {
	ArticleID    string    `json:"article_id"`
	ArticleTitle string    `json:"article_title"`
	Source       string    `json:"source,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	Count        doc.Count `json:"count"`
}

// EntityQuery selects cross-article entities.
type EntityQuery struct {
	Page
	// Name matches the canonical name (case-insensitive prefix or substring).
	Name    string
	Type    string
	Country string
}

// EntityRow is an entity resolved across articles.
type EntityRow struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Country string `json:"country,omitempty"`
	// Articles and Mentions count where the entity appears.
	Articles int `json:"articles"`
	Mentions int `json:"mentions"`
}

// StoryQuery selects stories.
type StoryQuery struct {
	Page
	// MinArticles skips stories with fewer articles (default 2).
	MinArticles int
}

// Story is a cluster of articles telling the same story.
type Story struct {
	ID       string           `json:"id"`
	Articles []ArticleSummary `json:"articles"`
}

// Failure is an input that could not be read or processed.
type Failure struct {
	// Input names the file, record or URL.
	Input string    `json:"input"`
	Error string    `json:"error"`
	At    time.Time `json:"at"`
}

// Stats counts the records in a store.
type Stats struct {
	Articles int `json:"articles"`
	Entities int `json:"entities"`
	Quotes   int `json:"quotes"`
	Events   int `json:"events"`
	Counts   int `json:"counts"`
	Stories  int `json:"stories"`
	Failures int `json:"failures"`
}

// ArticleID returns the stable id of a document: a hash of its URL when it
// has one, otherwise of its title and text.
func ArticleID(d *doc.Document) string {
	var key string
	if d.URL != "" {
		key = "url:" + strings.TrimSpace(d.URL)
	} else {
		key = "text:" + d.Title + "\n" + d.Text
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:10])
}

// ContentHash returns a hash of a document's clean text, used to catch the
// same article stored under two URLs.
func ContentHash(d *doc.Document) string {
	sum := sha256.Sum256([]byte(d.Text))
	return hex.EncodeToString(sum[:16])
}

// InputKey names one input item for resumable ingest: the path (or URL) and,
// for items inside an archive or JSONL file, the record's position.
func InputKey(path string, record int) string {
	if record < 0 {
		return path
	}
	return path + "#" + strconv.Itoa(record)
}
