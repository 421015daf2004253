package tone

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"math"
	"os"
	"testing"

	"eventwire/doc"
	"eventwire/internal/shared"
	"eventwire/segment"
)

func read(t *testing.T, text string) *doc.Document {
	t.Helper()
	d := doc.New("", []string{text})
	if err := segment.New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func testLexicon() Lexicon {
	return Lexicon{"good": 1.9, "peace": 2.5, "killed": -3.5, "war": -2.9, "party": 1.7, "united": 1.8, "like": 1.5}
}

func TestMeasure(t *testing.T) {
	tests := []struct {
		name string
		text string
		want doc.Tone
	}{
		{"positive", "Peace is good.", doc.Tone{Tone: 66.6667, Positive: 66.6667, Polarity: 66.6667, WordCount: 3}},
		{"negative and positive", "War killed many but peace came.",
			doc.Tone{Tone: -16.6667, Positive: 16.6667, Negative: 33.3333, Polarity: 50, ActivityDensity: 33.3333, WordCount: 6}},
		{"proper names do not count", "Leaders of the United Arab Emirates met.",
			doc.Tone{ActivityDensity: 14.2857, WordCount: 7}},
		{"news senses skipped", "The party looks like it won.",
			doc.Tone{ActivityDensity: 16.6667, WordCount: 6}},
		{"self and group, not the US", "We told the US our plan and I agreed.",
			doc.Tone{ActivityDensity: 33.3333, SelfGroupDensity: 33.3333, WordCount: 9}},
		{"empty", "...", doc.Tone{}},
	}
	s := NewWithLexicon(testLexicon())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Measure(read(t, tt.text))
			if *got != tt.want {
				t.Errorf("Measure(%q) = %+v, want %+v", tt.text, *got, tt.want)
			}
		})
	}
}

func TestMeasureUsesPOS(t *testing.T) {
	d := read(t, "Like the good party, it killed.")
	pos := map[string]string{"Like": "ADP", "the": "DET", "good": "ADJ", "party": "NOUN", ",": "PUNCT", "it": "PRON", "killed": "VERB", ".": "PUNCT"}
	for i := range d.Tokens {
		d.Tokens[i].POS = pos[d.Tokens[i].Text]
	}
	got := NewWithLexicon(testLexicon()).Measure(d)
	// "Like" as ADP carries no sentiment; "party" is skipped; "killed" is the only VERB.
	want := doc.Tone{Positive: 16.6667, Negative: 16.6667, Polarity: 33.3333, ActivityDensity: 16.6667, WordCount: 6}
	if *got != want {
		t.Errorf("Measure with POS = %+v, want %+v", *got, want)
	}
}

func TestLemmaFallback(t *testing.T) {
	d := read(t, "Wars end.")
	d.Tokens[0].Lemma = "war"
	got := NewWithLexicon(testLexicon()).Measure(d)
	if got.Negative != 50 {
		t.Errorf("Negative = %v, want 50 (lemma war)", got.Negative)
	}
}

// tarball packs files into an in-memory .tgz like the npm one.
func tarball(t *testing.T, files map[string]string) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func TestBuildLexiconFormat(t *testing.T) {
	src := "$:\t-1.5\t0.80623\t[-1, -1]\n" +
		"(-:o\t1.5\t0.5\t[1, 2]\n" +
		"can't stand\t-2.0\t0.6\t[-2, -2]\n" +
		"well-being\t2.2\t0.5\t[2, 2]\n" +
		"Kill\t-3.7\t0.5\t[-4, -3]\n" +
		"peace\t2.5\t0.8\t[3, 2]\n"
	var out bytes.Buffer
	n, err := BuildLexicon(tarball(t, map[string]string{"package/README.md": "x", vaderMember: src}), &out, "test.tgz")
	if err != nil {
		t.Fatal(err)
	}
	lex, err := ParseLexicon(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := Lexicon{"well-being": 2.2, "kill": -3.7, "peace": 2.5}
	if n != len(want) || len(lex) != len(want) {
		t.Fatalf("built %d, parsed %v; want %v", n, lex, want)
	}
	for w, v := range want {
		if lex[w] != v {
			t.Errorf("lexicon[%q] = %v, want %v", w, lex[w], v)
		}
	}
	if _, err := BuildLexicon(tarball(t, map[string]string{"package/README.md": "x"}), &out, "empty.tgz"); err == nil {
		t.Error("a tarball without the lexicon should fail")
	}
}

func TestBuildLexicon(t *testing.T) {
	src := os.Getenv("EVENTWIRE_VADER_TGZ")
	if src == "" {
		src = "/tmp/vader-sentiment-1.1.3.tgz"
	}
	f, err := os.Open(src)
	if err != nil {
		t.Skipf("vader-sentiment tarball not present (npm pack vader-sentiment, or set EVENTWIRE_VADER_TGZ): %v", err)
	}
	defer f.Close()
	var buf bytes.Buffer
	n, err := BuildLexicon(f, &buf, "vader-sentiment.tgz")
	if err != nil {
		t.Fatal(err)
	}
	lex, err := ParseLexicon(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(lex) != n || n < 7000 {
		t.Errorf("built %d entries, parsed %d; want the same, over 7000", n, len(lex))
	}
	if lex["kill"] >= 0 || lex["peace"] <= 0 {
		t.Errorf("kill = %v, peace = %v; want negative and positive", lex["kill"], lex["peace"])
	}
	if _, ok := lex[":)"]; ok {
		t.Error("emoticon kept")
	}
}

func TestEmbeddedLexicon(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for w, sign := range map[string]float64{"kill": -1, "violence": -1, "praise": 1, "peace": 1} {
		if v := s.lex[w]; math.Signbit(v) != (sign < 0) || v == 0 {
			t.Errorf("lexicon[%q] = %v, want sign %v", w, v, sign)
		}
	}
}

func TestSeed(t *testing.T) {
	p := shared.Require(t, "seed", "kerry-gaza.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	d := doc.New("", []string{string(b)})
	if err := segment.New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	tn := d.Tone
	// A report of a war: more negative than positive words, some activity.
	if tn.WordCount < 600 || tn.Tone >= 0 || tn.Negative <= 0 || tn.ActivityDensity <= 0 || tn.SelfGroupDensity <= 0 {
		t.Errorf("seed tone = %+v; want >600 words, negative tone, activity and self/group references", *tn)
	}
	if math.Abs(tn.Positive-tn.Negative-tn.Tone) > 1e-3 || math.Abs(tn.Positive+tn.Negative-tn.Polarity) > 1e-3 {
		t.Errorf("seed tone = %+v; Tone and Polarity inconsistent", *tn)
	}
}

func BenchmarkMeasure(b *testing.B) {
	p := shared.Require(b, "seed", "kerry-gaza.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	d := doc.New("", []string{string(raw)})
	if err := segment.New().Process(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.Measure(d)
	}
}

func TestOtherLanguage(t *testing.T) {
	d := read(t, "Der Krieg ist schlecht.")
	d.Language = "de"
	if err := NewWithLexicon(testLexicon()).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if d.Tone != nil {
		t.Errorf("German text: tone %+v, want none", *d.Tone)
	}
}
