package event_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"eventwire/doc"
	"eventwire/event"
	"eventwire/internal/shared"
	"eventwire/reader"
)

// goldEvent is one event of kerry-gaza.gold.json.
type goldEvent struct {
	Source      string `json:"source"`
	SourceActor string `json:"source_actor"`
	Target      string `json:"target"`
	Root        string `json:"cameo_root"`
	Evidence    string `json:"evidence"`
	Required    bool   `json:"required"`
}

// actorIs reports whether a coded actor is the gold one: a three-letter
// country code matches the actor's country, a name its entity or dictionary
// name or the CAMEO code the name has in the dictionaries.
func actorIs(a *doc.Actor, gold string, codeOf func(string) string) bool {
	if a == nil {
		return gold == ""
	}
	if len(gold) == 3 && strings.ToUpper(gold) == gold {
		return a.Country == gold || strings.HasPrefix(a.Code, gold)
	}
	if strings.Contains(strings.ToLower(a.Name), strings.ToLower(gold)) {
		return true
	}
	c := codeOf(gold)
	return c != "" && strings.HasPrefix(a.Code, c)
}

// TestSeed reads the archetype article with the full reader and checks every
// required (source, root code, target) of its gold reading.
func TestSeed(t *testing.T) {
	txt := shared.Require(t, "seed", "kerry-gaza.txt")
	goldPath := shared.Require(t, "seed", "kerry-gaza.gold.json")
	r, err := reader.New()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(r.Pipeline().Names(), "event") {
		t.Skipf("the reader has no event stage yet (%s)", r.Pipeline())
	}
	b, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	d, err := r.ReadBytes(context.Background(), "kerry-gaza.txt", b, reader.Meta{Published: time.Date(2014, 7, 22, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Events []goldEvent `json:"events"`
	}
	gb, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	st, err := event.New()
	if err != nil {
		t.Fatal(err)
	}
	codeOf := st.ActorCode
	found := 0
	for _, g := range gold.Events {
		ok := false
		for i := range d.Events {
			e := &d.Events[i]
			if e.Root == g.Root && actorIs(&e.Source, g.Source, codeOf) && actorIs(e.Target, g.Target, codeOf) {
				ok = true
				break
			}
		}
		if ok {
			found++
		}
		if !ok && g.Required {
			t.Errorf("missing required event %s -%s-> %s (%q)", g.Source, g.Root, g.Target, g.Evidence)
		}
	}
	t.Logf("%d of %d gold events found; %d events coded", found, len(gold.Events), len(d.Events))
	if t.Failed() || testing.Verbose() {
		for i := range d.Sentences {
			toks := slices.Clone(d.SentenceTokens(i))
			first := d.Sentences[i].FirstToken
			for k := range toks {
				if toks[k].Head >= 0 {
					toks[k].Head -= first
				}
			}
			t.Logf("sentence %d:\n%s", i, st.Explain(toks, 20140722))
		}
	}
	for _, e := range d.Events {
		tgt := ""
		if e.Target != nil {
			tgt = e.Target.Code
		}
		t.Logf("  %s -%s-> %s %s %q", e.Source.Code, e.Code, tgt, e.Modality, e.Evidence[:min(len(e.Evidence), 80)])
	}
}
