// Package load measures the HTTP API under concurrent searches: many
// clients send GET /api/search requests to a running server for a fixed time
// or count, and the latency distribution is reported.
package load

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultQueries are everyday news words and phrases for search load.
var DefaultQueries = []string{
	"government", "election", "minister", "economy", "bank", "music", "film", "award", "football", "club",
	"police", "court", "market", "shares", "profit", "growth", "oil prices", "tax", "labour party", "prime minister",
	"mobile phone", "internet", "software", "games", "chelsea", "england", "world cup", "chancellor", "budget",
	"interest rates", "jobs", "strike", "europe", "china", "india", "united states", "iraq", "security", "health",
	"school", "university", "record", "sales", "company", "deal", "report", "warned", "agreed", "champion", "star",
}

// Options configures a load run.
type Options struct {
	// BaseURL is the server's root ("http://127.0.0.1:8080").
	BaseURL string
	// Concurrency is the number of clients sending requests at once.
	Concurrency int
	// Requests is the total number of requests; Duration bounds the run too.
	Requests int
	Duration time.Duration
	// Queries are cycled through; DefaultQueries when empty.
	Queries []string
	// Limit is the page size asked for.
	Limit int
}

// Result is the outcome of a load run.
type Result struct {
	Requests    int           `json:"requests"`
	Errors      int           `json:"errors"`
	Concurrency int           `json:"concurrency"`
	Elapsed     time.Duration `json:"elapsed"`
	PerSecond   float64       `json:"per_second"`
	P50         time.Duration `json:"p50"`
	P90         time.Duration `json:"p90"`
	P99         time.Duration `json:"p99"`
	Max         time.Duration `json:"max"`
	// FirstError describes the first failed request, if any.
	FirstError string `json:"first_error,omitempty"`
}

// String formats the result for people.
func (r Result) String() string {
	s := fmt.Sprintf("%d requests (%d errors) from %d clients in %.1fs: %.0f/s; latency p50 %.1fms p90 %.1fms p99 %.1fms max %.1fms",
		r.Requests, r.Errors, r.Concurrency, r.Elapsed.Seconds(), r.PerSecond, ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max))
	if r.FirstError != "" {
		s += "\nfirst error: " + r.FirstError
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Run sends search requests until Requests are sent or Duration has passed
// or ctx is done, and reports the latencies.
func Run(ctx context.Context, o Options) (Result, error) {
	if o.Concurrency <= 0 {
		o.Concurrency = 1
	}
	if len(o.Queries) == 0 {
		o.Queries = DefaultQueries
	}
	if o.Limit <= 0 {
		o.Limit = 20
	}
	if o.Requests <= 0 && o.Duration <= 0 {
		return Result{}, fmt.Errorf("load: give a number of requests or a duration")
	}
	if _, err := url.Parse(o.BaseURL); err != nil {
		return Result{}, fmt.Errorf("load: base url: %w", err)
	}
	if o.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Duration)
		defer cancel()
	}
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: o.Concurrency, MaxConnsPerHost: o.Concurrency},
	}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var errs int
	var firstErr string
	var wg sync.WaitGroup
	began := time.Now()
	for range o.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if o.Requests > 0 && i >= int64(o.Requests) {
					break
				}
				q := o.Queries[int(i)%len(o.Queries)]
				u := fmt.Sprintf("%s/api/search?q=%s&limit=%d", o.BaseURL, url.QueryEscape(q), o.Limit)
				t0 := time.Now()
				err := get(ctx, client, u)
				d := time.Since(t0)
				if ctx.Err() != nil {
					break // the run ended during this request: do not count it
				}
				if err != nil {
					mu.Lock()
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
					mu.Unlock()
					continue
				}
				mine = append(mine, d)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	slices.Sort(lat)
	r := Result{Requests: len(lat) + errs, Errors: errs, Concurrency: o.Concurrency, Elapsed: elapsed, FirstError: firstErr}
	if len(lat) > 0 {
		r.PerSecond = float64(len(lat)) / elapsed.Seconds()
		r.P50 = quantile(lat, 0.50)
		r.P90 = quantile(lat, 0.90)
		r.P99 = quantile(lat, 0.99)
		r.Max = lat[len(lat)-1]
	}
	return r, nil
}

// quantile returns the q-quantile of sorted durations (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func get(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return nil
}
