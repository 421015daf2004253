package reader

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"eventwire/extract"
)

// Format is the kind of input Detect recognises.
type Format string

// Input formats.
const (
	FormatText  Format = "text"
	FormatHTML  Format = "html"
	FormatJSON  Format = "json"  // one record
	FormatJSONL Format = "jsonl" // one record per line, or a JSON array of records
)

// Size limits. Inputs are refused, with an error naming them, beyond these.
const (
	// DefaultMaxBytes bounds an input after decompression.
	DefaultMaxBytes = 64 << 20
	// DefaultMaxArticleBytes bounds one article: a plain-text report, a
	// record's text or a web page.
	DefaultMaxArticleBytes = 16 << 20
)

// Errors callers may test for with errors.Is.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary data, not an article")
	ErrTooLarge = errors.New("input too large")
)

// gunzip decompresses b when it is gzip, up to max bytes (a guard against
// gzip bombs), and returns it unchanged otherwise.
func gunzip(b []byte, max int64) ([]byte, bool, error) {
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, false, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, true, fmt.Errorf("gzip: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, true, fmt.Errorf("gzip: truncated input: %w", err)
		}
		return nil, true, fmt.Errorf("gzip: %w", err)
	}
	if int64(len(out)) > max {
		return nil, true, fmt.Errorf("%w: more than %d MiB once decompressed", ErrTooLarge, max>>20)
	}
	return out, true, nil
}

// Detect tells the format of b (already decompressed) from its content.
func Detect(b []byte) (Format, error) {
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 {
		return "", ErrEmpty
	}
	if isBinary(t) {
		return "", ErrBinary
	}
	switch t[0] {
	case '{':
		if jsonValues(t) > 1 {
			return FormatJSONL, nil
		}
		return FormatJSON, nil
	case '[':
		return FormatJSONL, nil
	}
	if extract.LooksLikeHTML(t) {
		return FormatHTML, nil
	}
	return FormatText, nil
}

// jsonValues counts the top-level values in b, stopping at two: an object
// or array, and anything but white space after the first one.
func jsonValues(b []byte) int {
	n := 0
	depth := 0
	inStr, esc := false, false
	for _, c := range b {
		switch {
		case esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case c == '"':
			if depth == 0 && n > 0 {
				return n + 1
			}
			inStr = !inStr
		case inStr:
		case c == '{' || c == '[':
			if depth == 0 {
				n++
				if n > 1 {
					return n
				}
			}
			depth++
		case c == '}' || c == ']':
			depth--
		case depth == 0 && n > 0 && c != ' ' && c != '\t' && c != '\r' && c != '\n':
			return n + 1
		}
	}
	return n
}

// isBinary reports data that is not text: NUL bytes, or many control
// characters, in its first 8 KiB.
func isBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
		// Do not count a rune cut at the end.
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.Valid(b); i++ {
			b = b[:len(b)-1]
		}
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return ctrl*50 > len(b)
}
