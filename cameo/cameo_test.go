package cameo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"eventwire/internal/shared"
)

func TestWordMatches(t *testing.T) {
	tests := []struct {
		dict, text string
		want       bool
	}{
		{"MINISTER", "MINISTERS", true},
		{"MINISTER_", "MINISTERS", false},
		{"ISRAEL_", "ISRAELI", false},
		{"DIPLOMAT", "DIPLOMATIC", false},
		{"ISRAEL_", "ISRAEL", true},
		{"US_", "USA", false},
	}
	for _, tt := range tests {
		w := parseWords(tt.dict)[0]
		if got := w.Matches(tt.text); got != tt.want {
			t.Errorf("%s matches %s = %v, want %v", tt.dict, tt.text, got, tt.want)
		}
	}
}

const actorsFile = `
HAMAS [PSEREBHMS]
UNITED_STATES  [USA]
+U.S.
JOHN_KERRY_
+SECRETARY_OF_STATE_JOHN_KERRY_
	[USAGOVLEG 850103-130201]
	[USAGOV >130201]
THE_SHIRE  [FRO/BIL/SAM]
`

const agentsFile = `
!PERSON! = MAN, MEN
FOREIGN_MINISTER [~GOVFRM]
CONGRESS!PERSON! [~LEG]
MSF {}  [NGO~]
`

const verbsFile = `
&TIETYPES
+MILITARY
+ECONOMIC

--- MEET [040] ---
MEET {MEETS MET MEETING}
+CALL_OFF [160]
- * (WITH {FOREIGN MINISTER}) [0411]
- % * [040:040]
- * NEW_&TIETYPES_RELATIONS [903]
`

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"a.txt": {Data: []byte(actorsFile)},
		"g.txt": {Data: []byte(agentsFile)},
		"v.txt": {Data: []byte(verbsFile)},
		"d.txt": {Data: []byte("+TYPHOON\nBASEBALL\n")},
	}
}

func TestDict(t *testing.T) {
	d, err := Load(testFS(), Files{Verbs: "v.txt", Actors: []string{"a.txt"}, Agents: []string{"g.txt"}, Discards: []string{"d.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("SECRETARY OF STATE JOHN KERRY MET THE U.S. CONGRESSMEN")
	a, n := d.Actors.Match(words, 0)
	if a == nil || n != 5 {
		t.Fatalf("Kerry: got %v, %d", a, n)
	}
	if got := a.CodeAt(20140722); got != "USAGOV" {
		t.Errorf("Kerry in 2014 = %s, want USAGOV", got)
	}
	if got := a.CodeAt(20100101); got != "USAGOVLEG" {
		t.Errorf("Kerry in 2010 = %s, want USAGOVLEG", got)
	}
	if a, _ := d.Actors.Match(words, 7); a == nil || a.CodeAt(0) != "USA" {
		t.Errorf("U.S. not found")
	}
	if ag, n := d.Agents.Match([]string{"CONGRESS", "MEN"}, 0); ag == nil || ag.Code != "LEG" || n != 2 {
		t.Errorf("CONGRESS MEN agent: %v %d", ag, n)
	}
	if ag, _ := d.Agents.Match([]string{"FOREIGN", "MINISTERS"}, 0); ag == nil || ag.Code != "GOVFRM" {
		t.Errorf("FOREIGN MINISTERS agent: %v", ag)
	}
	if ag, _ := d.Agents.Match([]string{"MSF"}, 0); ag == nil || !ag.Prefix || ag.Code != "NGO" {
		t.Errorf("MSF agent: %v", ag)
	}
	vs := d.Verbs.Lookup("MET")
	if len(vs) != 1 || vs[0].Code != "040" {
		t.Fatalf("MET: %v", vs)
	}
	if vs := d.Verbs.Lookup("CALL"); len(vs) != 1 || vs[0].Code != "160" || len(vs[0].Words) != 2 {
		t.Errorf("CALL OFF: %+v", vs)
	}
	b := d.Verbs.Blocks[vs[0].Block]
	if len(b.Patterns) != 3 {
		t.Fatalf("patterns: %d", len(b.Patterns))
	}
	if p := b.Patterns[0]; len(p.Post) != 1 || !p.Post[0].PP || p.Weight != 3 || p.Code != "0411" {
		t.Errorf("PP pattern: %+v", p)
	}
	if p := b.Patterns[1]; p.Code != "040" || p.Reverse != "040" || p.Pre[0].Elems[0].Kind != ElemCompound {
		t.Errorf("compound pattern: %+v", p)
	}
	if p := b.Patterns[2]; !p.Post[0].Contiguous || p.Post[0].Elems[1].Kind != ElemSynset {
		t.Errorf("synset pattern: %+v", p)
	}
	if s, st := d.Discards.Check([]string{"A", "TYPHOON"}); !s || !st {
		t.Errorf("typhoon should discard the story")
	}
	if s, st := d.Discards.Check([]string{"BASEBALL", "GAME"}); !s || st {
		t.Errorf("baseball should discard the sentence only")
	}
}

func TestSharedDictionaries(t *testing.T) {
	dir := shared.Require(t, "cameo", "petrarch2", "dictionaries")
	d, err := Load(os.DirFS(dir), PhoenixFiles())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Verbs.List) < 1500 || len(d.Actors.List) < 10000 || len(d.Agents.List) < 2000 {
		t.Errorf("sizes: %d verbs, %d actors, %d agents", len(d.Verbs.List), len(d.Actors.List), len(d.Agents.List))
	}
	cb := shared.Require(t, "cameo", "codebook", "cameo_eventcodes.csv")
	f, err := os.Open(cb)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	book, err := ReadCodebook(f)
	if err != nil {
		t.Fatal(err)
	}
	if ci := book["190"]; ci.QuadClass != 4 || ci.Plover == "" {
		t.Errorf("190: %+v", ci)
	}
	_ = filepath.Join
}

func TestOntology(t *testing.T) {
	fsys := fstest.MapFS{"p.txt": {Data: []byte(`# PICO
030:0x3000#Intend
031:0x3070
033:0x3040
060:0x0070#MaterialCoop
070:0x0040#ProvideAid
121:-0xFFFF+0x0070
138:0x60A0
190:0x00A0#Fight
174:0x9030
`)}}
	o, err := ReadOntology(fsys, "p.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ gov, act, want string }{
		{"030", "060", "031"}, // intend + cooperate
		{"030", "070", "033"}, // intend + aid
		{"030", "190", "138"}, // intend + fight = threaten
		{"030", "174", ""},    // coercion has its own top bits
		{"060", "070", ""},    // a plain action governs nothing
	}
	for _, tt := range tests {
		if got := o.Combine(tt.gov, tt.act); got != tt.want {
			t.Errorf("Combine(%s, %s) = %q, want %q", tt.gov, tt.act, got, tt.want)
		}
	}
	if got := o.Negate("060"); got != "121" {
		t.Errorf("Negate(060) = %q, want 121", got)
	}
	if got := o.Negate("190"); got != "" {
		t.Errorf("Negate(190) = %q, want none", got)
	}
}

func TestBuild(t *testing.T) {
	dir := shared.Require(t, "cameo")
	out := t.TempDir()
	if err := Build(dir, out); err != nil {
		t.Fatal(err)
	}
	d, err := Load(os.DirFS(out), Files{Verbs: Embedded.Verbs, Discards: []string{Embedded.Discards}, Codebook: Embedded.Codebook, Ontology: Embedded.Ontology})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Verbs.List) < 1500 || len(d.Codebook) < 300 || d.Ontology.Combine("030", "060") != "031" {
		t.Errorf("built set: %d verbs, %d codes", len(d.Verbs.List), len(d.Codebook))
	}
	// Rebuilding gives the same bytes (the embedded files are reproducible).
	again := t.TempDir()
	if err := Build(dir, again); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{Embedded.Verbs, Embedded.Codebook} {
		a, _ := os.ReadFile(filepath.Join(out, name))
		b, _ := os.ReadFile(filepath.Join(again, name))
		if string(a) != string(b) {
			t.Errorf("%s differs between builds", name)
		}
	}
}
