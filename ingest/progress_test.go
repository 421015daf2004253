package ingest

import (
	"testing"
	"time"

	"eventwire/store"
)

func TestProgressLine(t *testing.T) {
	tests := []struct {
		name        string
		terminal    bool
		done, total int64
		counted     bool
		failed      int64
		elapsed     time.Duration
		final       bool
		want        string
	}{
		{"log line with ETA", false, 250, 1000, true, 0, 10 * time.Second, false,
			"ingest: 250/1000 (25%) 25.0 items/s ETA 30s\n"},
		{"log line before the count", false, 40, 0, false, 2, 4 * time.Second, false,
			"ingest: 40 items 10.0 items/s, 2 failed\n"},
		{"bar", true, 500, 1000, true, 0, 5 * time.Second, false,
			"\r[###############...............] 500/1000 (50%) 100.0 items/s ETA 5s\033[K"},
		{"final bar", true, 1000, 1000, true, 3, 10 * time.Second, true,
			"\r[##############################] 1000/1000 (100%) 100.0 items/s, 3 failed\033[K\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &progress{terminal: tt.terminal}
			if got := p.line(tt.done, tt.total, tt.counted, tt.failed, tt.elapsed, tt.final); got != tt.want {
				t.Errorf("line = %q\nwant   %q", got, tt.want)
			}
		})
	}
}

func TestErrorKind(t *testing.T) {
	tests := []struct {
		input, err, want string
	}{
		{"/d/broken.warc#0", "read /d/broken.warc#0 (https://x.example/a): truncated record: 62 of 99999 bytes", "truncated record: N of N bytes"},
		{"/d/g.warc.gz#0", "read WARC /d/g.warc.gz at record 0 (offset 27): gowarc: no WARC record found", "gowarc: no WARC record found"},
		{"/d/binary.txt", "read /d/binary.txt: binary content, not text or HTML", "binary content, not text or HTML"},
		{"/d/x.rss", "read /d/x.rss: parse feed: XML syntax error on line 1: unexpected EOF", "parse feed: XML syntax error on line N: unexpected EOF"},
		{"https://a.example/p", "page https://a.example/p: not fetched", "not fetched"},
		{"other", "something odd happened", "something odd happened"},
	}
	for _, tt := range tests {
		if got := errorKind(store.Failure{Input: tt.input, Error: tt.err}); got != tt.want {
			t.Errorf("errorKind(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
