package cameo

import (
	"io/fs"
	"strings"
)

// Discards holds the phrases that cause a sentence (or, for phrases written
// with a leading "+", the whole story) to be left uncoded: sports results,
// weather and the like.
type Discards struct {
	index *PhraseIndex
	story []bool
}

// ReadDiscards reads PETRARCH discard files.
func ReadDiscards(fsys fs.FS, names ...string) (*Discards, error) {
	d := &Discards{index: newPhraseIndex()}
	for _, name := range names {
		lines, err := readLines(fsys, name)
		if err != nil {
			return nil, err
		}
		for _, line := range lines {
			t := strings.TrimSpace(line)
			story := strings.HasPrefix(t, "+")
			t = strings.TrimPrefix(t, "+")
			if i := strings.IndexByte(t, ';'); i >= 0 {
				t = t[:i]
			}
			ws := parseWords(strings.ToUpper(t))
			if len(ws) == 0 {
				continue
			}
			ws[len(ws)-1].Exact = false // a discard phrase matches its plural too
			d.story = append(d.story, story)
			d.index.add(ws, len(d.story)-1)
		}
	}
	d.index.finish()
	return d, nil
}

// Check scans upper-case words for a discard phrase; it reports whether the
// sentence, and whether the whole story, is to be discarded.
func (d *Discards) Check(words []string) (sentence, story bool) {
	if d == nil {
		return false, false
	}
	for i := range words {
		if id, _, ok := d.index.Match(words, i); ok {
			if d.story[id] {
				return true, true
			}
			sentence = true
		}
	}
	return sentence, false
}

// Hit is one discard phrase found in a sentence: words [Start, End).
type Hit struct {
	Start, End int
	// Story is set for phrases that discard the whole story.
	Story bool
}

// Find returns the discard phrases in upper-case words.
func (d *Discards) Find(words []string) []Hit {
	if d == nil {
		return nil
	}
	var out []Hit
	for i := range words {
		if id, n, ok := d.index.Match(words, i); ok {
			out = append(out, Hit{Start: i, End: i + n, Story: d.story[id]})
		}
	}
	return out
}
