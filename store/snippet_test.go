package store

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	body := strings.Repeat("filler words here ", 20) + "Negotiators in Cairo failed to agree on a truce. " + strings.Repeat("more text ", 30)
	tests := []struct {
		name, body, query string
		width             int
		want              []string // substrings the snippet holds
		not               []string
	}{
		{"match in the middle", body, "cairo", 80, []string{"Cairo", "…"}, nil},
		{"stem matches word start", body, "negotiat", 80, []string{"Negotiators"}, nil},
		{"no match gives the start", body, "zebra", 40, []string{"filler words"}, []string{"Cairo"}},
		{"inside a word is no match", "the scairo word and Cairo", "cairo", 100, []string{"Cairo"}, nil},
		{"short body whole", "Short body.", "body", 240, []string{"Short body."}, []string{"…"}},
		{"multibyte safe", strings.Repeat("é", 200) + " Kerry", "kerry", 50, []string{"Kerry"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Snippet(tt.body, tt.query, tt.width)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Snippet = %q, lacks %q", got, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("Snippet = %q, has %q", got, w)
				}
			}
			if len(got) > tt.width+10 {
				t.Errorf("Snippet too long: %d bytes", len(got))
			}
		})
	}
}
