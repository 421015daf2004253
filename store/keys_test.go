package store

import (
	"testing"

	"eventwire/doc"
)

func TestEntityID(t *testing.T) {
	tests := []struct {
		name string
		a, b doc.Entity
		same bool
	}{
		{"case, spaces and punctuation", doc.Entity{Name: "John Kerry", Type: doc.Person}, doc.Entity{Name: " JOHN  kerry.", Type: doc.Person}, true},
		{"a person's country does not split", doc.Entity{Name: "Tony Blair", Type: doc.Person, Country: "GBR"}, doc.Entity{Name: "Tony Blair", Type: doc.Person}, true},
		{"type splits", doc.Entity{Name: "Jordan", Type: doc.Person}, doc.Entity{Name: "Jordan", Type: doc.Location, Country: "JOR"}, false},
		{"a place's country splits", doc.Entity{Name: "Paris", Type: doc.Location, Country: "FRA"}, doc.Entity{Name: "Paris", Type: doc.Location, Country: "USA"}, false},
		{"a place's country from its GeoNames match", doc.Entity{Name: "Gaza", Type: doc.Location, Place: &doc.Place{Country: "PSE"}}, doc.Entity{Name: "Gaza", Type: doc.Location, Country: "PSE"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EntityID(&tt.a) == EntityID(&tt.b); got != tt.same {
				t.Errorf("same id = %v, want %v (%s, %s)", got, tt.same, EntityKey(tt.a.Name, tt.a.Type, tt.a.Country), EntityKey(tt.b.Name, tt.b.Type, tt.b.Country))
			}
		})
	}
}
