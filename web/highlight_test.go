package web

import (
	"strings"
	"testing"

	"eventwire/doc"
)

func TestHighlight(t *testing.T) {
	text := "Kerry met Sisi in Cairo. <script>alert(1)</script> é"
	tests := []struct {
		name  string
		span  doc.Span
		marks []mark
		want  string
	}{
		{"plain", sp(0, 5), nil, "Kerry"},
		{"one mark", sp(0, 9), []mark{{Span: sp(0, 5), class: "ent", title: "PERSON"}},
			`<mark class="ent" title="PERSON">Kerry</mark> met`},
		{"overlap", sp(0, 9), []mark{{Span: sp(0, 9), class: "quote"}, {Span: sp(0, 5), class: "ent"}},
			`<mark class="quote ent" title="; ">Kerry</mark><mark class="quote" title=""> met</mark>`},
		{"escapes text", sp(25, 50), nil, "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"escapes title", sp(0, 5), []mark{{Span: sp(0, 5), class: "x", title: `"><img onerror=alert(1)>`}},
			`<mark class="x" title="&#34;&gt;&lt;img onerror=alert(1)&gt;">Kerry</mark>`},
		{"mark outside span ignored", sp(0, 5), []mark{{Span: sp(10, 14), class: "ent"}}, "Kerry"},
		{"mid-rune mark widened", sp(51, len(text)), []mark{{Span: sp(52, 53), class: "ent"}},
			`<mark class="ent" title="">é</mark>`},
		{"bad span ignored", sp(0, 5), []mark{{Span: sp(4, 2), class: "ent"}}, "Kerry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(highlight(text, tt.span, tt.marks))
			if got != tt.want {
				t.Errorf("highlight = %q\nwant        %q", got, tt.want)
			}
		})
	}
}

func TestMarksEscapeNothingRaw(t *testing.T) {
	d := doc.New(`A <b>bold</b> title`, []string{`He said "<img src=x onerror=alert(1)>".`})
	d.Entities = []doc.Entity{{ID: "e1", Name: `<i>X</i>`, Type: doc.Person, Mentions: []doc.Mention{{Span: sp(0, 1), Text: "A", Kind: doc.MentionName}}}}
	got := string(highlight(d.Text, sp(0, len(d.Text)), marks(d)))
	for _, bad := range []string{"<b>", "<img", "<i>"} {
		if strings.Contains(got, bad) {
			t.Errorf("output contains raw %q: %s", bad, got)
		}
	}
}

func sp(start, end int) doc.Span { return doc.Span{Start: start, End: end} }
