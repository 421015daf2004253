package extraction

import (
	"context"
	"math"
	"testing"
	"time"

	"eventwire/internal/shared"
	"eventwire/reader"
)

func TestTokens(t *testing.T) {
	got := Tokens("It's a test_case: 3.5 km, café—naïve 東京")
	want := []string{"It", "s", "a", "test_case", "3", "5", "km", "café", "naïve", "東京"}
	if len(got) != len(want) {
		t.Fatalf("Tokens = %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Tokens = %q, want %q", got, want)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name, truth, pred string
		p, r              float64
		exact             bool
	}{
		{"identical", "a b c d e", "a b c d e", 1, 1, true},
		{"extra text", "a b c d e", "a b c d e f g", 2.0 / 4, 1, false},
		{"missing text", "a b c d e f", "a b c d", 1, 1.0 / 3, false},
		{"short texts are one shingle", "a b", "a b", 1, 1, true},
		{"repeats count as a multiset", "a b c d a b c d", "a b c d", 1, 1.0 / 5, false},
		{"empty prediction", "a b c d", "", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Compare(tt.truth, tt.pred)
			if math.Abs(m.Precision()-tt.p) > 1e-9 || math.Abs(m.Recall()-tt.r) > 1e-9 || m.Exact != tt.exact {
				t.Errorf("P %v R %v exact %v, want %v %v %v", m.Precision(), m.Recall(), m.Exact, tt.p, tt.r, tt.exact)
			}
		})
	}
}

func TestAggregate(t *testing.T) {
	ms := []Match{Compare("a b c d e", "a b c d e"), Compare("a b c d e", ""), Compare("a b c d e", "a b c d e x y")}
	s := Aggregate(ms)
	// Precision over the two non-empty predictions: (1 + 0.5)/2; recall over all three: (1+0+1)/3.
	if math.Abs(s.Precision-0.75) > 1e-9 || math.Abs(s.Recall-2.0/3) > 1e-9 {
		t.Fatalf("got %+v", s)
	}
	if want := 2 * 0.75 * (2.0 / 3) / (0.75 + 2.0/3); math.Abs(s.F1-want) > 1e-9 {
		t.Errorf("F1 %v, want %v", s.F1, want)
	}
}

func TestSameDate(t *testing.T) {
	got := time.Date(2023, 4, 28, 13, 40, 8, 0, time.FixedZone("EDT", -4*3600))
	if d, dt := sameDate("2023-04-28 17:40:08+00:00", got); !d || !dt {
		t.Errorf("same instant: day %v instant %v", d, dt)
	}
	if d, _ := sameDate("2023-04-28 23:30:00+00:00", time.Date(2023, 4, 29, 1, 30, 0, 0, time.FixedZone("", 2*3600))); !d {
		t.Error("same day in the expected zone not matched")
	}
	if d, _ := sameDate("2023-04-28 17:40:08+00:00", time.Time{}); d {
		t.Error("zero time matched")
	}
}

// benchData loads the article-extraction benchmark, skipping when absent.
func benchData(t testing.TB) []Page {
	dir := shared.Require(t, "bench", "article-extraction")
	_, pages, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// BenchmarkReader times eventwire's extraction and clean-up over the 181
// pages of the benchmark (HTML parsing included); BenchmarkTrafilatura is
// the baseline. Run with -cpu 1 for the one-core figure.
func BenchmarkReader(b *testing.B) {
	r, err := reader.New(reader.WithStages())
	if err != nil {
		b.Fatal(err)
	}
	benchPages(b, Reader(r))
}

func BenchmarkTrafilatura(b *testing.B) { benchPages(b, Trafilatura(true)) }

func benchPages(b *testing.B, ex Extractor) {
	pages := benchData(b)
	ctx := context.Background()
	n := 0
	for b.Loop() {
		for _, p := range pages {
			if _, err := ex.Extract(ctx, p); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
}
