package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// blockTags start a new block of text when rendering extracted content.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "pre": true, "tr": true, "dd": true, "dt": true, "section": true,
	"article": true, "ul": true, "ol": true, "dl": true, "table": true, "figure": true,
	"figcaption": true, "header": true, "footer": true, "details": true, "summary": true, "hr": true,
	"main": true, "aside": true, "address": true, "center": true, "body": true, "caption": true,
}

// inlineTags do not separate words: "<b>Ex</b>ample" is one word. Other
// elements (table cells, images, unknown tags) do.
var inlineTags = map[string]bool{
	"a": true, "b": true, "i": true, "em": true, "strong": true, "span": true, "u": true,
	"sub": true, "sup": true, "small": true, "mark": true, "abbr": true, "q": true, "s": true,
	"del": true, "ins": true, "code": true, "kbd": true, "font": true, "time": true, "cite": true,
	"dfn": true, "var": true, "samp": true, "tt": true, "strike": true, "big": true, "bdi": true, "bdo": true,
	"wbr": true, "label": true, "hi": true,
}

// renderText writes the text of n with one block (paragraph, heading, list
// item) per paragraph, blocks separated by blank lines, and <br> as a line
// break inside a block.
func renderText(n *html.Node) string {
	var b strings.Builder
	pendingBreak := false
	space := false
	var walk func(*html.Node)
	write := func(s string) {
		for _, f := range strings.Fields(s) {
			if pendingBreak && b.Len() > 0 {
				b.WriteString("\n\n")
			} else if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pendingBreak, space = false, true
			b.WriteString(f)
		}
		if len(s) > 0 && !isSpace(s[len(s)-1]) {
			space = false
		}
	}
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if len(n.Data) > 0 && isSpace(n.Data[0]) {
				space = true
			}
			write(n.Data)
			if len(n.Data) > 0 && isSpace(n.Data[len(n.Data)-1]) {
				space = true
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br":
				if !pendingBreak && b.Len() > 0 {
					b.WriteByte('\n')
					space = false
				}
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		sep := n.Type == html.ElementNode && !inlineTags[n.Data]
		if block {
			pendingBreak = true
		}
		if sep {
			space = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			pendingBreak = true
		}
		if sep {
			space = true
		}
	}
	walk(n)
	return b.String()
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }
