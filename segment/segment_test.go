package segment

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"eventwire/doc"
	"eventwire/internal/shared"
)

func texts(toks []doc.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by "|"
	}{
		{"Kerry said.", "Kerry|said|."},
		{"U.S. Secretary of State", "U.S.|Secretary|of|State"},
		{"in the U.S., officials", "in|the|U.S.|,|officials"},
		{"Gen. Sisi and Mr. Abbas", "Gen.|Sisi|and|Mr.|Abbas"},
		{"John F. Kennedy", "John|F.|Kennedy"},
		{"1.2 million and $3.5bn", "1.2|million|and|$|3.5bn"},
		{"a 24-hour truce", "a|24-hour|truce"},
		{"Abdel Fattah al-Sisi.", "Abdel|Fattah|al-Sisi|."},
		{"1,000 people, 5%", "1,000|people|,|5|%"},
		{"don't can't won't", "do|n't|ca|n't|wo|n't"},
		{"Egypt's Hamas`s they're I'm we've he'd you'll", "Egypt|'s|Hamas|`s|they|'re|I|'m|we|'ve|he|'d|you|'ll"},
		{"Egypt’s isn’t", "Egypt|’s|is|n’t"},
		{"O'Brien rock'n'roll", "O'Brien|rock'n'roll"},
		{`"framework" to`, `"|framework|"|to`},
		{"“Hello,” he said", "“|Hello|,|”|he|said"},
		{"wait... what…", "wait|...|what|…"},
		{"democracy.\"Egyptian", "democracy|.|\"|Egyptian"},
		{"Mail me@example.com or see https://example.com/a?b=1.", "Mail|me@example.com|or|see|https://example.com/a?b=1|."},
		{"(www.bbc.co.uk)", "(|www.bbc.co.uk|)"},
		{"at 10:30 a.m. today", "at|10:30|a.m.|today"},
		{"AT&T and/or 24/7", "AT&T|and/or|24/7"},
		{"Really?! No--never", "Really|?!|No|--|never"},
		{"U.S.-led forces", "U.S.-led|forces"},
		{"Cairo: US", "Cairo|:|US"},
		{"#Gaza @Kerry", "#Gaza|@Kerry"},
		{"Palestinians' demands", "Palestinians|'|demands"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := strings.Join(texts(Tokenize(tt.in, 0)), "|")
			if got != tt.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"“", `"`}, {"”", `"`}, {"’s", "'s"}, {"`s", "'s"}, {"n’t", "n't"}, {"``", `"`}, {"word", "word"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func sentences(d *doc.Document) []string {
	sents, _ := Split(d)
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = d.Slice(s.Span)
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "He left. She stayed.", []string{"He left.", "She stayed."}},
		{"quote attribution", `"We want to end the violence," Kerry said. He left.`,
			[]string{`"We want to end the violence," Kerry said.`, "He left."}},
		{"quoted sentence", `"Hello." He left.`, []string{`"Hello."`, "He left."}},
		{"exclamation with speaker", `"Stop!" John Kerry said. Then he left.`,
			[]string{`"Stop!" John Kerry said.`, "Then he left."}},
		{"question lower", `"Why?" he asked.`, []string{`"Why?" he asked.`}},
		{"titles", "Gen. Sisi met Mr. Kerry and Dr. Smith on Jan. 5 in St. Louis.",
			[]string{"Gen. Sisi met Mr. Kerry and Dr. Smith on Jan. 5 in St. Louis."}},
		{"initials", "Jennifer M. Anderson replaced Steffen W. Graae.", []string{"Jennifer M. Anderson replaced Steffen W. Graae."}},
		{"US before name", "The U.S. President spoke. He left.", []string{"The U.S. President spoke.", "He left."}},
		{"US at end", "He lives in the U.S. The move was long.", []string{"He lives in the U.S.", "The move was long."}},
		{"numbers", "It cost $3.5bn, or 1.2 million a day. Prices rose 2.5 percent.",
			[]string{"It cost $3.5bn, or 1.2 million a day.", "Prices rose 2.5 percent."}},
		{"ellipsis", "He paused... then spoke. And then... Nothing.", []string{"He paused... then spoke.", "And then...", "Nothing."}},
		{"missing space", `praise for "transitioning to a democracy."Egyptian officials have ruled it out.`,
			[]string{`praise for "transitioning to a democracy."`, "Egyptian officials have ruled it out."}},
		{"dateline", "Cairo: US Secretary of State John Kerry on Tuesday placed the onus on Hamas.",
			[]string{"Cairo: US Secretary of State John Kerry on Tuesday placed the onus on Hamas."}},
		{"dateline agency", "GAZA CITY (Reuters) - Israel struck Gaza on Tuesday. Hamas fired rockets.",
			[]string{"GAZA CITY (Reuters) - Israel struck Gaza on Tuesday.", "Hamas fired rockets."}},
		{"parenthesis", "He left (finally.) Then she came.", []string{"He left (finally.)", "Then she came."}},
		{"curly quotes", "“Israel responded.” It was attacked.", []string{"“Israel responded.”", "It was attacked."}},
		{"multi-sentence quote", `"Our objective is a ceasefire. The discussion now is about what is required," the official said.`,
			[]string{`"Our objective is a ceasefire.`, `The discussion now is about what is required," the official said.`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc.New("", []string{tt.in})
			got := sentences(d)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	d := doc.New("Kerry urges truce. Gaza war rages", []string{"First paragraph without a stop", "Second one. Two sentences."})
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text string
		para int
	}{
		{"Kerry urges truce. Gaza war rages", -1},
		{"First paragraph without a stop", 0},
		{"Second one.", 1},
		{"Two sentences.", 1},
	}
	if len(d.Sentences) != len(want) {
		t.Fatalf("got %d sentences, want %d: %+v", len(d.Sentences), len(want), d.Sentences)
	}
	for i, w := range want {
		s := d.Sentences[i]
		if got := d.Slice(s.Span); got != w.text || s.Paragraph != w.para {
			t.Errorf("sentence %d = %q (paragraph %d), want %q (%d)", i, got, s.Paragraph, w.text, w.para)
		}
	}
	if d.Tokens[0].Head != -1 {
		t.Errorf("Head = %d before parsing, want -1", d.Tokens[0].Head)
	}
	if !d.Tokens[0].SpaceAfter || d.Tokens[len(d.Tokens)-2].SpaceAfter {
		t.Errorf("SpaceAfter wrong: %+v / %+v", d.Tokens[0], d.Tokens[len(d.Tokens)-2])
	}
}

func TestPlainText(t *testing.T) {
	d := &doc.Document{Text: "One. Two.\n\nThree"}
	got := sentences(d)
	want := []string{"One.", "Two.", "Three"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	sents, _ := Split(d)
	if sents[2].Paragraph != 1 {
		t.Errorf("paragraph = %d, want 1", sents[2].Paragraph)
	}
}

// TestSeed checks the archetype article: the sentences the gold reading's
// quotes and events rely on must come out whole.
func TestSeed(t *testing.T) {
	p := shared.Require(t, "seed", "kerry-gaza.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(strings.TrimSpace(string(b)), "\n\n")
	d := doc.New(parts[0], parts[1:])
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, d)
	have := map[string]bool{}
	for _, s := range d.Sentences {
		have[d.Slice(s.Span)] = true
	}
	for _, want := range []string{
		`Kerry said a ceasefire proposed by Egypt should serve as a "framework" to end two weeks of bloodshed.`,
		`"For two weeks now, we have seen Hamas launch rocket after rocket at Israeli neighbourhoods," he said.`,
		`"Israel responded as any country has the right to do when it is under attack."`,
		`Egyptian officials have publicly ruled out amending their proposal, which calls for a ceasefire first and negotiations later.`,
		`The discussion now is about what will be required to get there," the official said on condition of anonymity.`,
	} {
		if !have[want] {
			t.Errorf("missing sentence %q", want)
		}
	}
}

// checkInvariants verifies that tokens and sentences are well formed and
// that every non-space byte of every block is covered by a token.
func checkInvariants(t *testing.T, d *doc.Document) {
	t.Helper()
	prevEnd := 0
	for i, tok := range d.Tokens {
		if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(d.Text) {
			t.Fatalf("token %d %+v out of order or empty (prev end %d)", i, tok.Span, prevEnd)
		}
		if tok.Text != d.Text[tok.Start:tok.End] {
			t.Fatalf("token %d text %q != %q", i, tok.Text, d.Text[tok.Start:tok.End])
		}
		for _, r := range tok.Text {
			if isSpace(r) {
				t.Fatalf("token %d %q contains space", i, tok.Text)
			}
		}
		// Bytes between tokens are spaces.
		if i > 0 && d.SentenceAt(tok.Start) == d.SentenceAt(d.Tokens[i-1].Start) {
			for _, r := range d.Text[prevEnd:tok.Start] {
				if !isSpace(r) {
					t.Fatalf("non-space %q between tokens %d and %d", d.Text[prevEnd:tok.Start], i-1, i)
				}
			}
		}
		prevEnd = tok.End
	}
	next := 0
	for i, s := range d.Sentences {
		if s.FirstToken != next || s.EndToken <= s.FirstToken || s.EndToken > len(d.Tokens) {
			t.Fatalf("sentence %d token range [%d,%d) does not follow %d", i, s.FirstToken, s.EndToken, next)
		}
		next = s.EndToken
		if s.Start != d.Tokens[s.FirstToken].Start || s.End != d.Tokens[s.EndToken-1].End {
			t.Fatalf("sentence %d span %+v does not match its tokens", i, s.Span)
		}
		if strings.Contains(d.Slice(s.Span), "\n\n") {
			t.Fatalf("sentence %d crosses a paragraph: %q", i, d.Slice(s.Span))
		}
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
	covered := 0
	for _, tok := range d.Tokens {
		covered += utf8.RuneCountInString(tok.Text)
	}
	nonSpace := 0
	for _, r := range d.Text {
		if !isSpace(r) {
			nonSpace++
		}
	}
	if covered != nonSpace {
		t.Fatalf("tokens cover %d non-space runes of %d", covered, nonSpace)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"He left. She stayed.", `"Hello." He left.`, "U.S.-led a.m. 1,000 $3.5bn don't Egypt`s",
		"https://x.org/a). me@x.com", "...!?“”‘’", "n't 'll", "a\n\nb", "\u200b\xff.",
	} {
		f.Add("Title", s)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) {
			// Invalid bytes are still tokenised; only the rune count check needs valid text.
			d := &doc.Document{Text: title + "\n\n" + body}
			Split(d)
			return
		}
		d := doc.New(title, strings.Split(body, "\n\n"))
		if err := New().Process(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d)
	})
}

func BenchmarkSplit(b *testing.B) {
	para := `"While we still have work to do, it is clear to each party I met that there is a framework available to end the violence, and that framework was the Egyptian initiative," Kerry said at a press conference after meeting Egyptian President Abdel Fattah al-Sisi. The U.S. official said 1.2 million people didn't leave.`
	var paras []string
	for range 20 {
		paras = append(paras, para)
	}
	d := doc.New("Kerry urges Hamas to accept truce", paras)
	ntok := 0
	for b.Loop() {
		_, toks := Split(d)
		ntok = len(toks)
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
