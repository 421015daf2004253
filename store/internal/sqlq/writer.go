package sqlq

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"eventwire/doc"
	"eventwire/store"
	"eventwire/store/neardup"
)

// Exec runs one statement of a write transaction, or queues it to run in
// order with the others.
type Exec func(query string, args ...any) error

// Writer writes the rows of a stored article that both drivers keep alike:
// its LSH bands, entities, mentions, places, quotes, events and counts, and
// its input; and failures.
type Writer struct {
	d Dialect
	// statements, written once in the dialect
	band, mention, entity, articleEntity, place, articlePlace string
	event, count, input, clearFailure, failure                string
}

// NewWriter returns a Writer that writes its statements in dialect d.
func NewWriter(d Dialect) *Writer {
	start, end := d.SpanColumns()
	return &Writer{
		d:       d,
		band:    insert(d, "minhash_bands", "band", "article_seq") + ` ON CONFLICT DO NOTHING`,
		mention: insert(d, "mentions", "article_seq", "entity_id", start, end, "kind", "text"),
		entity: insert(d, "entities", "id", "name", "name_norm", "type", "country", "articles", "mentions") + `
			ON CONFLICT(id) DO UPDATE SET articles = entities.articles + 1, mentions = entities.mentions + excluded.mentions,
				country = CASE WHEN entities.country = '' THEN excluded.country ELSE entities.country END`,
		articleEntity: insert(d, "article_entities", "article_seq", "entity_id", "mentions") + ` ON CONFLICT DO NOTHING`,
		place: insert(d, "places", "id", "geonameid", "name", "country", "lat", "lon", "articles") + `
			ON CONFLICT(id) DO UPDATE SET articles = places.articles + 1`,
		articlePlace: insert(d, "article_places", "article_seq", "place_id") + ` ON CONFLICT DO NOTHING`,
		event:        insert(d, "events", "article_seq", "idx", "src_code", "src_name", "tgt_code", "tgt_name", "code", "quad_class", "at", "data"),
		count:        insert(d, "counts", "article_seq", "idx", "type", "number", "object", "place", "data"),
		input:        insert(d, "inputs", "key", "article_id") + ` ON CONFLICT DO NOTHING`,
		clearFailure: `DELETE FROM failures WHERE input = ` + d.Placeholder(1),
		failure: insert(d, "failures", "input", "error", "at") + `
			ON CONFLICT(input) DO UPDATE SET error = excluded.error, at = excluded.at`,
	}
}

// insert returns an INSERT statement of one row into cols of table.
func insert(d Dialect, table string, cols ...string) string {
	ps := make([]string, len(cols))
	for i := range cols {
		ps[i] = d.Placeholder(i + 1)
	}
	return `INSERT INTO ` + table + `(` + strings.Join(cols, ", ") + `) VALUES (` + strings.Join(ps, ", ") + `)`
}

// NullTime encodes t as a query argument, NULL when t is zero.
func (wr *Writer) NullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return wr.d.Time(t)
}

// Bands writes the LSH bands of sig for article seq.
func (wr *Writer) Bands(exec Exec, seq int64, sig *neardup.Signature) error {
	for _, b := range neardup.Bands(sig) {
		if err := exec(wr.band, b, seq); err != nil {
			return fmt.Errorf("insert minhash: %w", err)
		}
	}
	return nil
}

// Quote is the row of one quote of an article, for the driver to write with
// its full-text index.
type Quote struct {
	Seq           int64 // the article's
	Idx           int
	Kind          string
	Speaker       string
	SpeakerEntity string // cross-article entity id
	Text          string
	Data          any // JSON of the doc.Quote, as the dialect stores it
}

// Layers writes the layers of d stored as article seq: its mentions, its
// cross-article entities and places (upserted in key order, so that
// concurrent writers never deadlock), its quotes (with putQuote), events and
// counts. The errors of putQuote it returns as they are.
func (wr *Writer) Layers(exec Exec, putQuote func(Quote) error, seq int64, d *doc.Document) error {
	totals, global := store.EntityTotals(d)
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if err := exec(wr.mention, seq, global[e.ID], m.Start, m.End, m.Kind, m.Text); err != nil {
				return fmt.Errorf("insert mention: %w", err)
			}
		}
	}
	for _, e := range totals {
		if err := exec(wr.entity, e.ID, e.Name, e.NameNorm, e.Type, e.Country, 1, e.Mentions); err != nil {
			return fmt.Errorf("upsert entity %q: %w", e.Name, err)
		}
		if err := exec(wr.articleEntity, seq, e.ID, e.Mentions); err != nil {
			return fmt.Errorf("link entity %q: %w", e.Name, err)
		}
	}
	for _, p := range store.Places(d) {
		var gn any
		if p.GeoNameID != 0 {
			gn = p.GeoNameID
		}
		if err := exec(wr.place, p.ID, gn, p.Name, p.Country, p.Lat, p.Lon, 1); err != nil {
			return fmt.Errorf("upsert place %q: %w", p.Name, err)
		}
		if err := exec(wr.articlePlace, seq, p.ID); err != nil {
			return fmt.Errorf("link place %q: %w", p.Name, err)
		}
	}
	for i, q := range d.Quotes {
		data, err := json.Marshal(q)
		if err != nil {
			return fmt.Errorf("encode quote: %w", err)
		}
		row := Quote{Seq: seq, Idx: i, Kind: q.Kind, Text: q.Text, Data: wr.d.JSON(data)}
		if q.Speaker != nil {
			row.Speaker = q.Speaker.Name
			row.SpeakerEntity = global[q.Speaker.EntityID]
		}
		if err := putQuote(row); err != nil {
			return err
		}
	}
	for i, e := range d.Events {
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode event: %w", err)
		}
		var tgtCode, tgtName string
		if e.Target != nil {
			tgtCode, tgtName = e.Target.Code, e.Target.Name
		}
		if err := exec(wr.event, seq, i, e.Source.Code, e.Source.Name, tgtCode, tgtName, e.Code, e.QuadClass,
			wr.NullTime(store.EventTime(&e, d.Published)), wr.d.JSON(data)); err != nil {
			return fmt.Errorf("insert event: %w", err)
		}
	}
	for i, c := range d.Counts {
		data, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("encode count: %w", err)
		}
		var place string
		if c.Place != nil {
			place = c.Place.Name
		}
		if err := exec(wr.count, seq, i, c.Type, c.Number, c.Object, place, wr.d.JSON(data)); err != nil {
			return fmt.Errorf("insert count: %w", err)
		}
	}
	return nil
}

// MarkInput records that input is stored as article id and clears its
// failure, if any; an empty input is not recorded.
func (wr *Writer) MarkInput(exec Exec, input, id string) error {
	if input == "" {
		return nil
	}
	if err := exec(wr.input, input, id); err != nil {
		return fmt.Errorf("record input: %w", err)
	}
	if err := exec(wr.clearFailure, input); err != nil {
		return fmt.Errorf("clear failure: %w", err)
	}
	return nil
}

// AddFailure records (or replaces) the failure f, at f.At.
func (wr *Writer) AddFailure(exec Exec, f store.Failure) error {
	if err := exec(wr.failure, f.Input, f.Error, wr.d.Time(f.At)); err != nil {
		return fmt.Errorf("record failure of %s: %w", f.Input, err)
	}
	return nil
}

// Body returns the text of d after its title, as the full-text indexes
// hold it.
func Body(d *doc.Document) string {
	body := d.Text
	if d.TitleSpan.End > 0 && d.TitleSpan.End <= len(body) {
		body = strings.TrimLeft(body[d.TitleSpan.End:], "\n")
	}
	return body
}

// NearestStory reads candidate rows of (minhash, story_id) and returns the
// story of the one most like sig, if at least neardup.MinSimilarity alike
// (the last of equals), or "". A signature that does not decode is passed
// over. It closes rows.
func NearestStory(rows Rows, sig *neardup.Signature) (string, error) {
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
