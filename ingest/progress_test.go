package ingest

import (
	"testing"
	"time"
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
