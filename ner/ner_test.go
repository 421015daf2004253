package ner

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"eventwire/doc"
	"eventwire/internal/shared"
	"eventwire/segment"
)

var (
	stageOnce sync.Once
	stage     *Stage
	stageErr  error
)

func loadStage(t testing.TB) *Stage {
	t.Helper()
	stageOnce.Do(func() { stage, stageErr = New() })
	if stageErr != nil {
		t.Fatalf("ner.New: %v", stageErr)
	}
	return stage
}

// seedDoc builds the seed article as the clean-up stage would: title,
// paragraphs, with the trailing cookie notice dropped.
func seedDoc(t testing.TB) *doc.Document {
	t.Helper()
	b, err := os.ReadFile(shared.Require(t, "seed", "kerry-gaza.txt"))
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(strings.TrimSpace(string(b)), "\n\n")
	body := paras[1:]
	if last := body[len(body)-1]; strings.Contains(last, "cookies") {
		body = body[:len(body)-1]
	}
	d := doc.New(paras[0], body)
	d.Sentences, d.Tokens = segment.Split(d)
	return d
}

func TestSeedRequiredEntities(t *testing.T) {
	s := loadStage(t)
	d := seedDoc(t)
	gb, err := os.ReadFile(shared.Require(t, "seed", "kerry-gaza.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Entities []struct {
			Name     string
			Type     string
			Required bool
			Mentions []string
		}
	}
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{} // "TYPE text"
	for _, n := range d.Names {
		found[n.Label+" "+d.Slice(n.Span)] = true
	}
	conllType := map[string]string{doc.Person: "PER", doc.Organization: "ORG", doc.Location: "LOC"}
	for _, e := range gold.Entities {
		if !e.Required {
			continue
		}
		ok := false
		for _, m := range append([]string{e.Name}, e.Mentions...) {
			if found[conllType[e.Type]+" "+m] {
				ok = true
			}
		}
		if !ok {
			t.Errorf("required entity %s %q not found", e.Type, e.Name)
		}
	}
	if t.Failed() {
		for _, n := range d.Names {
			t.Logf("%s %q", n.Label, d.Slice(n.Span))
		}
	}
}
