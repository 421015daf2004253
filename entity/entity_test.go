package entity

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"eventwire/doc"
	"eventwire/internal/shared"
)

var (
	stageOnce sync.Once
	stage     *Stage
	stageErr  error
)

func testStage(t testing.TB) *Stage {
	t.Helper()
	stageOnce.Do(func() { stage, stageErr = New() })
	if stageErr != nil {
		t.Fatal(stageErr)
	}
	return stage
}

// name is a recogniser mention a test document carries: every whole-word
// occurrence of text gets label.
type name struct{ text, label string }

// newDoc builds a document from a title and paragraphs and marks every
// occurrence of each name, longest names first, as a recogniser would.
func newDoc(title string, paras []string, names ...name) *doc.Document {
	d := doc.New(title, paras)
	taken := make([]bool, len(d.Text))
	for _, n := range sortByLen(names) {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(n.text) + `\b`)
		for _, loc := range re.FindAllStringIndex(d.Text, -1) {
			free := true
			for k := loc[0]; k < loc[1]; k++ {
				if taken[k] {
					free = false
				}
			}
			if !free {
				continue
			}
			for k := loc[0]; k < loc[1]; k++ {
				taken[k] = true
			}
			d.Names = append(d.Names, doc.Name{Span: doc.Span{Start: loc[0], End: loc[1]}, Label: n.label})
		}
	}
	sortNames(d.Names)
	return d
}

func sortByLen(ns []name) []name {
	out := append([]name(nil), ns...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if len(out[j].text) > len(out[i].text) {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func sortNames(ns []doc.Name) {
	for i := range ns {
		for j := i + 1; j < len(ns); j++ {
			if ns[j].Start < ns[i].Start {
				ns[i], ns[j] = ns[j], ns[i]
			}
		}
	}
}

// find returns the entity named s or one of whose mentions has text s.
func find(d *doc.Document, s string) *doc.Entity {
	for i := range d.Entities {
		if d.Entities[i].Name == s {
			return &d.Entities[i]
		}
		for _, m := range d.Entities[i].Mentions {
			if m.Text == s {
				return &d.Entities[i]
			}
		}
	}
	return nil
}

func process(t *testing.T, d *doc.Document) {
	t.Helper()
	if err := testStage(t).Process(context.Background(), d); err != nil {
		t.Fatal(err)
	}
}

func TestResolution(t *testing.T) {
	tests := []struct {
		name  string
		title string
		paras []string
		names []name
		// want maps a mention text to the entity's name, type, role and country.
		want map[string][4]string
		// same lists mention texts that must share one entity.
		same [][]string
		// none lists mention texts that must not be resolved.
		none []string
	}{
		{
			name:  "titles, surnames and pronouns",
			title: "Kerry visits Cairo",
			paras: []string{
				"US Secretary of State John Kerry met Egyptian President Abdel Fattah al-Sisi in Cairo on Tuesday.",
				"Kerry said he would return. Sisi thanked him.",
				"The top US diplomat later spoke to his counterparts.",
			},
			names: []name{{"John Kerry", "PER"}, {"Kerry", "PER"}, {"Abdel Fattah al-Sisi", "PER"}, {"Sisi", "PER"}, {"Cairo", "LOC"}, {"US", "LOC"}},
			want: map[string][4]string{
				"John Kerry":           {"John Kerry", doc.Person, "Secretary of State", "USA"},
				"Abdel Fattah al-Sisi": {"Abdel Fattah al-Sisi", doc.Person, "President", "EGY"},
				"Cairo":                {"Cairo", doc.Location, "", "EGY"},
				"US":                   {"United States", doc.Location, "", "USA"},
				"Egyptian":             {"Egyptians", doc.Group, "", "EGY"},
			},
			same: [][]string{{"John Kerry", "Kerry", "he", "The top US diplomat", "his", "him"}, {"Sisi", "Abdel Fattah al-Sisi"}},
		},
		{
			name:  "lower-case title, apposition and nationality words",
			title: "Talks",
			paras: []string{
				"Kerry spoke with Palestinian president Mahmud Abbas and with Tzipi Livni, the Israeli justice minister, on Monday.",
				"More than 600 Palestinians and 29 Israelis have been killed.",
			},
			names: []name{{"Kerry", "PER"}, {"Mahmud Abbas", "PER"}, {"Tzipi Livni", "PER"}},
			want: map[string][4]string{
				"Mahmud Abbas": {"Mahmud Abbas", doc.Person, "President", "PSE"},
				"Tzipi Livni":  {"Tzipi Livni", doc.Person, "Justice Minister", "ISR"},
				"Palestinians": {"Palestinians", doc.Group, "", "PSE"},
				"Israelis":     {"Israelis", doc.Group, "", "ISR"},
			},
			same: [][]string{{"Palestinian", "Palestinians"}},
		},
		{
			name:  "organisations: dictionary, possessive country, descriptions",
			title: "Hamas rejects truce",
			paras: []string{
				"Egypt has less sway over Hamas after blacklisting the militant movement.",
				"The government accuses it of aiding Egypt's Muslim Brotherhood, Israeli news website Ynet said.",
				"Israel will not agree to Hamas's demands and will destroy tunnels used by the group.",
				"Hamas insists the Jewish state lift its blockade.",
				"Kerry praised the country.",
			},
			names: []name{{"Hamas", "ORG"}, {"Egypt", "LOC"}, {"Muslim Brotherhood", "ORG"}, {"Ynet", "ORG"}, {"Israel", "LOC"}, {"Kerry", "PER"}},
			want: map[string][4]string{
				"Hamas":              {"Hamas", doc.Organization, "", "PSE"},
				"Muslim Brotherhood": {"Muslim Brotherhood", doc.Organization, "", "EGY"},
				"Ynet":               {"Ynet", doc.Organization, "", "ISR"},
				"Israel":             {"Israel", doc.Location, "", "ISR"},
			},
			same: [][]string{{"Hamas", "the militant movement", "the group"}, {"Israel", "the Jewish state", "the country"}},
		},
		{
			name:  "anonymous official blocks a description",
			title: "Talks",
			paras: []string{
				"Secretary of State John Kerry arrived.",
				"A US official said the talks went well.",
				"\"We are hopeful,\" the official said.",
			},
			names: []name{{"John Kerry", "PER"}},
			none:  []string{"the official"},
		},
		{
			name:  "a split name and a surname the recogniser called a place",
			title: "Talks",
			paras: []string{"Kerry met Egyptian President Abdel Fattah al-Sisi. Muslim Brotherhood, which Sisi overthrew, protested."},
			names: []name{{"Kerry", "PER"}, {"Abdel Fattah", "PER"}, {"al-Sisi", "PER"}, {"Sisi", "LOC"}, {"Muslim Brotherhood", "ORG"}},
			want: map[string][4]string{
				"Sisi": {"Abdel Fattah al-Sisi", doc.Person, "President", "EGY"},
			},
		},
		{
			name:  "religious groups",
			title: "Prayers",
			paras: []string{"Muslims and Christians prayed together. Muslim leaders spoke."},
			names: []name{{"Muslims", "MISC"}, {"Christians", "MISC"}, {"Muslim", "MISC"}},
			want: map[string][4]string{
				"Muslims":    {"Muslims", doc.Group, "", ""},
				"Christians": {"Christians", doc.Group, "", ""},
			},
			same: [][]string{{"Muslims", "Muslim"}},
		},
		{
			name:  "it said",
			title: "Results",
			paras: []string{"DaimlerChrysler made a loss. It said sales fell. It is clear that Mercedes suffered."},
			names: []name{{"DaimlerChrysler", "ORG"}, {"Mercedes", "ORG"}},
			same:  [][]string{{"DaimlerChrysler", "It"}},
		},
		{
			name:  "a possessive description is someone new",
			title: "Talks",
			paras: []string{
				"Justice Minister Tzipi Livni spoke on Monday.",
				"Kerry met Egypt's foreign minister. The minister said talks went well.",
			},
			names: []name{{"Tzipi Livni", "PER"}, {"Kerry", "PER"}},
			none:  []string{"The minister"},
		},
		{
			name:  "description before the name",
			title: "Talks",
			paras: []string{"Blair held talks with his Israeli counterpart, Ariel Sharon, and the Palestinian leader, Mahmoud Abbas."},
			names: []name{{"Blair", "PER"}, {"Ariel Sharon", "PER"}, {"Mahmoud Abbas", "PER"}},
			want: map[string][4]string{
				"Ariel Sharon":  {"Ariel Sharon", doc.Person, "", "ISR"},
				"Mahmoud Abbas": {"Mahmoud Abbas", doc.Person, "Leader", "PSE"},
			},
		},
		{
			name:  "a dictionary namesake needs support in the story",
			title: "Radio",
			paras: []string{"Chris Evans said the show would return. Evans joined the station in 2005."},
			names: []name{{"Chris Evans", "PER"}, {"Evans", "PER"}},
			want: map[string][4]string{
				"Chris Evans": {"Chris Evans", doc.Person, "", ""},
			},
		},
		{
			name:  "occupations refer back to the one person nearby",
			title: "Pop",
			paras: []string{
				"Britney Spears has married. The 23-year-old singer wed in Los Angeles, the Oscar-nominated star said.",
				"Kevin Federline and Jason Alexander were not there, the singer said.",
			},
			names: []name{{"Britney Spears", "PER"}, {"Kevin Federline", "PER"}, {"Jason Alexander", "PER"}, {"Los Angeles", "LOC"}},
			same:  [][]string{{"Britney Spears", "The 23-year-old singer", "the Oscar-nominated star"}},
			none:  []string{"the singer"},
		},
		{
			name:  "a possessive description of a known person",
			title: "Talks",
			paras: []string{"Israeli Prime Minister Benjamin Netanyahu met Kerry. Israel's prime minister said talks went well."},
			names: []name{{"Benjamin Netanyahu", "PER"}, {"Kerry", "PER"}, {"Israel", "LOC"}},
			same:  [][]string{{"Benjamin Netanyahu", "Israel's prime minister"}},
		},
		{
			name:  "an institution named for its building",
			title: "Talks",
			paras: []string{"The White House said talks with the Kremlin would go on. The White House added nothing."},
			names: []name{{"White House", "LOC"}, {"Kremlin", "LOC"}},
			want: map[string][4]string{
				"White House": {"White House", doc.Organization, "", "USA"},
				"Kremlin":     {"Kremlin", doc.Organization, "", "RUS"},
			},
		},
		{
			name:  "the country of an unknown place from a known part of it",
			title: "Attack",
			paras: []string{"He was attacked near the Nairobi Serena Hotel and later at New Mexico State."},
			names: []name{{"Nairobi Serena Hotel", "LOC"}, {"New Mexico State", "LOC"}},
			want: map[string][4]string{
				"Nairobi Serena Hotel": {"Nairobi Serena Hotel", doc.Location, "", "KEN"},
				"New Mexico State":     {"New Mexico State", doc.Location, "", "USA"},
			},
		},
		{
			name:  "a short form in brackets",
			title: "Police",
			paras: []string{"The Association of Chief Police Officers (Acpo) wants powers. Acpo said pubs should close."},
			names: []name{{"Association of Chief Police Officers", "ORG"}, {"Acpo", "ORG"}},
			same:  [][]string{{"Association of Chief Police Officers", "Acpo"}},
		},
		{
			name:  "a multinational's home country",
			title: "Search",
			paras: []string{"Google said profits rose."},
			names: []name{{"Google", "ORG"}},
			want: map[string][4]string{
				"Google": {"Google", doc.Organization, "", "USA"},
			},
		},
		{
			name:  "she is not he",
			title: "Visit",
			paras: []string{"Angela Merkel met Emmanuel Macron. She said he was late."},
			names: []name{{"Angela Merkel", "PER"}, {"Emmanuel Macron", "PER"}},
			same:  [][]string{{"Angela Merkel", "She"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(tt.title, tt.paras, tt.names...)
			process(t, d)
			for m, w := range tt.want {
				e := find(d, m)
				if e == nil {
					t.Errorf("no entity with mention %q", m)
					continue
				}
				got := [4]string{e.Name, e.Type, e.Role, e.Country}
				if got != w {
					t.Errorf("entity of %q = %q, want %q", m, got, w)
				}
			}
			for _, group := range tt.same {
				e := find(d, group[0])
				if e == nil {
					t.Errorf("no entity with mention %q", group[0])
					continue
				}
				for _, m := range group[1:] {
					if o := find(d, m); o == nil || o.ID != e.ID {
						t.Errorf("%q not merged with %q (%v)", m, group[0], mentionsOf(o))
					}
				}
			}
			for _, m := range tt.none {
				if e := find(d, m); e != nil {
					t.Errorf("%q resolved to %s (%s)", m, e.ID, e.Name)
				}
			}
			if t.Failed() {
				for _, e := range d.Entities {
					t.Logf("%s %s %s role=%q country=%s cameo=%s %v", e.ID, e.Type, e.Name, e.Role, e.Country, e.CAMEO, mentionsOf(&e))
				}
			}
		})
	}
}

func mentionsOf(e *doc.Entity) []string {
	if e == nil {
		return nil
	}
	var out []string
	for _, m := range e.Mentions {
		out = append(out, m.Text)
	}
	return out
}

// seedDoc reads the seed article into a document the way the reader's
// clean-up leaves it (title, body paragraphs, backticks as apostrophes,
// the cookie notice dropped) and marks its names as a recogniser would.
func seedDoc(t testing.TB) *doc.Document { return seedDocTimes(t, 1) }

// seedDocTimes is seedDoc with the body repeated n times (a long article).
func seedDocTimes(t testing.TB, n int) *doc.Document {
	path := shared.Require(t, "seed", "kerry-gaza.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "`", "'")
	text = strings.ReplaceAll(text, "democracy.\"Egyptian", "democracy.\"\n\nEgyptian")
	parts := strings.Split(text, "\n\n")
	var paras []string
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if strings.HasPrefix(p, "Cairo: ") || strings.HasPrefix(p, "By continuing") {
			continue
		}
		paras = append(paras, p)
	}
	body := paras
	for range n - 1 {
		paras = append(paras, body...)
	}
	d := newDoc(strings.TrimSpace(parts[0]), paras,
		name{"John Kerry", "PER"}, name{"Kerry", "PER"}, name{"Abdel Fattah al-Sisi", "PER"}, name{"Sisi", "PER"},
		name{"Tzipi Livni", "PER"}, name{"Benjamin Netanyahu", "PER"}, name{"Mahmud Abbas", "PER"},
		name{"Hamas", "ORG"}, name{"Palestinian Authority", "ORG"}, name{"Muslim Brotherhood", "ORG"}, name{"Ynet", "ORG"},
		name{"Gaza", "LOC"}, name{"Cairo", "LOC"}, name{"Egypt", "LOC"}, name{"Israel", "LOC"}, name{"Qatar", "LOC"},
		name{"Turkey", "LOC"}, name{"France", "LOC"}, name{"Jordan", "LOC"}, name{"United Arab Emirates", "LOC"},
		name{"Middle East", "LOC"}, name{"Palestinians", "MISC"}, name{"Israelis", "MISC"}, name{"Egyptian", "MISC"},
		name{"Israeli", "MISC"}, name{"Palestinian", "MISC"})
	d.Published = time.Date(2014, 7, 22, 0, 0, 0, 0, time.UTC)
	return d
}

func TestSeed(t *testing.T) {
	d := seedDoc(t)
	process(t, d)
	f, err := os.Open(shared.Require(t, "seed", "kerry-gaza.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Score(d, gold) {
		t.Log(r)
		if r.Gold.Required && (r.Entity == nil || !r.TypeOK || !r.CountryOK) {
			t.Errorf("required entity %s: %s", r.Gold.Name, r)
		}
		if r.Gold.Name == "John Kerry" && len(r.Missing) > 0 {
			t.Errorf("Kerry's mentions not merged: missing %q", r.Missing)
		}
	}
	if t.Failed() {
		for _, e := range d.Entities {
			t.Logf("%s %s %s role=%q country=%s cameo=%s %v", e.ID, e.Type, e.Name, e.Role, e.Country, e.CAMEO, mentionsOf(&e))
		}
	}
}

func BenchmarkProcess(b *testing.B) {
	s := testStage(b)
	d := seedDoc(b)
	names := d.Names
	ctx := context.Background()
	for b.Loop() {
		d.Names = names
		if err := s.Process(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcessLong runs the stage on the seed's body repeated 30
// times (about 27,000 tokens), to show the stage does not grow
// quadratically with the article.
func BenchmarkProcessLong(b *testing.B) {
	s := testStage(b)
	d := seedDocTimes(b, 30)
	names := d.Names
	ctx := context.Background()
	for b.Loop() {
		d.Names = names
		if err := s.Process(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(splitWords(d.Text))), "words")
}

// BenchmarkNew loads the gazetteer, actor dictionaries and first names;
// heap-MiB is the live heap one loaded stage holds.
func BenchmarkNew(b *testing.B) {
	var held *Stage
	for b.Loop() {
		s, err := New()
		if err != nil {
			b.Fatal(err)
		}
		held = s
	}
	var m0, m1 runtime.MemStats
	held = nil
	runtime.GC()
	runtime.ReadMemStats(&m0)
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(s)
	runtime.KeepAlive(held)
	b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20), "heap-MiB")
}

func TestConcurrentProcess(t *testing.T) {
	s := testStage(t)
	want := seedDoc(t)
	process(t, want)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := seedDoc(t)
			if err := s.Process(context.Background(), d); err != nil {
				errs <- err.Error()
				return
			}
			if len(d.Entities) != len(want.Entities) {
				errs <- fmt.Sprintf("%d entities, want %d", len(d.Entities), len(want.Entities))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
