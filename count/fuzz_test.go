package count

import (
	"context"
	"testing"

	"eventwire/doc"
	"eventwire/segment"
)

// FuzzFind checks that any text yields counts whose spans lie in the text
// and cover their Text, without panicking.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"The violence has killed more than 600 Palestinians and 29 Israelis.",
		"At least 12 people, including three children, were hurt.",
		"the death toll rose to", "killed 1,2,3 and", "hundreds of thousands of", "two dozen dozens",
	} {
		f.Add(s)
	}
	s := New()
	f.Fuzz(func(t *testing.T, text string) {
		d := doc.New("", []string{text})
		if err := segment.New().Process(context.Background(), d); err != nil {
			t.Skip()
		}
		for _, c := range s.Find(d) {
			if c.Start < 0 || c.End > len(d.Text) || c.Start >= c.End || d.Slice(c.Span) != c.Text {
				t.Fatalf("count %+v: bad span in %q", c, d.Text)
			}
			if c.Number <= 0 {
				t.Fatalf("count %+v: number %v", c, c.Number)
			}
		}
	})
}
