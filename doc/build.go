package doc

import "strings"

// New assembles a document from a title and clean body paragraphs, filling
// Text, TitleSpan, Paragraphs and ParagraphSpans. Layers are left empty.
// Paragraphs that are empty after trimming are dropped.
func New(title string, paragraphs []string) *Document {
	d := &Document{}
	var b strings.Builder
	title = strings.TrimSpace(title)
	b.WriteString(title)
	d.Title = title
	d.TitleSpan = Span{0, len(title)}
	for _, p := range paragraphs {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		d.Paragraphs = append(d.Paragraphs, p)
		d.ParagraphSpans = append(d.ParagraphSpans, Span{start, b.Len()})
	}
	d.Text = b.String()
	d.Entities = []Entity{}
	d.Quotes = []Quote{}
	d.Events = []Event{}
	d.Counts = []Count{}
	d.Dates = []Date{}
	return d
}
