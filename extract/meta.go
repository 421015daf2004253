package extract

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/araddon/dateparse"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what the page says about itself in <head>, JSON-LD and microdata.
type meta struct {
	lang      string
	titleTag  string
	h1        string
	canonical string
	props     map[string]string // meta name/property (lower-cased) -> first content
	itemprops map[string]string // itemprop -> first content/datetime/text
	timeAttr  string            // first <time datetime>
	ld        []map[string]any  // JSON-LD objects, @graph flattened
}

func (m *meta) prop(keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(m.props[k]); v != "" {
			return v
		}
	}
	return ""
}

// readMeta walks the document once and collects its metadata.
func readMeta(root *html.Node) *meta {
	m := &meta{props: map[string]string{}, itemprops: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = attr(n, "lang")
				}
			case atom.Title:
				if m.titleTag == "" {
					m.titleTag = textOf(n)
				}
			case atom.Meta:
				k := strings.ToLower(attr(n, "property"))
				if k == "" {
					k = strings.ToLower(attr(n, "name"))
				}
				if k == "" {
					k = strings.ToLower(attr(n, "http-equiv"))
				}
				if k != "" {
					if _, ok := m.props[k]; !ok {
						m.props[k] = attr(n, "content")
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = attr(n, "href")
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					m.ld = append(m.ld, parseLD(textOf(n))...)
				}
				return
			case atom.Style, atom.Noscript:
				return
			case atom.H1:
				if m.h1 == "" {
					m.h1 = textOf(n)
				}
			case atom.Time:
				if m.timeAttr == "" {
					m.timeAttr = attr(n, "datetime")
				}
			}
			if ip := attr(n, "itemprop"); ip != "" {
				if _, ok := m.itemprops[ip]; !ok {
					v := attr(n, "content")
					if v == "" {
						v = attr(n, "datetime")
					}
					if v == "" && (ip == "headline" || ip == "datePublished" || ip == "name") {
						v = textOf(n)
					}
					if v != "" {
						m.itemprops[ip] = v
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns the text inside n with whitespace collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// parseLD decodes a JSON-LD script into its objects, flattening @graph
// arrays and top-level lists.
func parseLD(s string) []map[string]any {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &v); err != nil {
		return nil
	}
	var out []map[string]any
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				add(e, depth+1)
			}
		case map[string]any:
			out = append(out, x)
			if g, ok := x["@graph"]; ok {
				add(g, depth+1)
			}
		}
	}
	add(v, 0)
	return out
}

// article returns the JSON-LD object that describes the article: the
// first whose @type names an article kind.
func (m *meta) article() map[string]any {
	for _, o := range m.ld {
		if isArticleType(o["@type"]) {
			return o
		}
	}
	return nil
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.Contains(x, "Article") || x == "BlogPosting" || x == "Report" || x == "LiveBlogPosting"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func ldString(o map[string]any, key string) string {
	if o == nil {
		return ""
	}
	switch x := o[key].(type) {
	case string:
		return strings.Join(strings.Fields(html.UnescapeString(x)), " ")
	case []any:
		if len(x) > 0 {
			if s, ok := x[0].(string); ok {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// ldNames returns the names of a JSON-LD person or organisation value
// (a string, an object with "name", or a list of them).
func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		if s := strings.TrimSpace(x); s != "" && !strings.HasPrefix(s, "http") {
			return []string{s}
		}
	case map[string]any:
		if s, ok := x["name"].(string); ok && strings.TrimSpace(s) != "" {
			return []string{strings.Join(strings.Fields(s), " ")}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}

// ParseTime reads a publication time in the formats pages and feeds use
// (RFC 3339, "2006-01-02 15:04:05", RFC 1123, "July 22, 2014"...). It
// returns the zero time when s is not a date.
func ParseTime(s string) time.Time { return parseTime(s) }

func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	t, err := dateparse.ParseAny(s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}
	}
	return t
}

// resolve makes ref absolute against base, when it can.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}
