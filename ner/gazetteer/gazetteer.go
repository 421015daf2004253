// Package gazetteer holds the name lists the recogniser uses as features
// (countries, demonyms, cities, first names, CAMEO actors) and matches
// them against token sequences. The lists are built from public sources by
// Build* functions and stored as one small gzip-compressed text file.
package gazetteer

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strings"
)

// MaxPhrase is the longest phrase, in tokens, that the matcher considers.
const MaxPhrase = 8

// Lists maps a list name ("country", "city") to its phrases, each a
// lower-cased, space-separated token sequence.
type Lists map[string]map[string]bool

// Add puts a phrase into list name after tokenizing and lower-casing it.
// Phrases that tokenize to nothing or to more than MaxPhrase tokens are dropped.
func (l Lists) Add(name, phrase string) {
	toks := Tokenize(phrase)
	if len(toks) == 0 || len(toks) > MaxPhrase {
		return
	}
	m := l[name]
	if m == nil {
		m = map[string]bool{}
		l[name] = m
	}
	m[strings.ToLower(strings.Join(toks, " "))] = true
}

// Tokenize splits a phrase the way CoNLL-2003 text is tokenized: at spaces
// and underscores, with commas, parentheses, quotes and a trailing
// possessive split off. Hyphens and inner periods stay ("al-Sisi", "U.S.").
func Tokenize(s string) []string {
	s = strings.ReplaceAll(s, "_", " ")
	var out []string
	for _, f := range strings.Fields(s) {
		for len(f) > 0 && strings.ContainsRune("(\"'[", rune(f[0])) {
			out = append(out, f[:1])
			f = f[1:]
		}
		var tail []string
		for len(f) > 0 && strings.ContainsRune(",;:)\"]", rune(f[len(f)-1])) {
			tail = append([]string{f[len(f)-1:]}, tail...)
			f = f[:len(f)-1]
		}
		if strings.HasSuffix(f, "'s") && len(f) > 2 {
			tail = append([]string{"'s"}, tail...)
			f = f[:len(f)-2]
		}
		if f != "" {
			out = append(out, f)
		}
		out = append(out, tail...)
	}
	return out
}

// Write stores the lists as gzip-compressed lines "list TAB phrase", sorted.
func (l Lists) Write(w io.Writer) error {
	gz := gzip.NewWriter(w)
	bw := bufio.NewWriter(gz)
	names := make([]string, 0, len(l))
	for n := range l {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ph := make([]string, 0, len(l[n]))
		for p := range l[n] {
			ph = append(ph, p)
		}
		sort.Strings(ph)
		for _, p := range ph {
			if _, err := fmt.Fprintf(bw, "%s\t%s\n", n, p); err != nil {
				return err
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

// ReadLists loads lists written by Write.
func ReadLists(r io.Reader) (Lists, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	l := Lists{}
	sc := bufio.NewScanner(gz)
	n := 0
	for sc.Scan() {
		n++
		name, phrase, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("gazetteer: line %d: no tab", n)
		}
		m := l[name]
		if m == nil {
			m = map[string]bool{}
			l[name] = m
		}
		m[phrase] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return l, nil
}

// Matcher finds list phrases in token sequences. It is safe for
// concurrent use.
type Matcher struct {
	names []string
	// keys maps a lower-cased token sequence to a bit set: bit i set when
	// the sequence is a phrase of list i, bit 63 when it is a proper prefix
	// of some phrase.
	keys map[string]uint64
}

const prefixBit = 1 << 63

// NewMatcher builds a matcher over the lists (at most 63 of them).
func NewMatcher(l Lists) (*Matcher, error) {
	m := &Matcher{keys: map[string]uint64{}}
	for n := range l {
		m.names = append(m.names, n)
	}
	sort.Strings(m.names)
	if len(m.names) > 63 {
		return nil, fmt.Errorf("gazetteer: %d lists, at most 63", len(m.names))
	}
	for i, n := range m.names {
		for p := range l[n] {
			m.keys[p] |= 1 << i
			for j := 0; j < len(p); j++ {
				if p[j] == ' ' {
					m.keys[p[:j]] |= prefixBit
				}
			}
		}
	}
	return m, nil
}

// Names returns the list names; Match reports list i as Names()[i].
func (m *Matcher) Names() []string { return m.names }

// Position tags used in Hit.Pos, as in BILOU.
const (
	Begin  = 'B'
	Inside = 'I'
	Last   = 'L'
	Unit   = 'U'
)

// Hit says that a token lies inside a match of list List at position Pos.
type Hit struct {
	List int
	Pos  byte
}

// Match returns, for each token, the lists whose phrases cover it, taking
// for each list the longest match from left to right. lower holds the
// lower-cased tokens.
func (m *Matcher) Match(lower []string) [][]Hit {
	out := make([][]Hit, len(lower))
	var buf []byte
	// longest[l] is the end of the longest match of list l starting at i.
	var longest [64]int
	covered := make([]int, len(m.names)) // end of the last match taken per list
	for i := range lower {
		for l := range m.names {
			longest[l] = 0
		}
		buf = buf[:0]
		for j := i; j < len(lower) && j-i < MaxPhrase; j++ {
			if j > i {
				buf = append(buf, ' ')
			}
			buf = append(buf, lower[j]...)
			bits, ok := m.keys[string(buf)]
			if !ok {
				break
			}
			for l := range m.names {
				if bits&(1<<l) != 0 {
					longest[l] = j + 1
				}
			}
			if bits&prefixBit == 0 {
				break
			}
		}
		for l := range m.names {
			end := longest[l]
			if end == 0 || covered[l] > i {
				continue
			}
			covered[l] = end
			for k := i; k < end; k++ {
				pos := byte(Inside)
				switch {
				case end-i == 1:
					pos = Unit
				case k == i:
					pos = Begin
				case k == end-1:
					pos = Last
				}
				out[k] = append(out[k], Hit{List: l, Pos: pos})
			}
		}
	}
	return out
}
