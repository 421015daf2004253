package export

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"eventwire/doc"
	"eventwire/store"
)

// EventColumns is the number of columns of a GDELT 2.0 Event record.
const EventColumns = 61

// GKGColumns is the number of columns of a GDELT GKG 2.1 record.
const GKGColumns = 27

// gdeltTime formats a time as GDELT's YYYYMMDDHHMMSS; "" for zero.
func gdeltTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("20060102150405")
}

// clean makes a value safe for a TSV column and for the sub-field
// delimiters named in drop.
func clean(s, drop string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || strings.ContainsRune(drop, r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// runeOffsets converts byte offsets of a text into character offsets, as
// GDELT counts them.
type runeOffsets struct {
	text  string
	index []int32
}

func newRuneOffsets(text string) *runeOffsets { return &runeOffsets{text: text} }

func (r *runeOffsets) at(b int) int {
	if r.index == nil {
		// index[i] is the number of characters that start before byte i.
		r.index = make([]int32, len(r.text)+1)
		n := int32(0)
		for i := range len(r.text) {
			r.index[i] = n
			if utf8.RuneStart(r.text[i]) {
				n++
			}
		}
		r.index[len(r.text)] = n
	}
	b = min(max(b, 0), len(r.text))
	return int(r.index[b])
}

// eventID derives a stable numeric GLOBALEVENTID (53 bits, safe in
// spreadsheets and JavaScript) from the article id and the event's index.
func eventID(articleID string, i int) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s#%d", articleID, i)
	return h.Sum64() & (1<<53 - 1)
}

// actorTypes are CAMEO role codes that can open an actor code with no
// country ("GOV", "REB"...).
var actorTypes = map[string]bool{
	"AGR": true, "BUS": true, "COP": true, "CRM": true, "CVL": true, "DEV": true, "EDU": true, "ELI": true,
	"ENV": true, "GOV": true, "HLH": true, "HRI": true, "IGO": true, "IMG": true, "INS": true, "JUD": true,
	"LAB": true, "LEG": true, "MED": true, "MIL": true, "MNC": true, "MOD": true, "NGM": true, "NGO": true,
	"OPP": true, "PTY": true, "RAD": true, "REB": true, "REF": true, "REL": true, "SEP": true, "SET": true,
	"SPY": true, "UAF": true, "UIS": true, "USR": true,
}

// actorFields splits a CAMEO actor code into GDELT's ten actor columns:
// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
// Religion2Code, Type1Code, Type2Code, Type3Code.
func actorFields(a *doc.Actor) []string {
	out := make([]string, 10)
	if a == nil || a.Code == "" && a.Name == "" {
		return out
	}
	code := strings.ToUpper(a.Code)
	out[0], out[1] = code, strings.ToUpper(clean(a.Name, ""))
	rest := code
	switch {
	case a.Country != "" && strings.HasPrefix(code, strings.ToUpper(a.Country)):
		out[2], rest = strings.ToUpper(a.Country), code[len(a.Country):]
	case len(code) >= 3 && !actorTypes[code[:3]]:
		out[2], rest = code[:3], code[3:]
	case a.Country != "":
		out[2] = strings.ToUpper(a.Country)
	}
	t := 7
	for len(rest) >= 3 && t < 10 {
		out[t], rest = rest[:3], rest[3:]
		t++
	}
	return out
}

// geoType is GDELT's location type: 1 country, 2 US state, 3 US city,
// 4 world city, 5 world state.
func geoType(p *doc.Place) int {
	switch {
	case p.FeatureClass == "A" && strings.HasPrefix(p.FeatureCode, "PCL"):
		return 1
	case p.FeatureClass == "A" && p.Country == "USA":
		return 2
	case p.FeatureClass == "A":
		return 5
	case p.Country == "USA":
		return 3
	}
	return 4
}

// geoFields fills GDELT's eight Event geography columns: Type, FullName,
// CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
func geoFields(p *doc.Place) []string {
	out := make([]string, 8)
	if p == nil {
		return out
	}
	out[0] = strconv.Itoa(geoType(p))
	out[1] = clean(p.Name, "")
	out[2] = p.Country
	if p.Admin1 != "" {
		out[3] = p.Country + p.Admin1
	}
	out[5], out[6] = ftoa(p.Lat), ftoa(p.Lon)
	if p.GeoNameID != 0 {
		out[7] = strconv.Itoa(p.GeoNameID)
	}
	return out
}

type eventsWriter struct{ bw *bufio.Writer }

func (w *eventsWriter) Close() error { return w.bw.Flush() }

func (w *eventsWriter) Write(d *doc.Document) error {
	for i := range d.Events {
		if _, err := w.bw.WriteString(strings.Join(EventRow(d, i), "\t") + "\n"); err != nil {
			return err
		}
	}
	return nil
}

// EventRow returns the 61 GDELT 2.0 Event columns of event i of d.
func EventRow(d *doc.Document, i int) []string {
	e := &d.Events[i]
	row := make([]string, 0, EventColumns)
	row = append(row, strconv.FormatUint(eventID(d.ID, i), 10))
	if t := store.EventTime(e, d.Published); !t.IsZero() {
		t = t.UTC()
		frac := float64(t.Year()) + float64(t.YearDay()-1)/365.0
		row = append(row, t.Format("20060102"), t.Format("200601"), t.Format("2006"), strconv.FormatFloat(frac, 'f', 4, 64))
	} else {
		row = append(row, "", "", "", "")
	}
	row = append(row, actorFields(&e.Source)...)
	row = append(row, actorFields(e.Target)...)
	root := "0"
	if len(d.ParagraphSpans) > 0 && e.Sentence.Start < d.ParagraphSpans[0].End {
		root = "1" // in the headline or the lead paragraph
	}
	tone := ""
	if d.Tone != nil {
		tone = ftoa(d.Tone.Tone)
	}
	row = append(row, root, e.Code, e.Base, e.Root, strconv.Itoa(e.QuadClass), ftoa(e.Goldstein), "1", "1", "1", tone)
	row = append(row, geoFields(actorPlace(d, &e.Source))...)
	row = append(row, geoFields(actorPlace(d, e.Target))...)
	row = append(row, geoFields(e.Location)...)
	added := d.Published
	if added.IsZero() {
		added = time.Now()
	}
	src := d.URL
	if src == "" {
		src = d.ID
	}
	return append(row, gdeltTime(added), clean(src, ""))
}

// actorPlace is the place of an actor's entity, when it is a place.
func actorPlace(d *doc.Document, a *doc.Actor) *doc.Place {
	if a == nil || a.EntityID == "" {
		return nil
	}
	if e := d.EntityByID(a.EntityID); e != nil {
		return e.Place
	}
	return nil
}

type gkgWriter struct{ bw *bufio.Writer }

func (w *gkgWriter) Close() error { return w.bw.Flush() }

func (w *gkgWriter) Write(d *doc.Document) error {
	_, err := w.bw.WriteString(strings.Join(GKGRow(d), "\t") + "\n")
	return err
}

// GKGRow returns the 27 GDELT GKG 2.1 columns of d.
func GKGRow(d *doc.Document) []string {
	ro := newRuneOffsets(d.Text)
	row := make([]string, GKGColumns)
	row[0] = gdeltTime(d.Published) + "-" + d.ID
	row[1] = gdeltTime(d.Published)
	row[2] = "1" // WEB
	row[3] = clean(sourceName(d), "")
	row[4] = clean(d.URL, "")

	var v1, v2 []string
	for _, c := range d.Counts {
		loc := make([]string, 7) // LocationType#FullName#CountryCode#ADM1#Lat#Long#FeatureID
		if p := c.Place; p != nil {
			g := geoFields(p)
			loc = []string{g[0], g[1], g[2], g[3], g[5], g[6], g[7]}
		}
		f := append([]string{clean(c.Type, "#;"), ftoa(c.Number), clean(c.Object, "#;")}, cleanAll(loc, "#;")...)
		v1 = append(v1, strings.Join(f, "#"))
		v2 = append(v2, strings.Join(append(f, strconv.Itoa(ro.at(c.Start))), "#"))
	}
	row[5], row[6] = joinSemi(v1), joinSemi(v2)
	// 7, 8: themes (not coded).

	var locs1, locs2, persons1, persons2, orgs1, orgs2, all []string
	for _, e := range d.Entities {
		first := firstNameMention(&e)
		switch e.Type {
		case doc.Location:
			if e.Place == nil {
				break
			}
			g := cleanAll(geoFields(e.Place), "#;")
			locs1 = append(locs1, strings.Join([]string{g[0], g[1], g[2], g[3], g[5], g[6], g[7]}, "#"))
			locs2 = append(locs2, strings.Join(append(g, strconv.Itoa(ro.at(first))), "#"))
		case doc.Person:
			persons1 = append(persons1, clean(e.Name, ";,"))
			for _, m := range e.Mentions {
				if m.Kind == doc.MentionName {
					persons2 = append(persons2, clean(e.Name, ";,")+","+strconv.Itoa(ro.at(m.Start)))
				}
			}
		case doc.Organization:
			orgs1 = append(orgs1, clean(e.Name, ";,"))
			for _, m := range e.Mentions {
				if m.Kind == doc.MentionName {
					orgs2 = append(orgs2, clean(e.Name, ";,")+","+strconv.Itoa(ro.at(m.Start)))
				}
			}
		}
		if first >= 0 {
			all = append(all, clean(e.Name, ";,")+","+strconv.Itoa(ro.at(first)))
		}
	}
	row[9], row[10] = joinSemi(locs1), joinSemi(locs2)
	row[11], row[12] = joinSemi(persons1), joinSemi(persons2)
	row[13], row[14] = joinSemi(orgs1), joinSemi(orgs2)
	if t := d.Tone; t != nil {
		row[15] = strings.Join([]string{ftoa(t.Tone), ftoa(t.Positive), ftoa(t.Negative), ftoa(t.Polarity),
			ftoa(t.ActivityDensity), ftoa(t.SelfGroupDensity), strconv.Itoa(t.WordCount)}, ",")
		row[17] = "wc:" + strconv.Itoa(t.WordCount)
	}
	var dates []string
	for _, dt := range d.Dates {
		if f := dateFields(dt.Value); f != "" {
			dates = append(dates, f+"#"+strconv.Itoa(ro.at(dt.Start)))
		}
	}
	row[16] = joinSemi(dates)
	// 18-21: images and embeds (not kept).
	var quotes []string
	for _, q := range d.Quotes {
		quotes = append(quotes, strings.Join([]string{strconv.Itoa(ro.at(q.Start)), strconv.Itoa(ro.at(q.End) - ro.at(q.Start)),
			clean(q.Verb, "|#"), clean(q.Text, "|#")}, "|"))
	}
	row[22] = strings.Join(quotes, "#")
	row[23] = joinSemi(all)
	var amounts []string
	for _, c := range d.Counts {
		amounts = append(amounts, ftoa(c.Number)+","+clean(c.Object, ",;")+","+strconv.Itoa(ro.at(c.Start)))
	}
	row[24] = joinSemi(amounts)
	// 25: translation info (none).
	var extras strings.Builder
	extras.WriteString("<PAGE_TITLE>" + xmlText(d.Title) + "</PAGE_TITLE>")
	if d.Byline != "" {
		extras.WriteString("<PAGE_AUTHORS>" + xmlText(d.Byline) + "</PAGE_AUTHORS>")
	}
	row[26] = extras.String()
	return row
}

// dateFields renders a resolved date as GDELT's
// Resolution#Month#Day#Year (4 full date, 2 month and year, 1 year).
func dateFields(v string) string {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return fmt.Sprintf("4#%d#%d#%d", t.Month(), t.Day(), t.Year())
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return fmt.Sprintf("2#%d#0#%d", t.Month(), t.Year())
	}
	if t, err := time.Parse("2006", v); err == nil {
		return fmt.Sprintf("1#0#0#%d", t.Year())
	}
	return ""
}

func firstNameMention(e *doc.Entity) int {
	for _, m := range e.Mentions {
		if m.Kind == doc.MentionName {
			return m.Start
		}
	}
	if len(e.Mentions) > 0 {
		return e.Mentions[0].Start
	}
	return -1
}

func sourceName(d *doc.Document) string {
	if d.URL != "" {
		if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
			return strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	return d.Source
}

func cleanAll(fs []string, drop string) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = clean(f, drop)
	}
	return out
}

func joinSemi(parts []string) string { return strings.Join(parts, ";") }

func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(clean(s, ""))
}
