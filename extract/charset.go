package extract

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// Decode returns the page as UTF-8. A page whose bytes are all valid UTF-8
// is UTF-8 whatever it declares (pages often declare a charset they do not
// use); otherwise the charset comes from a byte-order mark, contentType
// (an HTTP Content-Type value, may be empty) or the page's <meta> tags, and
// windows-1252 when none is declared. It returns the charset's name too.
func Decode(b []byte, contentType string) (string, string, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if utf8.Valid(b) {
		return string(b), "utf-8", nil
	}
	enc, name, _ := charset.DetermineEncoding(b, contentType)
	if name == "utf-8" {
		// Declared UTF-8 but invalid: keep the valid parts.
		return string(bytes.ToValidUTF8(b, []byte("\ufffd"))), name, nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", name, fmt.Errorf("decode %s: %w", name, err)
	}
	return string(out), name, nil
}
