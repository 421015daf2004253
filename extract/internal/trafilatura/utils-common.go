// This file is part of go-trafilatura, Go package for extracting readable
// content, comments and metadata from a web page. Source available in
// <https://github.com/markusmobius/go-trafilatura>.
//
// Copyright (C) 2021 Markus Mobius
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
// http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package trafilatura

import (
	"mime"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// trim removes unnecessary spaces within a text string.
func trim(s string) string {
	// eventwire: most strings are already trimmed; return them as they are.
	if isTrimmed(s) {
		return s
	}
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSpace(s)
}

// isTrimmed reports whether trim(s) == s: no white space at either end,
// and none inside but single ASCII spaces.
func isTrimmed(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += size - 1
			prevSpace = false
			continue
		}
		switch c {
		case ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case '\t', '\n', '\v', '\f', '\r':
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// trimmedLen returns utf8.RuneCountInString(trim(s)) without building it.
func trimmedLen(s string) int {
	n, words, inWord := 0, 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			words++
			inWord = true
		}
		n++
	}
	if words > 1 {
		n += words - 1
	}
	return n
}

// textLen returns trimmedLen(dom.TextContent(n)) without building the
// text, or a number above limit as soon as the length passes it.
func textLen(n *html.Node, limit int) int {
	c := textCounter{limit: limit}
	c.walk(n)
	if c.words > 1 {
		c.n += c.words - 1
	}
	return c.n
}

type textCounter struct {
	n, words, limit int
	inWord          bool
}

// walk counts n's text nodes in document order, as dom.TextContent joins them.
func (c *textCounter) walk(n *html.Node) bool {
	if n.Type == html.TextNode {
		for _, r := range n.Data {
			if unicode.IsSpace(r) {
				c.inWord = false
				continue
			}
			if !c.inWord {
				c.words++
				c.inWord = true
			}
			c.n++
		}
		return c.n+c.words <= c.limit
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if !c.walk(ch) {
			return false
		}
	}
	return true
}

func strWordCount(s string) int {
	return len(strings.Fields(s))
}

func strOr(args ...string) string {
	for i := 0; i < len(args); i++ {
		if args[i] != "" {
			return args[i]
		}
	}
	return ""
}

func strIn(s string, args ...string) bool {
	for i := 0; i < len(args); i++ {
		if args[i] == s {
			return true
		}
	}
	return false
}

func isImageFile(imageSrc string) bool {
	if imageSrc == "" {
		return false
	}

	ext := filepath.Ext(imageSrc)
	mimeType := mime.TypeByExtension(ext)
	return strings.HasPrefix(mimeType, "image")
}

func uniquifyLists(currents ...string) []string {
	var finalTags []string
	tracker := map[string]struct{}{}

	for _, current := range currents {
		separator := ","
		if strings.Count(current, ";") > strings.Count(current, ",") {
			separator = ";"
		}

		for _, entry := range strings.Split(current, separator) {
			entry = trim(entry)
			entry = strings.ReplaceAll(entry, `"`, "")
			entry = strings.ReplaceAll(entry, `'`, "")

			if _, tracked := tracker[entry]; entry != "" && !tracked {
				finalTags = append(finalTags, entry)
				tracker[entry] = struct{}{}
			}
		}
	}

	return finalTags
}
