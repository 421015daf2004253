package store

import (
	"testing"

	"eventwire/doc"
)

func TestEntityTotals(t *testing.T) {
	d := &doc.Document{Entities: []doc.Entity{
		{ID: "e1", Name: "John Kerry", Type: doc.Person, Country: "usa", Mentions: make([]doc.Mention, 3)},
		{ID: "e2", Name: "Cairo", Type: doc.Location, Place: &doc.Place{Name: "Cairo", Country: "EGY", GeoNameID: 360630}, Mentions: make([]doc.Mention, 1)},
		{ID: "e3", Name: "john  KERRY", Type: doc.Person, Country: "USA", Mentions: make([]doc.Mention, 2)},
	}}
	totals, global := EntityTotals(d)
	if len(totals) != 2 {
		t.Fatalf("got %d totals, want 2: %+v", len(totals), totals)
	}
	if global["e1"] != global["e3"] || global["e1"] == global["e2"] {
		t.Errorf("global ids %v: e1 and e3 should be one entity", global)
	}
	if totals[0].ID >= totals[1].ID {
		t.Errorf("totals not sorted by id")
	}
	for _, e := range totals {
		switch e.ID {
		case global["e1"]:
			if e.Mentions != 5 || e.Country != "USA" || e.NameNorm != "john kerry" {
				t.Errorf("Kerry total %+v", e)
			}
		case global["e2"]:
			if e.Country != "EGY" || e.Type != doc.Location {
				t.Errorf("Cairo total %+v, want the place's country", e)
			}
		}
	}
}

func TestPlaces(t *testing.T) {
	cairo := &doc.Place{Name: "Cairo", Country: "EGY", GeoNameID: 360630}
	gaza := &doc.Place{Name: "Gaza", Country: "pse"}
	d := &doc.Document{
		Entities: []doc.Entity{{Place: cairo}, {}},
		Events:   []doc.Event{{Location: cairo}},
		Counts:   []doc.Count{{Place: gaza}},
	}
	rows := Places(d)
	if len(rows) != 2 || rows[0].ID != "g360630" || rows[0].Place != cairo || rows[1].ID != "ngaza|PSE" || rows[1].Place != gaza {
		t.Errorf("Places = %+v", rows)
	}
}
