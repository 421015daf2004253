package ingest

import (
	"fmt"
	"io"
	"mime"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"eventwire/store"
)

// gowarcInit serialises the creation of gowarc readers, which writes a
// process-wide setting of the uuid package (a data race otherwise).
var gowarcInit sync.Mutex

// warc emits the HTML pages of a WARC file: response and resource records
// with an HTML payload (status 200 for HTTP responses) and conversion
// records (WET text). The item key is the record's position in the file.
// WARC-Target-URI becomes the URL and WARC-Date the fetch time.
func (w *walker) warc(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return w.fail(name, fmt.Errorf("read WARC %s: %w", name, err))
	}
	defer f.Close()
	// gowarc reads the raw file: it handles one gzip member per record
	// itself, and reads payloads wrongly from a stream decompressed before.
	// Creating a reader writes a global of github.com/google/uuid
	// (EnableRandPool), so concurrent walks take turns at it.
	gowarcInit.Lock()
	wr, err := gowarc.NewWarcFileReaderFromStream(f, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		// Spec violations stay at the default (ErrWarn, findings ignored):
		// with ErrIgnore gowarc v3.1.0 cuts payloads short.
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore))
	gowarcInit.Unlock()
	if err != nil {
		return w.fail(name, fmt.Errorf("read WARC %s: %w", name, err))
	}
	defer wr.Close()
	for n := 0; ; n++ {
		if w.ctx.Err() != nil {
			return false
		}
		rec, err := wr.Next()
		if err == io.EOF {
			return true
		}
		key := store.InputKey(name, n)
		if err != nil {
			rec.Close()
			return w.fail(key, fmt.Errorf("read WARC %s at record %d (offset %d): %w", name, n, rec.Offset, describe(err)))
		}
		item, ok := w.warcItem(name, key, rec.WarcRecord)
		rec.Close()
		if ok && !w.emit(item) {
			return false
		}
	}
}

// warcItem turns one record into an item; ok is false for records that hold
// no page (requests, metadata, redirects, images).
func (w *walker) warcItem(name, key string, rec gowarc.WarcRecord) (Item, bool) {
	h := rec.WarcHeader()
	uri := strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	item := Item{Key: key, Name: fmt.Sprintf("%s (%s)", key, uri), Meta: Meta{URL: uri}}
	if t, err := time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate)); err == nil {
		item.Meta.Fetched = t.UTC()
	}
	var payload io.Reader
	headerLen := 0 // bytes of the block before the payload
	switch rec.Type() {
	case gowarc.Response:
		if hb, ok := rec.Block().(gowarc.HttpResponseBlock); ok {
			if code := hb.HttpStatusCode(); code != 200 {
				return item, false
			}
			if hdr := hb.HttpHeader(); hdr != nil {
				item.Meta.ContentType = hdr.Get("Content-Type")
			}
			headerLen = len(hb.ProtocolHeaderBytes())
			p, err := hb.PayloadBytes()
			if err != nil {
				item.Err = fmt.Errorf("read %s: payload: %w", item.Name, err)
				return item, true
			}
			payload = p
		} else {
			return item, false // a non-HTTP response (dns:, ftp:)
		}
	case gowarc.Resource:
		item.Meta.ContentType = h.Get(gowarc.ContentType)
		p, err := rec.Block().RawBytes()
		if err != nil {
			item.Err = fmt.Errorf("read %s: %w", item.Name, err)
			return item, true
		}
		payload = p
	case gowarc.Conversion:
		item.Meta.ContentType = "text/plain; charset=utf-8"
		p, err := rec.Block().RawBytes()
		if err != nil {
			item.Err = fmt.Errorf("read %s: %w", item.Name, err)
			return item, true
		}
		payload = p
	default:
		return item, false
	}
	mt, _, _ := mime.ParseMediaType(item.Meta.ContentType)
	if mt != "" && mt != "text/html" && mt != "application/xhtml+xml" && mt != "text/plain" {
		return item, false
	}
	raw, err := readLimited(payload, w.max)
	if err != nil {
		item.Err = fmt.Errorf("read %s: %w", item.Name, err)
		return item, true
	}
	if cl, err := strconv.ParseInt(h.Get(gowarc.ContentLength), 10, 64); err == nil && int64(headerLen+len(raw)) < cl {
		item.Err = fmt.Errorf("read %s: truncated record: %d of %d bytes", item.Name, headerLen+len(raw), cl)
		return item, true
	}
	if mt == "" && !looksLikeHTML(raw) {
		return item, false
	}
	item.Raw = raw
	return item, true
}

// looksLikeHTML reports whether a payload with no media type is an HTML page.
func looksLikeHTML(b []byte) bool {
	h := strings.ToLower(string(b[:min(len(b), 1024)]))
	return strings.Contains(h, "<html") || strings.Contains(h, "<!doctype html") || strings.Contains(h, "<body")
}
