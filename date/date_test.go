package date

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"eventwire/doc"
	"eventwire/internal/shared"
	"eventwire/segment"
)

// read segments text as one paragraph published on pub ("" for none).
func read(t *testing.T, text, pub string) *doc.Document {
	t.Helper()
	d := doc.New("", []string{text})
	if pub != "" {
		p, err := time.Parse(time.DateOnly, pub)
		if err != nil {
			t.Fatal(err)
		}
		d.Published = p
	}
	if err := segment.New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func show(ds []doc.Date) string {
	var b []string
	for _, d := range ds {
		s := d.Text + "=" + d.Value
		if d.Relative {
			s += "~"
		}
		b = append(b, s)
	}
	return strings.Join(b, "; ")
}

func TestFind(t *testing.T) {
	// 2014-07-22 is a Tuesday, in ISO week 30.
	const pub = "2014-07-22"
	tests := []struct {
		text, pub, want string
	}{
		{"Kerry on Tuesday placed the onus on Hamas.", pub, "on Tuesday=2014-07-22~"},
		{"Sisi overthrew the Brotherhood last year.", pub, "last year=2013~"},
		{"It blacklisted the movement earlier this year.", pub, "earlier this year=2014~"},
		{"They met on Monday and again yesterday.", pub, "on Monday=2014-07-21~; yesterday=2014-07-21~"},
		{"He will travel to Cairo on Friday.", pub, "on Friday=2014-07-25~"},
		{"He said on Friday he will travel.", pub, "on Friday=2014-07-18~"},
		{"The talks resume next Tuesday.", pub, "next Tuesday=2014-07-29~"},
		{"The talks ended last Tuesday.", pub, "last Tuesday=2014-07-15~"},
		{"Fighting erupted last week and eased this week.", pub, "last week=2014-W29~; this week=2014-W30~"},
		{"Prices rose last month.", pub, "last month=2014-06~"},
		{"Prices rose last month.", "2014-01-15", "last month=2013-12~"},
		{"The vote was held in March.", pub, "March=2014-03~"},
		{"The vote was held in September.", pub, "September=2013-09~"},
		{"The vote will be held in September.", pub, "September=2014-09~"},
		{"Elections are due in May.", pub, "May=2015-05~"},
		{"Theresa May said it may rain.", pub, ""},
		{"The ceasefire of 3 March held.", pub, "3 March=2014-03-03~"},
		{"It began on 22 July 2014.", "", "on 22 July 2014=2014-07-22"},
		{"It began on July 8, 2014 in Gaza.", "", "on July 8, 2014=2014-07-08"},
		{"It began in July 2014.", "", "July 2014=2014-07"},
		{"Filed 2014-07-22 in Cairo.", "", "2014-07-22=2014-07-22"},
		{"Dated 22/07/2014 and 03/04/2014.", "", "22/07/2014=2014-07-22"},
		{"The war in 2008 and since 2012.", "", "2008=2008; 2012=2012"},
		{"The war last year.", "", ""},
		{"Three days ago and two weeks ago and a year ago.", pub, "Three days ago=2014-07-19~; two weeks ago=2014-W28~; a year ago=2013~"},
		{"It happened today, not tomorrow or last night.", pub, "today=2014-07-22~; tomorrow=2014-07-23~; last night=2014-07-21~"},
		{"The Sunday Times reported it.", pub, ""},
		{"Some 2014 people and 1,500 troops.", pub, ""},
		{"Growth slowed in mid-2013 and early March.", pub, "mid-2013=2013; early March=2014-03~"},
		{"It rose 31 June and fell on 30 February.", pub, ""},
		{"Leaders meet in Belem on 10 November to agree targets.", "2025-11-03", "on 10 November=2025-11-10~"},
		{"He resigned on 10 November.", "2025-11-03", "on 10 November=2024-11-10~"},
		{"Ministers met on 28 December.", "2014-01-05", "on 28 December=2013-12-28~"},
		{"Book on a Tuesday, Wednesday or Sunday for the best price.", pub, ""},
		{"I will never forget that Saturday evening.", pub, ""},
		{"Finland joined Nato in April last year.", pub, "April last year=2013-04~"},
		{"We look forward to the summit in October.", pub, "October=2014-10~"},
		{"Sinwar planned the Oct. 7 attacks.", "2024-08-08", "Oct. 7=2023-10-07~"},
		{"He has not been seen since Oct. 7 in public.", "2024-08-08", "Oct. 7=2023-10-07~"},
		{"A smaller cut next week than in April is likely.", "2026-06-05", "next week=2026-W24~; April=2026-04~"},
		{"The crusade ran from August 15th to September 8th, 1963.", pub, "August 15th=1963-08-15; September 8th, 1963=1963-09-08"},
		{"It ended from 28 December to 3 January 1964.", "", "28 December=1963-12-28; 3 January 1964=1964-01-03"},
		{"It closed on Sunday, September 8th, 1963.", pub, "on Sunday, September 8th, 1963=1963-09-08"},
		{"It closed on Sunday, 8 September 1963.", "", "on Sunday, 8 September 1963=1963-09-08"},
		{"The next week, the team scrubbed the mission.", pub, ""},
		{"Labour won the 2005 election and set its 2030 target.", pub, "2005=2005; 2030=2030"},
		{"The 2,000 troops and the 2015 budget.", pub, "2015=2015"},
		{"A June report and the March elections; the May government.", pub, "June=2014-06~; March=2014-03~"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := show(Find(read(t, tt.text, tt.pub)))
			if got != tt.want {
				t.Errorf("Find(%q, %s) = %q, want %q", tt.text, tt.pub, got, tt.want)
			}
		})
	}
}

func TestForSentence(t *testing.T) {
	d := read(t, "Sisi overthrew the Brotherhood last year. He met Kerry on Monday in the summer of 2014. Talks continue.", "2014-07-22")
	if len(d.Sentences) != 3 {
		t.Fatalf("got %d sentences, want 3", len(d.Sentences))
	}
	want := []string{"2013", "2014-07-21", "2014-07-22"}
	for i, w := range want {
		if got := ForSentence(d, i); got != w {
			t.Errorf("ForSentence(%d) = %q, want %q", i, got, w)
		}
	}
	d.Published = time.Time{}
	if got := ForSentence(d, 2); got != "" {
		t.Errorf("ForSentence without publication date = %q, want \"\"", got)
	}
}

func TestSeed(t *testing.T) {
	p := shared.Require(t, "seed", "kerry-gaza.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	d := read(t, string(b), "2014-07-22")
	if err := New().Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ text, value string }{
		{"on Tuesday", "2014-07-22"},
		{"last year", "2013"},
		{"earlier this year", "2014"},
	} {
		found := false
		for _, dt := range d.Dates {
			if dt.Text == want.text && dt.Value == want.value && dt.Relative {
				found = true
			}
		}
		if !found {
			t.Errorf("seed: no date %q = %s; got %s", want.text, want.value, show(d.Dates))
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
	d.Published = time.Date(2014, 7, 22, 0, 0, 0, 0, time.UTC)
	if err := segment.New().Process(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Find(d)
	}
}

func TestOtherLanguage(t *testing.T) {
	d := read(t, "Das Treffen fand am 22 Juli 2014 und im Mai 2013 statt.", "2014-07-22")
	d.Language = "de"
	if got := Find(d); len(got) != 0 {
		t.Errorf("German text: got dates %s", show(got))
	}
}
