package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"eventwire/doc"
	"eventwire/store"
)

// pageNames lists the UI pages; each has templates/NAME.html, rendered
// inside templates/layout.html.
var pageNames = []string{"home", "article", "entities", "entity", "quotes", "events", "stories", "failures", "error"}

func (s *Server) loadTemplates() error {
	funcs := template.FuncMap{
		"day": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"quad":  func(q int) string { return quadNames[min(max(q, 0), 4)] },
		"lower": strings.ToLower,
		"short": func(s string, n int) string {
			if len(s) <= n {
				return s
			}
			cut := n
			for cut > 0 && !utf8Start(s[cut]) {
				cut--
			}
			return s[:cut] + "…"
		},
		"pct":     func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
		"entlink": entityLink,
		"list":    func(v ...any) []any { return v },
	}
	s.pages = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return fmt.Errorf("web: parse template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	return nil
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// render executes page name with data into a buffer first, so a template
// error never leaves a half-written page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, data); err != nil {
		s.logf("ui: render %s: %v", name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

func (s *Server) uiError(w http.ResponseWriter, err error) {
	status := statusFor(err)
	if _, ok := err.(errBadParam); ok {
		status = http.StatusBadRequest
	}
	if status >= 500 {
		s.logf("ui: %v", err)
	}
	s.render(w, status, "error", map[string]any{"Title": http.StatusText(status), "Status": status, "Error": err.Error()})
}

// pager links to the previous and next pages of a listing.
type pager struct {
	Prev, Next string
}

func makePager(r *http.Request, pg store.Page, got int) pager {
	var p pager
	link := func(off int) string {
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(off))
		return r.URL.Path + "?" + q.Encode()
	}
	if pg.Offset > 0 {
		p.Prev = link(max(pg.Offset-pg.Limit, 0))
	}
	if got >= pg.Limit {
		p.Next = link(pg.Offset + pg.Limit)
	}
	return p
}

func (s *Server) uiHome(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.articleQuery()
	q.Limit = min(q.Limit, 50)
	if p.err != nil {
		s.uiError(w, p.err)
		return
	}
	stats, err := s.store.Stats(r.Context())
	if err != nil {
		s.uiError(w, err)
		return
	}
	res, err := s.store.Search(r.Context(), q)
	if err != nil {
		s.uiError(w, err)
		return
	}
	s.render(w, http.StatusOK, "home", map[string]any{
		"Title": "Search", "Q": q.Text, "Since": p.str("since"), "Until": p.str("until"),
		"Stats": stats, "Result": res, "Pager": makePager(r, q.Page, len(res.Articles)),
	})
}

// articleView is what the article page shows.
type articleView struct {
	Doc        *doc.Document
	Title      template.HTML
	Paragraphs []template.HTML
	Entities   []doc.Entity
	Events     []doc.Event
}

func (s *Server) uiArticle(w http.ResponseWriter, r *http.Request) {
	d, err := s.store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.uiError(w, err)
		return
	}
	ms := marks(d)
	v := articleView{Doc: d, Entities: d.Entities, Events: d.Events}
	if d.TitleSpan.End > d.TitleSpan.Start {
		v.Title = highlight(d.Text, d.TitleSpan, ms)
	} else {
		v.Title = template.HTML(template.HTMLEscapeString(d.Title))
	}
	for _, sp := range d.ParagraphSpans {
		v.Paragraphs = append(v.Paragraphs, highlight(d.Text, sp, ms))
	}
	if len(d.ParagraphSpans) == 0 && d.Text != "" {
		v.Paragraphs = append(v.Paragraphs, highlight(d.Text, doc.Span{End: len(d.Text)}, ms))
	}
	s.render(w, http.StatusOK, "article", map[string]any{"Title": d.Title, "A": v})
}

func (s *Server) uiEntities(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.entityQuery()
	if p.err != nil {
		s.uiError(w, p.err)
		return
	}
	rows, err := s.store.Entities(r.Context(), q)
	if err != nil {
		s.uiError(w, err)
		return
	}
	s.render(w, http.StatusOK, "entities", map[string]any{
		"Title": "Entities", "Name": q.Name, "Type": q.Type, "Country": q.Country,
		"Rows": rows, "Pager": makePager(r, q.Page, len(rows)),
	})
}

func (s *Server) uiEntity(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := s.store.Entity(ctx, r.PathValue("id"))
	if err != nil {
		s.uiError(w, err)
		return
	}
	quotes, err := s.store.Quotes(ctx, store.QuoteQuery{Page: store.Page{Limit: 100}, Speaker: e.ID})
	if err != nil {
		s.uiError(w, err)
		return
	}
	eq := store.EventQuery{Page: store.Page{Limit: 100}, Actor: e.Name}
	events, err := s.store.Events(ctx, eq)
	if err != nil {
		s.uiError(w, err)
		return
	}
	tl, err := s.store.Timeline(ctx, eq)
	if err != nil {
		s.uiError(w, err)
		return
	}
	arts, err := s.store.Search(ctx, store.ArticleQuery{Page: store.Page{Limit: 50}, EntityID: e.ID})
	if err != nil {
		s.uiError(w, err)
		return
	}
	s.render(w, http.StatusOK, "entity", map[string]any{
		"Title": e.Name, "E": e, "Quotes": quotes, "Events": events, "Chart": timelineSVG(tl), "Articles": arts.Articles,
	})
}

func (s *Server) uiQuotes(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.quoteQuery()
	if p.err != nil {
		s.uiError(w, p.err)
		return
	}
	rows, err := s.store.Quotes(r.Context(), q)
	if err != nil {
		s.uiError(w, err)
		return
	}
	s.render(w, http.StatusOK, "quotes", map[string]any{
		"Title": "Quotes", "Speaker": q.Speaker, "Q": q.Text, "Rows": rows, "Pager": makePager(r, q.Page, len(rows)),
	})
}

func (s *Server) uiEvents(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.eventQuery()
	if p.err != nil {
		s.uiError(w, p.err)
		return
	}
	rows, err := s.store.Events(r.Context(), q)
	if err != nil {
		s.uiError(w, err)
		return
	}
	tl, err := s.store.Timeline(r.Context(), q)
	if err != nil {
		s.uiError(w, err)
		return
	}
	s.render(w, http.StatusOK, "events", map[string]any{
		"Title": "Events", "Actor": q.Actor, "Code": q.Code, "Quad": q.QuadClass,
		"Since": p.str("since"), "Until": p.str("until"),
		"Rows": rows, "Chart": timelineSVG(tl), "Pager": makePager(r, q.Page, len(rows)),
	})
}

func (s *Server) uiStories(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.StoryQuery{Page: p.page(), MinArticles: p.int("min", 2)}
	if p.err != nil {
		s.uiError(w, p.err)
		return
	}
	rows, err := s.store.Stories(r.Context(), q)
	if err != nil {
		s.uiError(w, err)
		return
	}
	s.render(w, http.StatusOK, "stories", map[string]any{"Title": "Stories", "Rows": rows, "Pager": makePager(r, q.Page, len(rows))})
}

func (s *Server) uiFailures(w http.ResponseWriter, r *http.Request) {
	rows, err := s.store.Failures(r.Context(), 200)
	if err != nil {
		s.uiError(w, err)
		return
	}
	s.render(w, http.StatusOK, "failures", map[string]any{"Title": "Failures", "Rows": rows})
}

// entityLink returns the UI link that lists cross-article entities named n.
func entityLink(n string) string { return "/entities?name=" + url.QueryEscape(n) }
