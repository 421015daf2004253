// Package perceptron is a multi-class averaged perceptron over hashed
// features, the learner behind eventwire's tagger and parser. A Trainer
// learns sparse weights (only the feature and class pairs that were ever
// updated exist); Average turns it into a compact, read-only Model that is
// safe for concurrent use.
package perceptron

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Feature hashing: features are uint32 keys built with Hash.

// Hash mixes a template number and up to a few values into a feature key.
func Hash(template uint32, vals ...uint64) uint32 {
	h := uint64(template)*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019
	for _, v := range vals {
		h ^= v
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	h ^= h >> 29
	h *= 0x94d049bb133111eb
	h ^= h >> 32
	return uint32(h)
}

// String hashes s for use as a feature value.
func String(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

type entry struct {
	class int32
	w     float32
	total float64
	stamp int32
}

// Trainer learns the weights of an averaged perceptron.
type Trainer struct {
	classes int
	rows    map[uint32][]entry
	now     int32
}

// NewTrainer returns a trainer for the given number of classes.
func NewTrainer(classes int) *Trainer {
	return &Trainer{classes: classes, rows: make(map[uint32][]entry)}
}

// Classes returns the number of classes.
func (t *Trainer) Classes() int { return t.classes }

// Score adds the current weights of feats to scores (len Classes).
func (t *Trainer) Score(feats []uint32, scores []float32) {
	for _, f := range feats {
		for _, e := range t.rows[f] {
			scores[e.class] += e.w
		}
	}
}

// Tick marks the end of one training instance (the averaging clock).
func (t *Trainer) Tick() { t.now++ }

// Update moves weight towards truth and away from guess for every feature.
// It does nothing when they are equal.
func (t *Trainer) Update(feats []uint32, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		row := t.rows[f]
		row = t.add(row, int32(truth), 1)
		row = t.add(row, int32(guess), -1)
		t.rows[f] = row
	}
}

func (t *Trainer) add(row []entry, class int32, d float32) []entry {
	for i := range row {
		e := &row[i]
		if e.class == class {
			e.total += float64(t.now-e.stamp) * float64(e.w)
			e.stamp = t.now
			e.w += d
			return row
		}
	}
	return append(row, entry{class: class, w: d, stamp: t.now})
}

// Average returns the model with averaged weights, dropping weights whose
// magnitude is below prune.
func (t *Trainer) Average(prune float32) *Model {
	keys := make([]uint32, 0, len(t.rows))
	for k := range t.rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	m := &Model{classes: t.classes, index: newTable(len(keys))}
	now := float64(max(t.now, 1))
	for _, k := range keys {
		start := len(m.class)
		for _, e := range t.rows[k] {
			avg := (e.total + float64(t.now-e.stamp)*float64(e.w)) / now
			if math.Abs(avg) < float64(prune) || avg == 0 {
				continue
			}
			m.class = append(m.class, uint8(e.class))
			m.weight = append(m.weight, float32(avg))
		}
		if len(m.class) > start {
			m.index.put(k, span{int32(start), int32(len(m.class))})
		}
	}
	return m
}

type span struct{ start, end int32 }

// slot is one cell of the model's open-addressing feature table; end == 0
// marks an empty cell.
type slot struct {
	key uint32
	span
}

// table maps feature keys to their weights' span with linear probing; it is
// several times faster than a Go map for these lookups.
type table struct {
	slots []slot
	mask  uint32
	n     int
}

func newTable(n int) *table {
	size := 1
	for size < 2*n+1 {
		size <<= 1
	}
	return &table{slots: make([]slot, size), mask: uint32(size - 1)}
}

func (t *table) put(k uint32, s span) {
	i := k & t.mask
	for t.slots[i].end != 0 && t.slots[i].key != k {
		i = (i + 1) & t.mask
	}
	if t.slots[i].end == 0 {
		t.n++
	}
	t.slots[i] = slot{k, s}
}

func (t *table) get(k uint32) (span, bool) {
	i := k & t.mask
	for {
		sl := &t.slots[i]
		if sl.end == 0 {
			return span{}, false
		}
		if sl.key == k {
			return sl.span, true
		}
		i = (i + 1) & t.mask
	}
}

// Model is a trained, read-only perceptron; Score is safe for concurrent use.
type Model struct {
	classes int
	index   *table
	class   []uint8
	weight  []float32
}

// Classes returns the number of classes.
func (m *Model) Classes() int { return m.classes }

// Features returns the number of features with at least one weight.
func (m *Model) Features() int { return m.index.n }

// Weights returns the number of stored weights.
func (m *Model) Weights() int { return len(m.weight) }

// Score adds the weights of feats to scores (len Classes).
func (m *Model) Score(feats []uint32, scores []float32) {
	// Look every feature up first: the lookups are independent memory
	// accesses the processor can overlap, where interleaving them with the
	// sums would serialise the cache misses.
	var buf [256]span
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), len(buf))]
		feats = feats[len(chunk):]
		spans := buf[:0]
		for _, f := range chunk {
			if s, ok := m.index.get(f); ok {
				spans = append(spans, s)
			}
		}
		for _, s := range spans {
			cl := m.class[s.start:s.end]
			w := m.weight[s.start:s.end]
			w = w[:len(cl)]
			for i, c := range cl {
				scores[c] += w[i]
			}
		}
	}
}

// Weights are stored quantised: each weight as an int16 multiple of a
// per-model scale. The file format is: magic, classes, scale, number of
// features, then per feature its key (delta-coded uvarint), its count of
// weights and (class byte, int16) pairs.
const magic = "EWAP1"

// WriteTo writes the model in its binary format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var maxAbs float64
	for _, x := range m.weight {
		maxAbs = max(maxAbs, math.Abs(float64(x)))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	keys := make([]uint32, 0, m.index.n)
	for _, sl := range m.index.slots {
		if sl.end != 0 {
			keys = append(keys, sl.key)
		}
	}
	slices.Sort(keys)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	bw.WriteString(magic)
	put(uint64(m.classes))
	binary.Write(bw, binary.LittleEndian, scale)
	put(uint64(len(keys)))
	prev := uint32(0)
	for _, k := range keys {
		put(uint64(k - prev))
		prev = k
		s, _ := m.index.get(k)
		put(uint64(s.end - s.start))
		for i := s.start; i < s.end; i++ {
			bw.WriteByte(m.class[i])
			q := int16(math.Round(float64(m.weight[i]) / scale))
			binary.Write(bw, binary.LittleEndian, q)
		}
	}
	return 0, bw.Flush()
}

// Read reads a model written by WriteTo.
func Read(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("perceptron: not a model file")
	}
	classes, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, fmt.Errorf("perceptron: read classes: %w", err)
	}
	var scale float64
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
		return nil, fmt.Errorf("perceptron: read scale: %w", err)
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<28 {
		return nil, fmt.Errorf("perceptron: read feature count: %v", err)
	}
	m := &Model{classes: int(classes), index: newTable(int(n))}
	key := uint32(0)
	for range n {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("perceptron: read key: %w", err)
		}
		key += uint32(d)
		cnt, err := binary.ReadUvarint(br)
		if err != nil || cnt > classes {
			return nil, fmt.Errorf("perceptron: read weight count: %v", err)
		}
		start := int32(len(m.class))
		for range cnt {
			c, err := br.ReadByte()
			if err != nil {
				return nil, fmt.Errorf("perceptron: read class: %w", err)
			}
			var q int16
			if err := binary.Read(br, binary.LittleEndian, &q); err != nil {
				return nil, fmt.Errorf("perceptron: read weight: %w", err)
			}
			if uint64(c) >= classes {
				return nil, fmt.Errorf("perceptron: class %d out of range", c)
			}
			m.class = append(m.class, c)
			m.weight = append(m.weight, float32(float64(q)*scale))
		}
		if cnt > 0 {
			m.index.put(key, span{start, int32(len(m.class))})
		}
	}
	return m, nil
}
