package quotes

import (
	"testing"

	"eventwire/doc"
)

// TestScore checks the counting rules on a hand-made document.
func TestScore(t *testing.T) {
	d := doc.New("T", []string{`"We will win," said Mr Smith. The film "Ray" won. He said it was "fine".`})
	sp := func(name string) *doc.Speaker { return &doc.Speaker{Name: name} }
	d.Quotes = []doc.Quote{
		{Text: "We will win,", Kind: doc.QuoteDirect, Speaker: sp("John Smith")},
		{Text: "Ray", Kind: doc.QuotePartial, Speaker: sp("John Smith")},
		{Text: "fine", Kind: doc.QuotePartial, Speaker: sp("Jane Doe")},
		{Text: "it was fine", Kind: doc.QuoteIndirect, Speaker: sp("John Smith")},
	}
	g := &Gold{
		Entities: []GoldEntity{{Name: "John Smith", Mentions: []string{"Mr Smith"}}},
		Quotes: []GoldQuote{
			{Speaker: "John Smith", Kind: doc.QuoteDirect, Required: true, Opens: "We will win"},
			{Speaker: "John Smith", Kind: doc.QuotePartial, Opens: "fine"},
			{Speaker: "Mr Smith", Kind: doc.QuoteDirect, Opens: "Nobody said this"},
		},
	}
	c := Score(g, d).Counts
	want := Counts{GoldDirect: 2, FoundDirect: 1, GoldPartial: 1, FoundPartial: 1, SpeakerChecked: 2, SpeakerRight: 1,
		DirectSpkRight: 1, Predicted: 3, PredictedRight: 1, Required: 1, RequiredRight: 1}
	if c != want {
		t.Errorf("counts\n got %+v\nwant %+v", c, want)
	}
	if r := c.DirectRecall(); r != 0.5 {
		t.Errorf("direct recall %v", r)
	}
}
