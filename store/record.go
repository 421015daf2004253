package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/klauspost/compress/zstd"

	"eventwire/doc"
)

// Window returns the limit and offset a driver applies for p: Limit 0 (or
// less) means 50, and Limit is capped at 1000; a negative Offset is 0.
func (p Page) Window() (limit, offset int) {
	switch {
	case p.Limit <= 0:
		limit = 50
	case p.Limit > 1000:
		limit = 1000
	default:
		limit = p.Limit
	}
	return limit, max(p.Offset, 0)
}

// EventTime is the time an event is filed under for EventQuery's Since and
// Until and for Timeline: its resolved date (YYYY-MM-DD, YYYY-MM or YYYY,
// taken at its start, UTC) when it has one, else the article's publication
// time (zero when unknown).
func EventTime(e *doc.Event, published time.Time) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, e.Date); err == nil {
			return t
		}
	}
	return published
}

// Codec turns documents into the compressed records drivers store (zstd
// over the document's JSON) and back. It is safe for concurrent use.
type Codec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

// NewCodec returns a record codec; Close releases it.
func NewCodec() (*Codec, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0))
	if err != nil {
		return nil, err
	}
	return &Codec{enc: enc, dec: dec}, nil
}

// Encode returns the record of d.
func (c *Codec) Encode(d *doc.Document) ([]byte, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode article %s: %w", d.ID, err)
	}
	return c.enc.EncodeAll(raw, make([]byte, 0, len(raw)/3)), nil
}

// Decode reads the record of the article id.
func (c *Codec) Decode(id string, rec []byte) (*doc.Document, error) {
	raw, err := c.dec.DecodeAll(rec, nil)
	if err != nil {
		return nil, fmt.Errorf("article %s: decompress: %w", id, err)
	}
	d := &doc.Document{}
	if err := json.Unmarshal(raw, d); err != nil {
		return nil, fmt.Errorf("article %s: decode: %w", id, err)
	}
	return d, nil
}

// Close releases the codec's decoder.
func (c *Codec) Close() { c.dec.Close() }
