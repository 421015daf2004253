package event

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"eventwire/cameo"
	"eventwire/internal/shared"
)

// TestDebugRecord prints the coder's view of the validation records named
// by $EVENT_DEBUG (ids separated by commas) in $EVENT_DEBUG_FILE.
func TestDebugRecord(t *testing.T) {
	ids := os.Getenv("EVENT_DEBUG")
	if ids == "" {
		t.Skip("set EVENT_DEBUG to a record id")
	}
	path := shared.Require(t, "cameo", "universalpetrarch", "validation", "PETR2_GSR_validation.xml")
	if f := os.Getenv("EVENT_DEBUG_FILE"); f != "" {
		path = f
	}
	v, err := ReadValidation(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := shared.Require(t, "cameo")
	d, err := cameo.Load(os.DirFS(dir), cameo.Files{Verbs: "petrarch2/dictionaries/" + v.Verbs,
		Actors: prefix("petrarch2/dictionaries/", v.Actors), Agents: prefix("petrarch2/dictionaries/", v.Agents),
		Discards: prefix("petrarch2/dictionaries/", v.Discards), Ontology: "universalpetrarch/dictionaries/PETR.Internal.Coding.Ontology.txt"})
	if err != nil {
		t.Fatal(err)
	}
	st := NewWith(d, Options{RequireDyad: true})
	for _, r := range v.Records {
		if !strings.Contains(","+ids+",", ","+r.ID+",") {
			continue
		}
		s := newSentence(r.Parse, 0)
		s.findMentions(d)
		fmt.Println(r.ID, r.Text, r.Expected)
		for i, tk := range r.Parse {
			m := ""
			if mi := s.mention[i]; mi >= 0 {
				mt := s.mentions[mi]
				if mt.actor != nil {
					m = "ACTOR " + mt.actor.Name + " " + mt.actor.CodeAt(r.Date)
				} else {
					m = "AGENT " + mt.agent.Name + " " + mt.agent.Code
				}
			}
			vb := ""
			if x := st.c.lookupVerb(s, i); x != nil {
				vb = fmt.Sprintf("VERB %v %s block %s", x.Words, x.Code, d.Verbs.Blocks[x.Block].Name)
				if vc, _ := st.c.codeOf(s, i); vc.pattern != nil {
					vb += " PATTERN " + vc.pattern.Line
				}
			}
			fmt.Printf("  %2d %-14s %-10s %-5s %2d %-10s %s %s\n", i, tk.Text, tk.Lemma, tk.POS, tk.Head, tk.Dep, m, vb)
		}
		fmt.Println("  =>", st.Code(r.Parse, r.Date))
	}
}

func prefix(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}
