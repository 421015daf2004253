// Package speed measures what some analysis stages add to the time of
// reading an article. It reads every article of a corpus with the full
// reader, then runs the stages under test again on each finished record
// and times them alone. Their share is their time over the time of the
// rest of the read (the full read minus theirs): "the event, count, date
// and tone stages add 12% to eventwire read".
//
// Timing the stages again on the finished record measures exactly their
// work (each replaces its own layer, so a second run does what the first
// did) without needing a second reader built without them, and keeps the
// noise of the shared machine out of a difference of two large totals.
package speed

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"eventwire/doc"
	"eventwire/pipeline"
)

// Article is one raw input.
type Article struct {
	Name string
	Raw  []byte
}

// LoadTarGz reads the .txt members of a gzipped tar in place (the BBC
// corpus: bbc/<topic>/NNN.txt), in archive order, skipping README files.
// limit > 0 keeps the first limit articles.
func LoadTarGz(path string, limit int) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("speed: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("speed: %s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	var out []Article
	for limit <= 0 || len(out) < limit {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("speed: %s: %w", path, err)
		}
		if h.Typeflag != tar.TypeReg || !strings.HasSuffix(h.Name, ".txt") || strings.Contains(strings.ToUpper(h.Name), "README") {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("speed: %s#%s: %w", path, h.Name, err)
		}
		out = append(out, Article{Name: h.Name, Raw: b})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("speed: %s holds no .txt articles", path)
	}
	return out, nil
}

// ReadFunc reads one article with the full reader, the stages under test
// included.
type ReadFunc func(ctx context.Context, a Article) (*doc.Document, error)

// Result is one measurement.
type Result struct {
	Articles int `json:"articles"`
	// Tokens is the number of tokens of all records.
	Tokens int `json:"tokens"`
	// Read is the time of the full reads, Stages the time of each stage
	// under test run again on the records, Added their sum.
	Read   time.Duration            `json:"read_ns"`
	Stages map[string]time.Duration `json:"stages_ns"`
	Added  time.Duration            `json:"added_ns"`
	// Share is Added over Read minus Added: what the stages add to the
	// time of the rest of the read.
	Share float64 `json:"share"`
	// Rounds is the number of passes; each time is the smallest of them.
	Rounds int `json:"rounds"`
}

// Measure reads arts with read, times stages on each record, and returns
// the smallest times over rounds passes (at least one).
func Measure(ctx context.Context, arts []Article, read ReadFunc, stages []pipeline.Stage, rounds int) (Result, error) {
	rounds = max(rounds, 1)
	res := Result{Articles: len(arts), Rounds: rounds, Stages: map[string]time.Duration{}}
	for r := 0; r < rounds; r++ {
		var readT time.Duration
		stageT := make([]time.Duration, len(stages))
		tokens := 0
		for _, a := range arts {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			t0 := time.Now()
			d, err := read(ctx, a)
			readT += time.Since(t0)
			if err != nil {
				return res, fmt.Errorf("speed: read %s: %w", a.Name, err)
			}
			tokens += len(d.Tokens)
			for i, s := range stages {
				t := time.Now()
				if err := s.Process(ctx, d); err != nil {
					return res, fmt.Errorf("speed: %s on %s: %w", s.Name(), a.Name, err)
				}
				stageT[i] += time.Since(t)
			}
		}
		res.Tokens = tokens
		if r == 0 || readT < res.Read {
			res.Read = readT
		}
		for i, s := range stages {
			if old, ok := res.Stages[s.Name()]; !ok || stageT[i] < old {
				res.Stages[s.Name()] = stageT[i]
			}
		}
	}
	for _, t := range res.Stages {
		res.Added += t
	}
	if base := res.Read - res.Added; base > 0 {
		res.Share = float64(res.Added) / float64(base)
	}
	return res, nil
}

// Print writes the result for people.
func (r Result) Print(w io.Writer) {
	fmt.Fprintf(w, "articles %d, tokens %d, rounds %d (smallest time of each)\n", r.Articles, r.Tokens, r.Rounds)
	fmt.Fprintf(w, "full read      %10.3fs  %8.1f µs/article\n", r.Read.Seconds(), perArticle(r.Read, r.Articles))
	names := make([]string, 0, len(r.Stages))
	for n := range r.Stages {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(w, "  stage %-8s %10.3fs  %8.1f µs/article\n", n, r.Stages[n].Seconds(), perArticle(r.Stages[n], r.Articles))
	}
	fmt.Fprintf(w, "rest of read   %10.3fs\n", (r.Read - r.Added).Seconds())
	fmt.Fprintf(w, "added by %s: %.3fs = %.1f%% of the rest of the read\n", strings.Join(names, ", "), r.Added.Seconds(), 100*r.Share)
}

func perArticle(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(d.Microseconds()) / float64(n)
}
