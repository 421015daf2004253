package web

import (
	"bytes"
	lru "container/list"
	"net/http"
	"sync"
	"time"
)

// responseCache keeps recent GET responses of the API for a short time
// ("micro-caching"): under load, the same search asked by many clients
// within the TTL is answered once. Entries are bounded in number and size,
// and a response is never older than the TTL.
type responseCache struct {
	ttl     time.Duration
	max     int
	maxBody int
	now     func() time.Time

	mu       sync.Mutex
	items    map[string]*lru.Element
	order    *lru.List // front: most recently used
	inflight map[string]*flight
}

// flight is a response being computed; requests for the same key wait for
// it instead of all asking the store at once when an entry expires.
type flight struct {
	done chan struct{}
	e    *cached // nil when the response was not cacheable
}

type cached struct {
	key         string
	status      int
	contentType string
	body        []byte
	expires     time.Time
}

func newResponseCache(ttl time.Duration, max, maxBody int) *responseCache {
	return &responseCache{ttl: ttl, max: max, maxBody: maxBody, now: time.Now, items: map[string]*lru.Element{}, order: lru.New(), inflight: map[string]*flight{}}
}

func (c *responseCache) get(key string) (*cached, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cached)
	if c.now().After(e.expires) {
		c.order.Remove(el)
		delete(c.items, key)
		return nil, false
	}
	c.order.MoveToFront(el)
	return e, true
}

func (c *responseCache) put(e *cached) {
	if len(e.body) > c.maxBody {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[e.key]; ok {
		el.Value = e
		c.order.MoveToFront(el)
		return
	}
	c.items[e.key] = c.order.PushFront(e)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*cached).key)
	}
}

// recorder captures a response while passing it through.
type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}

// wrap serves GET requests for successful responses from the cache. Of
// concurrent requests for the same missing key, one runs the handler and
// the others wait for its response.
func (c *responseCache) wrap(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path + "?" + r.URL.RawQuery
		for {
			if e, ok := c.get(key); ok {
				serveCached(w, e)
				return
			}
			c.mu.Lock()
			f, waiting := c.inflight[key]
			if !waiting {
				f = &flight{done: make(chan struct{})}
				c.inflight[key] = f
			}
			c.mu.Unlock()
			if !waiting {
				break
			}
			select {
			case <-f.done:
			case <-r.Context().Done():
				http.Error(w, "request cancelled", http.StatusServiceUnavailable)
				return
			}
			if f.e == nil {
				// The leader's response was not cacheable: run the handler ourselves.
				next(w, r)
				return
			}
			serveCached(w, f.e)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		var e *cached
		defer func() {
			c.mu.Lock()
			f := c.inflight[key]
			delete(c.inflight, key)
			c.mu.Unlock()
			f.e = e
			close(f.done)
		}()
		next(rec, r)
		if rec.status == http.StatusOK && rec.buf.Len() <= c.maxBody {
			e = &cached{key: key, status: rec.status, contentType: w.Header().Get("Content-Type"),
				body: bytes.Clone(rec.buf.Bytes()), expires: c.now().Add(c.ttl)}
			c.put(e)
		}
	}
}

func serveCached(w http.ResponseWriter, e *cached) {
	w.Header().Set("Content-Type", e.contentType)
	w.Header().Set("X-Cache", "hit")
	w.WriteHeader(e.status)
	w.Write(e.body)
}
