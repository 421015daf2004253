package trafilatura

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTrimFast(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\u00a0b", "\u00a0", "é b c", "a \n", "x\u0085y", "a\vb", "日本 語"} {
		want := strings.TrimSpace(strings.Join(strings.Fields(s), " "))
		if got := trim(s); got != want {
			t.Errorf("trim(%q) = %q, want %q", s, got, want)
		}
		if got := trimmedLen(s); got != utf8.RuneCountInString(want) {
			t.Errorf("trimmedLen(%q) = %d, want %d", s, got, utf8.RuneCountInString(want))
		}
	}
}
