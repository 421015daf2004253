package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in, ctype, want, charset string
	}{
		{"valid utf-8 wins over declaration", `<meta charset="iso-8859-1"><p>café</p>`, "", `<meta charset="iso-8859-1"><p>café</p>`, "utf-8"},
		{"declared latin-1", "<meta charset=\"iso-8859-1\"><p>caf\xe9</p>", "", "<meta charset=\"iso-8859-1\"><p>café</p>", "windows-1252"},
		{"content-type header", "<p>\xa3 5</p>", "text/html; charset=iso-8859-15", "<p>£ 5</p>", "iso-8859-15"},
		{"undeclared falls back to windows-1252", "<p>\x93quoted\x94</p>", "", "<p>“quoted”</p>", "windows-1252"},
		{"bom", "\xef\xbb\xbf<p>x</p>", "", "<p>x</p>", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs, err := Decode([]byte(tt.in), tt.ctype)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || cs != tt.charset {
				t.Errorf("Decode = %q (%s), want %q (%s)", got, cs, tt.want, tt.charset)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	page := `<html lang="pt-BR"><head>
<title>Headline here - The Daily Site</title>
<meta property="og:title" content="Headline here | The Daily Site">
<meta property="og:site_name" content="The Daily Site">
<meta name="description" content="A summary.">
<link rel="canonical" href="https://daily.example/news/1">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":"NewsArticle","headline":"Headline here","datePublished":"2024-05-02T09:30:00+02:00",
  "author":[{"@type":"Person","name":"Ana Silva"},{"@type":"Person","name":"Rui Costa"}]}]}</script>
</head><body><h1>Headline here</h1><article>
<p>First paragraph of the story, long enough to be kept by the extractor as the main text. It tells what happened, where and when, and who said what about it afterwards.</p>
<p>Second paragraph of the story, which goes on for a while so that there is text to find here. Officials said the talks would resume on Monday in the capital.</p>
<p>Third paragraph with <b>bold</b> and <a href="/x">a link</a>, then the end of the story.</p>
</article></body></html>`
	a, err := New().Extract(context.Background(), []byte(page), "https://daily.example/news/1?utm=x", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Headline here" {
		t.Errorf("title %q", a.Title)
	}
	if a.Byline != "Ana Silva, Rui Costa" {
		t.Errorf("byline %q", a.Byline)
	}
	if want := time.Date(2024, 5, 2, 7, 30, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published %v", a.Published)
	}
	if a.Language != "pt" || a.URL != "https://daily.example/news/1" || a.SiteName != "The Daily Site" || a.Description != "A summary." {
		t.Errorf("language %q url %q site %q description %q", a.Language, a.URL, a.SiteName, a.Description)
	}
	if !strings.Contains(a.Text, "Third paragraph with bold and a link, then") || strings.Count(a.Text, "\n\n") < 2 {
		t.Errorf("text %q", a.Text)
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, site, host, want string }{
		{"Story | Site", "Site", "", "Story"},
		{"Site - Story", "Site", "", "Story"},
		{"Strava unveils plan | TechCrunch", "", "techcrunch.com", "Strava unveils plan"},
		{"Russia hits Kyiv - National | Globalnews.ca", "", "globalnews.ca", "Russia hits Kyiv - National"},
		{"Tony Blair: Why - compromise", "", "standard.co.uk", "Tony Blair: Why - compromise"},
		{"  Spaced   &amp; escaped ", "", "", "Spaced & escaped"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.in, tt.site, tt.host); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"2014-07-22T10:00:00Z", "2014-07-22T10:00:00Z"},
		{"2014-07-22", "2014-07-22T00:00:00Z"},
		{"2014-07-22 10:00:00", "2014-07-22T10:00:00Z"},
		{"Tue, 22 Jul 2014 10:00:00 GMT", "2014-07-22T10:00:00Z"},
		{"July 22, 2014", "2014-07-22T00:00:00Z"},
		{"not a date", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ParseTime(tt.in)
		s := ""
		if !got.IsZero() {
			s = got.UTC().Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("ParseTime(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestRenderText(t *testing.T) {
	a, err := New().Extract(context.Background(), []byte(`<html><body><article>
<p>Line one<br>line two of a paragraph that is long enough to count for the extractor here.</p>
<table><tr><td>Pos</td><td>Player</td></tr><tr><td>1</td><td>Kyle Busch</td></tr></table>
<ul><li>First item of a list that is written out at some length.</li><li>Second item.</li></ul>
<p>Ex<b>am</b>ple words run on, and the paragraph goes on long enough to be the main text.</p>
</article></body></html>`), "", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Line one\nline two", "Pos Player", "1 Kyle Busch", "Example words"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q: %q", want, a.Text)
		}
	}
}

func TestNoHTML(t *testing.T) {
	_, err := New().Extract(context.Background(), []byte("<html></html>"), "", "")
	if !errors.Is(err, ErrNoHTML) {
		t.Errorf("err = %v, want ErrNoHTML", err)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"<html><head><title>t</title></head><body><p>x</p></body></html>", "", "<p>\xff\xfe", `<script type="application/ld+json">[[[{"@type":"NewsArticle","author":{"name":1}}]]]</script>`, "<table><tr><td>a<br>b"} {
		f.Add([]byte(s))
	}
	e := New()
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := e.Extract(context.Background(), b, "https://example.com/a", "")
		if err != nil {
			return
		}
		if a.Title != strings.TrimSpace(a.Title) {
			t.Errorf("untrimmed title %q", a.Title)
		}
	})
}

func TestIsSubset(t *testing.T) {
	body := "The minister said on Monday that talks would resume in the capital next week.\n\nOfficials from both sides are expected to attend the meeting, he added."
	junk := "\n\nMost read stories of the day include a cat and a dog and a weather report for the weekend ahead of us all"
	tests := []struct {
		name      string
		alt, text string
		want      bool
	}{
		{"alt is the article without junk", body, body + junk, true},
		{"same text", body, body, false},
		{"alt has more", body + junk, body, false},
		{"unrelated", "Something else entirely, written about another matter by another person.", body, false},
		{"empty alt", "", body, false},
	}
	for _, tt := range tests {
		if got := isSubset(tt.alt, tt.text); got != tt.want {
			t.Errorf("%s: isSubset = %v, want %v", tt.name, got, tt.want)
		}
	}
}
