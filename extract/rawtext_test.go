package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestDropRawText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no scripts", `<p>Hello</p>`, `<p>Hello</p>`},
		{"script", `<p>a</p><script>var x = "<p>";</script><p>b</p>`, `<p>a</p><script></script><p>b</p>`},
		{"style", `<STYLE type="text/css">p{color:red}</STYLE>x`, `<STYLE type="text/css"></STYLE>x`},
		{"json-ld kept", `<script type="application/ld+json">{"headline":"H"}</script>`, `<script type="application/ld+json">{"headline":"H"}</script>`},
		{"quoted > in attribute", `<script data-x="a>b">code()</script>`, `<script data-x="a>b"></script>`},
		{"in a comment", `<!-- <script> --><p>kept</p><script>x</script>`, `<!-- <script> --><p>kept</p><script></script>`},
		{"escaped script kept", `<script><!-- document.write("<script>x</script>") --></script>`, `<script><!-- document.write("<script>x</script>") --></script>`},
		{"in a title", `<title>Use <script> well</title><script>y</script>`, `<title>Use <script> well</title><script></script>`},
		{"not a script tag", `<scripts>a</scripts><p>b</p>`, `<scripts>a</scripts><p>b</p>`},
		{"close needs a tag end", `<script>a</scriptx>b</script>c`, `<script></script>c`},
		{"unterminated", `<p>a</p><script>never closed`, `<p>a</p><script>never closed`},
		{"unterminated start tag", `<p>a</p><script src="x`, `<p>a</p><script src="x`},
		{"mixed case close", `<script>a</SCRIPT >b`, `<script></SCRIPT >b`},
		{"bogus end tag", `</<script>0</script>`, `</<script>0</script>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropRawText(tt.in); got != tt.want {
				t.Errorf("dropRawText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			sameTree(t, tt.in)
		})
	}
}

// sameTree checks that src parses to the same tree with and without its
// raw text, once script and style bodies are set aside.
func sameTree(t *testing.T, src string) {
	t.Helper()
	a, errA := html.Parse(strings.NewReader(src))
	b, errB := html.Parse(strings.NewReader(dropRawText(src)))
	if errA != nil || errB != nil {
		t.Fatalf("parse: %v, %v", errA, errB)
	}
	if x, y := outline(a), outline(b); x != y {
		t.Errorf("trees differ for %q:\n%s\n---\n%s", src, x, y)
	}
}

// outline renders a tree, leaving out the text of non-JSON scripts and
// style sheets.
func outline(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if p := n.Parent; n.Type == html.TextNode && p != nil &&
			(p.Data == "style" || p.Data == "script" && !strings.Contains(strings.ToLower(attr(p, "type")), "json")) {
			return // a dropped body leaves no text node behind
		}
		sb.WriteString(strings.Repeat(" ", depth))
		switch n.Type {
		case html.ElementNode:
			sb.WriteString("<" + n.Data)
			for _, a := range n.Attr {
				sb.WriteString(" " + a.Key + "=" + a.Val)
			}
			sb.WriteString(">")
		case html.TextNode:
			sb.WriteString(n.Data)
		case html.CommentNode:
			sb.WriteString("<!--" + n.Data + "-->")
		}
		sb.WriteString("\n")
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return sb.String()
}

func FuzzDropRawText(f *testing.F) {
	for _, s := range []string{
		`<p>a</p><script>x</script>`, `<style>a</style>`, `<!-- <script> -->`,
		`<script type="application/ld+json">{}</script>`, `<textarea><script></textarea>`,
		`<svg><style>a</style></svg>`, `<script><!--</script>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sameTree(t, src)
	})
}
