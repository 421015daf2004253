package web

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"eventwire/doc"
)

// mark is one annotation to show on the article text.
type mark struct {
	doc.Span
	class string // CSS class: "ent ent-PERSON", "quote", "event", "count", "date"
	title string // tooltip text
}

// marks collects the annotations of d that the article view highlights.
func marks(d *doc.Document) []mark {
	var ms []mark
	for _, e := range d.Entities {
		title := e.Type + ": " + e.Name
		if e.Country != "" {
			title += " (" + e.Country + ")"
		}
		if e.Role != "" {
			title += ", " + e.Role
		}
		for _, m := range e.Mentions {
			ms = append(ms, mark{Span: m.Span, class: "ent ent-" + strings.ToLower(e.Type), title: title})
		}
	}
	for _, q := range d.Quotes {
		title := q.Kind + " quote"
		if q.Speaker != nil {
			title += " by " + q.Speaker.Name
		}
		ms = append(ms, mark{Span: q.Span, class: "quote quote-" + q.Kind, title: title})
	}
	for _, c := range d.Counts {
		ms = append(ms, mark{Span: c.Span, class: "count", title: fmt.Sprintf("%s %g %s", c.Type, c.Number, c.Object)})
	}
	for _, dt := range d.Dates {
		ms = append(ms, mark{Span: dt.Span, class: "date", title: "date: " + dt.Value})
	}
	for _, ev := range d.Events {
		if ev.VerbSpan != nil {
			ms = append(ms, mark{Span: *ev.VerbSpan, class: "event", title: "event " + ev.Code + " " + ev.Plover})
		}
	}
	return ms
}

// highlight renders text[span] as escaped HTML with every mark that overlaps
// it wrapped in a <mark> element. Overlapping marks produce runs that carry
// the classes of all of them. Spans that do not fall on character
// boundaries are widened to the nearest ones.
func highlight(text string, span doc.Span, ms []mark) template.HTML {
	clip := func(s doc.Span) (doc.Span, bool) {
		s.Start = max(s.Start, span.Start)
		s.End = min(s.End, span.End)
		for s.Start > span.Start && s.Start < len(text) && !utf8.RuneStart(text[s.Start]) {
			s.Start--
		}
		for s.End < span.End && s.End < len(text) && !utf8.RuneStart(text[s.End]) {
			s.End++
		}
		return s, s.Start < s.End
	}
	var active []mark
	cuts := []int{span.Start, span.End}
	for _, m := range ms {
		if c, ok := clip(m.Span); ok {
			m.Span = c
			active = append(active, m)
			cuts = append(cuts, c.Start, c.End)
		}
	}
	sort.Ints(cuts)
	var b strings.Builder
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]
		if lo == hi {
			continue
		}
		var classes, titles []string
		for _, m := range active {
			if m.Start <= lo && m.End >= hi {
				classes = append(classes, m.class)
				titles = append(titles, m.title)
			}
		}
		piece := template.HTMLEscapeString(text[lo:hi])
		if len(classes) == 0 {
			b.WriteString(piece)
			continue
		}
		fmt.Fprintf(&b, `<mark class="%s" title="%s">%s</mark>`,
			template.HTMLEscapeString(strings.Join(classes, " ")),
			template.HTMLEscapeString(strings.Join(titles, "; ")), piece)
	}
	return template.HTML(b.String())
}
