package clean

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"eventwire/doc"
	"eventwire/internal/shared"
)

// TestSeedGold checks every item of the clean block of the seed's gold reading.
func TestSeedGold(t *testing.T) {
	raw, err := os.ReadFile(shared.Require(t, "seed", "kerry-gaza.txt"))
	if err != nil {
		t.Fatal(err)
	}
	gb, err := os.ReadFile(shared.Require(t, "seed", "kerry-gaza.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Clean struct {
			Title          string `json:"title"`
			Standfirst     string `json:"standfirst"`
			Dateline       string `json:"dateline"`
			BodyParagraphs struct {
				Min int `json:"min"`
				Max int `json:"max"`
			} `json:"body_paragraphs"`
			BodyFirstParagraphStarts string   `json:"body_first_paragraph_starts"`
			LeadAppearsOnce          string   `json:"lead_appears_once"`
			MustNotContain           []string `json:"must_not_contain"`
			MustContain              []string `json:"must_contain"`
		} `json:"clean"`
	}
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	g := gold.Clean
	d := Text(string(raw))
	if d.Title != g.Title {
		t.Errorf("title = %q, want %q", d.Title, g.Title)
	}
	if d.Standfirst != g.Standfirst {
		t.Errorf("standfirst = %q, want %q", d.Standfirst, g.Standfirst)
	}
	if d.Dateline != g.Dateline {
		t.Errorf("dateline = %q, want %q", d.Dateline, g.Dateline)
	}
	if n := len(d.Paragraphs); n < g.BodyParagraphs.Min || n > g.BodyParagraphs.Max {
		t.Errorf("%d body paragraphs, want %d..%d", n, g.BodyParagraphs.Min, g.BodyParagraphs.Max)
	}
	if len(d.Paragraphs) == 0 || !strings.HasPrefix(d.Paragraphs[0], g.BodyFirstParagraphStarts) {
		t.Errorf("first paragraph does not start with %q", g.BodyFirstParagraphStarts)
	}
	if n := strings.Count(d.Text, g.LeadAppearsOnce); n != 1 {
		t.Errorf("lead %q appears %d times, want once", g.LeadAppearsOnce, n)
	}
	for _, s := range g.MustNotContain {
		if strings.Contains(d.Text, s) {
			t.Errorf("text contains %q", s)
		}
	}
	for _, s := range g.MustContain {
		if !strings.Contains(d.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	checkDoc(t, string(raw), d)
}

// checkDoc verifies the invariants every cleaned document keeps: valid
// UTF-8, spans that locate the title and paragraphs, and a raw map that
// sends each clean byte to a raw offset inside the input.
func checkDoc(t *testing.T, raw string, d *doc.Document) {
	t.Helper()
	if !utf8.ValidString(d.Text) {
		t.Fatalf("text is not valid UTF-8")
	}
	if d.Slice(d.TitleSpan) != d.Title {
		t.Fatalf("title span %v gives %q, want %q", d.TitleSpan, d.Slice(d.TitleSpan), d.Title)
	}
	if len(d.Paragraphs) != len(d.ParagraphSpans) {
		t.Fatalf("%d paragraphs, %d spans", len(d.Paragraphs), len(d.ParagraphSpans))
	}
	for i, p := range d.Paragraphs {
		if d.Slice(d.ParagraphSpans[i]) != p {
			t.Fatalf("paragraph %d span mismatch", i)
		}
		if p == "" || strings.TrimSpace(p) != p {
			t.Fatalf("paragraph %d is empty or untrimmed: %q", i, p)
		}
	}
	for c := 0; c < len(d.Text); c++ {
		r := d.RawMap.Raw(c)
		if r < 0 || r > len(raw) {
			t.Fatalf("clean offset %d maps to raw %d, outside [0,%d]", c, r, len(raw))
		}
	}
}

func TestRawMapPointsAtSameText(t *testing.T) {
	raw := "Title &amp; more\n\n\n  CAIRO (Reuters) - Egypt`s  minister said \"no.\"Next\n\nBy continuing to use the site, you agree to the use of cookies.\n\nLast  words â€™here."
	d := Text(raw)
	checkDoc(t, raw, d)
	want := "Title & more\n\nEgypt's minister said \"no.\"\n\nNext\n\nLast words ’here."
	if d.Text != want {
		t.Fatalf("text = %q, want %q", d.Text, want)
	}
	// Every ASCII letter of the clean text maps to the same letter in raw.
	for c := 0; c < len(d.Text); c++ {
		ch := d.Text[c]
		if ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' {
			if r := d.RawMap.Raw(c); raw[r] != ch {
				t.Errorf("clean %d %q maps to raw %d %q", c, ch, r, raw[r])
			}
		}
	}
	if d.Dateline != "Cairo" {
		t.Errorf("dateline = %q", d.Dateline)
	}
}

func TestRepair(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"backtick apostrophe", "Egypt`s", "Egypt's"},
		{"double backtick", "``quoted''", "\"quoted''"},
		{"acute apostrophe", "don´t", "don't"},
		{"named entity", "AT&amp;T &quot;x&quot;", "AT&T \"x\""},
		{"numeric entity", "it&#39;s &#x2019;", "it's ’"},
		{"double escaped", "&amp;quot;hi&amp;quot;", "\"hi\""},
		{"not an entity", "R&D and &unknown; &", "R&D and &unknown; &"},
		{"mojibake quote", "Itâ€™s â€œfineâ€\u009d", "It’s “fine”"},
		{"mojibake lost byte", "â€œfineâ€ ok", "“fine” ok"},
		{"mojibake accents", "cafÃ© Ã¼ber", "café über"},
		{"mojibake pound", "Â£5", "£5"},
		{"legit accents", "café Ångström", "café Ångström"},
		{"nbsp and zero width", "a\u00a0b\u200bc\u00add", "a bcd"},
		{"controls", "a\x00b\x07c\td", "abc d"},
		{"crlf", "a\r\nb\rc", "a\nb\nc"},
		{"invalid utf8", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := repair(newRtext(tt.in, 0))
			if got.String() != tt.want {
				t.Errorf("repair(%q) = %q, want %q", tt.in, got.String(), tt.want)
			}
			if len(got.b) != len(got.o) {
				t.Fatalf("map length %d for %d bytes", len(got.o), len(got.b))
			}
		})
	}
}

func TestDateline(t *testing.T) {
	tests := []struct{ in, place, rest string }{
		{"Cairo: US Secretary of State", "Cairo", "US Secretary of State"},
		{"CAIRO: US Secretary", "Cairo", "US Secretary"},
		{"Cairo, July 22 (Reuters) - Egypt said", "Cairo", "Egypt said"},
		{"LONDON (AP) — The prime minister", "London", "The prime minister"},
		{"MEXICO CITY (AP) — Mexico’s economy", "Mexico City", "Mexico’s economy"},
		{"LA CROSSE, Wis. (AP) — After a summer", "La Crosse, Wis.", "After a summer"},
		{"WASHINGTON — The Senate voted", "Washington", "The Senate voted"},
		{"ST. JOSEPH, Mich. (AP) — Michigan", "St. Joseph, Mich.", "Michigan"},
		{"WASHINGTON, D.C. (AP) — The", "Washington, D.C.", "The"},
		{"GAZA CITY, Gaza Strip (AP) — Israeli", "Gaza City, Gaza Strip", "Israeli"},
		{"Update: the vote was delayed", "", ""},
		{"Julian Assange: the founder of WikiLeaks", "", ""},
		{"NEW DELHI: The government said", "New Delhi", "The government said"},
		{"WARNING GRAPHIC DETAIL - the images", "", ""},
		{"The minister said: no", "", ""},
		{"He said - and meant it", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			place, n := dateline([]byte(tt.in))
			if place != tt.place {
				t.Fatalf("place = %q, want %q", place, tt.place)
			}
			if n > 0 && strings.TrimSpace(tt.in[n:]) != tt.rest {
				t.Errorf("rest = %q, want %q", tt.in[n:], tt.rest)
			}
		})
	}
}

func TestBoilerplate(t *testing.T) {
	tests := []struct{ in, rule string }{
		{"By continuing to use the site, you agree to the use of cookies. You can find out more by clicking this link", "cookie-notice"},
		{"We use cookies to improve your experience on our website.", "cookie-notice"},
		{"Subscribe to our newsletter for daily updates", "subscribe-prompt"},
		{"Share this article", "share-prompt"},
		{"Facebook Twitter Email", "share-prompt"},
		{"Read more: Gaza talks stall", "read-more"},
		{"READ MORE", "read-more"},
		{"© 2024 Example News Ltd. All rights reserved.", "copyright"},
		{"Copyright 2014 Reuters", "copyright"},
		{"Advertisement", "advertisement"},
		{"Follow us on Twitter", "follow-prompt"},
		{"Tags: gaza, ceasefire, kerry", "tag-list"},
		{"Reporting by Jane Doe; Editing by John Roe", "credit-line"},
		{"Associated Press writers Alan Fram and Zeke Miller contributed to this report.", "credit-line"},
		{"https://www.example.com/news/story-123.html", "bare-link"},
		{"Email the author at jd@example.com or follow her on Twitter @jdoe.", "follow-prompt"},
		{"The minister said cookies were handed out to children at the border crossing, where thousands waited for hours in the heat.", ""},
		{"Kerry said he would meet into the next days.", ""},
		{"More than 600 Palestinians have been killed.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Boilerplate(tt.in); got != tt.rule {
				t.Errorf("Boilerplate = %q, want %q", got, tt.rule)
			}
		})
	}
}

func TestStructure(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		paragraphs []string
		standfirst string
	}{
		{"related list", "T\n\nFirst paragraph here.\n\nRelated\n\nSome other headline\n\nAnother headline\n\nLast paragraph.", []string{"First paragraph here.", "Last paragraph."}, ""},
		{"title repeated", "Big news\n\nBig news\n\nBody.", []string{"Body."}, ""},
		{"lines without blanks", "T\nOne.\nTwo.\nThree.", []string{"One.", "Two.", "Three."}, ""},
		{"wrapped lines", "T\n\nOne line\nwrapped here.\n\nTwo.", []string{"One line wrapped here.", "Two."}, ""},
		{"standfirst then dateline", "T\n\nA short summary of the story.\n\nLONDON (Reuters) - The full lead of the story.", []string{"A short summary of the story.", "The full lead of the story."}, "A short summary of the story."},
		{"cut-down standfirst", "T\n\nThe minister resigned on Monday after a long…\n\nThe minister resigned on Monday after a long row over expenses.", []string{"The minister resigned on Monday after a long row over expenses."}, ""},
		{"opening quote glued", "T\n\nHe stopped.“We go now,” he said.", []string{"He stopped. “We go now,” he said."}, ""},
		{"closing curly quote", "T\n\nHe said “we go.”Then he left.", []string{"He said “we go.”", "Then he left."}, ""},
		{"byline", "T\n\nBy Jane Doe and John Roe\n\nBody.", []string{"Body."}, ""},
		{"not a byline", "T\n\nBy the river, they waited.\n\nBody.", []string{"By the river, they waited.", "Body."}, ""},
		{"empty", "", nil, ""},
		{"only title", "Just a title", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Text(tt.in)
			checkDoc(t, tt.in, d)
			if strings.Join(d.Paragraphs, "|") != strings.Join(tt.paragraphs, "|") {
				t.Errorf("paragraphs = %q, want %q", d.Paragraphs, tt.paragraphs)
			}
			if d.Standfirst != tt.standfirst {
				t.Errorf("standfirst = %q, want %q", d.Standfirst, tt.standfirst)
			}
		})
	}
}

func TestByline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"T\n\nBy Jane Doe and John Roe\n\nBody.", "Jane Doe, John Roe"},
		{"T\n\nBY JANE DOE, Reuters\n\nBody.", "JANE DOE, Reuters"},
		{"T\n\nBy the river, they waited.\n\nBody.", ""},
	}
	for _, tt := range tests {
		if got := Text(tt.in).Byline; got != tt.want {
			t.Errorf("Text(%q).Byline = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTimestamp(t *testing.T) {
	tests := []struct {
		in        string
		published string
		paras     int
	}{
		{"T\n\nPublished 22 July 2014\n\nBody.", "2014-07-22", 1},
		{"T\n\nJuly 22, 2014\n\nBody.", "2014-07-22", 1},
		{"T\n\nUpdated: 2014-07-23 10:00\n\nBody.", "", 1},
		{"T\n\nBy Jane Doe\n\n2014-07-22T10:00:00Z\n\nBody.", "2014-07-22", 1},
		{"T\n\n29 Israelis died.\n\nBody.", "", 2},
		{"T\n\nThe vote is on 22 July 2014 and the count follows.\n\nBody.", "", 2},
	}
	for _, tt := range tests {
		d := Text(tt.in)
		got := ""
		if !d.Published.IsZero() {
			got = d.Published.Format("2006-01-02")
		}
		if got != tt.published || len(d.Paragraphs) != tt.paras {
			t.Errorf("Text(%q): published %q, %d paragraphs; want %q, %d", tt.in, got, len(d.Paragraphs), tt.published, tt.paras)
		}
	}
}

func TestParts(t *testing.T) {
	d := Parts("A title", "Body one.\n\nBody two.")
	checkDoc(t, Raw("A title", "Body one.\n\nBody two."), d)
	if d.Title != "A title" || len(d.Paragraphs) != 2 {
		t.Fatalf("got %q %q", d.Title, d.Paragraphs)
	}
	d = Parts("", "Body one.\n\nBody two.")
	if d.Title != "" || len(d.Paragraphs) != 2 {
		t.Fatalf("untitled: got %q %q", d.Title, d.Paragraphs)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "T\n\nBody.", "CAIRO: a`b &amp; â€™ \"x.\"Y", "\r\n\r\n&#x;&amp;&#99999999;", "Ã\u0080\u0080", "T\n\nRelated\n\nx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		checkDoc(t, raw, Text(raw))
		checkDoc(t, Raw("t", raw), Parts("t", raw))
	})
}

func TestJunk(t *testing.T) {
	nav := strings.Repeat("Home News Sport Business Politics Culture Travel Weather Video Audio ", 4)
	tour := strings.Repeat("June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre ", 6)
	prose := strings.Repeat("The minister said the talks would resume on Monday. ", 6)
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"navigation labels", nav, true},
		{"list of dates and places", tour, false},
		{"prose", prose, false},
		{"cookie notice", "We use cookies to improve your experience.", true},
	}
	for _, tt := range tests {
		if got := Junk(tt.in); got != tt.want {
			t.Errorf("%s: Junk = %v, want %v", tt.name, got, tt.want)
		}
	}
}
