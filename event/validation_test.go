package event

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"eventwire/cameo"
	"eventwire/internal/shared"
)

const sampleXML = `<Validation>
<Environment>
    <Verbfile>CAMEO.2.0.txt</Verbfile>
    <Actorfile>a.txt, b.txt</Actorfile>
    <PICOfile>PICO.txt</PICOfile>
</Environment>
# a comment line outside XML comments
<Sentences>
<Sentence date="20140722" id="S1" category="T" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="ISR" targetcode="PSEREBHMS" />
<Text>
Israel attacked
Hamas.
</Text>
<Parse>
1	Israel	Israel	PROPN	NNP	_	2	nsubj	_	_
2	attacked	attack	VERB	VBD	_	0	root	_	_
3	Hamas	Hamas	PROPN	NNP	_	2	dobj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_
</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="20140722" id="S2" category="T">
<!-- no events here -->
<EventCoding noevents="True"></EventCoding>
<Text>It rained.</Text>
</Sentence>
<Sentence date="20140722" id="S3" category="T">
<EventCoding error="dateline"></EventCoding>
<Text>CAIRO: --</Text>
</Sentence>
</Sentences>
</Validation>`

func TestReadValidation(t *testing.T) {
	p := filepath.Join(t.TempDir(), "v.xml")
	if err := os.WriteFile(p, []byte(sampleXML), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := ReadValidation(p)
	if err != nil {
		t.Fatal(err)
	}
	if v.Verbs != "CAMEO.2.0.txt" || len(v.Actors) != 2 || v.Actors[1] != "b.txt" || v.Ontology != "PICO.txt" {
		t.Errorf("environment: %+v", v)
	}
	if len(v.Records) != 3 {
		t.Fatalf("records: %d", len(v.Records))
	}
	r := v.Records[0]
	if r.ID != "S1" || r.Date != 20140722 || r.Text != "Israel attacked Hamas." || !r.RequireDyad {
		t.Errorf("record 1: %+v", r)
	}
	if len(r.Expected) != 1 || r.Expected[0] != (Triple{"ISR", "PSEREBHMS", "190"}) {
		t.Errorf("expected: %v", r.Expected)
	}
	if len(r.Parse) != 4 || r.Parse[2].Dep != "obj" || r.Parse[1].Head != -1 || r.Parse[0].Head != 1 {
		t.Errorf("parse: %+v", r.Parse)
	}
	if !v.Records[1].NoEvents || v.Records[1].RequireDyad {
		t.Errorf("record 2: %+v", v.Records[1])
	}
	if v.Records[2].Error != "dateline" {
		t.Errorf("record 3: %+v", v.Records[2])
	}

	st := newTestStage(t)
	sc, _, err := Evaluate(context.Background(), st, v, nil)
	if err != nil {
		t.Fatal(err)
	}
	// S2 has no parse and S3 expects an input error: both skipped.
	if sc.Sentences != 1 || sc.Skipped != 2 || sc.Expected != 1 || sc.Exact != 1 || sc.FalseExact != 0 {
		t.Errorf("score: %+v", sc)
	}
}

func TestMatchTriples(t *testing.T) {
	exp := []Triple{{"A", "B", "190"}, {"A", "B", "190"}, {"B", "A", "043"}}
	pred := []Triple{{"A", "B", "190"}, {"B", "A", "042"}}
	if n := matchTriples(exp, pred, func(t Triple) Triple { return t }); n != 1 {
		t.Errorf("exact: %d, want 1 (one to one)", n)
	}
	if n := matchTriples(exp, pred, func(t Triple) Triple { t.Code = rootOf(t.Code); return t }); n != 2 {
		t.Errorf("root: %d, want 2", n)
	}
}

// TestGSRFileParses codes the real-news GSR records from the parses the file
// carries; the figure on eventwire's own parse is measured by "eventwire
// eval events" (docs/results/events.md).
func TestGSRFileParses(t *testing.T) {
	path := shared.Require(t, "cameo", "universalpetrarch", "validation", "PETR2_GSR_validation.xml")
	dicts := shared.Require(t, "cameo")
	v, err := ReadValidation(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cameo.Load(os.DirFS(dicts), cameo.Files{
		Verbs:    "petrarch2/dictionaries/" + v.Verbs,
		Actors:   prefix("petrarch2/dictionaries/", v.Actors),
		Agents:   prefix("petrarch2/dictionaries/", v.Agents),
		Discards: prefix("petrarch2/dictionaries/", v.Discards),
		Ontology: "universalpetrarch/dictionaries/" + v.Ontology,
	})
	if err != nil {
		t.Fatal(err)
	}
	sc, _, err := Evaluate(context.Background(), NewWith(d, Options{RequireDyad: true}), v, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Sentences < 70 || float64(sc.Exact) < 0.5*float64(sc.Expected) {
		t.Errorf("GSR with file parses: %+v", sc)
	}
	t.Logf("GSR with file parses: %d/%d exact, %d false", sc.Exact, sc.Expected, sc.FalseExact)
}

func prefix(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}
