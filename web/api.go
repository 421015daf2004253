package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"eventwire/store"
)

// writeJSON writes v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	_ = enc.Encode(v)
}

// apiError is the body of every API error response.
type apiError struct {
	Error string `json:"error"`
}

func (s *Server) jsonError(w http.ResponseWriter, status int, err error) {
	if status >= 500 {
		s.logf("api: %v", err)
	}
	writeJSON(w, status, apiError{Error: err.Error()})
}

// list is the body of list responses: the items and the page they are.
type list[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	// Total is the number of matches, where the store counts them.
	Total *int `json:"total,omitempty"`
}

func respondList[T any](s *Server, w http.ResponseWriter, p *params, pg store.Page, items []T, err error) {
	if p.err != nil {
		s.jsonError(w, http.StatusBadRequest, p.err)
		return
	}
	if err != nil {
		s.jsonError(w, statusFor(err), err)
		return
	}
	if items == nil {
		items = []T{}
	}
	writeJSON(w, http.StatusOK, list[T]{Items: items, Limit: pg.Limit, Offset: pg.Offset})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.store.Stats(r.Context())
	if err != nil {
		s.jsonError(w, statusFor(err), err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.articleQuery()
	if p.err != nil {
		s.jsonError(w, http.StatusBadRequest, p.err)
		return
	}
	res, err := s.store.Search(r.Context(), q)
	if err != nil {
		s.jsonError(w, statusFor(err), err)
		return
	}
	if res.Articles == nil {
		res.Articles = []store.ArticleSummary{}
	}
	writeJSON(w, http.StatusOK, list[store.ArticleSummary]{Items: res.Articles, Limit: q.Limit, Offset: q.Offset, Total: &res.Total})
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	d, err := s.store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.jsonError(w, statusFor(err), err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// postResult is the body of a successful POST /api/articles.
type postResult struct {
	ID      string `json:"id"`
	Created bool   `json:"created"`
	StoryID string `json:"story_id,omitempty"`
}

func (s *Server) apiPostArticle(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) || s.opts.Ingest == nil {
		s.jsonError(w, http.StatusForbidden, errors.New("the server is read-only: writes need the configured write token"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
	if err != nil {
		s.jsonError(w, http.StatusRequestEntityTooLarge, err)
		return
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "POST /api/articles"
	}
	d, err := s.opts.Ingest(r.Context(), name, body)
	if err != nil {
		s.jsonError(w, http.StatusUnprocessableEntity, err)
		return
	}
	res, err := s.store.Put(r.Context(), d)
	if err != nil {
		s.jsonError(w, statusFor(err), err)
		return
	}
	status := http.StatusCreated
	if !res.Created {
		status = http.StatusOK
	}
	writeJSON(w, status, postResult{ID: res.ID, Created: res.Created, StoryID: res.StoryID})
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.quoteQuery()
	var items []store.QuoteRow
	var err error
	if p.err == nil {
		items, err = s.store.Quotes(r.Context(), q)
	}
	respondList(s, w, p, q.Page, items, err)
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.eventQuery()
	var items []store.EventRow
	var err error
	if p.err == nil {
		items, err = s.store.Events(r.Context(), q)
	}
	respondList(s, w, p, q.Page, items, err)
}

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.eventQuery()
	var items []store.TimelineBucket
	var err error
	if p.err == nil {
		items, err = s.store.Timeline(r.Context(), q)
	}
	respondList(s, w, p, q.Page, items, err)
}

func (s *Server) apiCounts(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.countQuery()
	var items []store.CountRow
	var err error
	if p.err == nil {
		items, err = s.store.Counts(r.Context(), q)
	}
	respondList(s, w, p, q.Page, items, err)
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := p.entityQuery()
	var items []store.EntityRow
	var err error
	if p.err == nil {
		items, err = s.store.Entities(r.Context(), q)
	}
	respondList(s, w, p, q.Page, items, err)
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) {
	e, err := s.store.Entity(r.Context(), r.PathValue("id"))
	if err != nil {
		s.jsonError(w, statusFor(err), err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.StoryQuery{Page: p.page(), MinArticles: p.int("min", 2)}
	var items []store.Story
	var err error
	if p.err == nil {
		items, err = s.store.Stories(r.Context(), q)
	}
	respondList(s, w, p, q.Page, items, err)
}

func (s *Server) apiFailures(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	pg := p.page()
	var items []store.Failure
	var err error
	if p.err == nil {
		items, err = s.store.Failures(r.Context(), pg.Limit)
	}
	respondList(s, w, p, store.Page{Limit: pg.Limit}, items, err)
}
