package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"eventwire/store"
)

// maxLimit caps page sizes requested through the API.
const maxLimit = 500

// params reads typed query parameters, remembering the first error.
type params struct {
	v   url.Values
	err error
}

func newParams(r *http.Request) *params { return &params{v: r.URL.Query()} }

func (p *params) str(name string) string {
	s := strings.TrimSpace(p.v.Get(name))
	if len(s) > 500 {
		s = s[:500]
	}
	return s
}

func (p *params) int(name string, def int) int {
	s := p.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		if p.err == nil {
			p.err = errBadParam{name, s}
		}
		return def
	}
	return n
}

// date reads YYYY-MM-DD or RFC 3339. An until date that is a plain day
// covers the whole day.
func (p *params) date(name string, endOfDay bool) time.Time {
	s := p.str(name)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		if p.err == nil {
			p.err = errBadParam{name, s}
		}
		return time.Time{}
	}
	if endOfDay {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t
}

func (p *params) page() store.Page {
	limit := p.int("limit", 50)
	if limit > maxLimit {
		limit = maxLimit
	}
	if limit == 0 {
		limit = 50
	}
	return store.Page{Limit: limit, Offset: p.int("offset", 0)}
}

func (p *params) articleQuery() store.ArticleQuery {
	return store.ArticleQuery{
		Page: p.page(), Text: p.str("q"), Source: p.str("source"), EntityID: p.str("entity"),
		Since: p.date("since", false), Until: p.date("until", true),
	}
}

func (p *params) quoteQuery() store.QuoteQuery {
	return store.QuoteQuery{
		Page: p.page(), Text: p.str("q"), Speaker: p.str("speaker"), ArticleID: p.str("article"),
		Kind: p.str("kind"), Since: p.date("since", false), Until: p.date("until", true),
	}
}

func (p *params) eventQuery() store.EventQuery {
	return store.EventQuery{
		Page: p.page(), Actor: p.str("actor"), Code: p.str("code"), QuadClass: p.int("quad", 0),
		ArticleID: p.str("article"), Since: p.date("since", false), Until: p.date("until", true),
	}
}

func (p *params) countQuery() store.CountQuery {
	return store.CountQuery{
		Page: p.page(), Type: strings.ToUpper(p.str("type")), Text: p.str("q"), ArticleID: p.str("article"),
		Since: p.date("since", false), Until: p.date("until", true),
	}
}

func (p *params) entityQuery() store.EntityQuery {
	return store.EntityQuery{
		Page: p.page(), Name: p.str("name"), Type: strings.ToUpper(p.str("type")),
		Country: strings.ToUpper(p.str("country")),
	}
}
