package count

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"eventwire/doc"
	"eventwire/internal/shared"
	"eventwire/parse"
	"eventwire/pipeline"
	"eventwire/segment"
	"eventwire/tag"
)

func read(t *testing.T, text string) *doc.Document {
	t.Helper()
	d := doc.New("", []string{text})
	if err := segment.New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

// show renders counts as "TYPE qualifier NUMBER~ object" joined by "; ";
// "~" marks an approximate number.
func show(cs []doc.Count) string {
	var out []string
	for _, c := range cs {
		s := c.Type + " "
		if c.Qualifier != "" {
			s += c.Qualifier + " "
		}
		s += fmt.Sprint(c.Number)
		if c.Approximate {
			s += "~"
		}
		if c.Object != "" {
			s += " " + c.Object
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// findTests are sentences and the counts they hold.
func findTests() []struct{ text, want string } {
	return []struct{ text, want string }{
		// Verb, then number.
		{"The violence has killed more than 600 Palestinians and 29 Israelis.", "KILL more than 600 Palestinians; KILL 29 Israelis"},
		{"Police arrested dozens of protesters in the capital.", "ARREST 24~ protesters"},
		{"The blast injured at least 1,200 people.", "WOUND at least 1200 people"},
		{"Gunmen kidnapped two dozen schoolgirls.", "KIDNAP 24 schoolgirls"},
		{"Troops rounded up 30 suspects.", "ARREST 30 suspects"},
		{"Floods displaced 1.2 million people.", "AFFECT 1.2e+06 people"},
		{"Customs seized three hundred and fifty rifles.", "SEIZE 350 rifles"},
		// Number, then state.
		{"600 Palestinians were killed.", "KILL 600 Palestinians"},
		{"About 50 people have reportedly died.", "KILL about 50~ people"},
		{"The strike left 29 dead.", "KILL 29"},
		{"Hundreds of people were injured and three soldiers were taken hostage.", "WOUND 200~ people; KIDNAP 3 soldiers"},
		{"Some 300 Palestinians and 12 Israelis have been wounded.", "WOUND some 300~ Palestinians; WOUND 12 Israelis"},
		{"Tens of thousands protested in the streets.", "PROTEST 20000~"},
		{"A dozen activists were detained.", "ARREST 12 activists"},
		{"Twenty-nine people died.", "KILL 29 people"},
		// Tolls and counted nouns.
		{"The death toll rose to 600.", "KILL 600"},
		{"The death toll from the war has climbed to more than 600.", "KILL more than 600"},
		{"There were 45 deaths and thousands of protesters.", "KILL 45; PROTEST 2000~ protesters"},
		// Active verbs are counted after the verb, not before.
		{"Three gunmen killed 20 people.", "KILL 20 people"},
		{"Five people were killed and 20 wounded.", "KILL 5 people; WOUND 20"},
		{"An explosion killed 12 and wounded 30 in the market.", "KILL 12; WOUND 30"},
		{"The attack left 20 people injured.", "WOUND 20 people"},
		{"600 people were killed the day before.", "KILL 600 people"},
		{"Gaza death toll passes 600.", "KILL 600"},
		{"The number of deaths has risen to 45.", "KILL 45"},
		{"The number of injured rose to 80.", "WOUND 80"},
		// Measures, years, money and percentages are not counts.
		{"Kerry met them twice within 24 hours.", ""},
		{"The war killed people in 2014.", ""},
		{"The fighting killed 5% of the population.", ""},
		{"They seized $600 in cash.", ""},
		{"He was jailed for 29 years.", ""},
		{"Members of Teamsters Local 90 rallied outside.", ""},
		{"A loud bang was heard near the two protest groups.", ""},
		{"The fire left three dead astronauts.", "KILL 3"},
		{"More than 600 Palestinians, most of them civilians, have been killed.", "KILL more than 600 Palestinians"},
		{"At least 12 people, including three children, were hurt.", "WOUND at least 12 people"},
		{"The UN condemned the deaths of 20 protesters.", "KILL 20 protesters"},
		{"Police confirmed the arrest of 30 activists.", "ARREST 30 activists"},
		{"She mourned the deaths of two of the band's guitarists.", "KILL 2 guitarists"},
		{"Ten protesters were hurt after police arrested 40.", "WOUND 10 protesters; ARREST 40"},
		{"Four children and a man were killed in the shelling.", "KILL 4 children"},
		{"There were 70 gun crime deaths.", "KILL 70"},
	}
}

func TestFind(t *testing.T) {
	s := New()
	for _, tt := range findTests() {
		t.Run(tt.text, func(t *testing.T) {
			got := show(s.Find(read(t, tt.text)))
			if got != tt.want {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestUnreal checks that negated, hypothetical, intended and future
// clauses are not coded as counts of what happened.
func TestUnreal(t *testing.T) {
	s := New()
	for _, text := range unrealTests() {
		t.Run(text, func(t *testing.T) {
			if got := show(s.Find(read(t, text))); got != "" {
				t.Errorf("Find(%q) = %q, want no count", text, got)
			}
		})
	}
}

// unrealTests are sentences that hold no count of what happened.
func unrealTests() []string {
	return []string{
		"A ground invasion could kill thousands.",
		"No one was killed.",
		"None of the 20 passengers were hurt.",
		"The 30 passengers were not hurt and 12 soldiers were not killed.",
		"Hamas threatened to kill 20 hostages.",
		"Police will arrest 30 more people tomorrow.",
		"If 600 people are killed, the truce collapses.",
		"The death toll could rise to 1,000.",
		"Officials fear that as many as 500 may have died.",
		"The army denied killing 12 civilians.",
		"Thousands could be displaced by the floods.",
		"The strike would leave 29 dead.",
		"Israel did not kill 600 Palestinians, the army said.",
		"The army denied that 20 civilians were killed.",
		"The bomb failed to kill 20 people.",
		"Police plan to arrest 30 protesters.",
		"The strike would have killed 20 people.",
		"We will kill 100 of them.",
		"The blockade could lead to the deaths of thousands.",
	}
}

// TestWithTagger runs the same sentences with POS tags and lemmas from the
// tagger, and with dependencies from the parser when its model is built:
// counts must not depend on whether they have run.
func TestWithTagger(t *testing.T) {
	tg, err := tag.New()
	if err != nil {
		t.Skipf("tagger model not available: %v", err)
	}
	stages := []pipeline.Stage{tg}
	if ps, err := parse.New(); err == nil {
		stages = append(stages, ps)
	} else {
		t.Logf("parser model not available, POS only: %v", err)
	}
	s := New()
	tagged := func(t *testing.T, text string) *doc.Document {
		d := read(t, text)
		for _, st := range stages {
			if err := st.Process(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	for _, tt := range findTests() {
		t.Run(tt.text, func(t *testing.T) {
			if got := show(s.Find(tagged(t, tt.text))); got != tt.want {
				t.Errorf("Find(%q) with POS\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
	for _, text := range unrealTests() {
		t.Run(text, func(t *testing.T) {
			if got := show(s.Find(tagged(t, text))); got != "" {
				t.Errorf("Find(%q) with POS = %q, want no count", text, got)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		text   string
		value  float64
		approx bool
		qual   string
	}{
		{"600", 600, false, ""},
		{"1,200", 1200, false, ""},
		{"1.2 million", 1.2e6, false, ""},
		{"two dozen", 24, false, ""},
		{"a dozen", 12, false, ""},
		{"half a dozen", 6, false, ""},
		{"dozens", 24, true, ""},
		{"hundreds of", 200, true, ""},
		{"hundreds of thousands", 200000, true, ""},
		{"three", 3, false, ""},
		{"thirty-five", 35, false, ""},
		{"two thousand five hundred", 2500, false, ""},
		{"more than 600", 600, false, "more than"},
		{"at least 29", 29, false, "at least"},
		{"about 50", 50, true, "about"},
		{"an estimated 3,000", 3000, true, "an estimated"},
		{"up to 40", 40, false, "up to"},
	}
	s := New()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			d := read(t, tt.text+" people")
			sn := s.sentence(d, 0, len(d.Tokens), false, false)
			n, ok := sn.number(0)
			if !ok {
				t.Fatalf("number(%q) failed", tt.text)
			}
			if n.value != tt.value || n.approximate != tt.approx || n.qualifier != tt.qual {
				t.Errorf("number(%q) = %v approx %v %q, want %v approx %v %q", tt.text, n.value, n.approximate, n.qualifier, tt.value, tt.approx, tt.qual)
			}
		})
	}
}

func TestLemma(t *testing.T) {
	d := read(t, "Militants slaughtered 40 villagers.")
	if got := show(New().Find(d)); got != "" {
		t.Fatalf("without lemmas: %q, want none", got)
	}
	// "slaughter" is listed by its lemma only: the tagger's lemma finds its forms.
	for i, p := range []string{"NOUN", "VERB", "NUM", "NOUN", "PUNCT"} {
		d.Tokens[i].POS = p
	}
	d.Tokens[1].Lemma = "slaughter"
	if got := show(New().Find(d)); got != "KILL 40 villagers" {
		t.Errorf("with lemma: %q, want KILL 40 villagers", got)
	}
}

func TestDepsAndPlace(t *testing.T) {
	d := read(t, "Israeli strikes killed 12 Palestinian fighters in Gaza.")
	// tokens: Israeli strikes killed 12 Palestinian fighters in Gaza .
	pos := []string{"ADJ", "NOUN", "VERB", "NUM", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"}
	head := []int{1, 2, -1, 5, 5, 2, 7, 2, 2}
	dep := []string{"amod", "nsubj", "root", "nummod", "amod", "obj", "case", "obl", "punct"}
	if len(d.Tokens) != len(pos) {
		t.Fatalf("got %d tokens, want %d", len(d.Tokens), len(pos))
	}
	for i := range d.Tokens {
		d.Tokens[i].POS, d.Tokens[i].Head, d.Tokens[i].Dep = pos[i], head[i], dep[i]
	}
	gaza := &doc.Place{Name: "Gaza", Country: "PSE", GeoNameID: 281133}
	m := d.Tokens[7]
	d.Entities = []doc.Entity{{ID: "e1", Name: "Gaza", Type: doc.Location, Place: gaza,
		Mentions: []doc.Mention{{Span: m.Span, Text: m.Text, Kind: doc.MentionName}}}}
	cs := New().Find(d)
	if got := show(cs); got != "KILL 12 Palestinian fighters" {
		t.Fatalf("Find = %q, want KILL 12 Palestinian fighters", got)
	}
	if cs[0].Place != gaza {
		t.Errorf("place = %v, want Gaza", cs[0].Place)
	}
	if cs[0].Text != "12 Palestinian fighters" {
		t.Errorf("text = %q", cs[0].Text)
	}
	// A modal on the parse blocks the count even where the words alone do not.
	d.Tokens[2].Dep = "xcomp"
	d.Tokens[2].Head = 1
	d.Tokens[1].Text, d.Tokens[1].Lemma = "vowed", "vow"
	sn := New().sentence(d, 0, len(d.Tokens), true, true)
	sn.low[1] = "vowed"
	if !sn.depUnreal(2) {
		t.Error("depUnreal: an xcomp of \"vowed\" should not be real")
	}
}

func TestOtherLanguage(t *testing.T) {
	d := read(t, "Ihre Schwester Aya, mit 19 Jahren die jüngste, war auf Reisen.")
	d.Language = "de"
	if got := show(New().Find(d)); got != "" {
		t.Errorf("German text: got counts %q", got)
	}
}

func TestSeed(t *testing.T) {
	p := shared.Require(t, "seed", "kerry-gaza.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	d := read(t, string(b))
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	got := show(d.Counts)
	for _, want := range []string{"KILL more than 600 Palestinians", "KILL 29 Israelis"} {
		if !strings.Contains(got, want) {
			t.Errorf("seed counts = %q; missing %q", got, want)
		}
	}
	for _, c := range d.Counts {
		if d.Slice(c.Span) != c.Text {
			t.Errorf("count %q: span covers %q", c.Text, d.Slice(c.Span))
		}
	}
}

func BenchmarkFind(b *testing.B) {
	p := shared.Require(b, "seed", "kerry-gaza.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	d := doc.New("", []string{string(raw)})
	if err := segment.New().Process(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	s := New()
	for b.Loop() {
		s.Find(d)
	}
}

// TestConcurrent runs one stage on many documents at once (go test -race).
func TestConcurrent(t *testing.T) {
	s := New()
	texts := []string{"The violence has killed more than 600 Palestinians and 29 Israelis.", "Police arrested dozens of protesters.", "No one was hurt."}
	want := map[string]string{}
	for _, text := range texts {
		want[text] = show(s.Find(read(t, text)))
	}
	type result struct{ text, got string }
	done := make(chan result)
	for i := 0; i < 12; i++ {
		go func(text string) {
			d := doc.New("", []string{text})
			segment.New().Process(context.Background(), d)
			s.Process(context.Background(), d)
			done <- result{text, show(d.Counts)}
		}(texts[i%len(texts)])
	}
	for i := 0; i < 12; i++ {
		r := <-done
		if r.got != want[r.text] {
			t.Errorf("concurrent Find(%q) = %q, want %q", r.text, r.got, want[r.text])
		}
	}
}
