package counts

import (
	"strings"
	"testing"

	"eventwire/doc"
)

func TestScore(t *testing.T) {
	g := &Gold{
		Counts: []GoldCount{
			{Type: "KILL", Number: 600, Qualifier: "more than", Object: "Palestinians", Required: true},
			{Type: "KILL", Number: 29, Object: "Israelis", Required: true},
			{Type: "WOUND", Number: 3000},
		},
		Dates: []GoldDate{
			{Text: "on Tuesday", ResolvesTo: "2014-07-22", Required: true},
			{Text: "last year", ResolvesTo: "2013"},
		},
	}
	d := &doc.Document{
		Counts: []doc.Count{
			{Type: "KILL", Number: 600, Qualifier: "more than", Object: "Palestinians"},
			{Type: "KILL", Number: 29, Qualifier: "at least", Object: "Israeli soldiers"}, // object differs
			{Type: "ARREST", Number: 5},
		},
		Dates: []doc.Date{
			{Text: "Tuesday", Value: "2014-07-22"},
			{Text: "last year", Value: "2014"}, // wrong value
		},
	}
	r := Score(d, g)
	if r.RequiredFound != 2 || r.Required != 3 || r.Found != 2 || r.All != 5 {
		t.Errorf("score = required %d/%d, all %d/%d; want 2/3, 2/5", r.RequiredFound, r.Required, r.Found, r.All)
	}
	if len(r.Extra) != 3 {
		t.Errorf("extra = %q, want 3 items", r.Extra)
	}
	var b strings.Builder
	r.Print(&b)
	if !strings.Contains(b.String(), "MISS count KILL 29 Israelis (required)") {
		t.Errorf("Print:\n%s", b.String())
	}
}
