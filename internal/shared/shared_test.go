package shared

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirFromEnv(t *testing.T) {
	tmp := t.TempDir()
	if err := os.MkdirAll(filepath.Join(tmp, "seed"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EVENTWIRE_SHARED", tmp)
	tests := []struct {
		elem []string
		want string
	}{
		{[]string{"seed"}, filepath.Join(tmp, "seed")},
		{[]string{"missing"}, ""},
	}
	for _, tt := range tests {
		if got := Path(tt.elem...); got != tt.want {
			t.Errorf("Path(%v) = %q, want %q", tt.elem, got, tt.want)
		}
	}
	t.Setenv("EVENTWIRE_SHARED", filepath.Join(tmp, "nope"))
	if Dir() != "" {
		t.Errorf("Dir with a missing folder should be empty")
	}
}
