package store

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"eventwire/doc"
)

// EntityTotal is one cross-article entity as one document contributes it:
// its id, its fields and the number of mentions the document makes of it.
type EntityTotal struct {
	ID       string
	Name     string
	NameNorm string
	Type     string
	Country  string
	Mentions int
}

// EntityTotals folds a document's entities into cross-article entities
// (entities of the document with the same EntityID become one), sorted by
// id so that concurrent writers upsert rows in one order and never
// deadlock. It also returns the map from the document's entity ids ("e1")
// to the cross-article ones. Drivers store what it returns.
func EntityTotals(d *doc.Document) ([]EntityTotal, map[string]string) {
	global := make(map[string]string, len(d.Entities))
	byID := map[string]*EntityTotal{}
	for i := range d.Entities {
		e := &d.Entities[i]
		gid := EntityID(e)
		global[e.ID] = gid
		t := byID[gid]
		if t == nil {
			country := e.Country
			if country == "" && e.Place != nil {
				country = e.Place.Country
			}
			t = &EntityTotal{ID: gid, Name: e.Name, NameNorm: NormalizeName(e.Name),
				Type: strings.ToUpper(e.Type), Country: strings.ToUpper(country)}
			byID[gid] = t
		}
		t.Mentions += len(e.Mentions)
	}
	out := make([]EntityTotal, 0, len(byID))
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		out = append(out, *byID[id])
	}
	return out, global
}

// PlaceRow is a place a document names, keyed by PlaceID.
type PlaceRow struct {
	ID string
	*doc.Place
}

// Places returns the distinct places a document names (entity places,
// event locations, count places), sorted by id.
func Places(d *doc.Document) []PlaceRow {
	places := map[string]*doc.Place{}
	add := func(p *doc.Place) {
		if p != nil {
			places[PlaceID(p)] = p
		}
	}
	for _, e := range d.Entities {
		add(e.Place)
	}
	for _, ev := range d.Events {
		add(ev.Location)
	}
	for _, c := range d.Counts {
		add(c.Place)
	}
	out := make([]PlaceRow, 0, len(places))
	for _, id := range slices.Sorted(maps.Keys(places)) {
		out = append(out, PlaceRow{ID: id, Place: places[id]})
	}
	return out
}

// PlaceID is the key of a place across articles: its GeoNames id when it
// has one, else its normalised name and country.
func PlaceID(p *doc.Place) string {
	if p.GeoNameID != 0 {
		return fmt.Sprintf("g%d", p.GeoNameID)
	}
	return "n" + NormalizeName(p.Name) + "|" + strings.ToUpper(p.Country)
}
