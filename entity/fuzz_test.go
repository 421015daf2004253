package entity

import (
	"context"
	"testing"
	"unicode"
	"unicode/utf8"

	"eventwire/doc"
)

// FuzzProcess checks that any text, with every capitalised word marked as
// a name of a label chosen by its length, resolves without panicking and
// yields mentions inside the text.
func FuzzProcess(f *testing.F) {
	f.Add("Kerry met Sisi in Cairo. He said the top US diplomat and Mr Balls, the Israeli justice minister, left.")
	f.Add("the the the. A US official said 'the official' his her him")
	f.Add("Abdel Fattah al-Sisi\n\nEgypt's President, and the Jewish state")
	labels := []string{"PER", "ORG", "LOC", "MISC"}
	s := testStage(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := doc.New("", []string{text})
		for i := 0; i < len(d.Text); {
			r, n := utf8.DecodeRuneInString(d.Text[i:])
			if !unicode.IsUpper(r) {
				i += n
				continue
			}
			j := i + n
			for j < len(d.Text) {
				r2, n2 := utf8.DecodeRuneInString(d.Text[j:])
				if !unicode.IsLetter(r2) && r2 != '-' {
					break
				}
				j += n2
			}
			d.Names = append(d.Names, doc.Name{Span: doc.Span{Start: i, End: j}, Label: labels[(j-i)%len(labels)]})
			i = j
		}
		if err := s.Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		for _, e := range d.Entities {
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(d.Text) || m.Start >= m.End || d.Text[m.Start:m.End] != m.Text {
					t.Fatalf("bad mention %+v of %q", m, e.Name)
				}
			}
		}
	})
}
