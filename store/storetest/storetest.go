// Package storetest is the conformance suite every store.Store driver runs:
// idempotent Put, resumable inputs, full-text search, quotes, events,
// counts, cross-article entities, stories, scans and failures. A driver's
// test calls Run with a function that opens a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"eventwire/doc"
	"eventwire/store"
)

// Opener returns a new, empty store for one test; the suite closes it.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"PutIdempotent", testPutIdempotent},
		{"Has", testHas},
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"Search", testSearch},
		{"Quotes", testQuotes},
		{"Events", testEvents},
		{"Counts", testCounts},
		{"Entities", testEntities},
		{"Stories", testStories},
		{"Scan", testScan},
		{"Failures", testFailures},
		{"Stats", testStats},
		{"ConcurrentPut", testConcurrentPut},
		{"Paging", testPaging},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}()
			tt.fn(t, s)
		})
	}
}

var (
	day1 = time.Date(2014, 7, 21, 10, 0, 0, 0, time.UTC)
	day2 = time.Date(2014, 7, 22, 9, 30, 0, 0, time.UTC)
	day3 = time.Date(2014, 7, 25, 18, 0, 0, 0, time.UTC)
)

const kerryBody1 = `US Secretary of State John Kerry has said a ceasefire in Gaza must be reached soon, as the death toll passed 600.`
const kerryBody2 = `"We are working hard to bring about a humanitarian ceasefire," Mr Kerry told reporters in Cairo on Tuesday, ` +
	`after meeting Egyptian officials. More than 600 Palestinians have been killed in two weeks of fighting, health officials said.`

// kerry builds the archetype article with hand-made layers: two entities,
// a quote, an event and a count.
func kerry(url, source string, published time.Time) *doc.Document {
	d := doc.New("Kerry calls for Gaza ceasefire", []string{kerryBody1, kerryBody2})
	d.URL, d.Source, d.Published, d.Language = url, source, published, "en"
	find := func(s string) doc.Span {
		i := strings.Index(d.Text, s)
		if i < 0 {
			panic("fixture text lacks " + s)
		}
		return doc.Span{Start: i, End: i + len(s)}
	}
	kSpan, gSpan := find("John Kerry"), find("Gaza must")
	gSpan.End = gSpan.Start + len("Gaza")
	mrK := find("Mr Kerry")
	gaza := &doc.Place{GeoNameID: 281133, Name: "Gaza", Country: "PSE", Lat: 31.5, Lon: 34.47, FeatureClass: "P"}
	d.Entities = []doc.Entity{
		{ID: "e1", Name: "John Kerry", Type: doc.Person, Role: "Secretary of State", Country: "USA", CAMEO: "USAGOV",
			Mentions: []doc.Mention{{Span: kSpan, Text: "John Kerry", Kind: doc.MentionName}, {Span: mrK, Text: "Mr Kerry", Kind: doc.MentionName}}},
		{ID: "e2", Name: "Gaza", Type: doc.Location, Place: gaza,
			Mentions: []doc.Mention{{Span: gSpan, Text: "Gaza", Kind: doc.MentionName}}},
	}
	qSpan := find("We are working hard to bring about a humanitarian ceasefire,")
	told := find("told")
	d.Quotes = []doc.Quote{{Span: qSpan, Text: d.Slice(qSpan), Kind: doc.QuoteDirect,
		Speaker: &doc.Speaker{EntityID: "e1", Name: "John Kerry", Span: &mrK}, Verb: "told", VerbSpan: &told}}
	sent := find(kerryBody1)
	d.Events = []doc.Event{{
		Source: doc.Actor{Code: "USAGOV", Country: "USA", EntityID: "e1", Name: "John Kerry"},
		Target: &doc.Actor{Code: "PSE", Country: "PSE", Name: "Gaza"},
		Code:   "0431", Base: "043", Root: "04", QuadClass: 1, Goldstein: 2.8,
		Verb: "said", Location: gaza, Date: published.Format("2006-01-02"), Sentence: sent, Evidence: d.Slice(sent),
	}}
	cSpan := find("More than 600 Palestinians")
	d.Counts = []doc.Count{{Span: cSpan, Text: d.Slice(cSpan), Type: "KILL", Number: 600, Qualifier: "more than", Object: "Palestinians", Place: gaza}}
	d.Tone = &doc.Tone{Tone: -2.5, Positive: 1.5, Negative: 4, Polarity: 5.5, WordCount: 40}
	return d
}

// plain builds an article with no layers from a title and body.
func plain(title, body, url, source string, published time.Time) *doc.Document {
	d := doc.New(title, []string{body})
	d.URL, d.Source, d.Published = url, source, published
	return d
}

// football is an unrelated article.
func football(url string) *doc.Document {
	return plain("United beat Arsenal", `Manchester United beat Arsenal 2-1 at Old Trafford on Saturday with a late goal from `+
		`Wayne Rooney, keeping their title hopes alive as the season enters its final weeks. The manager praised his `+
		`players for their resilience after going a goal down before half-time.`, url, "Sport Daily", day3)
}

func put(t *testing.T, s store.Store, d *doc.Document) store.PutResult {
	t.Helper()
	r, err := s.Put(context.Background(), d)
	if err != nil {
		t.Fatalf("Put(%s): %v", d.URL, err)
	}
	return r
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func testPutIdempotent(t *testing.T, s store.Store) {
	first := put(t, s, kerry("https://news.example/kerry", "Example News", day2))
	if !first.Created || first.ID == "" || first.StoryID == "" {
		t.Fatalf("first Put = %+v, want created with id and story", first)
	}
	tests := []struct {
		name string
		d    *doc.Document
	}{
		{"same document", kerry("https://news.example/kerry", "Example News", day2)},
		{"same URL, text changed", plain("Kerry calls for Gaza ceasefire (updated)", "A different body.", "https://news.example/kerry", "Example News", day2)},
		{"same URL with spaces", kerry("  https://news.example/kerry ", "Example News", day2)},
		{"same text, other URL", kerry("https://mirror.example/kerry-copy", "Mirror", day2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := put(t, s, tt.d)
			if r.Created || r.ID != first.ID {
				t.Errorf("Put = %+v, want existing id %s, not created", r, first.ID)
			}
		})
	}
	if st := stats(t, s); st.Articles != 1 || st.Quotes != 1 || st.Events != 1 || st.Counts != 1 {
		t.Errorf("Stats = %+v, want 1 article, quote, event, count", st)
	}
	noURL := plain("No URL", "An article read from a text file with no URL at all, stored by the hash of its text.", "", "", time.Time{})
	a, b := put(t, s, noURL), put(t, s, plain("No URL", noURL.Paragraphs[0], "", "", time.Time{}))
	if !a.Created || b.Created || a.ID != b.ID {
		t.Errorf("text-only Put twice = %+v, %+v; want created once, same id", a, b)
	}
}

func testHas(t *testing.T, s store.Store) {
	ctx := context.Background()
	d := kerry("https://news.example/kerry", "Example News", day2)
	d.Input = store.InputKey("/data/feeds.tar.gz", 3)
	if ok, err := s.Has(ctx, d.Input); err != nil || ok {
		t.Fatalf("Has before Put = %v, %v; want false", ok, err)
	}
	put(t, s, d)
	dup := kerry("https://news.example/kerry", "Example News", day2)
	dup.Input = "/data/other.warc.gz#7"
	if r := put(t, s, dup); r.Created {
		t.Fatalf("duplicate created")
	}
	for _, key := range []string{d.Input, dup.Input} {
		if ok, err := s.Has(ctx, key); err != nil || !ok {
			t.Errorf("Has(%q) = %v, %v; want true (duplicates count as done)", key, ok, err)
		}
	}
	if ok, _ := s.Has(ctx, "/data/feeds.tar.gz#4"); ok {
		t.Errorf("Has of another record = true")
	}
}

func testArticleRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	in := kerry("https://news.example/kerry", "Example News", day2)
	r := put(t, s, in)
	got, err := s.Article(ctx, r.ID)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	if got.ID != r.ID || got.Text != in.Text || got.Title != in.Title || !got.Published.Equal(in.Published) {
		t.Errorf("Article = id %q title %q published %v; want %q %q %v", got.ID, got.Title, got.Published, r.ID, in.Title, in.Published)
	}
	if len(got.Entities) != 2 || len(got.Quotes) != 1 || len(got.Events) != 1 || len(got.Counts) != 1 || got.Tone == nil {
		t.Errorf("Article lost layers: %d entities, %d quotes, %d events, %d counts, tone %v",
			len(got.Entities), len(got.Quotes), len(got.Events), len(got.Counts), got.Tone)
	}
	if got.Quotes[0].Speaker == nil || got.Quotes[0].Speaker.Span == nil || *got.Quotes[0].Speaker.Span != *in.Quotes[0].Speaker.Span {
		t.Errorf("quote speaker span not kept: %+v", got.Quotes[0].Speaker)
	}
	if _, err := s.Article(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want ErrNotFound", err)
	}
}

func ids(p store.ArticlePage) []string {
	var out []string
	for _, a := range p.Articles {
		out = append(out, a.Title)
	}
	return out
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, kerry("https://news.example/kerry", "Example News", day2))
	put(t, s, football("https://sport.example/united"))
	put(t, s, plain("Ceasefire talks stall", "Negotiators in Cairo failed to agree on a truce between Israel and Hamas on Monday.",
		"https://wire.example/talks", "Wire", day1))
	kerryEntity := store.EntityID(&doc.Entity{Name: "John Kerry", Type: doc.Person, Country: "USA"})
	tests := []struct {
		name  string
		q     store.ArticleQuery
		want  []string
		total int
	}{
		{"one word", store.ArticleQuery{Text: "ceasefire"}, nil, 2},
		{"words ANDed", store.ArticleQuery{Text: "ceasefire Cairo humanitarian"}, []string{"Kerry calls for Gaza ceasefire"}, 1},
		{"case and accents", store.ArticleQuery{Text: "CAIRO négotiators"}, []string{"Ceasefire talks stall"}, 1},
		{"phrase", store.ArticleQuery{Text: `"late goal"`}, []string{"United beat Arsenal"}, 1},
		{"phrase not adjacent", store.ArticleQuery{Text: `"goal late"`}, []string{}, 0},
		{"FTS syntax is not interpreted", store.ArticleQuery{Text: `ceasefire OR NOT (goal*`}, []string{}, 0},
		{"source", store.ArticleQuery{Text: "ceasefire", Source: "wire"}, []string{"Ceasefire talks stall"}, 1},
		{"since", store.ArticleQuery{Since: day2}, []string{"United beat Arsenal", "Kerry calls for Gaza ceasefire"}, 2},
		{"until", store.ArticleQuery{Until: day2}, []string{"Kerry calls for Gaza ceasefire", "Ceasefire talks stall"}, 2},
		{"entity", store.ArticleQuery{EntityID: kerryEntity}, []string{"Kerry calls for Gaza ceasefire"}, 1},
		{"all, newest first", store.ArticleQuery{}, []string{"United beat Arsenal", "Kerry calls for Gaza ceasefire", "Ceasefire talks stall"}, 3},
		{"punctuation only", store.ArticleQuery{Text: `"*"`}, []string{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.Search(ctx, tt.q)
			if err != nil {
				t.Fatalf("Search(%+v): %v", tt.q, err)
			}
			if p.Total != tt.total {
				t.Errorf("Total = %d, want %d (%v)", p.Total, tt.total, ids(p))
			}
			if tt.want != nil && strings.Join(ids(p), "|") != strings.Join(tt.want, "|") {
				t.Errorf("titles = %q, want %q", ids(p), tt.want)
			}
		})
	}
	p, err := s.Search(ctx, store.ArticleQuery{Text: "humanitarian"})
	if err != nil || len(p.Articles) != 1 {
		t.Fatalf("Search humanitarian = %v, %v", p, err)
	}
	if a := p.Articles[0]; !strings.Contains(a.Snippet, "humanitarian") || strings.ContainsAny(a.Snippet, "<>") ||
		a.URL != "https://news.example/kerry" || a.Source != "Example News" || !a.Published.Equal(day2) || a.StoryID == "" {
		t.Errorf("hit = %+v; want plain snippet with the word, url, source, published, story", a)
	}
}

func testQuotes(t *testing.T, s store.Store) {
	ctx := context.Background()
	r := put(t, s, kerry("https://news.example/kerry", "Example News", day2))
	put(t, s, football("https://sport.example/united"))
	kerryEntity := store.EntityID(&doc.Entity{Name: "John Kerry", Type: doc.Person, Country: "USA"})
	tests := []struct {
		name string
		q    store.QuoteQuery
		want int
	}{
		{"all", store.QuoteQuery{}, 1},
		{"speaker substring", store.QuoteQuery{Speaker: "kerry"}, 1},
		{"speaker entity id", store.QuoteQuery{Speaker: kerryEntity}, 1},
		{"other speaker", store.QuoteQuery{Speaker: "Netanyahu"}, 0},
		{"text", store.QuoteQuery{Text: "humanitarian ceasefire"}, 1},
		{"text absent", store.QuoteQuery{Text: "goal"}, 0},
		{"kind", store.QuoteQuery{Kind: doc.QuoteDirect}, 1},
		{"kind other", store.QuoteQuery{Kind: doc.QuoteIndirect}, 0},
		{"article", store.QuoteQuery{ArticleID: r.ID}, 1},
		{"since after", store.QuoteQuery{Since: day3}, 0},
		{"until before", store.QuoteQuery{Until: day1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := s.Quotes(ctx, tt.q)
			if err != nil {
				t.Fatalf("Quotes: %v", err)
			}
			if len(rows) != tt.want {
				t.Fatalf("got %d quotes, want %d", len(rows), tt.want)
			}
			if tt.want == 1 {
				q := rows[0]
				if q.ArticleID != r.ID || q.ArticleTitle != "Kerry calls for Gaza ceasefire" || q.SpeakerEntityID != kerryEntity ||
					q.Quote.Verb != "told" || !strings.HasPrefix(q.Quote.Text, "We are working") || !q.Published.Equal(day2) {
					t.Errorf("row = %+v", q)
				}
			}
		})
	}
}

func testEvents(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, kerry("https://news.example/kerry", "Example News", day2))
	put(t, s, kerry2("https://other.example/kerry-again", day3))
	tests := []struct {
		name string
		q    store.EventQuery
		want []string // event codes, newest first
	}{
		{"all", store.EventQuery{}, []string{"173", "0431"}},
		{"actor code prefix", store.EventQuery{Actor: "USA"}, []string{"0431"}},
		{"actor code lower case", store.EventQuery{Actor: "usagov"}, []string{"0431"}},
		{"actor target side", store.EventQuery{Actor: "ISR"}, []string{"173"}},
		{"actor prefix on both sides", store.EventQuery{Actor: "PSE"}, []string{"173", "0431"}},
		{"actor name", store.EventQuery{Actor: "hamas"}, []string{"173"}},
		{"code prefix", store.EventQuery{Code: "04"}, []string{"0431"}},
		{"code none", store.EventQuery{Code: "19"}, nil},
		{"quad class", store.EventQuery{QuadClass: 4}, []string{"173"}},
		{"since", store.EventQuery{Since: day3.Truncate(24 * time.Hour)}, []string{"173"}},
		{"until", store.EventQuery{Until: day2}, []string{"0431"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := s.Events(ctx, tt.q)
			if err != nil {
				t.Fatalf("Events: %v", err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Event.Code)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("codes = %v, want %v", got, tt.want)
			}
		})
	}
	tl, err := s.Timeline(ctx, store.EventQuery{})
	if err != nil {
		t.Fatalf("Timeline: %v", err)
	}
	want := []store.TimelineBucket{{Day: "2014-07-22", QuadClass: 1, Events: 1}, {Day: "2014-07-25", QuadClass: 4, Events: 1}}
	if fmt.Sprint(tl) != fmt.Sprint(want) {
		t.Errorf("Timeline = %v, want %v", tl, want)
	}
	tl, err = s.Timeline(ctx, store.EventQuery{Code: "17"})
	if err != nil || len(tl) != 1 || tl[0].Day != "2014-07-25" {
		t.Errorf("Timeline(code 17) = %v, %v", tl, err)
	}
}

// kerry2 is a second article with one material-conflict event and no date
// on it (it is filed under the publication date).
func kerry2(url string, published time.Time) *doc.Document {
	d := plain("Hamas fires rockets", "Hamas militants fired rockets at Israel from Gaza overnight, the Israeli army said.", url, "Other", published)
	sent := doc.Span{Start: d.ParagraphSpans[0].Start, End: d.ParagraphSpans[0].End}
	d.Events = []doc.Event{{
		Source: doc.Actor{Code: "PSEREB", Name: "Hamas"}, Target: &doc.Actor{Code: "ISR", Name: "Israel"},
		Code: "173", Base: "173", Root: "17", QuadClass: 4, Goldstein: -5, Sentence: sent, Evidence: d.Slice(sent),
	}}
	return d
}

func testCounts(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, kerry("https://news.example/kerry", "Example News", day2))
	tests := []struct {
		name string
		q    store.CountQuery
		want int
	}{
		{"all", store.CountQuery{}, 1},
		{"type", store.CountQuery{Type: "KILL"}, 1},
		{"type lower case", store.CountQuery{Type: "kill"}, 1},
		{"other type", store.CountQuery{Type: "WOUND"}, 0},
		{"object", store.CountQuery{Text: "palestin"}, 1},
		{"place", store.CountQuery{Text: "gaza"}, 1},
		{"text absent", store.CountQuery{Text: "israelis"}, 0},
		{"since after", store.CountQuery{Since: day3}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := s.Counts(ctx, tt.q)
			if err != nil {
				t.Fatalf("Counts: %v", err)
			}
			if len(rows) != tt.want {
				t.Fatalf("got %d counts, want %d", len(rows), tt.want)
			}
			if tt.want == 1 && (rows[0].Count.Number != 600 || rows[0].Source != "Example News" || rows[0].Count.Qualifier != "more than") {
				t.Errorf("row = %+v", rows[0])
			}
		})
	}
}

func testEntities(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, kerry("https://news.example/kerry", "Example News", day2))
	other := plain("Kerry flies to Cairo", "JOHN KERRY, the US secretary of state, flew to Cairo for talks with Egyptian leaders on Monday.", "https://b.example/x", "B", day1)
	other.Entities = []doc.Entity{{ID: "e1", Name: "John  Kerry", Type: doc.Person, Country: "usa",
		Mentions: []doc.Mention{{Span: doc.Span{Start: len(other.Title) + 2, End: len(other.Title) + 12}, Text: "JOHN KERRY", Kind: doc.MentionName}}}}
	put(t, s, other)
	// A third article names him with no country: still the same entity.
	third := plain("Kerry in Paris", "Mr John Kerry met French officials in Paris on Sunday to discuss the talks in Cairo.", "https://c.example/y", "C", day1)
	third.Entities = []doc.Entity{{ID: "e1", Name: "John Kerry", Type: doc.Person,
		Mentions: []doc.Mention{{Span: doc.Span{Start: len(third.Title) + 5, End: len(third.Title) + 15}, Text: "John Kerry", Kind: doc.MentionName}}}}
	put(t, s, third)
	rows, err := s.Entities(ctx, store.EntityQuery{})
	if err != nil {
		t.Fatalf("Entities: %v", err)
	}
	if len(rows) != 2 {
		t.Fatalf("Entities = %+v, want Kerry and Gaza", rows)
	}
	k := rows[0]
	if k.Name != "John Kerry" || k.Type != doc.Person || k.Country != "USA" || k.Articles != 3 || k.Mentions != 4 {
		t.Errorf("top entity = %+v; want John Kerry PERSON USA in 3 articles with 4 mentions", k)
	}
	if g := rows[1]; g.Name != "Gaza" || g.Country != "PSE" || g.Articles != 1 {
		t.Errorf("second entity = %+v; want Gaza, country PSE from its place", g)
	}
	tests := []struct {
		name string
		q    store.EntityQuery
		want []string
	}{
		{"name prefix", store.EntityQuery{Name: "joh"}, []string{"John Kerry"}},
		{"name substring", store.EntityQuery{Name: "KERRY"}, []string{"John Kerry"}},
		{"type", store.EntityQuery{Type: doc.Location}, []string{"Gaza"}},
		{"country", store.EntityQuery{Country: "pse"}, []string{"Gaza"}},
		{"none", store.EntityQuery{Name: "Obama"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := s.Entities(ctx, tt.q)
			if err != nil {
				t.Fatalf("Entities: %v", err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Name)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("names = %v, want %v", got, tt.want)
			}
		})
	}
	e, err := s.Entity(ctx, k.ID)
	if err != nil || e != k {
		t.Errorf("Entity(%s) = %+v, %v; want %+v", k.ID, e, err, k)
	}
	if k.ID != store.EntityID(&doc.Entity{Name: "John Kerry", Type: doc.Person, Country: "USA"}) {
		t.Errorf("entity id %s is not store.EntityID", k.ID)
	}
	if _, err := s.Entity(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Entity(nope) error = %v, want ErrNotFound", err)
	}
}

const storyText = `Israel and Hamas agreed on Tuesday to a five-day extension of a ceasefire in Gaza, ` +
	`Palestinian and Egyptian officials said, as negotiators in Cairo pressed on with talks ` +
	`on a long-term truce. The extension came shortly before a three-day truce was due to ` +
	`expire at midnight, and both sides said they would observe it while the talks went on. ` +
	`More than 1,900 Palestinians and 67 Israelis have been killed in the conflict. ` +
	`The Palestinian delegation said progress had been made on some of its demands, including ` +
	`the easing of the blockade on the territory, but that gaps remained on the question of a ` +
	`seaport and an airport. Israeli officials, who did not comment publicly on the talks, ` +
	`insisted that any deal must address the disarmament of militant groups in the strip.`

func testStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := put(t, s, plain("Gaza truce extended", storyText, "https://a.example/truce", "Agency A", day1))
	b := put(t, s, plain("Gaza ceasefire extended by five days", storyText+" Share this article.", "https://b.example/truce", "Paper B", day2))
	c := put(t, s, football("https://sport.example/united"))
	if !b.Created || b.StoryID != a.StoryID {
		t.Errorf("near-duplicate story = %q, want %q", b.StoryID, a.StoryID)
	}
	if c.StoryID == a.StoryID {
		t.Errorf("unrelated article joined story %s", a.StoryID)
	}
	stories, err := s.Stories(ctx, store.StoryQuery{})
	if err != nil {
		t.Fatalf("Stories: %v", err)
	}
	if len(stories) != 1 || len(stories[0].Articles) != 2 || stories[0].ID != a.StoryID {
		t.Fatalf("Stories = %+v, want one story of 2 articles", stories)
	}
	if got := stories[0].Articles; got[0].ID != a.ID || got[1].ID != b.ID || got[1].Source != "Paper B" {
		t.Errorf("story articles = %+v, want A then B", got)
	}
	all, err := s.Stories(ctx, store.StoryQuery{MinArticles: 1})
	if err != nil || len(all) != 2 {
		t.Errorf("Stories(MinArticles 1) = %d stories, %v; want 2", len(all), err)
	}
}

func testScan(t *testing.T, s store.Store) {
	ctx := context.Background()
	var want []string
	for i := range 5 {
		r := put(t, s, plain(fmt.Sprintf("Article %d", i), fmt.Sprintf("Body number %d of the scan test.", i), fmt.Sprintf("https://x.example/%d", i), "X", day1))
		want = append(want, r.ID)
	}
	var got []string
	err := s.Scan(ctx, time.Time{}, func(d *doc.Document) error {
		got = append(got, d.ID)
		return nil
	})
	if err != nil || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Scan = %v, %v; want %v in insertion order", got, err, want)
	}
	got = nil
	if err := s.Scan(ctx, time.Now().Add(time.Hour), func(d *doc.Document) error { got = append(got, d.ID); return nil }); err != nil || len(got) != 0 {
		t.Errorf("Scan(since future) = %v, %v; want none", got, err)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Scan(ctx, time.Time{}, func(*doc.Document) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Scan with failing fn = %v after %d calls; want stop after 1", err, n)
	}
}

func testFailures(t *testing.T, s store.Store) {
	ctx := context.Background()
	for i, in := range []string{"a.html", "b.warc.gz#3", "c.rss"} {
		f := store.Failure{Input: in, Error: "bad input " + in, At: day1.Add(time.Duration(i) * time.Hour)}
		if err := s.AddFailure(ctx, f); err != nil {
			t.Fatalf("AddFailure: %v", err)
		}
	}
	fs, err := s.Failures(ctx, 2)
	if err != nil {
		t.Fatalf("Failures: %v", err)
	}
	if len(fs) != 2 || fs[0].Input != "c.rss" || fs[1].Input != "b.warc.gz#3" || fs[0].Error != "bad input c.rss" || !fs[0].At.Equal(day1.Add(2*time.Hour)) {
		t.Errorf("Failures(2) = %+v; want c.rss then b.warc.gz#3", fs)
	}
	if st := stats(t, s); st.Failures != 3 || st.Articles != 0 {
		t.Errorf("Stats = %+v, want 3 failures", st)
	}
}

func testStats(t *testing.T, s store.Store) {
	if st := stats(t, s); st != (store.Stats{}) {
		t.Errorf("empty store Stats = %+v", st)
	}
	put(t, s, kerry("https://news.example/kerry", "Example News", day2))
	put(t, s, plain("Gaza truce extended", storyText, "https://a.example/truce", "Agency A", day1))
	put(t, s, plain("Gaza truce extended again", storyText, "https://b.example/truce", "Paper B", day2))
	want := store.Stats{Articles: 3, Entities: 2, Quotes: 1, Events: 1, Counts: 1, Stories: 1}
	if st := stats(t, s); st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
}

func testConcurrentPut(t *testing.T, s store.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const workers, docs = 6, 30
	var wg sync.WaitGroup
	var mu sync.Mutex
	created := 0
	errs := make(chan error, workers*docs)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range docs {
				// Every worker puts the same 30 articles, in a different order.
				n := (i + w*7) % docs
				d := plain(fmt.Sprintf("Story %d", n), fmt.Sprintf("Body of story %d, told once.", n), fmt.Sprintf("https://c.example/%d", n), "C", day1)
				d.Input = fmt.Sprintf("in%d#%d", w, i)
				r, err := s.Put(ctx, d)
				if err != nil {
					errs <- err
					return
				}
				if r.Created {
					mu.Lock()
					created++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent Put: %v", err)
	}
	if created != docs {
		t.Errorf("created %d, want %d", created, docs)
	}
	if st := stats(t, s); st.Articles != docs {
		t.Errorf("stored %d articles, want %d", st.Articles, docs)
	}
}

func testPaging(t *testing.T, s store.Store) {
	ctx := context.Background()
	for i := range 60 {
		put(t, s, plain(fmt.Sprintf("Page %02d", i), fmt.Sprintf("Paging body %d with the word alpha.", i), fmt.Sprintf("https://p.example/%d", i), "P",
			day1.Add(time.Duration(i)*time.Minute)))
	}
	p, err := s.Search(ctx, store.ArticleQuery{Text: "alpha"})
	if err != nil || p.Total != 60 || len(p.Articles) != 50 {
		t.Fatalf("default page: total %d, %d hits, %v; want 60, 50", p.Total, len(p.Articles), err)
	}
	p, err = s.Search(ctx, store.ArticleQuery{Page: store.Page{Limit: 7, Offset: 56}})
	if err != nil || p.Total != 60 || len(p.Articles) != 4 || p.Articles[0].Title != "Page 03" {
		t.Errorf("last page = %v, %v; want 4 hits from Page 03", ids(p), err)
	}
}
