package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestResponseCache(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newResponseCache(2*time.Second, 2, 100)
	c.now = func() time.Time { return now }
	calls := 0
	h := c.wrap(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if r.URL.Query().Get("q") == "bad" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if r.URL.Query().Get("q") == "big" {
			w.Write(make([]byte, 200))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"call":%d}`, calls)
	})
	do := func(q string) (string, string) {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest("GET", "/api/search?q="+q, nil))
		return rec.Body.String(), rec.Header().Get("X-Cache")
	}
	steps := []struct {
		name    string
		q       string
		advance time.Duration
		body    string
		hit     bool
	}{
		{"first call runs", "a", 0, `{"call":1}`, false},
		{"same request is a hit", "a", time.Second, `{"call":1}`, true},
		{"other query runs", "b", 0, `{"call":2}`, false},
		{"expired entry runs again", "a", 1500 * time.Millisecond, `{"call":3}`, false},
		{"errors are not cached", "bad", 0, "", false},
		{"errors run every time", "bad", 0, "", false},
		{"large bodies are not cached", "big", 0, string(make([]byte, 200)), false},
		{"large bodies run again", "big", 0, string(make([]byte, 200)), false},
		{"third key evicts the oldest", "c", 0, `{"call":8}`, false},
		{"b was evicted", "b", 0, `{"call":9}`, false},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		body, x := do(s.q)
		if body != s.body || (x == "hit") != s.hit {
			t.Errorf("%s: body %q hit %q, want %q hit %v", s.name, body, x, s.body, s.hit)
		}
	}
}

func TestResponseCacheCoalesces(t *testing.T) {
	c := newResponseCache(time.Minute, 10, 1000)
	var calls atomic.Int64
	release := make(chan struct{})
	h := c.wrap(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-release
		w.Write([]byte("ok"))
	})
	var wg sync.WaitGroup
	bodies := make([]string, 20)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			h(rec, httptest.NewRequest("GET", "/api/search?q=x", nil))
			bodies[i] = rec.Body.String()
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("handler ran %d times for 20 concurrent identical requests, want 1", n)
	}
	for i, b := range bodies {
		if b != "ok" {
			t.Errorf("request %d got %q", i, b)
		}
	}
}
