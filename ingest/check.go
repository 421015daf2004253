package ingest

import (
	"bytes"
	"errors"
	"fmt"
)

// errBinary reports content that is not text.
var errBinary = errors.New("binary content, not text or HTML")

// check rejects items no reader can make an article of: empty, over the
// size limit, or binary (NUL bytes, or mostly control characters, in the
// first kilobytes).
func check(name string, raw []byte, max int64) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return fmt.Errorf("read %s: empty input", name)
	}
	if int64(len(raw)) > max {
		return fmt.Errorf("read %s: %w: %d bytes, limit %d", name, errTooLarge, len(raw), max)
	}
	head := raw[:min(len(raw), 8192)]
	if bytes.HasPrefix(head, gzipMagic) {
		return fmt.Errorf("read %s: %w (gzip data inside a container)", name, errBinary)
	}
	ctl := 0
	for _, c := range head {
		if c == 0 {
			return fmt.Errorf("read %s: %w", name, errBinary)
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	if ctl*10 > len(head) {
		return fmt.Errorf("read %s: %w", name, errBinary)
	}
	return nil
}
