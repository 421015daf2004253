package quotes

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"eventwire/doc"
)

// ReadArticles returns the raw bytes of each named article, read in place:
// a plain path, or "archive.tar.gz#member" for a member of a gzipped tar
// (each archive is read once). Relative names are resolved against the
// shared folder.
func ReadArticles(sharedDir string, names []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	members := map[string]map[string]bool{} // archive -> members wanted
	for _, n := range names {
		arch, member, ok := strings.Cut(n, "#")
		path := arch
		if !filepath.IsAbs(path) {
			path = filepath.Join(sharedDir, arch)
		}
		if !ok {
			b, err := os.ReadFile(path)
			if err != nil {
				return nil, fmt.Errorf("article %s: %w", n, err)
			}
			out[n] = b
			continue
		}
		if members[path] == nil {
			members[path] = map[string]bool{}
		}
		members[path][member] = true
	}
	for path, want := range members {
		got, err := readTarMembers(path, want)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			arch, member, ok := strings.Cut(n, "#")
			p := arch
			if !filepath.IsAbs(p) {
				p = filepath.Join(sharedDir, arch)
			}
			if ok && p == path {
				b, found := got[member]
				if !found {
					return nil, fmt.Errorf("article %s: no member %s in %s", n, member, path)
				}
				out[n] = b
			}
		}
	}
	return out, nil
}

// readTarMembers reads the wanted members of a gzipped tar archive.
func readTarMembers(path string, want map[string]bool) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	got := map[string][]byte{}
	for len(got) < len(want) {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("archive %s: %w", path, err)
		}
		if !want[h.Name] {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("archive %s member %s: %w", path, h.Name, err)
		}
		got[h.Name] = b
	}
	return got, nil
}

// TextDocument builds a document from a plain-text article (headline on the
// first line, then paragraphs separated by blank lines), decoding Latin-1
// when the bytes are not UTF-8 and straightening backtick apostrophes. It is
// the fallback when no full reader is supplied.
func TextDocument(name string, raw []byte) *doc.Document {
	s := string(raw)
	if !utf8.ValidString(s) {
		r := make([]rune, len(raw))
		for i, c := range raw {
			r[i] = rune(c)
		}
		s = string(r)
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "`", "'")
	title, body, _ := strings.Cut(s, "\n")
	var paras []string
	for _, p := range strings.Split(body, "\n\n") {
		paras = append(paras, strings.Join(strings.Fields(p), " "))
	}
	d := doc.New(title, paras)
	d.Input = name
	return d
}
