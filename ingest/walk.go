package ingest

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"eventwire/store"
)

// Walk finds the items of every path, in order, and calls emit for each;
// emit returns false to stop. Folders are walked recursively in lexical
// order. A path or container that cannot be read becomes an Item with Err
// set, and the walk goes on with the rest. Walk returns only ctx's error.
func Walk(ctx context.Context, paths []string, maxBytes int64, emit func(Item) bool) error {
	if maxBytes <= 0 {
		maxBytes = defaultMaxBytes
	}
	w := &walker{ctx: ctx, max: maxBytes, emit: emit}
	for _, p := range paths {
		if !w.path(p) {
			break
		}
	}
	return ctx.Err()
}

type walker struct {
	ctx  context.Context
	max  int64
	emit func(Item) bool
}

// failItem emits an item that reports err for key.
func (w *walker) fail(key string, err error) bool {
	return w.emit(Item{Key: key, Name: key, Err: err})
}

func (w *walker) path(p string) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return w.fail(p, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return w.fail(abs, fmt.Errorf("open %s: %w", p, err))
	}
	if !st.IsDir() {
		return w.file(abs, st.Size())
	}
	ok := true
	err = filepath.WalkDir(abs, func(fp string, de fs.DirEntry, err error) error {
		if err != nil {
			if !w.fail(fp, fmt.Errorf("walk %s: %w", fp, err)) {
				return filepath.SkipAll
			}
			return nil
		}
		if fp != abs && skipName(de.Name()) {
			if de.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if de.IsDir() || !de.Type().IsRegular() {
			return nil
		}
		info, err := de.Info()
		if err != nil {
			ok = w.fail(fp, fmt.Errorf("stat %s: %w", fp, err))
		} else {
			ok = w.file(fp, info.Size())
		}
		if !ok || w.ctx.Err() != nil {
			ok = false
			return filepath.SkipAll
		}
		return nil
	})
	return ok && err == nil
}

// skipName reports whether a file or folder met while walking a folder is
// not an article: hidden files, licences, read-me files and checksums.
func skipName(name string) bool {
	upper := strings.ToUpper(name)
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasPrefix(upper, "README"),
		strings.HasPrefix(upper, "LICENSE"),
		strings.HasPrefix(upper, "LICENCE"),
		strings.HasPrefix(upper, "COPYING"),
		strings.HasPrefix(upper, "SHA256SUMS"),
		strings.HasPrefix(upper, "MD5SUMS"):
		return true
	}
	return false
}

// kind is the container format of a file.
type kind int

const (
	kindSingle kind = iota
	kindTar
	kindWARC
	kindJSONL
	kindFeed
)

// kindOf decides a file's format from its name, then from its first bytes.
func kindOf(name string, head []byte) kind {
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	switch {
	case strings.HasSuffix(n, ".tar") || strings.HasSuffix(n, ".tgz"):
		return kindTar
	case strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".arc"):
		return kindWARC
	case strings.HasSuffix(n, ".jsonl") || strings.HasSuffix(n, ".ndjson"):
		return kindJSONL
	case strings.HasSuffix(n, ".rss") || strings.HasSuffix(n, ".atom"):
		return kindFeed
	}
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return kindWARC
	}
	if looksLikeFeed(head) {
		return kindFeed
	}
	return kindSingle
}

// looksLikeFeed reports whether the start of a document is an RSS, RDF or
// Atom feed.
func looksLikeFeed(head []byte) bool {
	h := head
	if len(h) > 2048 {
		h = h[:2048]
	}
	for _, tag := range []string{"<rss", "<feed", "<rdf:RDF"} {
		if bytes.Contains(h, []byte(tag)) {
			return true
		}
	}
	return false
}

var gzipMagic = []byte{0x1f, 0x8b}

// openMaybeGzip opens a file, decompressing it when it is gzipped, and
// returns a buffered reader over the content.
func openMaybeGzip(name string) (*bufio.Reader, io.Closer, bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, false, err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	magic, _ := br.Peek(2)
	if !bytes.Equal(magic, gzipMagic) {
		return br, f, false, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		f.Close()
		return nil, nil, true, fmt.Errorf("gzip: %w", err)
	}
	zr.Multistream(true)
	return bufio.NewReaderSize(zr, 64<<10), f, true, nil
}

func (w *walker) file(name string, size int64) bool {
	br, c, _, err := openMaybeGzip(name)
	if err != nil {
		return w.fail(name, fmt.Errorf("open %s: %w", name, err))
	}
	defer c.Close()
	head, _ := br.Peek(2048)
	switch kindOf(name, head) {
	case kindTar:
		return w.tar(name, br)
	case kindWARC:
		c.Close()
		return w.warc(name)
	case kindJSONL:
		return w.jsonl(name, br)
	case kindFeed:
		raw, err := readLimited(br, w.max)
		if err != nil {
			return w.fail(name, fmt.Errorf("read %s: %w", name, err))
		}
		return w.feed(name, raw)
	}
	raw, err := readLimited(br, w.max)
	if err != nil {
		return w.fail(name, fmt.Errorf("read %s: %w", name, err))
	}
	return w.emit(Item{Key: store.InputKey(name, -1), Name: name, Raw: raw, Meta: Meta{ContentType: contentTypeOf(name)}})
}

// errTooLarge reports an item over the size limit.
var errTooLarge = errors.New("input too large")

// readLimited reads all of r, failing when it holds more than max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return b, describe(err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: over %d bytes", errTooLarge, max)
	}
	return b, nil
}

// contentTypeOf guesses a media type from a file name.
func contentTypeOf(name string) string {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch path.Ext(n) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return "text/html"
	case ".txt", ".text":
		return "text/plain"
	case ".json":
		return "application/json"
	}
	return ""
}

// tar emits each regular file of a tar archive as an item keyed by its
// position among the archive's files.
func (w *walker) tar(name string, r io.Reader) bool {
	tr := tar.NewReader(r)
	n := 0
	for {
		if w.ctx.Err() != nil {
			return false
		}
		h, err := tr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return w.fail(store.InputKey(name, n), fmt.Errorf("read %s after %d files: %w", name, n, describe(err)))
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		key := store.InputKey(name, n)
		n++
		if skipName(path.Base(h.Name)) || strings.Contains("/"+h.Name, "/.") {
			continue
		}
		item := Item{Key: key, Name: fmt.Sprintf("%s (%s)", key, h.Name), Meta: Meta{ContentType: contentTypeOf(h.Name)}}
		if h.Size > w.max {
			item.Err = fmt.Errorf("read %s: %w: %d bytes, limit %d", item.Name, errTooLarge, h.Size, w.max)
		} else if raw, err := readLimited(tr, w.max); err != nil {
			if !w.emit(Item{Key: key, Name: item.Name, Err: fmt.Errorf("read %s: %w", item.Name, err)}) {
				return false
			}
			return true // the archive is broken past this point
		} else {
			item.Raw = raw
		}
		if !w.emit(item) {
			return false
		}
	}
}

// describe makes archive errors say what happened to the input.
func describe(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("truncated input: %w", err)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("corrupt gzip data: %w", err)
	}
	return err
}
