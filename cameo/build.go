package cameo

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
)

// Embedded names the files "eventwire train cameo" writes under
// data/gazetteer/cameo (the actor and agent dictionaries are shared with
// package actors as data/gazetteer/actors.txt.gz and agents.txt.gz).
var Embedded = struct {
	Verbs, Discards, Codebook, Ontology string
}{"verbs.txt.gz", "discards.txt.gz", "codebook.csv.gz", "ontology.txt.gz"}

const mitNotice = `# The MIT License (MIT)
# Copyright (c) 2015 Open Event Data Alliance
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
# THE SOFTWARE.
`

// Build compacts the event-coding files of shared/cameo (cameoDir) into
// outDir: the PETRARCH-2 verb dictionary and discards and the PICO ontology
// (MIT, Open Event Data Alliance) with comments and blank lines removed, and
// the CAMEO code table (GDELT lookups + CC BY-SA 4.0 PLOVER columns) as is.
func Build(cameoDir, outDir string) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("cameo: build: %w", err)
	}
	dicts := filepath.Join(cameoDir, "petrarch2", "dictionaries")
	jobs := []struct{ src, dst, head string }{
		{filepath.Join(dicts, "CAMEO.2.0.txt"), Embedded.Verbs, "# PETRARCH-2 CAMEO verb dictionary CAMEO.2.0.txt (github.com/openeventdata/petrarch2)\n"},
		{filepath.Join(dicts, "Phoenix.discards.txt"), Embedded.Discards, "# Phoenix discards (github.com/openeventdata/petrarch2)\n"},
		{filepath.Join(cameoDir, "universalpetrarch", "dictionaries", "PETR.Internal.Coding.Ontology.txt"), Embedded.Ontology, "# PETRARCH internal coding ontology (github.com/openeventdata/UniversalPetrarch)\n"},
	}
	for _, j := range jobs {
		f, err := os.Open(j.src)
		if err != nil {
			return fmt.Errorf("cameo: build: %w", err)
		}
		lines, err := cleanLines(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("cameo: build %s: %w", j.src, err)
		}
		var b bytes.Buffer
		b.WriteString(j.head + "# compacted by \"eventwire train cameo\": comments and blank lines removed.\n" + mitNotice)
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		if err := writeGzip(filepath.Join(outDir, j.dst), b.Bytes()); err != nil {
			return err
		}
	}
	cb, err := os.ReadFile(filepath.Join(cameoDir, "codebook", "cameo_eventcodes.csv"))
	if err != nil {
		return fmt.Errorf("cameo: build: %w", err)
	}
	if _, err := ReadCodebook(bytes.NewReader(cb)); err != nil {
		return err
	}
	return writeGzip(filepath.Join(outDir, Embedded.Codebook), cb)
}

// writeGzip writes b compressed to path, with a zero modification time so
// that rebuilds are byte-identical.
func writeGzip(path string, b []byte) error {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cameo: build: %w", err)
	}
	return nil
}
