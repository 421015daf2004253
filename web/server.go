// Package web serves eventwire's HTTP JSON API and its web UI from a store.
//
// The UI is server-rendered with html/template: every piece of article text
// is escaped, and a strict content security policy forbids inline scripts, so
// hostile text in an article cannot run in a reader's browser. The server is
// read-only unless a write token is configured.
package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"runtime"
	"strings"
	"time"

	"eventwire/doc"
	"eventwire/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// ContentSecurityPolicy is sent with every response. No inline script or
// style is allowed anywhere.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// IngestFunc reads one raw article (text, HTML or JSON, as the reader
// accepts) and returns its record. The server stores the result.
type IngestFunc func(ctx context.Context, name string, body []byte) (*doc.Document, error)

// Options configures a Server.
type Options struct {
	// WriteToken enables POST /api/articles for requests that carry it as
	// "Authorization: Bearer TOKEN". Empty means the server is read-only.
	WriteToken string
	// Ingest reads posted articles; required for writes.
	Ingest IngestFunc
	// MaxBody bounds the size of a posted article (default 8 MiB).
	MaxBody int64
	// RequestTimeout bounds the time of one request (default 10 s).
	RequestTimeout time.Duration
	// MaxConcurrent bounds the requests that query the store at once
	// (default 4 × GOMAXPROCS); the others wait their turn in arrival order,
	// which keeps the latency tail short under load.
	MaxConcurrent int
	// CacheTTL keeps successful GET /api responses for this long, so that a
	// burst of identical requests is answered once; 0 disables the cache.
	// A response is never older than the TTL.
	CacheTTL time.Duration
	// Logger receives error logs; nil discards them.
	Logger *log.Logger
}

// Server is the HTTP handler for the API and the UI.
type Server struct {
	store store.Store
	opts  Options
	pages map[string]*template.Template
	mux   *http.ServeMux
	slots chan struct{} // one token per request allowed to query the store
}

// New returns a server over st.
func New(st store.Store, opts Options) (*Server, error) {
	if opts.MaxBody <= 0 {
		opts.MaxBody = 8 << 20
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 10 * time.Second
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = 4 * runtime.GOMAXPROCS(0)
	}
	s := &Server{store: st, opts: opts, mux: http.NewServeMux(), slots: make(chan struct{}, opts.MaxConcurrent)}
	if err := s.loadTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	static, _ := fs.Sub(staticFiles, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))

	get := s.limit
	if s.opts.CacheTTL > 0 {
		cache := newResponseCache(s.opts.CacheTTL, 4096, 1<<20)
		get = func(h http.HandlerFunc) http.HandlerFunc { return cache.wrap(s.limit(h)) }
	}
	s.mux.HandleFunc("GET /api/stats", get(s.apiStats))
	s.mux.HandleFunc("GET /api/search", get(s.apiSearch))
	s.mux.HandleFunc("GET /api/articles/{id}", get(s.apiArticle))
	s.mux.HandleFunc("POST /api/articles", s.limit(s.apiPostArticle))
	s.mux.HandleFunc("GET /api/quotes", get(s.apiQuotes))
	s.mux.HandleFunc("GET /api/events", get(s.apiEvents))
	s.mux.HandleFunc("GET /api/timeline", get(s.apiTimeline))
	s.mux.HandleFunc("GET /api/counts", get(s.apiCounts))
	s.mux.HandleFunc("GET /api/entities", get(s.apiEntities))
	s.mux.HandleFunc("GET /api/entities/{id}", get(s.apiEntity))
	s.mux.HandleFunc("GET /api/stories", get(s.apiStories))
	s.mux.HandleFunc("GET /api/failures", get(s.apiFailures))

	s.mux.HandleFunc("GET /{$}", s.limit(s.uiHome))
	s.mux.HandleFunc("GET /search", s.limit(s.uiHome))
	s.mux.HandleFunc("GET /articles/{id}", s.limit(s.uiArticle))
	s.mux.HandleFunc("GET /entities", s.limit(s.uiEntities))
	s.mux.HandleFunc("GET /entities/{id}", s.limit(s.uiEntity))
	s.mux.HandleFunc("GET /quotes", s.limit(s.uiQuotes))
	s.mux.HandleFunc("GET /events", s.limit(s.uiEvents))
	s.mux.HandleFunc("GET /stories", s.limit(s.uiStories))
	s.mux.HandleFunc("GET /failures", s.limit(s.uiFailures))
}

// ServeHTTP sets the security headers, bounds the request's time and
// dispatches it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
	defer cancel()
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}

// limit runs h when one of the store slots is free; requests wait for a
// slot in arrival order, or until their deadline.
func (s *Server) limit(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
			h(w, r)
		case <-r.Context().Done():
			http.Error(w, "server busy", http.StatusServiceUnavailable)
		}
	}
}

// authorized reports whether r carries the configured write token.
func (s *Server) authorized(r *http.Request) bool {
	if s.opts.WriteToken == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.WriteToken)) == 1
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logger != nil {
		s.opts.Logger.Printf(format, args...)
	}
}

// statusFor maps a store error to an HTTP status.
func statusFor(err error) int {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// NewHTTPServer wraps h in an http.Server with bounded header, read and
// write times, listening on addr.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// errBadParam is returned for malformed query parameters.
type errBadParam struct{ name, value string }

func (e errBadParam) Error() string {
	return fmt.Sprintf("bad value %q for parameter %s", e.value, e.name)
}
