package tag

import (
	"bytes"
	"compress/gzip"
	"slices"
	"testing"
)

func TestNNFeatures(t *testing.T) {
	tests := []struct {
		word  string
		first bool
		shape string
		flags int
	}{
		{"Kerry", false, "Xx", 1},
		{"Kerry", true, "Xx", 5},
		{"the", false, "x", 0},
		{"USA", false, "X", 2},
		{"A", false, "X", 1},
		{"iPhone", false, "xXx", 3},
		{"24-hour", false, "d-x", 16 + 8},
		{"U.S.", false, "X.X.", 2},
		{"$", false, "$", 0},
		{"abc-def-ghi", false, "x-x-x", 16},
	}
	for _, tt := range tests {
		if got := nnShape(tt.word); got != tt.shape {
			t.Errorf("nnShape(%q) = %q, want %q", tt.word, got, tt.shape)
		}
		if got := nnFlags(tt.word, tt.first); got != tt.flags {
			t.Errorf("nnFlags(%q, %v) = %d, want %d", tt.word, tt.first, got, tt.flags)
		}
	}
}

func TestReadNNErrors(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name string
		file []byte
	}{
		{"not gzip", []byte("EWTAGNN3")},
		{"bad magic", gz([]byte("EWTAGNN9\x38\x00\x00\x00"))},
		{"truncated", gz([]byte("EWTAGNN3\x38\x00\x00\x00\x02\x00"))},
	}
	for _, tt := range tests {
		if _, err := readNN(bytes.NewReader(tt.file)); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

func TestTagSet(t *testing.T) {
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	set := tg.TagSet()
	for _, want := range []string{"NOUN/NN", "PROPN/NNP", "VERB/VBD", "AUX/MD"} {
		if !slices.Contains(set, want) {
			t.Errorf("TagSet lacks %s: %v", want, set)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
