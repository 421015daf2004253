// Package actors is eventwire's CAMEO actor lookup: who a name is in the
// PETRARCH-2 / Phoenix actor dictionaries (country, international and
// non-state actors) and which agent code a role noun carries ("Justice
// Minister" -> GOV). The entity stage uses it to put actor codes and
// countries on people and organisations; the event coder can share it.
//
// The dictionaries are embedded compacted (comments and blank lines removed,
// the MIT licence notice kept) as data/gazetteer/actors.txt.gz and
// agents.txt.gz, rebuilt by "eventwire train actors" from
// shared/cameo/petrarch2/dictionaries. Parsing and matching are package
// cameo's, so both stages read the dictionaries the same way.
package actors

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing/fstest"
	"time"

	"eventwire/cameo"
	"eventwire/data"
)

// Embedded file names under data/gazetteer.
const (
	ActorsFile = "actors.txt.gz"
	AgentsFile = "agents.txt.gz"
)

// Sources lists the dictionary files the build compacts into ActorsFile and
// AgentsFile.
var (
	ActorSources = []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"}
	AgentSources = []string{"Phoenix.agents.txt"}
)

// Dictionary answers actor and agent look-ups. It is read-only after Load
// and safe for concurrent use.
type Dictionary struct {
	actors *cameo.Actors
	agents *cameo.Agents
}

// Actor is the answer to a name look-up.
type Actor struct {
	// Name is the dictionary entry's first name ("JOHN KERRY").
	Name string
	// Code is the CAMEO actor code valid on the look-up date ("USAGOV").
	Code string
	// Stale is set when no code of the entry covers the date and Code is
	// the latest one instead (the country is usually still right).
	Stale bool
}

// Load reads the embedded dictionaries.
func Load() (*Dictionary, error) {
	sub, err := fs.Sub(data.FS(), "gazetteer")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub, ActorsFile, AgentsFile)
}

// LoadFS reads an actor and an agent dictionary from fsys; names ending in
// ".gz" are decompressed.
func LoadFS(fsys fs.FS, actorFile, agentFile string) (*Dictionary, error) {
	mem := fstest.MapFS{}
	for _, name := range []string{actorFile, agentFile} {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("actors: %w", err)
		}
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, fmt.Errorf("actors: %s: %w", name, err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				return nil, fmt.Errorf("actors: %s: %w", name, err)
			}
		}
		mem[name] = &fstest.MapFile{Data: b}
	}
	act, err := cameo.ReadActors(mem, actorFile)
	if err != nil {
		return nil, err
	}
	ag, err := cameo.ReadAgents(mem, agentFile)
	if err != nil {
		return nil, err
	}
	return &Dictionary{actors: act, agents: ag}, nil
}

// Actors returns the underlying actor dictionary, for coders that match
// actor phrases inside sentences.
func (d *Dictionary) Actors() *cameo.Actors { return d.actors }

// Agents returns the underlying agent dictionary.
func (d *Dictionary) Agents() *cameo.Agents { return d.agents }

// Lookup returns the actor a whole name denotes ("John Kerry", "Hamas",
// "Palestinian Authority") and its code on date (the zero time picks the
// current or latest code). A possessive "'s" is ignored.
func (d *Dictionary) Lookup(name string, date time.Time) (Actor, bool) {
	name = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(name), "'s"), "\u2019s")
	if name == "" {
		return Actor{}, false
	}
	a := d.actors.Lookup(name)
	if a == nil {
		return Actor{}, false
	}
	code, stale := a.CodeAt(ymd(date)), false
	if code == "" && !date.IsZero() {
		code, stale = a.CodeAt(0), true
	}
	if code == "" || code == "---" {
		return Actor{}, false
	}
	return Actor{Name: a.Name, Code: code, Stale: stale}, true
}

// Agent returns the agent code of a whole role phrase ("Justice Minister",
// "president", "militants"): "GOV", "MIL", "REB"...
func (d *Dictionary) Agent(phrase string) (string, bool) {
	words := strings.Fields(strings.ToUpper(phrase))
	if len(words) == 0 {
		return "", false
	}
	a, n := d.agents.Match(words, 0)
	if a == nil || n != len(words) {
		return "", false
	}
	return a.Code, true
}

// ymd returns t as YYYYMMDD, or 0 for the zero time.
func ymd(t time.Time) int {
	if t.IsZero() {
		return 0
	}
	return t.Year()*10000 + int(t.Month())*100 + t.Day()
}
