// Package conllu reads treebanks in the CoNLL-U format of Universal
// Dependencies: one word per line, ten tab-separated columns, sentences
// separated by blank lines. Multi-word token lines ("1-2") and empty nodes
// ("1.1") are skipped, so a sentence holds its syntactic words in order.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one syntactic word of a sentence.
type Word struct {
	// ID is the 1-based position of the word in its sentence.
	ID    int
	Form  string
	Lemma string
	// UPOS is the Universal POS tag and XPOS the language-specific one
	// (Penn Treebank for English).
	UPOS string
	XPOS string
	// Head is the ID of the word's head, 0 for the root.
	Head int
	// Deprel is the Universal Dependencies relation to the head.
	Deprel string
}

// Sentence is one sentence of a treebank.
type Sentence struct {
	// ID is the sent_id comment, when present.
	ID string
	// Text is the text comment, when present.
	Text  string
	Words []Word
}

// Forms returns the word forms of the sentence.
func (s Sentence) Forms() []string {
	forms := make([]string, len(s.Words))
	for i, w := range s.Words {
		forms[i] = w.Form
	}
	return forms
}

// Read parses every sentence from r.
func Read(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	line := 0
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.TrimSpace(l) == "":
			flush()
			continue
		case strings.HasPrefix(l, "#"):
			if v, ok := strings.CutPrefix(l, "# sent_id = "); ok {
				cur.ID = v
			} else if v, ok := strings.CutPrefix(l, "# text = "); ok {
				cur.Text = v
			}
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("conllu: line %d: %d columns, want 10", line, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue // multi-word token or empty node
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil {
			return nil, fmt.Errorf("conllu: line %d: bad ID %q", line, cols[0])
		}
		head := -1
		if cols[6] != "_" {
			if head, err = strconv.Atoi(cols[6]); err != nil {
				return nil, fmt.Errorf("conllu: line %d: bad HEAD %q", line, cols[6])
			}
		}
		if id != len(cur.Words)+1 {
			return nil, fmt.Errorf("conllu: line %d: word ID %d out of sequence", line, id)
		}
		cur.Words = append(cur.Words, Word{
			ID: id, Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4],
			Head: head, Deprel: cols[7],
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conllu: line %d: %w", line, err)
	}
	flush()
	return out, nil
}

// ReadFile parses the CoNLL-U file at path.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Write writes sentences to w in CoNLL-U, with "_" for the columns Word
// does not hold.
func Write(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		if s.Text != "" {
			fmt.Fprintf(bw, "# text = %s\n", s.Text)
		}
		for _, wd := range s.Words {
			head := "_"
			if wd.Head >= 0 {
				head = strconv.Itoa(wd.Head)
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t_\t%s\t%s\t_\t_\n",
				wd.ID, wd.Form, or(wd.Lemma), or(wd.UPOS), or(wd.XPOS), head, or(wd.Deprel))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func or(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
