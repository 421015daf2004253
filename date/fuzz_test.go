package date

import (
	"context"
	"fmt"
	"testing"
	"time"

	"eventwire/doc"
	"eventwire/segment"
)

// FuzzFind checks that any text yields dates whose spans lie in the text
// and whose values have one of the documented shapes, without panicking.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Kerry on Tuesday placed the onus on Hamas last year.",
		"from August 15th to September 8th, 1963", "on Sunday, 8 September 1963",
		"31/02/2014 and 2014-13-45", "three days ago; a year ago", "mid-March mid-2014",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := doc.New("", []string{text})
		d.Published = time.Date(2014, 7, 22, 0, 0, 0, 0, time.UTC)
		if err := segment.New().Process(context.Background(), d); err != nil {
			t.Skip()
		}
		for _, dt := range Find(d) {
			if dt.Start < 0 || dt.End > len(d.Text) || dt.Start >= dt.End || d.Slice(dt.Span) != dt.Text {
				t.Fatalf("date %+v: bad span in %q", dt, d.Text)
			}
			if !validValue(dt.Value) {
				t.Fatalf("date %+v: bad value", dt)
			}
		}
	})
}

func validValue(v string) bool {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	var y, w int
	if n, _ := fmt.Sscanf(v, "%4d-W%2d", &y, &w); n == 2 && w >= 1 && w <= 53 {
		return true
	}
	return false
}
