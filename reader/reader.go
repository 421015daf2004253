package reader

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"eventwire/clean"
	"eventwire/doc"
	"eventwire/extract"
	"eventwire/pipeline"
)

// Meta is what the caller knows about an input that the input may lack:
// it fills the record's fields only where the input leaves them empty.
type Meta struct {
	URL       string
	Source    string
	Published time.Time
	// ContentType is the HTTP Content-Type, when the input came over HTTP;
	// it may name the charset of a web page.
	ContentType string
}

// Input is one thing to read: a named stream (a path, "-" for stdin, a URL).
type Input struct {
	// Name identifies the input in records and errors.
	Name string
	// R is read to the end (at most the Reader's byte limit). When R is
	// nil, Name is opened as a file ("-" is not special here: pass os.Stdin).
	R    io.Reader
	Meta Meta
}

// Record is one article of an input; inputs such as JSONL files hold many.
type Record struct {
	// Index is the record's position in its input (0 for single articles).
	Index int
	// Input names the record: the input's name, with "#Index" for records
	// of a JSONL input.
	Input string
	// Doc is the record, nil when Err is set.
	Doc *doc.Document
	Err error
}

// Reader reads articles into records. Build one with New and share it: it
// is safe for concurrent use.
type Reader struct {
	ex              *extract.Extractor
	pipe            *pipeline.Pipeline
	maxBytes        int64
	maxArticleBytes int
}

// Option configures a Reader.
type Option func(*config)

type config struct {
	extract         []extract.Option
	stages          []pipeline.Stage
	custom          bool
	maxBytes        int64
	maxArticleBytes int
}

// WithStages replaces the default analysis stages (none: clean-up only).
func WithStages(stages ...pipeline.Stage) Option {
	return func(c *config) { c.stages, c.custom = stages, true }
}

// WithExtractOptions configures the web-page extractor
// (extract.WithSecondOpinion: slower, more precise main text).
func WithExtractOptions(opts ...extract.Option) Option {
	return func(c *config) { c.extract = append(c.extract, opts...) }
}

// WithMaxBytes bounds an input after decompression (default DefaultMaxBytes).
func WithMaxBytes(n int64) Option { return func(c *config) { c.maxBytes = n } }

// WithMaxArticleBytes bounds one article (default DefaultMaxArticleBytes).
func WithMaxArticleBytes(n int) Option { return func(c *config) { c.maxArticleBytes = n } }

// New builds a Reader, loading the analysis stages' models once.
func New(opts ...Option) (*Reader, error) {
	c := config{maxBytes: DefaultMaxBytes, maxArticleBytes: DefaultMaxArticleBytes}
	for _, o := range opts {
		o(&c)
	}
	if !c.custom {
		st, err := defaultStages()
		if err != nil {
			return nil, fmt.Errorf("reader: build stages: %w", err)
		}
		c.stages = st
	}
	p, err := pipeline.New(c.stages...)
	if err != nil {
		return nil, fmt.Errorf("reader: %w", err)
	}
	return &Reader{ex: extract.New(c.extract...), pipe: p, maxBytes: c.maxBytes, maxArticleBytes: c.maxArticleBytes}, nil
}

// Pipeline returns the analysis pipeline the Reader runs after clean-up.
func (r *Reader) Pipeline() *pipeline.Pipeline { return r.pipe }

// Read reads one input holding one article and returns its full record. An
// input with several records (JSONL) is an error: use Records.
func (r *Reader) Read(ctx context.Context, in Input) (*doc.Document, error) {
	b, err := r.load(in)
	if err != nil {
		return nil, err
	}
	return r.ReadBytes(ctx, in.Name, b, in.Meta)
}

// ReadBytes reads one article from b (any supported format, gzip or not)
// named name, and runs the analysis pipeline on it.
func (r *Reader) ReadBytes(ctx context.Context, name string, b []byte, meta Meta) (*doc.Document, error) {
	d, err := r.Clean(ctx, name, b, meta)
	if err != nil {
		return nil, err
	}
	if err := r.Analyze(ctx, d); err != nil {
		return nil, err
	}
	return d, nil
}

// Clean reads one article from b and returns its clean record without
// running the analysis pipeline: format detection, decoding, main-text and
// metadata extraction for web pages, and clean-up. An input with several
// records (JSONL) is an error: use Records.
func (r *Reader) Clean(ctx context.Context, name string, b []byte, meta Meta) (*doc.Document, error) {
	var first Record
	n := 0
	for rec := range r.Records(ctx, name, b, meta, false) {
		if n++; n > 1 {
			return nil, fmt.Errorf("read %s: input holds several records; read it with Records", name)
		}
		first = rec
	}
	if n == 0 {
		return nil, fmt.Errorf("read %s: %w", name, ErrEmpty)
	}
	return first.Doc, first.Err
}

// Analyze runs the analysis pipeline over a clean record.
func (r *Reader) Analyze(ctx context.Context, d *doc.Document) error {
	if err := r.pipe.Run(ctx, d); err != nil {
		return fmt.Errorf("analyse %s: %w", d.Input, err)
	}
	return nil
}

// Records reads every article of b: one for text, HTML and JSON inputs,
// one per record for JSONL (or a JSON array). A record that cannot be read
// is yielded with its error and the next is read. An input that cannot be
// read at all (binary, too large, truncated gzip) yields one record with
// the error. Set analyze to run the analysis pipeline on each record.
func (r *Reader) Records(ctx context.Context, name string, b []byte, meta Meta, analyze bool) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		b, f, err := r.prepare(name, b)
		if err != nil {
			yield(Record{Input: name, Err: err})
			return
		}
		if f != FormatJSONL {
			d, err := r.cleanOne(ctx, f, b, meta)
			if err != nil {
				err = fmt.Errorf("read %s: %w", name, err)
			} else {
				d.Input = name
				if analyze {
					err = r.Analyze(ctx, d)
				}
			}
			if err != nil {
				d = nil
			}
			yield(Record{Input: name, Doc: d, Err: err})
			return
		}
		for rec := range r.records(ctx, name, b, meta, analyze) {
			if !yield(rec) {
				return
			}
		}
	}
}

// load reads an input's bytes up to the limit.
func (r *Reader) load(in Input) ([]byte, error) {
	src := in.R
	if src == nil {
		f, err := os.Open(in.Name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", in.Name, err)
		}
		defer f.Close()
		src = f
	}
	b, err := io.ReadAll(io.LimitReader(src, r.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", in.Name, err)
	}
	if int64(len(b)) > r.maxBytes {
		return nil, fmt.Errorf("read %s: %w: more than %d MiB", in.Name, ErrTooLarge, r.maxBytes>>20)
	}
	return b, nil
}

// prepare decompresses and detects the format.
func (r *Reader) prepare(name string, b []byte) ([]byte, Format, error) {
	if int64(len(b)) > r.maxBytes {
		return nil, "", fmt.Errorf("read %s: %w: more than %d MiB", name, ErrTooLarge, r.maxBytes>>20)
	}
	b, _, err := gunzip(b, r.maxBytes)
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", name, err)
	}
	b = fromUTF16(b)
	f, err := Detect(b)
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", name, err)
	}
	return b, f, nil
}

func (r *Reader) checkSize(n int) error {
	if n > r.maxArticleBytes {
		return fmt.Errorf("%w: article of %d MiB, limit %d MiB", ErrTooLarge, n>>20, r.maxArticleBytes>>20)
	}
	return nil
}

// cleanOne reads one text, HTML or JSON article.
func (r *Reader) cleanOne(ctx context.Context, f Format, b []byte, meta Meta) (*doc.Document, error) {
	if err := r.checkSize(len(b)); err != nil {
		return nil, err
	}
	switch f {
	case FormatHTML:
		return r.cleanHTML(ctx, b, meta)
	case FormatJSON:
		var rec jsonRecord
		if err := json.Unmarshal(b, &rec); err != nil {
			return nil, fmt.Errorf("json: %w", err)
		}
		return r.cleanRecord(ctx, rec, meta)
	default:
		d := clean.Text(decodeText(b))
		finish(d, meta)
		return d, nil
	}
}

// fromUTF16 converts text with a UTF-16 byte-order mark to UTF-8 and
// returns other input unchanged.
func fromUTF16(b []byte) []byte {
	if len(b) < 2 || !(b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff) {
		return b
	}
	out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

// decodeText reads plain text as UTF-8, or as Windows-1252 when it is not
// valid UTF-8 (old Latin-1 files).
func decodeText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\ufffd")
	}
	return string(out)
}

func (r *Reader) cleanHTML(ctx context.Context, b []byte, meta Meta) (*doc.Document, error) {
	a, err := r.ex.Extract(ctx, b, meta.URL, meta.ContentType)
	if err != nil {
		return nil, err
	}
	return fromArticle(a, meta), nil
}

// fromArticle cleans an extracted web page into a record.
func fromArticle(a *extract.Article, meta Meta) *doc.Document {
	d := clean.Parts(a.Title, a.Text)
	if d.Standfirst == "" && a.Description != "" && len(d.Paragraphs) > 0 && sameText(a.Description, d.Paragraphs[0]) {
		d.Standfirst = d.Paragraphs[0]
	}
	d.URL = a.URL
	if a.Byline != "" {
		d.Byline = a.Byline
	}
	if !a.Published.IsZero() {
		d.Published = a.Published
	}
	d.Language = a.Language
	d.Source = a.SiteName
	finish(d, meta)
	return d
}

// sameText compares two texts ignoring case, spacing and punctuation.
func sameText(a, b string) bool {
	f := func(s string) string {
		var sb strings.Builder
		for _, r := range strings.ToLower(s) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
				sb.WriteRune(r)
			}
		}
		return sb.String()
	}
	return f(a) == f(b)
}

// finish fills what the input lacked from meta, the source from the URL's
// host, and the language by detection.
func finish(d *doc.Document, meta Meta) {
	if d.URL == "" {
		d.URL = meta.URL
	}
	if d.Source == "" {
		d.Source = meta.Source
	}
	if d.Source == "" && d.URL != "" {
		if u, err := url.Parse(d.URL); err == nil {
			d.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if d.Published.IsZero() {
		d.Published = meta.Published
	}
	if d.Language == "" && len(d.Text) > 0 {
		sample := d.Text
		if len(sample) > 4000 {
			sample = strings.ToValidUTF8(sample[:4000], "")
		}
		if info := whatlanggo.Detect(sample); info.IsReliable() || info.Confidence > 0.5 {
			d.Language = info.Lang.Iso6391()
		}
	}
}

// jsonRecord is one JSON or JSONL article. Besides the documented fields
// (url, title, text or html, published, source) it accepts common aliases.
type jsonRecord struct {
	URL         string `json:"url"`
	Title       string `json:"title"`
	Text        string `json:"text"`
	HTML        string `json:"html"`
	Published   string `json:"published"`
	Date        string `json:"date"`
	Source      string `json:"source"`
	Byline      string `json:"byline"`
	Author      string `json:"author"`
	Language    string `json:"language"`
	Description string `json:"description"`
}

func (r *Reader) cleanRecord(ctx context.Context, rec jsonRecord, meta Meta) (*doc.Document, error) {
	if err := r.checkSize(len(rec.Text) + len(rec.HTML)); err != nil {
		return nil, err
	}
	if rec.URL != "" {
		meta.URL = rec.URL
	}
	pub := extract.ParseTime(firstOf(rec.Published, rec.Date))
	var d *doc.Document
	switch {
	case strings.TrimSpace(rec.Text) != "":
		d = clean.Parts(rec.Title, rec.Text)
	case strings.TrimSpace(rec.HTML) != "":
		a, err := r.ex.Extract(ctx, []byte(rec.HTML), meta.URL, "text/html; charset=utf-8")
		if err != nil {
			return nil, err
		}
		if rec.Title != "" {
			a.Title = rec.Title
		}
		d = fromArticle(a, meta)
	case strings.TrimSpace(rec.Title) != "":
		d = clean.Parts(rec.Title, "")
	default:
		return nil, errors.New("record has no title, text or html")
	}
	if rec.URL != "" {
		d.URL = rec.URL
	}
	if rec.Source != "" {
		d.Source = rec.Source
	}
	if !pub.IsZero() {
		d.Published = pub
	}
	if b := firstOf(rec.Byline, rec.Author); b != "" {
		d.Byline = b
	}
	if rec.Language != "" {
		d.Language = rec.Language
	}
	if d.Standfirst == "" && rec.Description != "" && len(d.Paragraphs) > 0 && sameText(rec.Description, d.Paragraphs[0]) {
		d.Standfirst = d.Paragraphs[0]
	}
	finish(d, meta)
	return d, nil
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// records iterates over the records of a JSONL input (one JSON object per
// line; a bad line is reported and skipped) or of a JSON array or stream of
// concatenated objects (where a syntax error ends the stream).
func (r *Reader) records(ctx context.Context, name string, b []byte, meta Meta, analyze bool) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		i := 0
		emit := func(raw []byte, derr error) bool {
			rec := Record{Index: i, Input: name + "#" + strconv.Itoa(i)}
			i++
			var jr jsonRecord
			switch {
			case ctx.Err() != nil:
				rec.Err = ctx.Err()
				yield(rec)
				return false
			case derr != nil:
				rec.Err = fmt.Errorf("read %s: %w", rec.Input, derr)
			default:
				if err := json.Unmarshal(raw, &jr); err != nil {
					rec.Err = fmt.Errorf("read %s: %w", rec.Input, err)
				} else if d, err := r.cleanRecord(ctx, jr, meta); err != nil {
					rec.Err = fmt.Errorf("read %s: %w", rec.Input, err)
				} else {
					d.Input = rec.Input
					if analyze {
						err = r.Analyze(ctx, d)
					}
					if err != nil {
						rec.Err = err
					} else {
						rec.Doc = d
					}
				}
			}
			return yield(rec)
		}
		text := strings.TrimPrefix(string(b), "\ufeff")
		lines := strings.Split(text, "\n")
		first := ""
		for _, l := range lines {
			if first = strings.TrimSpace(l); first != "" {
				break
			}
		}
		if strings.HasPrefix(first, "{") && json.Valid([]byte(first)) {
			for _, l := range lines {
				l = strings.TrimSpace(l)
				if l == "" {
					continue
				}
				var err error
				if !json.Valid([]byte(l)) {
					err = errors.New("invalid JSON line")
				}
				if !emit([]byte(l), err) {
					return
				}
			}
			return
		}
		dec := json.NewDecoder(strings.NewReader(text))
		array := strings.HasPrefix(strings.TrimSpace(text), "[")
		if array {
			if _, err := dec.Token(); err != nil {
				emit(nil, err)
				return
			}
		}
		for {
			if array && !dec.More() {
				return
			}
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if err == io.EOF {
				return
			}
			if !emit(raw, err) || err != nil {
				return
			}
		}
	}
}
