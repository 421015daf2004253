// Package counts scores the count and date layers of a document against a
// gold reading in the seed's format (kerry-gaza.gold.json): its "counts"
// list (type, number, qualifier, object) and its "dates" list (text and the
// value it resolves to), each item marked required or not.
package counts

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"eventwire/doc"
)

// Gold is the part of a gold reading this package scores.
type Gold struct {
	// Input names the article, relative to the shared data folder, in
	// gold files that are not beside their article (testdata/counts).
	Input string `json:"input,omitempty"`
	// Published is the publication date the dates resolve against.
	Published string      `json:"published"`
	Counts    []GoldCount `json:"counts"`
	Dates     []GoldDate  `json:"dates"`
}

// GoldCount is one expected count.
type GoldCount struct {
	Type      string  `json:"type"`
	Number    float64 `json:"number"`
	Qualifier string  `json:"qualifier"`
	Object    string  `json:"object"`
	Required  bool    `json:"required"`
}

// GoldDate is one expected date expression.
type GoldDate struct {
	Text       string `json:"text"`
	ResolvesTo string `json:"resolves_to"`
	Required   bool   `json:"required"`
}

// LoadGold reads a gold reading.
func LoadGold(path string) (*Gold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", path, err)
	}
	var g Gold
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("gold %s: %w", path, err)
	}
	return &g, nil
}

// Item is one gold item and whether the document has it.
type Item struct {
	Want     string `json:"want"`
	Required bool   `json:"required"`
	Found    bool   `json:"found"`
	// Got is the matching extraction, when found.
	Got string `json:"got,omitempty"`
}

// Report is the score of one document.
type Report struct {
	Counts []Item `json:"counts"`
	Dates  []Item `json:"dates"`
	// Extra lists the counts and dates found that match no gold item (not
	// necessarily wrong: the gold lists the minimum and what an excellent
	// reader finds).
	Extra []string `json:"extra"`
	// RequiredFound of Required gold items were found; Found of All.
	RequiredFound int `json:"required_found"`
	Required      int `json:"required"`
	Found         int `json:"found"`
	All           int `json:"all"`
	// CountStats and DateStats split the figures by layer.
	CountStats Stats `json:"count_stats"`
	DateStats  Stats `json:"date_stats"`
}

// Stats are the figures of one layer.
type Stats struct {
	RequiredFound int `json:"required_found"`
	Required      int `json:"required"`
	Found         int `json:"found"`
	All           int `json:"all"`
	// Produced is how many the stage found, Matched how many of those match a gold item.
	Produced int `json:"produced"`
	Matched  int `json:"matched"`
}

// Add sums o into s.
func (s *Stats) Add(o Stats) {
	s.RequiredFound += o.RequiredFound
	s.Required += o.Required
	s.Found += o.Found
	s.All += o.All
	s.Produced += o.Produced
	s.Matched += o.Matched
}

// String gives recall of required and of all items, and precision.
func (s Stats) String() string {
	return fmt.Sprintf("required %d/%d (%s), all %d/%d (%s), precision %d/%d (%s)",
		s.RequiredFound, s.Required, pct(s.RequiredFound, s.Required), s.Found, s.All, pct(s.Found, s.All),
		s.Matched, s.Produced, pct(s.Matched, s.Produced))
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
}

// Score compares d's counts and dates with g. A count matches when type
// and number agree, the qualifier agrees where the gold gives one, and one
// object contains the other (case-insensitive). A date matches when one
// text contains the other and the values agree.
func Score(d *doc.Document, g *Gold) Report {
	var r Report
	usedC := make([]bool, len(d.Counts))
	for _, gc := range g.Counts {
		it := Item{Want: showGold(gc), Required: gc.Required}
		for i, c := range d.Counts {
			if !usedC[i] && countMatches(c, gc) {
				usedC[i] = true
				it.Found, it.Got = true, show(c)
				break
			}
		}
		r.add(&r.Counts, it)
	}
	usedD := make([]bool, len(d.Dates))
	for _, gd := range g.Dates {
		it := Item{Want: fmt.Sprintf("%q = %s", gd.Text, gd.ResolvesTo), Required: gd.Required}
		for i, dt := range d.Dates {
			if !usedD[i] && dateMatches(dt, gd) {
				usedD[i] = true
				it.Found, it.Got = true, fmt.Sprintf("%q = %s", dt.Text, dt.Value)
				break
			}
		}
		r.add(&r.Dates, it)
	}
	for i, c := range d.Counts {
		if !usedC[i] {
			r.Extra = append(r.Extra, "count "+show(c))
		}
	}
	for i, dt := range d.Dates {
		if !usedD[i] {
			r.Extra = append(r.Extra, fmt.Sprintf("date %q = %s", dt.Text, dt.Value))
		}
	}
	r.CountStats = stats(r.Counts, usedC)
	r.DateStats = stats(r.Dates, usedD)
	return r
}

func stats(items []Item, used []bool) Stats {
	var s Stats
	for _, it := range items {
		s.All++
		if it.Found {
			s.Found++
		}
		if it.Required {
			s.Required++
			if it.Found {
				s.RequiredFound++
			}
		}
	}
	s.Produced = len(used)
	for _, u := range used {
		if u {
			s.Matched++
		}
	}
	return s
}

func (r *Report) add(list *[]Item, it Item) {
	*list = append(*list, it)
	r.All++
	if it.Found {
		r.Found++
	}
	if it.Required {
		r.Required++
		if it.Found {
			r.RequiredFound++
		}
	}
}

func countMatches(c doc.Count, g GoldCount) bool {
	if c.Type != g.Type || c.Number != g.Number {
		return false
	}
	if g.Qualifier != "" && !strings.EqualFold(c.Qualifier, g.Qualifier) {
		return false
	}
	a, b := strings.ToLower(c.Object), strings.ToLower(g.Object)
	return b == "" || a != "" && (strings.Contains(a, b) || strings.Contains(b, a))
}

func dateMatches(d doc.Date, g GoldDate) bool {
	a, b := strings.ToLower(d.Text), strings.ToLower(g.Text)
	return d.Value == g.ResolvesTo && a != "" && (strings.Contains(a, b) || strings.Contains(b, a))
}

func show(c doc.Count) string {
	s := c.Type + " "
	if c.Qualifier != "" {
		s += c.Qualifier + " "
	}
	s += fmt.Sprint(c.Number)
	if c.Approximate {
		s += " (approximate)"
	}
	if c.Object != "" {
		s += " " + c.Object
	}
	return s
}

func showGold(g GoldCount) string {
	return show(doc.Count{Type: g.Type, Number: g.Number, Qualifier: g.Qualifier, Object: g.Object})
}

// Print writes the report for people.
func (r Report) Print(w io.Writer) {
	line := func(kind string, it Item) {
		mark := "MISS"
		if it.Found {
			mark = "ok  "
		}
		req := ""
		if it.Required {
			req = " (required)"
		}
		fmt.Fprintf(w, "%s %-5s %s%s", mark, kind, it.Want, req)
		if it.Found {
			fmt.Fprintf(w, "  <- %s", it.Got)
		}
		fmt.Fprintln(w)
	}
	for _, it := range r.Counts {
		line("count", it)
	}
	for _, it := range r.Dates {
		line("date", it)
	}
	for _, x := range r.Extra {
		fmt.Fprintf(w, "extra %s\n", x)
	}
	fmt.Fprintf(w, "required %d/%d, all %d/%d\n", r.RequiredFound, r.Required, r.Found, r.All)
}

// LoadGoldDir reads every *.gold.json file of a folder, sorted by name.
func LoadGoldDir(dir string) ([]*Gold, []string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, nil, fmt.Errorf("gold %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("gold %s: no *.gold.json files", dir)
	}
	sort.Strings(names)
	golds := make([]*Gold, len(names))
	for i, n := range names {
		if golds[i], err = LoadGold(n); err != nil {
			return nil, nil, err
		}
	}
	return golds, names, nil
}
