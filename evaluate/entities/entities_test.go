package entities

import (
	"context"
	"strings"
	"testing"

	"eventwire/doc"
	"eventwire/entity"
	"eventwire/internal/shared"
	"eventwire/pipeline"
	"eventwire/segment"
)

// names is a stand-in recogniser: it marks each listed name wherever it occurs.
type names map[string]string

func (names) Name() string { return "names" }

func (n names) Process(_ context.Context, d *doc.Document) error {
	for text, label := range n {
		for off := 0; ; {
			i := strings.Index(d.Text[off:], text)
			if i < 0 {
				break
			}
			d.Names = append(d.Names, doc.Name{Span: doc.Span{Start: off + i, End: off + i + len(text)}, Label: label})
			off += i + len(text)
		}
	}
	return nil
}

func TestRun(t *testing.T) {
	ent, err := entity.New()
	if err != nil {
		t.Fatal(err)
	}
	art := Article{Name: "test", Text: "Kerry visits Cairo\n\nUS Secretary of State John Kerry met Egypt's president in Cairo. Kerry said he was hopeful.\n",
		Gold: []entity.GoldEntity{
			{Name: "John Kerry", Type: doc.Person, Required: true, Country: "USA", Role: "Secretary of State",
				Mentions: []string{"John Kerry", "Kerry", "he", "Mr Kerry"}},
			{Name: "Cairo", Type: doc.Location, Required: true, Country: "EGY", Mentions: []string{"Cairo"}},
			{Name: "Hamas", Type: doc.Organization, Mentions: []string{"Hamas"}},
		}}
	stages := []pipeline.Stage{segment.New(), names{"John Kerry": "PER", "Kerry": "PER", "Cairo": "LOC"}, ent}
	rep, err := Run(context.Background(), stages, []Article{art})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Entities != 3 || rep.Found != 2 || rep.RequiredOK != 2 || rep.RolesOK != 1 {
		t.Errorf("report = %+v, want 3 entities, 2 found, 2 required OK, 1 role", rep)
	}
	// "Mr Kerry" is not in the text, so it does not count.
	if rep.Mentions != 4 || rep.MentionsFound != 4 {
		t.Errorf("mentions %d/%d, want 4/4", rep.MentionsFound, rep.Mentions)
	}
	var b strings.Builder
	rep.Print(&b, true)
	if !strings.Contains(b.String(), "MISSING Hamas") {
		t.Errorf("report does not list the missing entity:\n%s", b.String())
	}
}

func TestLoadQuoteGold(t *testing.T) {
	tarball := shared.Require(t, "corpus", "bbc-2225", "bbc-fulltext.tar.gz")
	arts, err := LoadQuoteGold("../../testdata/quotes", tarball)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) == 0 {
		t.Fatal("no articles")
	}
	for _, a := range arts {
		if a.Text == "" || len(a.Gold) == 0 {
			t.Errorf("%s: empty text or gold", a.Name)
		}
	}
}
