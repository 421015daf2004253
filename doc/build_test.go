package doc

import "testing"

func TestNew(t *testing.T) {
	tests := []struct {
		name  string
		title string
		paras []string
		text  string
	}{
		{"title and two paragraphs", "Title", []string{"One.", " Two. "}, "Title\n\nOne.\n\nTwo."},
		{"empty paragraphs dropped", "T", []string{"", "A", "  "}, "T\n\nA"},
		{"no title", "", []string{"A", "B"}, "A\n\nB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(tt.title, tt.paras)
			if d.Text != tt.text {
				t.Fatalf("Text = %q, want %q", d.Text, tt.text)
			}
			for i, sp := range d.ParagraphSpans {
				if got := d.Slice(sp); got != d.Paragraphs[i] {
					t.Errorf("paragraph %d span gives %q, want %q", i, got, d.Paragraphs[i])
				}
			}
			if d.Slice(d.TitleSpan) != d.Title {
				t.Errorf("title span gives %q", d.Slice(d.TitleSpan))
			}
		})
	}
}

func TestOffsetMapRaw(t *testing.T) {
	m := OffsetMap{{Clean: 0, Raw: 10}, {Clean: 5, Raw: 20}}
	tests := []struct{ clean, raw int }{{0, 10}, {3, 13}, {5, 20}, {7, 22}}
	for _, tt := range tests {
		if got := m.Raw(tt.clean); got != tt.raw {
			t.Errorf("Raw(%d) = %d, want %d", tt.clean, got, tt.raw)
		}
	}
}
