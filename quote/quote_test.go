package quote

import (
	"context"
	"strings"
	"testing"

	"eventwire/doc"
)

// want is one expected quote: its text starts with opens, and it has kind
// and speaker (the speaker's name; "" for none).
type want struct {
	opens, kind, speaker string
}

func find(t *testing.T, paras ...string) (*doc.Document, []doc.Quote) {
	t.Helper()
	d := doc.New("A headline", paras)
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d, d.Quotes
}

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  []want
	}{
		{"straight double, speaker after", []string{`"We will win this fight," Jane Smith said.`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}}},
		{"curly double, inverted", []string{`“We will win this fight,” said Jane Smith.`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}}},
		{"guillemets", []string{`«We will win this fight,» said Jane Smith.`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}}},
		{"reversed guillemets", []string{`»We will win this fight«, said Jane Smith.`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}}},
		{"low-9 quotes", []string{`„We will win this fight“, Jane Smith said.`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}}},
		{"single quotes", []string{`'We will win this fight,' said Jane Smith.`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}}},
		{"speaker before with colon", []string{`Jane Smith told reporters: "We will win this fight."`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}}},
		{"multi-sentence", []string{`"We will win. Nobody doubts it. Not even them," said Jane Smith.`},
			[]want{{"We will win. Nobody doubts it.", doc.QuoteDirect, "Jane Smith"}}},
		{"quote over two paragraphs", []string{`Jane Smith said: "We will win this fight.`, `"And then we will rest for a while."`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}, {"And then we will rest", doc.QuoteDirect, "Jane Smith"}}},
		{"paragraphs run together", []string{`He said: "It was a frightening experience. "Six men grabbed me from behind."`},
			[]want{{"It was a frightening", doc.QuoteDirect, ""}, {"Six men grabbed me", doc.QuoteDirect, ""}}},
		{"pronoun", []string{`Jane Smith arrived in Cairo on Monday.`, `"It was a long trip, but worth it," she said.`},
			[]want{{"It was a long trip", doc.QuoteDirect, "Jane Smith"}}},
		{"pronoun gender from titles", []string{`Jane Smith arrived in Cairo on Monday.`, `Mr Brown met her at the airport.`, `"It was a long trip, but worth it," she said.`},
			[]want{{"It was a long trip", doc.QuoteDirect, "Jane Smith"}}},
		{"title and surname", []string{`Chancellor Gordon Brown spoke in London.`, `"Stability matters above everything," said Mr Brown.`},
			[]want{{"Stability matters", doc.QuoteDirect, "Gordon Brown"}}},
		{"anonymous source and nominal", []string{`A senior US official said the talks had failed.`, `"We tried very hard to get a deal," the official said.`},
			[]want{{"the talks had failed", doc.QuoteIndirect, "a senior US official"}, {"We tried very hard", doc.QuoteDirect, "a senior US official"}}},
		{"continuation paragraph", []string{`"We will win this fight," said John Brown.`, `"Nobody can stop us now."`},
			[]want{{"We will win this fight", doc.QuoteDirect, "John Brown"}, {"Nobody can stop us", doc.QuoteDirect, "John Brown"}}},
		{"speaker in the sentence before", []string{`John Brown says there are pros and cons. "It is cheap, but it is slow to set up."`},
			[]want{{"there are pros and cons", doc.QuoteIndirect, "John Brown"}, {"It is cheap", doc.QuoteDirect, "John Brown"}}},
		{"interrupted quote", []string{`"We will," John Brown, the minister, said, "win this fight."`},
			[]want{{"We will", doc.QuoteDirect, "John Brown"}, {"win this fight", doc.QuoteDirect, "John Brown"}}},
		{"partial quote", []string{`John Brown said he would meet "into the next days to find a way forward".`},
			[]want{{"into the next days", doc.QuotePartial, "John Brown"}}},
		{"appositive subject", []string{`Steel analyst Peter Fish, director of MEPS, said the rise was "uncharted territory".`},
			[]want{{"uncharted territory", doc.QuotePartial, "Peter Fish"}}},
		{"passive with agent", []string{`The film was ruled "too American" by a Paris court.`},
			[]want{{"too American", doc.QuotePartial, "a Paris court"}}},
		{"reported speech", []string{`But Hamas insists the Jewish state lift its blockade of Gaza first.`},
			[]want{{"the Jewish state lift", doc.QuoteIndirect, "Hamas"}}},
		{"according to", []string{`Donors have promised $717m in relief, according to Jan Egeland.`},
			[]want{{"Donors have promised", doc.QuoteIndirect, "Jan Egeland"}}},
		{"scare quotes are not quotes", []string{`Britain keeps an "opt-in" right on asylum.`, `The car has a 'duck clutch' on the stick.`}, nil},
		{"title on its own line is not a continuation", []string{`"We will win this fight," said Jane Smith.`, `"Wild Rose"`},
			[]want{{"We will win this fight", doc.QuoteDirect, "Jane Smith"}}},
		{"film title is not a quote", []string{`Foxx won for his role in the film "Ray" last night.`}, nil},
		{"passive without agent drops the partial", []string{`Blunkett has been accused of using the "politics of confusion".`}, nil},
		{"no quotes", []string{`Shares in steel firms fell worldwide on Monday.`, `Prices rose by 8% in January.`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := find(t, tt.paras...)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quotes %v, want %d", len(got), describe(got), len(tt.want))
			}
			for i, w := range tt.want {
				q := got[i]
				if !strings.HasPrefix(q.Text, w.opens) || q.Kind != w.kind {
					t.Errorf("quote %d = %s %q, want %s %q...", i, q.Kind, q.Text, w.kind, w.opens)
				}
				name := ""
				if q.Speaker != nil {
					name = q.Speaker.Name
				}
				if name != w.speaker {
					t.Errorf("quote %d %q: speaker %q, want %q", i, q.Text, name, w.speaker)
				}
			}
		})
	}
}

func describe(qs []doc.Quote) []string {
	var out []string
	for _, q := range qs {
		s := "<none>"
		if q.Speaker != nil {
			s = q.Speaker.Name
		}
		out = append(out, q.Kind+":"+q.Text+" ("+s+")")
	}
	return out
}

func TestOffsetsAndMedium(t *testing.T) {
	d, qs := find(t, `"First of all, it won't happen before we finish," Justice Minister Tzipi Livni told Israeli news website Ynet.`)
	if len(qs) != 1 {
		t.Fatalf("got %v", describe(qs))
	}
	q := qs[0]
	if d.Slice(q.Span) != q.Text {
		t.Errorf("span text %q != %q", d.Slice(q.Span), q.Text)
	}
	if q.Speaker == nil || q.Speaker.Name != "Tzipi Livni" || q.Speaker.Span == nil || d.Slice(*q.Speaker.Span) != "Tzipi Livni" {
		t.Errorf("speaker %+v", q.Speaker)
	}
	if q.Verb != "told" || q.VerbSpan == nil || d.Slice(*q.VerbSpan) != "told" {
		t.Errorf("verb %q %v", q.Verb, q.VerbSpan)
	}
	if q.Medium != "Israeli news website Ynet" || q.MediumSpan == nil || d.Slice(*q.MediumSpan) != q.Medium {
		t.Errorf("medium %q %v", q.Medium, q.MediumSpan)
	}
}

func TestEntityLayer(t *testing.T) {
	d := doc.New("T", []string{`John Kerry met the press.`, `"For two weeks now, we have seen rockets," he said.`})
	he := strings.Index(d.Text, "he said")
	d.Entities = []doc.Entity{{ID: "e1", Name: "John Kerry", Type: doc.Person, Mentions: []doc.Mention{
		{Span: doc.Span{Start: strings.Index(d.Text, "John"), End: strings.Index(d.Text, "John") + 10}, Text: "John Kerry", Kind: doc.MentionName},
		{Span: doc.Span{Start: he, End: he + 2}, Text: "he", Kind: doc.MentionPronoun},
	}}}
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var direct *doc.Quote
	for i := range d.Quotes {
		if d.Quotes[i].Kind == doc.QuoteDirect {
			direct = &d.Quotes[i]
		}
	}
	if direct == nil || direct.Speaker == nil || direct.Speaker.EntityID != "e1" || *direct.Speaker.Span != (doc.Span{Start: he, End: he + 2}) {
		t.Fatalf("got %v", describe(d.Quotes))
	}
}

func TestLongAndUnbalanced(t *testing.T) {
	long := `"` + strings.Repeat("word and more words, ", 2000) + `the end," said Jane Smith.`
	paras := []string{long, strings.Repeat(`"a "b" 'c' «d» „e“ `, 3000), strings.Repeat(`"`, 5000), `He said "unfinished`}
	d, qs := find(t, paras...)
	for _, q := range qs {
		if q.Start < 0 || q.End > len(d.Text) || d.Slice(q.Span) != q.Text {
			t.Fatalf("bad span %+v", q.Span)
		}
	}
	if len(qs) == 0 || qs[0].Speaker == nil || qs[0].Speaker.Name != "Jane Smith" {
		t.Fatalf("long quote: got %v", describe(qs[:min(1, len(qs))]))
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := doc.New("T", []string{`"Yes," he said.`})
	if err := New().Process(ctx, d); err == nil {
		t.Fatal("want an error for a cancelled context")
	}
}

// TestLargeInputs runs the stage over large adversarial articles: long runs
// of attributions, names and marks in one paragraph and in many. It only
// checks that the stage finishes with valid spans; its speed is measured by
// BenchmarkFind.
func TestLargeInputs(t *testing.T) {
	unit := `He said Mr Smith, the official, told John Brown of the Big Bank (BB) "yes," she said. 'a' « b » `
	for _, paras := range [][]string{
		{strings.Repeat(unit, 3000)},
		strings.Split(strings.Repeat(unit+"\n\n", 3000), "\n\n"),
		{strings.Repeat("Said Mr Smith Jones Brown ", 5000)},
		{strings.Repeat("'a ", 20000)},
	} {
		d, qs := find(t, paras...)
		for _, q := range qs {
			if d.Slice(q.Span) != q.Text {
				t.Fatalf("bad span %+v", q.Span)
			}
		}
	}
}
