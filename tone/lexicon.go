package tone

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// LexiconPath is the embedded lexicon's name under the data package
// ("gazetteer/vader.tsv"), as BuildLexicon writes it.
const LexiconPath = "gazetteer/vader.tsv"

// vaderMember is the lexicon file inside the vader-sentiment npm tarball.
const vaderMember = "package/vader_lexicon.txt"

// Lexicon maps lower-cased words to their VADER valence (-4..+4).
type Lexicon map[string]float64

// BuildLexicon reads the vader-sentiment npm tarball (the .tgz "npm pack
// vader-sentiment" writes) and writes the compact lexicon: a comment header
// naming the source and its licence, then one "word<TAB>valence" line per
// entry, sorted. Only words are kept (letters, with inner apostrophes or
// hyphens): emoticons and multi-word idioms are dropped, since news text has
// no emoticons and the stage matches single tokens. It returns the number of
// entries written.
func BuildLexicon(tgz io.Reader, w io.Writer, source string) (int, error) {
	zr, err := gzip.NewReader(tgz)
	if err != nil {
		return 0, fmt.Errorf("tone: open %s: %w", source, err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return 0, fmt.Errorf("tone: %s has no %s", source, vaderMember)
		}
		if err != nil {
			return 0, fmt.Errorf("tone: read %s: %w", source, err)
		}
		if h.Name != vaderMember {
			continue
		}
		lex, err := parseVader(tr)
		if err != nil {
			return 0, fmt.Errorf("tone: %s: %s: %w", source, vaderMember, err)
		}
		return len(lex), writeLexicon(w, lex, source)
	}
}

// parseVader reads VADER's own format: word, mean valence, standard
// deviation and the ten raw ratings, tab-separated.
func parseVader(r io.Reader) (Lexicon, error) {
	lex := Lexicon{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			continue
		}
		w := strings.ToLower(strings.TrimSpace(f[0]))
		if !isLexWord(w) {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: valence %q: %w", n, f[1], err)
		}
		lex[w] = v
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(lex) == 0 {
		return nil, errors.New("no entries")
	}
	return lex, nil
}

func writeLexicon(w io.Writer, lex Lexicon, source string) error {
	words := make([]string, 0, len(lex))
	for k := range lex {
		words = append(words, k)
	}
	sort.Strings(words)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# VADER sentiment lexicon: word<TAB>mean valence (-4..+4).\n")
	fmt.Fprintf(bw, "# Built by \"eventwire train tone\" from %s (package/vader_lexicon.txt).\n", source)
	fmt.Fprintf(bw, "# vader-sentiment (npm) is Apache-2.0, Copyright 2018 Comcast Cable Communications Management, LLC;\n")
	fmt.Fprintf(bw, "# the lexicon is C.J. Hutto's VADER (MIT). Hutto & Gilbert, ICWSM 2014.\n")
	for _, k := range words {
		fmt.Fprintf(bw, "%s\t%s\n", k, strconv.FormatFloat(lex[k], 'f', -1, 64))
	}
	return bw.Flush()
}

// isLexWord reports whether a VADER entry is a word: letters, with inner
// apostrophes or hyphens ("can't", "well-being"), not an emoticon.
func isLexWord(w string) bool {
	for i, r := range w {
		switch {
		case unicode.IsLetter(r):
		case (r == '\'' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return w != ""
}

// ParseLexicon reads the compact lexicon BuildLexicon writes.
func ParseLexicon(b []byte) (Lexicon, error) {
	lex := Lexicon{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, val, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("tone: lexicon line %d: no tab", n)
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return nil, fmt.Errorf("tone: lexicon line %d: %w", n, err)
		}
		lex[word] = v
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tone: lexicon: %w", err)
	}
	if len(lex) == 0 {
		return nil, errors.New("tone: lexicon is empty")
	}
	return lex, nil
}
