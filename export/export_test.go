package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"eventwire/doc"
	"eventwire/store/sqlite"
)

// kerry is an article with one of each layer.
func kerry() *doc.Document {
	d := doc.New("Kerry calls for Gaza ceasefire", []string{
		`US Secretary of State John Kerry said on Tuesday that a ceasefire in Gaza must come soon.`,
		`"We are working hard," Mr Kerry told reporters in Cairo. More than 600 Palestinians have been killed – officials said.`,
	})
	d.ID, d.URL, d.Source, d.Published = "abc123", "https://www.example.com/kerry", "Example", time.Date(2014, 7, 22, 9, 30, 0, 0, time.UTC)
	find := func(s string) doc.Span {
		i := strings.Index(d.Text, s)
		return doc.Span{Start: i, End: i + len(s)}
	}
	gaza := &doc.Place{GeoNameID: 281133, Name: "Gaza", Country: "PSE", Lat: 31.5, Lon: 34.47, FeatureClass: "P", FeatureCode: "PPLA"}
	d.Entities = []doc.Entity{
		{ID: "e1", Name: "John Kerry", Type: doc.Person, Country: "USA", Mentions: []doc.Mention{
			{Span: find("John Kerry"), Text: "John Kerry", Kind: doc.MentionName}, {Span: find("Mr Kerry"), Text: "Mr Kerry", Kind: doc.MentionName}}},
		{ID: "e2", Name: "Gaza", Type: doc.Location, Place: gaza, Mentions: []doc.Mention{{Span: find("Gaza must"), Text: "Gaza", Kind: doc.MentionName}}},
		{ID: "e3", Name: "State Department", Type: doc.Organization, Mentions: []doc.Mention{{Span: find("State"), Text: "State", Kind: doc.MentionName}}},
	}
	q := find(`We are working hard,`)
	d.Quotes = []doc.Quote{{Span: q, Text: d.Slice(q), Kind: doc.QuoteDirect, Verb: "told", Speaker: &doc.Speaker{EntityID: "e1", Name: "John Kerry"}}}
	sent := find(`US Secretary of State John Kerry said on Tuesday that a ceasefire in Gaza must come soon.`)
	d.Events = []doc.Event{{Source: doc.Actor{Code: "USAGOV", Country: "USA", EntityID: "e1", Name: "John Kerry"},
		Target: &doc.Actor{Code: "PSE", EntityID: "e2", Name: "Gaza"}, Code: "0431", Base: "043", Root: "04", QuadClass: 1, Goldstein: 2.8,
		Location: gaza, Date: "2014-07-22", Sentence: sent, Evidence: d.Slice(sent)}}
	c := find("More than 600 Palestinians")
	d.Counts = []doc.Count{{Span: c, Text: d.Slice(c), Type: "KILL", Number: 600, Qualifier: "more than", Object: "Palestinians", Place: gaza}}
	t := find("Tuesday")
	d.Dates = []doc.Date{{Span: t, Text: "Tuesday", Value: "2014-07-22", Relative: true}}
	d.Tone = &doc.Tone{Tone: -2.5, Positive: 1.5, Negative: 4, Polarity: 5.5, ActivityDensity: 20, SelfGroupDensity: 1, WordCount: 40}
	return d
}

func TestEventRow(t *testing.T) {
	d := kerry()
	row := EventRow(d, 0)
	if len(row) != EventColumns {
		t.Fatalf("%d columns, want %d", len(row), EventColumns)
	}
	// Column numbers are the GDELT 2.0 Event codebook's (1-based).
	want := map[int]string{
		2: "20140722", 3: "201407", 4: "2014", 5: "2014.5534",
		6: "USAGOV", 7: "JOHN KERRY", 8: "USA", 13: "GOV",
		16: "PSE", 17: "GAZA", 18: "PSE",
		26: "1", 27: "0431", 28: "043", 29: "04", 30: "1", 31: "2.8", 32: "1", 35: "-2.5",
		36: "", 44: "4", 45: "Gaza", 46: "PSE", 49: "31.5", 50: "34.47", 51: "281133",
		52: "4", 53: "Gaza", 56: "", 57: "31.5", 58: "34.47", 59: "281133",
		60: "20140722093000", 61: "https://www.example.com/kerry",
	}
	for col, v := range want {
		if row[col-1] != v {
			t.Errorf("column %d = %q, want %q", col, row[col-1], v)
		}
	}
	if row[0] == "" || row[0] != EventRow(d, 0)[0] || row[0] == EventRow(&doc.Document{ID: "other", Events: d.Events}, 0)[0] {
		t.Errorf("GLOBALEVENTID %q is not stable and distinct", row[0])
	}
}

func TestActorFields(t *testing.T) {
	tests := []struct {
		a    doc.Actor
		want string // Code|Country|Type1|Type2|Type3
	}{
		{doc.Actor{Code: "USAGOV", Country: "USA"}, "USAGOV|USA|GOV||"},
		{doc.Actor{Code: "PSEREB"}, "PSEREB|PSE|REB||"},
		{doc.Actor{Code: "GOV"}, "GOV||GOV||"},
		{doc.Actor{Code: "ISRMILGOV"}, "ISRMILGOV|ISR|MIL|GOV|"},
		{doc.Actor{}, "||||"},
	}
	for _, tt := range tests {
		f := actorFields(&tt.a)
		if got := strings.Join([]string{f[0], f[2], f[7], f[8], f[9]}, "|"); got != tt.want {
			t.Errorf("actorFields(%s) = %s, want %s", tt.a.Code, got, tt.want)
		}
	}
}

func TestGKGRow(t *testing.T) {
	d := kerry()
	row := GKGRow(d)
	if len(row) != GKGColumns {
		t.Fatalf("%d columns, want %d", len(row), GKGColumns)
	}
	off := func(s string) string { // character offset, as GDELT counts
		return itoa(len([]rune(d.Text[:strings.Index(d.Text, s)])))
	}
	want := map[int]string{
		1: "20140722093000-abc123", 2: "20140722093000", 3: "1", 4: "example.com", 5: "https://www.example.com/kerry",
		6:  "KILL#600#Palestinians#4#Gaza#PSE##31.5#34.47#281133",
		7:  "KILL#600#Palestinians#4#Gaza#PSE##31.5#34.47#281133#" + off("More than 600"),
		10: "4#Gaza#PSE##31.5#34.47#281133",
		11: "4#Gaza#PSE###31.5#34.47#281133#" + off("Gaza must"),
		12: "John Kerry",
		13: "John Kerry," + off("John Kerry") + ";John Kerry," + off("Mr Kerry"),
		14: "State Department",
		16: "-2.5,1.5,4,5.5,20,1,40",
		17: "4#7#22#2014#" + off("Tuesday"),
		18: "wc:40",
		23: off("We are") + "|20|told|We are working hard,",
		25: "600,Palestinians," + off("More than 600"),
		27: "<PAGE_TITLE>Kerry calls for Gaza ceasefire</PAGE_TITLE>",
	}
	for col, v := range want {
		if row[col-1] != v {
			t.Errorf("column %d = %q, want %q", col, row[col-1], v)
		}
	}
	if !strings.Contains(row[23], "Gaza,") || !strings.Contains(row[23], "State Department,") {
		t.Errorf("V2.1ALLNAMES = %q", row[23])
	}
	// The en dash before "officials" makes byte and character offsets differ.
	if off("officials") == itoa(strings.Index(d.Text, "officials")) {
		t.Fatal("fixture lost its multi-byte character")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestWriteFormats(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(ctx, kerry()); err != nil {
		t.Fatal(err)
	}
	plain := doc.New("Quiet day", []string{"Nothing happened, with\ta tab and\nnewline."})
	plain.URL = "https://b.example/quiet"
	if _, err := s.Put(ctx, plain); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format string
		lines  int
		check  func(t *testing.T, out string)
	}{
		{"jsonl", 2, func(t *testing.T, out string) {
			var d doc.Document
			if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &d); err != nil || d.Title != "Kerry calls for Gaza ceasefire" || len(d.Events) != 1 {
				t.Errorf("first JSONL record = %+v, %v", d.Title, err)
			}
		}},
		{"csv", 3, func(t *testing.T, out string) {
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(recs) != 3 || recs[1][5] != "Kerry calls for Gaza ceasefire" || recs[1][14] != "John Kerry" {
				t.Errorf("CSV = %v, %v", recs, err)
			}
		}},
		{"gdelt-events", 1, func(t *testing.T, out string) {
			if n := len(strings.Split(strings.TrimSuffix(out, "\n"), "\t")); n != EventColumns {
				t.Errorf("%d columns", n)
			}
		}},
		{"gdelt-gkg", 2, func(t *testing.T, out string) {
			for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if n := len(strings.Split(line, "\t")); n != GKGColumns {
					t.Errorf("%d columns in %q", n, line)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := Write(ctx, s, &buf, tt.format, time.Time{})
			if err != nil || n != 2 {
				t.Fatalf("Write = %d, %v", n, err)
			}
			out := buf.String()
			if got := strings.Count(out, "\n"); got != tt.lines {
				t.Errorf("%d lines, want %d:\n%s", got, tt.lines, out)
			}
			tt.check(t, out)
		})
	}
	if _, err := Write(ctx, s, &bytes.Buffer{}, "xml", time.Time{}); err == nil {
		t.Error("unknown format accepted")
	}
}
