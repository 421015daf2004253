// Package cameo reads the PETRARCH/TABARI event-coding dictionaries (verb
// patterns with synonym sets, country, international and non-state actors,
// agents, discards) and the CAMEO codebook (names, QuadClass, Goldstein scale,
// CAMEO→PLOVER map), and indexes them for the event coder.
//
// Dictionary words are upper case; "_" joins the words of a phrase and a
// trailing "_" marks a phrase whose last word must match exactly; otherwise
// its regular plural matches too. Pattern words are stems: they match any
// text word that starts with them ("VIOLAT" matches "violating").
package cameo

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
)

// Word is one word of a dictionary phrase or pattern.
type Word struct {
	// Text is the upper-case word without its trailing "_".
	Text string
	// Exact is set when the word must match a text word exactly (a trailing
	// "_"); otherwise its regular plural matches too.
	Exact bool
	// Stem is set for pattern words, which match any text word that starts
	// with them ("VIOLAT" matches "violating").
	Stem bool
}

// Matches reports whether the upper-case text word w matches the dictionary word.
func (d Word) Matches(w string) bool {
	if w == d.Text {
		return true
	}
	if d.Stem && len(d.Text) > 3 {
		return strings.HasPrefix(w, d.Text)
	}
	return !d.Exact && isPlural(w, d.Text)
}

// parseWords splits a dictionary phrase ("UNITED_STATES_", "HAMAS WING") into
// words. Interior words match exactly; the last word also matches its
// regular plural unless the phrase ends in "_".
func parseWords(phrase string) []Word {
	phrase = strings.TrimSpace(phrase)
	exactLast := strings.HasSuffix(phrase, "_")
	phrase = strings.TrimRight(phrase, "_")
	var out []Word
	for _, f := range strings.FieldsFunc(phrase, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' }) {
		out = append(out, Word{Text: strings.ToUpper(f), Exact: true})
	}
	if len(out) > 0 {
		out[len(out)-1].Exact = exactLast
	}
	return out
}

var xmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)

// cleanLines returns the non-blank lines of a dictionary file with XML
// comments and "#" comments removed.
func cleanLines(r io.Reader) ([]string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	s := xmlComment.ReplaceAllString(strings.ToValidUTF8(string(b), "?"), "")
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			// A verb pattern keeps the first word of its comment: the verb
			// the pattern was written for ("- * &TREATY [057] # RATIFY").
			origin := ""
			if strings.HasPrefix(strings.TrimSpace(line), "-") {
				if f := strings.Fields(line[i+1:]); len(f) > 0 && isUpperWord(f[0]) {
					origin = " #" + f[0]
				}
			}
			line = strings.TrimRight(line[:i], " \t") + origin
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "<") {
			continue // stray XML markup such as "<! -- ... -->"
		}
		out = append(out, strings.TrimRight(line, " \t\r"))
	}
	return out, sc.Err()
}

// readLines opens name in fsys and returns its cleaned lines.
func readLines(fsys fs.FS, name string) ([]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cameo: %w", err)
	}
	defer f.Close()
	lines, err := cleanLines(f)
	if err != nil {
		return nil, fmt.Errorf("cameo: read %s: %w", name, err)
	}
	return lines, nil
}

// bracket splits "NAME [CODE] rest" into the text before the first "[", the
// bracket's content and whether a bracket was found.
func bracket(s string) (before, inside string, ok bool) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return s, "", false
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return s[:i], strings.TrimSpace(s[i+1:]), true
	}
	return s[:i], strings.TrimSpace(s[i+1 : i+j]), true
}

// braces splits "NAME {A B} rest" into the text outside and the words inside
// the first pair of braces.
func braces(s string) (outside string, inside []string, ok bool) {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return s, nil, false
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return s[:i], strings.Fields(s[i+1:]), true
	}
	return s[:i] + s[i+j+1:], strings.Fields(s[i+1 : i+j]), true
}

// isPlural reports whether w is a regular plural of base.
func isPlural(w, base string) bool {
	switch {
	case w == base+"S", w == base+"ES":
		return true
	case strings.HasSuffix(base, "Y") && w == base[:len(base)-1]+"IES":
		return true
	}
	return false
}

// isUpperWord reports whether w is an upper-case dictionary word ("RATIFY",
// "CALLED_OFF").
func isUpperWord(w string) bool {
	for _, r := range w {
		if !(r >= 'A' && r <= 'Z' || r == '_' || r == '-') {
			return false
		}
	}
	return len(w) > 1
}
