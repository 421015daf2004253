package actors

import (
	"sync"
	"testing"
	"time"
)

var (
	once    sync.Once
	dict    *Dictionary
	loadErr error
)

func load(t testing.TB) *Dictionary {
	t.Helper()
	once.Do(func() { dict, loadErr = Load() })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return dict
}

func TestLookup(t *testing.T) {
	d := load(t)
	july2014 := time.Date(2014, 7, 22, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		date time.Time
		code string
		ok   bool
	}{
		{"John Kerry", july2014, "USAGOV", true},
		{"John Kerry", time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), "USAGOVLEG", true},
		{"Hamas", july2014, "PSEREBHMS", true},
		{"Hamas's", july2014, "PSEREBHMS", true},
		{"Palestinian Authority", july2014, "PSEGOV", true},
		{"Benjamin Netanyahu", july2014, "ISRGOV", true},
		{"Sisi", july2014, "EGYGOV", true},
		{"Tzipi Livni", july2014, "ISRGOV", true},
		{"Kerry", july2014, "", false},
		{"Zzyzx Qwerty", july2014, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := d.Lookup(tt.name, tt.date)
			if ok != tt.ok {
				t.Fatalf("Lookup(%q) ok = %v (%+v), want %v", tt.name, ok, a, tt.ok)
			}
			if ok && tt.code != "" && a.Code != tt.code {
				t.Errorf("Lookup(%q) = %q, want %q", tt.name, a.Code, tt.code)
			}
			if ok && len(a.Code) < 3 {
				t.Errorf("Lookup(%q) code %q too short", tt.name, a.Code)
			}
		})
	}
}

func TestAgent(t *testing.T) {
	d := load(t)
	tests := []struct {
		phrase, code string
		ok           bool
	}{
		{"President", "GOV", true},
		{"Justice Minister", "GOV", true},
		{"Secretary of State", "GOV", true},
		{"Prime Minister", "GOV", true},
		{"diplomat", "GOV", true},
		{"farmers", "AGR", true},
		{"Ynet", "", false},
	}
	for _, tt := range tests {
		code, ok := d.Agent(tt.phrase)
		if ok != tt.ok || code != tt.code {
			t.Errorf("Agent(%q) = %q %v, want %q %v", tt.phrase, code, ok, tt.code, tt.ok)
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

func BenchmarkLookup(b *testing.B) {
	d := load(b)
	names := []string{"John Kerry", "Hamas", "Palestinian Authority", "Nobody Special", "Egypt"}
	for b.Loop() {
		for _, n := range names {
			d.Lookup(n, time.Time{})
		}
	}
}
