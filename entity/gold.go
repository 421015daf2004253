package entity

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"eventwire/doc"
)

// GoldEntity is one entity of a gold reading (the "entities" list of
// shared/seed/kerry-gaza.gold.json).
type GoldEntity struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Required bool     `json:"required"`
	Country  string   `json:"country"`
	Role     string   `json:"role"`
	Mentions []string `json:"mentions"`
}

// ReadGold reads the entities of a gold reading.
func ReadGold(r io.Reader) ([]GoldEntity, error) {
	var g struct {
		Entities []GoldEntity `json:"entities"`
	}
	if err := json.NewDecoder(r).Decode(&g); err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	return g.Entities, nil
}

// Result is how one gold entity fared.
type Result struct {
	Gold GoldEntity
	// Entity is the matching entity of the document, nil when none matched.
	Entity *doc.Entity
	// TypeOK, CountryOK and RoleOK compare the fields the gold gives (a
	// field the gold leaves empty is OK).
	TypeOK, CountryOK, RoleOK bool
	// Mentions counts the gold mentions that occur in the text (gold files
	// may list forms the article does not use); Missing lists those the
	// entity lacks.
	Mentions int
	Missing  []string
}

// OK reports whether the entity was found with its type, country and role.
func (r Result) OK() bool { return r.Entity != nil && r.TypeOK && r.CountryOK && r.RoleOK }

// String describes the result on one line.
func (r Result) String() string {
	if r.Entity == nil {
		return fmt.Sprintf("MISSING %s (%s)", r.Gold.Name, r.Gold.Type)
	}
	status := "ok"
	if !r.OK() {
		status = "WRONG"
	}
	s := fmt.Sprintf("%-7s %s -> %s %s %q type=%s country=%s role=%q", status, r.Gold.Name, r.Entity.ID, r.Entity.Name,
		r.Entity.Name, r.Entity.Type, r.Entity.Country, r.Entity.Role)
	if len(r.Missing) > 0 {
		s += fmt.Sprintf(" missing mentions %q", r.Missing)
	}
	return s
}

// Score matches each gold entity to an entity of d: by meaning, as the gold
// file says, an entity matches when its name or one of its mentions equals
// the gold name or one of the gold mentions (ignoring case, articles and
// honorifics); among several, the one of the gold type with most matching
// mentions wins. A gold mention counts when it occurs in the text, and is
// found when a mention of the entity is it or ends with it.
func Score(d *doc.Document, gold []GoldEntity) []Result {
	out := make([]Result, 0, len(gold))
	for _, g := range gold {
		names := map[string]bool{norm(g.Name): true}
		for _, m := range g.Mentions {
			names[norm(m)] = true
		}
		var best *doc.Entity
		bestScore := 0
		for i := range d.Entities {
			e := &d.Entities[i]
			score := 0
			if names[norm(e.Name)] {
				score += 2
			}
			for _, m := range e.Mentions {
				if names[norm(m.Text)] {
					score++
				}
			}
			if score == 0 {
				continue
			}
			if e.Type == g.Type {
				score += 100
			}
			if score > bestScore {
				best, bestScore = e, score
			}
		}
		r := Result{Gold: g, Entity: best}
		if best != nil {
			r.TypeOK = g.Type == "" || best.Type == g.Type
			r.CountryOK = g.Country == "" || best.Country == g.Country
			r.RoleOK = g.Role == "" || strings.EqualFold(best.Role, g.Role)
			have := []string{norm(best.Name)}
			for _, m := range best.Mentions {
				have = append(have, norm(m.Text))
			}
			lower := strings.ToLower(strings.ReplaceAll(d.Text, "\u2019", "'"))
			for _, m := range g.Mentions {
				if !strings.Contains(lower, strings.ToLower(m)) {
					continue // a form the article does not use
				}
				r.Mentions++
				if !covers(have, norm(m)) {
					r.Missing = append(r.Missing, m)
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// covers reports whether one of the mentions is m or ends with it (a
// mention with its title or description, "rally driver Dave Hawkins",
// covers "Dave Hawkins").
func covers(mentions []string, m string) bool {
	for _, h := range mentions {
		if h == m || strings.HasSuffix(h, " "+m) {
			return true
		}
	}
	return false
}

// norm is the form mentions are compared in: lower case, without a leading
// article, honorific or trailing possessive ("the BBA" = "BBA", "Hamas's" =
// "Hamas", "Mr Balls" = "Balls").
func norm(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, a := range []string{"the ", "a ", "an "} {
		s = strings.TrimPrefix(s, a)
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "\u2019s")
	if f := strings.Fields(s); len(f) > 1 && honorifics[f[0]] {
		s = strings.Join(f[1:], " ") // "Mr Balls" = "Balls"
	}
	return s
}
