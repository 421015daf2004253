package geo

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
)

// writeTGZ writes a gzip-compressed tarball holding one file.
func writeTGZ(t *testing.T, path, name, content string) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(content))}); err != nil {
		t.Fatal(err)
	}
	tw.Write([]byte(content))
	tw.Close()
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildRoundTrip(t *testing.T) {
	dir := t.TempDir()
	cities := "360630\tCairo\tCairo\tAl Qahirah,Caire,CAI,Kairo\t30.06263\t31.24967\tP\tPPLC\tEG\t\t11\t\t\t\t9606916\t\t23\tAfrica/Cairo\t2022-01-01\n" +
		"4185632\tCairo\tCairo\t\t30.87751\t-84.20214\tP\tPPLA2\tUS\t\tGA\t\t\t\t9752\t\t\tAmerica/New_York\t2022-01-01\n" +
		"3871336\tSantiago\tSantiago\tSantiago de Chile\t-33.45694\t-70.64827\tP\tPPLC\tCL\t\t12\t\t\t\t4837295\t\t\tAmerica/Santiago\t2022-01-01\n"
	countries := `[{"name":{"common":"Egypt","official":"Arab Republic of Egypt"},"cca2":"EG","cca3":"EGY","capital":["Cairo"],
	"altSpellings":["EG","Misr"],"region":"Africa","subregion":"Northern Africa","latlng":[27,30],"area":1002450,
	"demonyms":{"eng":{"f":"Egyptian","m":"Egyptian"}}},
	{"name":{"common":"United States","official":"United States of America"},"cca2":"US","cca3":"USA","capital":["Washington D.C."],
	"altSpellings":["US","USA"],"region":"Americas","subregion":"North America","latlng":[38,-97],"area":9372610,
	"demonyms":{"eng":{"f":"American","m":"American"}}}]`
	writeTGZ(t, filepath.Join(dir, "c.tgz"), "package/dist/cities500.txt", cities)
	writeTGZ(t, filepath.Join(dir, "w.tgz"), "package/countries.json", countries)
	st, err := Build(BuildOptions{Cities: filepath.Join(dir, "c.tgz"), Countries: filepath.Join(dir, "w.tgz"), Out: dir, AltMinPopulation: 15000})
	if err != nil {
		t.Fatal(err)
	}
	if st.Countries != 2 || st.Cities != 3 || st.AltNames != 4 {
		t.Errorf("stats = %+v, want 2 countries, 3 cities, 4 alternate names (CAI dropped)", st)
	}
	os.WriteFile(filepath.Join(dir, AliasesFile), []byte("USA\tname\tU.S.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, RegionsFile), []byte("Middle East\t29\t41\t\tL\tRGN\n"), 0o644)
	g, err := LoadFrom(func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) })
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := g.Resolve("Cairo", nil); !ok || p.Country != "EGY" || p.GeoNameID != 360630 {
		t.Errorf("Resolve(Cairo) = %+v", p)
	}
	if p, ok := g.Resolve("Kairo", nil); !ok || p.GeoNameID != 360630 {
		t.Errorf("Resolve(Kairo) = %+v, want the alternate name to find Cairo", p)
	}
	if _, ok := g.Resolve("CAI", nil); ok {
		t.Error("Resolve(CAI) found a place: codes must not be names")
	}
	if m, ok := g.Lookup("Americans"); !ok || m.Country.ISO3 != "USA" || m.Kind != KindPeople {
		t.Errorf("Lookup(Americans) = %+v", m)
	}
	if m, ok := g.Lookup("U.S."); !ok || m.Country.ISO3 != "USA" {
		t.Errorf("Lookup(U.S.) = %+v", m)
	}
	if c := len(g.Candidates("Santiago de Chile")); c != 1 {
		t.Errorf("Candidates(Santiago de Chile) = %d places, want 1", c)
	}
}
