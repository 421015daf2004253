package cameo

import (
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// Files names the dictionary files of one coding set inside a folder.
type Files struct {
	Verbs string
	// ExtraVerbs add verbs and patterns to Verbs' blocks.
	ExtraVerbs []string
	Actors     []string
	Agents     []string
	Discards   []string
	// Codebook is the CAMEO code table (cameo_eventcodes.csv); optional.
	Codebook string
	// Ontology is the PICO file that combines governing and governed verbs; optional.
	Ontology string
}

// Dict is a complete coding set: verb patterns, actors, agents, discards and
// the codebook.
type Dict struct {
	Verbs    *Verbs
	Actors   *Actors
	Agents   *Agents
	Discards *Discards
	Codebook Codebook
	Ontology *Ontology
}

// Load reads the files named by f from fsys. Names ending in ".gz" are
// decompressed.
func Load(fsys fs.FS, f Files) (*Dict, error) {
	gz := gzipFS{fsys}
	d := &Dict{}
	var err error
	if d.Verbs, err = ReadVerbs(gz, f.Verbs, f.ExtraVerbs...); err != nil {
		return nil, err
	}
	if d.Actors, err = ReadActors(gz, f.Actors...); err != nil {
		return nil, err
	}
	if d.Agents, err = ReadAgents(gz, f.Agents...); err != nil {
		return nil, err
	}
	if d.Discards, err = ReadDiscards(gz, f.Discards...); err != nil {
		return nil, err
	}
	if f.Ontology != "" {
		if d.Ontology, err = ReadOntology(gz, f.Ontology); err != nil {
			return nil, err
		}
	}
	if f.Codebook != "" {
		r, err := gz.Open(f.Codebook)
		if err != nil {
			return nil, fmt.Errorf("cameo: %w", err)
		}
		defer r.Close()
		if d.Codebook, err = ReadCodebook(r); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// gzipFS opens "NAME.gz" files decompressed.
type gzipFS struct{ fs.FS }

// Open opens name, decompressing it when it ends in ".gz".
func (g gzipFS) Open(name string) (fs.File, error) {
	f, err := g.FS.Open(name)
	if err != nil || !strings.HasSuffix(name, ".gz") {
		return f, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("cameo: %s: %w", name, err)
	}
	return gzFile{File: f, r: zr}, nil
}

type gzFile struct {
	fs.File
	r io.Reader
}

// Read reads decompressed bytes.
func (g gzFile) Read(p []byte) (int, error) { return g.r.Read(p) }

// PhoenixFiles names the full PETRARCH-2 / Phoenix coding set in
// shared/cameo/petrarch2/dictionaries.
func PhoenixFiles() Files {
	return Files{
		Verbs:    "CAMEO.2.0.txt",
		Actors:   []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"},
		Agents:   []string{"Phoenix.agents.txt"},
		Discards: []string{"Phoenix.discards.txt"},
	}
}
