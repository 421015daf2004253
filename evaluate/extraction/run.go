package extraction

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Result is what an extractor found on one page.
type Result struct {
	Title     string
	Authors   []string
	Published time.Time
	// Body is the main text, paragraphs separated by blank lines.
	Body string
}

// Extractor is one way of extracting a page, named for reports.
type Extractor struct {
	Name    string
	Extract func(ctx context.Context, p Page) (Result, error)
}

// MetaScores are fundus-style exact-match rates over pages with expected values.
type MetaScores struct {
	Pages int `json:"pages"`
	// Title is the share of pages whose title matches (spaces collapsed).
	Title float64 `json:"title"`
	// Author is the share whose author set matches (case-insensitive).
	Author float64 `json:"author"`
	// Date is the share whose publication day matches, in the expected
	// time's own zone; DateTime the share whose instant matches to the minute.
	Date     float64 `json:"date"`
	DateTime float64 `json:"date_time"`
	Body     Scores  `json:"body"`
}

// Report is the outcome of running one extractor over a data set.
type Report struct {
	Extractor string `json:"extractor"`
	Pages     int    `json:"pages"`
	Errors    int    `json:"errors"`
	// Body scores the main text of every page.
	Body Scores `json:"body"`
	// Meta and English score metadata on all pages and English pages
	// (fundus layout only).
	Meta    *MetaScores `json:"meta,omitempty"`
	English *MetaScores `json:"english,omitempty"`
	// Seconds is the wall time spent inside Extract, CPUSeconds the
	// process CPU time (user and system, garbage collection included); the
	// page rates follow from them. On a busy machine the CPU rate is the
	// fairer figure: it does not count time waiting for a core.
	Seconds float64 `json:"seconds"`
	// Passes is how many times the pages were read; the times are the
	// median pass's.
	Passes            int     `json:"passes"`
	CPUSeconds        float64 `json:"cpu_seconds"`
	PagesPerSecond    float64 `json:"pages_per_second"`
	PagesPerCPUSecond float64 `json:"pages_per_cpu_second"`
	// Failures lists the first few page errors.
	Failures []string `json:"failures,omitempty"`
}

type metaAcc struct {
	n, title, author, date, dateTime int
	body                             []Match
}

func (a *metaAcc) add(p Page, r Result, m Match) {
	a.n++
	if norm(p.Title) == norm(r.Title) {
		a.title++
	}
	if sameAuthors(p.Authors, r.Authors) {
		a.author++
	}
	d, dt := sameDate(p.Published, r.Published)
	if d {
		a.date++
	}
	if dt {
		a.dateTime++
	}
	a.body = append(a.body, m)
}

func (a *metaAcc) scores() *MetaScores {
	if a.n == 0 {
		return nil
	}
	f := func(k int) float64 { return float64(k) / float64(a.n) }
	return &MetaScores{Pages: a.n, Title: f(a.title), Author: f(a.author), Date: f(a.date), DateTime: f(a.dateTime), Body: Aggregate(a.body)}
}

// Run extracts every page with ex, one at a time, and scores the results.
func Run(ctx context.Context, ex Extractor, pages []Page) (Report, error) {
	reps, err := RunAll(ctx, []Extractor{ex}, pages)
	if err != nil {
		return Report{}, err
	}
	return reps[0], nil
}

// RunAll extracts every page with each extractor and scores the results.
// Each extractor's time is the wall time and the process CPU time spent
// in its calls.
func RunAll(ctx context.Context, exs []Extractor, pages []Page) ([]Report, error) {
	return RunPasses(ctx, exs, pages, 1)
}

// RunPasses reads the pages passes times with each extractor (scoring the
// first pass) and reports each one's median pass time. Within a pass the
// extractors take turns, each reading all the pages from a freshly
// collected heap, so that none pays for another's garbage; over several
// passes a change in the machine's load weighs on all of them alike, and
// the median is not moved by a short burst of it.
func RunPasses(ctx context.Context, exs []Extractor, pages []Page, passes int) ([]Report, error) {
	type acc struct {
		all       []Match
		meta, eng metaAcc
		wall, cpu []time.Duration // per pass
	}
	passes = max(passes, 1)
	reps := make([]Report, len(exs))
	accs := make([]acc, len(exs))
	for i, ex := range exs {
		reps[i] = Report{Extractor: ex.Name, Pages: len(pages), Passes: passes}
		accs[i].wall = make([]time.Duration, passes)
		accs[i].cpu = make([]time.Duration, passes)
	}
	for pass := range passes {
		for i, ex := range exs {
			rep, a := &reps[i], &accs[i]
			runtime.GC()
			for _, p := range pages {
				if err := ctx.Err(); err != nil {
					return reps, err
				}
				c0, t0 := cpuTime(), time.Now()
				r, err := ex.Extract(ctx, p)
				a.wall[pass] += time.Since(t0)
				a.cpu[pass] += cpuTime() - c0
				if pass > 0 {
					continue
				}
				if err != nil {
					rep.Errors++
					if len(rep.Failures) < 10 {
						rep.Failures = append(rep.Failures, p.ID+": "+err.Error())
					}
				}
				m := Compare(p.Body, r.Body)
				a.all = append(a.all, m)
				if p.HasMeta {
					a.meta.add(p, r, m)
					if p.English {
						a.eng.add(p, r, m)
					}
				}
			}
		}
	}
	for i := range reps {
		rep, a := &reps[i], &accs[i]
		rep.Body = Aggregate(a.all)
		rep.Meta, rep.English = a.meta.scores(), a.eng.scores()
		wall, cpu := median(a.wall), median(a.cpu)
		rep.Seconds = wall.Seconds()
		rep.CPUSeconds = cpu.Seconds()
		if wall > 0 {
			rep.PagesPerSecond = float64(len(pages)) / wall.Seconds()
		}
		if cpu > 0 {
			rep.PagesPerCPUSecond = float64(len(pages)) / cpu.Seconds()
		}
	}
	return reps, nil
}

// median returns the middle of ds (the lower middle for an even count).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func sameAuthors(want, got []string) bool {
	if len(want) != len(got) {
		return false
	}
	set := map[string]int{}
	for _, w := range want {
		set[strings.ToLower(norm(w))]++
	}
	for _, g := range got {
		k := strings.ToLower(norm(g))
		if set[k] == 0 {
			return false
		}
		set[k]--
	}
	return true
}

// sameDate compares an expected time as fundus writes it with an extracted
// one: the same calendar day in the expected time's zone, and the same
// instant to the minute. An empty expectation matches a zero time.
func sameDate(want string, got time.Time) (day, instant bool) {
	if want == "" {
		return got.IsZero(), got.IsZero()
	}
	if got.IsZero() {
		return false, false
	}
	w, err := time.Parse("2006-01-02 15:04:05Z07:00", want)
	if err != nil {
		w, err = time.Parse("2006-01-02", want)
		if err != nil {
			return false, false
		}
		return got.Format("2006-01-02") == want, false
	}
	g := got.In(w.Location())
	return g.Format("2006-01-02") == w.Format("2006-01-02"), g.Truncate(time.Minute).Equal(w.Truncate(time.Minute))
}
