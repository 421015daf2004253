package entity

import (
	"reflect"
	"strings"
	"testing"

	"eventwire/doc"
)

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"US Secretary of State John Kerry", []string{"US", "Secretary", "of", "State", "John", "Kerry"}},
		{"Egypt's foreign minister", []string{"Egypt", "'s", "foreign", "minister"}},
		{"the U.S. envoy met al-Sisi.", []string{"the", "U.S.", "envoy", "met", "al-Sisi", "."}},
		{"\"It won't,\" he said", []string{"\"", "It", "won't", ",", "\"", "he", "said"}},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range splitWords(tt.in) {
			got = append(got, w.text)
			if tt.in[w.Start:w.End] != w.text {
				t.Errorf("%q: span %v does not cover %q", tt.in, w.Span, w.text)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFallbackSentences(t *testing.T) {
	d := doc.New("Title here", []string{"Kerry met Sisi. He left.", "Next paragraph"})
	v := newView(d)
	if n := len(v.sents) - 1; n != 4 {
		t.Errorf("got %d sentences, want 4 (%v)", n, v.sents)
	}
}

func TestRolePhrase(t *testing.T) {
	tests := []struct {
		words []string
		ok    bool
		norm  string
	}{
		{[]string{"Secretary", "of", "State"}, true, "Secretary of State"},
		{[]string{"Justice", "Minister"}, true, "Justice Minister"},
		{[]string{"president"}, true, "President"},
		{[]string{"Trade", "and", "Industry", "Secretary"}, true, "Trade and Industry Secretary"},
		{[]string{"news", "website"}, false, ""},
		{[]string{"Minister", "of"}, false, ""},
		{[]string{"Cairo"}, false, ""},
	}
	for _, tt := range tests {
		if got := isRolePhrase(tt.words); got != tt.ok {
			t.Errorf("isRolePhrase(%q) = %v, want %v", tt.words, got, tt.ok)
		}
		if tt.ok {
			if got := normRole(tt.words); got != tt.norm {
				t.Errorf("normRole(%q) = %q, want %q", tt.words, got, tt.norm)
			}
		}
	}
}

func TestNamesCompatible(t *testing.T) {
	tests := []struct {
		short, full string
		ok          bool
	}{
		{"Kerry", "John Kerry", true},
		{"Sisi", "Abdel Fattah al-Sisi", true},
		{"John Kerry", "John Kerry", true},
		{"Digby", "Digby Jones", true},
		{"John", "John Kerry", true},
		{"Mr Balls", "Ed Balls", true},
		{"Jones", "John Kerry", false},
		{"Fattah", "Abdel Fattah al-Sisi", false},
	}
	for _, tt := range tests {
		if got := namesCompatible(nameWords(tt.short), nameWords(tt.full)); got != tt.ok {
			t.Errorf("namesCompatible(%q, %q) = %v, want %v", tt.short, tt.full, got, tt.ok)
		}
	}
}

func TestMergeNames(t *testing.T) {
	text := "President Abdel Fattah al-Sisi and Chandrika Kumaratunga met Egyptian Sisi"
	d := doc.New(text, nil)
	span := func(s string) doc.Span {
		i := strings.LastIndex(text, s)
		return doc.Span{Start: i, End: i + len(s)}
	}
	names := []doc.Name{
		{Span: span("Abdel Fattah"), Label: "PER"},
		{Span: span("al-Sisi"), Label: "LOC"},
		{Span: span("Chandrika"), Label: "LOC"},
		{Span: span("Kumaratunga"), Label: "PER"},
		{Span: span("Egyptian"), Label: "MISC"},
		{Span: span("Sisi"), Label: "PER"},
	}
	r := newResolver(testStage(t), d)
	var got []string
	for _, n := range r.mergeNames(names) {
		got = append(got, n.Label+":"+text[n.Start:n.End])
	}
	want := []string{"PER:Abdel Fattah al-Sisi", "PER:Chandrika Kumaratunga", "MISC:Egyptian", "PER:Sisi"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mergeNames = %q, want %q", got, want)
	}
}
