// Package conll reads named-entity data in the CoNLL-2003 format and scores
// predictions against it the way the shared task's conlleval script does:
// exact span and type.
//
// The format is one token per line ("WORD POS CHUNK NER", only the first
// and last columns are used), a blank line between sentences and
// "-DOCSTART-" lines between documents. Tags are IOB1 or IOB2 ("B-X" may
// open an entity, "I-X" continues it or opens one after another type).
package conll

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// Token is one word of a sentence with its gold label.
type Token struct {
	Word  string
	Label string
}

// Sentence is an ordered list of tokens.
type Sentence []Token

// Words returns the sentence's words.
func (s Sentence) Words() []string {
	w := make([]string, len(s))
	for i, t := range s {
		w[i] = t.Word
	}
	return w
}

// Labels returns the sentence's gold labels.
func (s Sentence) Labels() []string {
	l := make([]string, len(s))
	for i, t := range s {
		l[i] = t.Label
	}
	return l
}

// Document is a list of sentences that belong to one news story.
type Document struct {
	Sentences []Sentence
}

// Tokens counts the tokens of the document.
func (d Document) Tokens() int {
	n := 0
	for _, s := range d.Sentences {
		n += len(s)
	}
	return n
}

// ReadFile reads a CoNLL file; see Read.
func ReadFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("conll: %w", err)
	}
	defer f.Close()
	docs, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("conll: read %s: %w", path, err)
	}
	return docs, nil
}

// Read parses CoNLL data into documents. Documents are split at
// "-DOCSTART-" lines; a file without them (as the copies of the CoNLL-2003
// splits that drop those lines) is split at Reuters datelines: a sentence
// that is only "PLACE YYYY-MM-DD" is a story's second sentence, after its
// headline.
func Read(r io.Reader) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var (
		docs     []Document
		cur      Document
		sent     Sentence
		docstart bool
		line     int
	)
	flushSent := func() {
		if len(sent) > 0 {
			cur.Sentences = append(cur.Sentences, sent)
			sent = nil
		}
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
			cur = Document{}
		}
	}
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flushSent()
			continue
		}
		if f[0] == "-DOCSTART-" {
			docstart = true
			flushDoc()
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want at least two columns, got %q", line, sc.Text())
		}
		sent = append(sent, Token{Word: f[0], Label: f[len(f)-1]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flushDoc()
	if docstart {
		return docs, nil
	}
	var all []Sentence
	for _, d := range docs {
		all = append(all, d.Sentences...)
	}
	return SplitAtDatelines(all), nil
}

var dateRE = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)

// IsDateline reports whether s is a Reuters dateline: upper-case place
// words followed by an ISO date ("BRUSSELS 1996-08-22").
func IsDateline(s Sentence) bool {
	if len(s) < 2 || !dateRE.MatchString(s[len(s)-1].Word) {
		return false
	}
	for _, t := range s[:len(s)-1] {
		if strings.ToUpper(t.Word) != t.Word {
			return false
		}
	}
	return true
}

// SplitAtDatelines groups sentences into documents, starting a new one at
// the sentence before each dateline (the story's headline).
func SplitAtDatelines(sents []Sentence) []Document {
	var docs []Document
	start := 0
	for i := 1; i < len(sents); i++ {
		if IsDateline(sents[i]) && i-1 > start {
			docs = append(docs, Document{Sentences: sents[start : i-1]})
			start = i - 1
		}
	}
	if start < len(sents) {
		docs = append(docs, Document{Sentences: sents[start:]})
	}
	return docs
}

// Span is an entity: the half-open token range [Start, End) and its type.
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the entities of a label sequence in IOB1, IOB2 or BILOU
// (as conlleval reads them: an entity starts at B-, at S-/U-, or at an I-
// whose type differs from the previous token's).
func Spans(labels []string) []Span {
	var out []Span
	start, typ := -1, ""
	closeAt := func(i int) {
		if start >= 0 {
			out = append(out, Span{start, i, typ})
			start, typ = -1, ""
		}
	}
	for i, l := range labels {
		if l == "O" || len(l) < 3 || l[1] != '-' {
			closeAt(i)
			continue
		}
		p, t := l[0], l[2:]
		switch p {
		case 'B', 'U', 'S':
			closeAt(i)
			start, typ = i, t
		case 'I', 'L', 'E':
			if start < 0 || t != typ {
				closeAt(i)
				start, typ = i, t
			}
		default:
			closeAt(i)
			continue
		}
		if p == 'U' || p == 'S' || p == 'L' || p == 'E' {
			closeAt(i + 1)
		}
	}
	closeAt(len(labels))
	return out
}
