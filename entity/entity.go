// Package entity is the pipeline stage that resolves the named-entity
// mentions of an article into canonical entities: the mentions of one
// person, organisation or place are merged ("US Secretary of State John
// Kerry", "Kerry", "the top US diplomat", "he"), titles become roles
// ("Justice Minister"), nationality words become groups tied to their
// country ("Palestinians" -> PSE), places are matched to the gazetteer
// (package geo) and people and organisations get ISO alpha-3 countries and
// CAMEO actor codes from the text or the CAMEO dictionaries (package actors).
//
// Nationality words are GROUP entities: one per country ("Israelis", with
// every "Israeli" and "Israelis" of the text as its mentions, Country ISR);
// country names and epithets ("the Jewish state") are mentions of the
// country's LOCATION entity. A title's country ("US" in "US Secretary of
// State John Kerry") is both a mention of its country or group entity and
// the country of the person.
package entity

import (
	"context"

	"eventwire/actors"
	"eventwire/data"
	"eventwire/doc"
	"eventwire/geo"
)

// Stage resolves entities. It loads the gazetteer and the actor
// dictionaries once, and is safe for concurrent use.
type Stage struct {
	gaz  *geo.Gazetteer
	dict *actors.Dictionary
	// gender maps lower-case first names to 'm' or 'f'.
	gender map[string]byte
}

// New loads the embedded gazetteer and actor dictionaries and returns the
// stage.
// The two load side by side.
func New() (*Stage, error) {
	var (
		d    *actors.Dictionary
		derr error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		d, derr = actors.Load()
	}()
	g, err := geo.Load()
	<-done
	if err != nil {
		return nil, err
	}
	if derr != nil {
		return nil, derr
	}
	return NewWith(g, d), nil
}

// NewWith returns a stage over an already loaded gazetteer and actor
// dictionary; dict may be nil (no CAMEO codes).
//
// The embedded first-name list (FirstNamesFile) gives people a gender for
// pronoun resolution; without it pronouns learn gender from use only.
func NewWith(g *geo.Gazetteer, dict *actors.Dictionary) *Stage {
	s := &Stage{gaz: g, dict: dict}
	if b, err := data.Read("gazetteer/" + FirstNamesFile); err == nil {
		s.gender = parseFirstNames(b)
	}
	return s
}

// Gazetteer returns the stage's gazetteer, for stages that match places too.
func (s *Stage) Gazetteer() *geo.Gazetteer { return s.gaz }

// Actors returns the stage's actor dictionary (nil when it has none).
func (s *Stage) Actors() *actors.Dictionary { return s.dict }

// Name returns "entity".
func (*Stage) Name() string { return "entity" }

// Needs lists the layers the stage reads: the recogniser's names (tokens
// and sentences are used when present).
func (*Stage) Needs() []string { return []string{"names"} }

// Adds lists the layer the stage fills.
func (*Stage) Adds() []string { return []string{"entities"} }

// Process fills d.Entities from d.Names and the text.
func (s *Stage) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := newResolver(s, d)
	r.run()
	d.Entities = r.output()
	return nil
}
