package conll

import (
	"fmt"
	"io"
	"sort"
)

// Counts holds the matches of one entity type (or of all types).
type Counts struct {
	// Correct counts predicted entities whose span and type match a gold one.
	Correct int
	// Predicted and Gold count the entities on each side.
	Predicted int
	Gold      int
}

// Precision is Correct/Predicted (0 when nothing was predicted).
func (c Counts) Precision() float64 {
	if c.Predicted == 0 {
		return 0
	}
	return float64(c.Correct) / float64(c.Predicted)
}

// Recall is Correct/Gold (0 when there is no gold entity).
func (c Counts) Recall() float64 {
	if c.Gold == 0 {
		return 0
	}
	return float64(c.Correct) / float64(c.Gold)
}

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score accumulates exact-match counts per entity type.
type Score struct {
	ByType map[string]*Counts
	All    Counts
	Tokens int
}

// NewScore returns an empty score.
func NewScore() *Score { return &Score{ByType: map[string]*Counts{}} }

func (s *Score) typ(t string) *Counts {
	c := s.ByType[t]
	if c == nil {
		c = &Counts{}
		s.ByType[t] = c
	}
	return c
}

// Add scores one sentence: its gold and predicted entities.
func (s *Score) Add(gold, pred []Span) {
	g := map[Span]bool{}
	for _, sp := range gold {
		g[sp] = true
		s.typ(sp.Type).Gold++
		s.All.Gold++
	}
	for _, sp := range pred {
		s.typ(sp.Type).Predicted++
		s.All.Predicted++
		if g[sp] {
			s.typ(sp.Type).Correct++
			s.All.Correct++
		}
	}
}

// AddLabels scores one sentence given gold and predicted label sequences.
func (s *Score) AddLabels(gold, pred []string) {
	s.Tokens += len(gold)
	s.Add(Spans(gold), Spans(pred))
}

// Types returns the entity types seen, sorted.
func (s *Score) Types() []string {
	var t []string
	for k := range s.ByType {
		t = append(t, k)
	}
	sort.Strings(t)
	return t
}

// Report writes a table of precision, recall and F1 per type and overall.
func (s *Score) Report(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "%-8s %9s %9s %9s %7s %7s\n", "type", "precision", "recall", "F1", "gold", "pred"); err != nil {
		return err
	}
	row := func(name string, c Counts) error {
		_, err := fmt.Fprintf(w, "%-8s %9.4f %9.4f %9.4f %7d %7d\n", name, c.Precision(), c.Recall(), c.F1(), c.Gold, c.Predicted)
		return err
	}
	for _, t := range s.Types() {
		if err := row(t, *s.ByType[t]); err != nil {
			return err
		}
	}
	return row("overall", s.All)
}
