package gazetteer

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"eventwire/internal/shared"
)

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"United_States_of_America", "United States of America"},
		{"Egypt's", "Egypt 's"},
		{"al-Sisi (Egypt)", "al-Sisi ( Egypt )"},
		{"U.S.", "U.S."},
		{"Washington, D.C.", "Washington , D.C."},
	}
	for _, tt := range tests {
		if got := strings.Join(Tokenize(tt.in), " "); got != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	l := Lists{}
	l.Add("city", "New York")
	l.Add("city", "York")
	l.Add("country", "United Arab Emirates")
	l.Add("org", "New York Times")
	m, err := NewMatcher(l)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("the new york times in united arab emirates york")
	hits := m.Match(words)
	names := m.Names()
	got := make([]string, len(words))
	for i, hs := range hits {
		var parts []string
		for _, h := range hs {
			parts = append(parts, names[h.List]+":"+string(h.Pos))
		}
		got[i] = strings.Join(parts, ",")
	}
	want := []string{"", "city:B,org:B", "city:L,org:I", "org:L", "", "country:B", "country:I", "country:L", "city:U"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Match:\n got %q\nwant %q", got, want)
	}
}

func TestWriteRead(t *testing.T) {
	l := Lists{}
	l.Add("first", "Tzipi")
	l.Add("country", "Qatar")
	var b bytes.Buffer
	if err := l.Write(&b); err != nil {
		t.Fatal(err)
	}
	r, err := ReadLists(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, l) {
		t.Errorf("round trip: got %v, want %v", r, l)
	}
}

func TestStripRoles(t *testing.T) {
	roles := map[string]bool{"prime": true, "minister": true, "israeli": true}
	tests := []struct{ in, want string }{
		{"ISRAELI_PRIME_MINISTER_BENJAMIN_NETANYAHU", "BENJAMIN NETANYAHU"},
		{"BENJAMIN_NETANYAHU_", "BENJAMIN NETANYAHU"},
		{"MINISTER", ""},
		{"JOHN_MINISTER_SMITH", ""},
	}
	for _, tt := range tests {
		if got := stripRoles(cleanActor(tt.in), roles); got != tt.want {
			t.Errorf("stripRoles(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadActors(t *testing.T) {
	dir := t.TempDir()
	src := "AFGHANISTAN_  [AFG]\n+KABUL_\n\nBENJAMIN_NETANYAHU_  # CountryInfo.txt\n+NETANYAHU\n\t[ISRGOV 960618-990706]\nHAMAS_  #  kkl\n\t[PSEREB]\n"
	p := filepath.Join(dir, "a.actors.txt")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	blocks, err := readActors(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 3 {
		t.Fatalf("got %d blocks, want 3: %+v", len(blocks), blocks)
	}
	if !blocks[0].country || blocks[0].dated || !reflect.DeepEqual(blocks[0].names, []string{"AFGHANISTAN", "KABUL"}) {
		t.Errorf("country block = %+v", blocks[0])
	}
	if !blocks[1].dated || len(blocks[1].names) != 2 {
		t.Errorf("person block = %+v", blocks[1])
	}
	if blocks[2].dated || blocks[2].country {
		t.Errorf("group block = %+v", blocks[2])
	}
}

func TestAddCAMEO(t *testing.T) {
	dir := shared.Require(t, "cameo", "petrarch2", "dictionaries")
	l := Lists{}
	if err := l.AddCAMEO(dir); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ list, phrase string }{
		{CameoPer, "benjamin netanyahu"},
		{CameoOrg, "hamas"},
		{Country, "egypt"},
	} {
		if !l[c.list][c.phrase] {
			t.Errorf("%s lacks %q", c.list, c.phrase)
		}
	}
	if l[CameoPer]["prime minister benjamin netanyahu"] {
		t.Error("person names keep their titles")
	}
}
