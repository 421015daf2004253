package load

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Query().Get("q") == "fail" {
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(`{"items":[]}`))
	}))
	defer srv.Close()
	tests := []struct {
		name       string
		opts       Options
		wantReqs   int
		wantErrors int
	}{
		{"count", Options{BaseURL: srv.URL, Concurrency: 8, Requests: 100}, 100, 0},
		{"errors counted", Options{BaseURL: srv.URL, Concurrency: 4, Requests: 10, Queries: []string{"ok", "fail"}}, 10, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Run(context.Background(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if r.Requests != tt.wantReqs || r.Errors != tt.wantErrors {
				t.Errorf("got %d requests %d errors, want %d and %d", r.Requests, r.Errors, tt.wantReqs, tt.wantErrors)
			}
			if r.P50 <= 0 || r.P99 < r.P50 || r.Max < r.P99 {
				t.Errorf("bad latencies %+v", r)
			}
		})
	}
	if _, err := Run(context.Background(), Options{BaseURL: srv.URL}); err == nil {
		t.Error("a run with neither count nor duration should fail")
	}
	r, err := Run(context.Background(), Options{BaseURL: srv.URL, Concurrency: 2, Duration: 200 * time.Millisecond})
	if err != nil || r.Requests == 0 {
		t.Errorf("duration run: %+v %v", r, err)
	}
}

func TestQuantile(t *testing.T) {
	d := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		q    float64
		want time.Duration
	}{{0.5, 5}, {0.9, 9}, {0.99, 10}, {0, 1}}
	for _, tt := range tests {
		if got := quantile(d, tt.q); got != tt.want {
			t.Errorf("quantile(%v) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
