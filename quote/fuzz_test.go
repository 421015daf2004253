package quote

import (
	"context"
	"strings"
	"testing"

	"eventwire/doc"
)

// FuzzFind checks that no text, however its quote marks are balanced or
// nested, makes the stage fail, panic or return spans outside the text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`"We will," he said, "win."`,
		`He said: "unbalanced`,
		"«nested „quotes“ and 'more'» said Jane Smith.\n\n\"runs on\n\n\"and on.\"",
		`'it's' Jones' car 'twas "a" "" " " ''`,
		`»reversed« „low“ “curly” ‘single’ ’odd‘`,
		strings.Repeat(`"a `, 200),
		"A US official said.\n\n\"x,\" the official said. he said she said they said.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		paras := strings.Split(s, "\n\n")
		d := doc.New("Title", paras)
		if err := New().Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for _, q := range d.Quotes {
			if q.Start < 0 || q.End > len(d.Text) || q.Start > q.End || d.Slice(q.Span) != q.Text {
				t.Fatalf("bad quote span %+v in %q", q.Span, d.Text)
			}
			for _, sp := range []*doc.Span{q.VerbSpan, q.MediumSpan} {
				if sp != nil && (sp.Start < 0 || sp.End > len(d.Text) || sp.Start > sp.End) {
					t.Fatalf("bad span %+v", *sp)
				}
			}
			if q.Speaker != nil && q.Speaker.Span != nil && (q.Speaker.Span.Start < 0 || q.Speaker.Span.End > len(d.Text)) {
				t.Fatalf("bad speaker span %+v", *q.Speaker.Span)
			}
		}
	})
}
