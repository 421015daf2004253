package geo

import (
	"sync"
	"testing"
)

var (
	loadOnce sync.Once
	loaded   *Gazetteer
	loadErr  error
)

func gazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = Load() })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

func TestLookup(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		in   string
		iso3 string
		kind Kind
		ok   bool
	}{
		{"Egypt", "EGY", KindName, true},
		{"US", "USA", KindName, true},
		{"U.S.", "USA", KindName, true},
		{"us", "", 0, false},
		{"IN", "", 0, false},
		{"United Arab Emirates", "ARE", KindName, true},
		{"the United States", "USA", KindName, true},
		{"Turkey", "TUR", KindName, true},
		{"Israeli", "ISR", KindDemonym, true},
		{"Palestinians", "PSE", KindPeople, true},
		{"Israelis", "ISR", KindPeople, true},
		{"Egyptian", "EGY", KindDemonym, true},
		{"the Jewish state", "ISR", KindEpithet, true},
		{"French", "FRA", KindDemonym, true},
		{"Hamas", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := g.Lookup(tt.in)
			if ok != tt.ok {
				t.Fatalf("Lookup(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if !ok {
				return
			}
			if m.Country.ISO3 != tt.iso3 || m.Kind != tt.kind {
				t.Errorf("Lookup(%q) = %s %v, want %s %v", tt.in, m.Country.ISO3, m.Kind, tt.iso3, tt.kind)
			}
		})
	}
}

func TestMatchWords(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		words []string
		iso3  string
		n     int
	}{
		{[]string{"United", "Arab", "Emirates", "said"}, "ARE", 3},
		{[]string{"the", "Jewish", "state", "lift"}, "ISR", 3},
		{[]string{"the", "United", "States"}, "USA", 3},
		{[]string{"US", "Secretary"}, "USA", 1},
		{[]string{"the", "top"}, "", 0},
		{[]string{"turkey", "dinner"}, "", 0},
	}
	for _, tt := range tests {
		m, ok := g.MatchWords(tt.words)
		if tt.iso3 == "" {
			if ok {
				t.Errorf("MatchWords(%q) = %s, want no match", tt.words, m.Country.ISO3)
			}
			continue
		}
		if !ok || m.Country.ISO3 != tt.iso3 || m.Words != tt.n {
			t.Errorf("MatchWords(%q) = %+v %v, want %s/%d", tt.words, m, ok, tt.iso3, tt.n)
		}
	}
}

func TestResolve(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		name    string
		about   map[string]float64
		country string
		class   string
	}{
		{"Cairo", nil, "EGY", "P"},
		{"Cairo", map[string]float64{"USA": 1}, "EGY", "P"},
		{"Gaza", nil, "PSE", "P"},
		{"Jordan", nil, "JOR", "A"},
		{"Washington", nil, "USA", "P"},
		{"Paris", nil, "FRA", "P"},
		{"Middle East", nil, "", "L"},
		{"West Bank", nil, "PSE", "A"},
		{"Kiev", nil, "UKR", "P"},
		{"Birmingham", nil, "GBR", "P"},
		{"Birmingham", map[string]float64{"USA": 3}, "USA", "P"},
		{"Geneva", map[string]float64{"USA": 3}, "CHE", "P"},
		{"São Paulo", nil, "BRA", "P"},
		{"California", nil, "USA", "A"},
		{"Texas", nil, "USA", "A"},
		{"New York", nil, "USA", "P"},
		{"Zurich", nil, "CHE", "P"},
		{"Sao Paulo", nil, "BRA", "P"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := g.Resolve(tt.name, tt.about)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing", tt.name)
			}
			if p.Country != tt.country || p.FeatureClass != tt.class {
				t.Errorf("Resolve(%q, %v) = %+v, want country %q class %q", tt.name, tt.about, p, tt.country, tt.class)
			}
		})
	}
	if _, ok := g.Resolve("Xyzzyville", nil); ok {
		t.Error("Resolve(Xyzzyville) found a place")
	}
}

func TestPluralDemonym(t *testing.T) {
	for in, want := range map[string]string{"Israeli": "Israelis", "French": "", "Chinese": "", "Swiss": "", "American": "Americans", "South Korean": ""} {
		if got := pluralDemonym(in); got != want {
			t.Errorf("pluralDemonym(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	g := gazetteer(b)
	names := []string{"Cairo", "Gaza", "Washington", "Springfield", "Jordan", "Nowhere Town", "Aleppo", "Kiev"}
	about := map[string]float64{"EGY": 2, "ISR": 3}
	for b.Loop() {
		for _, n := range names {
			g.Resolve(n, about)
		}
	}
}
