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
// magnitude is below prune. Weights are quantised to 16 bits.
func (t *Trainer) Average(prune float32) *Model {
	keys := make([]uint32, 0, len(t.rows))
	for k := range t.rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	now := float64(max(t.now, 1))
	var rows [][]weight
	var kept []uint32
	for _, k := range keys {
		var row []weight
		for _, e := range t.rows[k] {
			avg := (e.total + float64(t.now-e.stamp)*float64(e.w)) / now
			if math.Abs(avg) < float64(prune) || avg == 0 {
				continue
			}
			row = append(row, weight{uint8(e.class), float32(avg)})
		}
		if len(row) > 0 {
			kept = append(kept, k)
			rows = append(rows, row)
		}
	}
	return build(t.classes, kept, rows, 0)
}

// weight is one class's weight of a feature.
type weight struct {
	class uint8
	w     float32
}

// slot is one cell of the model's open-addressing feature table; off == 0
// marks an empty cell.
type slot struct {
	key, off uint32
}

// table maps feature keys to the offset of their weights with linear
// probing; it is several times faster than a Go map for these lookups.
type table struct {
	slots []slot
	mask  uint32
	n     int
}

func newTable(n int) *table {
	size := 1
	for size*2 < n*3+1 { // load factor at most 2/3
		size <<= 1
	}
	return &table{slots: make([]slot, size), mask: uint32(size - 1)}
}

func (t *table) put(k, off uint32) {
	i := k & t.mask
	for t.slots[i].off != 0 && t.slots[i].key != k {
		i = (i + 1) & t.mask
	}
	if t.slots[i].off == 0 {
		t.n++
	}
	t.slots[i] = slot{k, off}
}

func (t *table) get(k uint32) uint32 {
	i := k & t.mask
	for {
		sl := t.slots[i]
		if sl.off == 0 || sl.key == k {
			return sl.off
		}
		i = (i + 1) & t.mask
	}
}

// Model is a trained, read-only perceptron; Score is safe for concurrent use.
//
// Each feature's weights lie together in blob: a count, then one word per
// class, the class in the high 16 bits and the weight as an int16 multiple
// of scale in the low 16, so that one lookup touches one stretch of memory.
type Model struct {
	classes  int
	scale    float32
	index    *table
	blob     []uint32
	nweights int
}

// build assembles a model from rows of float weights (quantised with scale,
// or with a scale fitted to the weights when scale is 0).
func build(classes int, keys []uint32, rows [][]weight, scale float64) *Model {
	if scale == 0 {
		var maxAbs float64
		for _, row := range rows {
			for _, w := range row {
				maxAbs = max(maxAbs, math.Abs(float64(w.w)))
			}
		}
		scale = maxAbs / 32767
		if scale == 0 {
			scale = 1
		}
	}
	m := &Model{classes: classes, scale: float32(scale), index: newTable(len(keys)), blob: []uint32{0}}
	for i, k := range keys {
		row := rows[i]
		off := uint32(len(m.blob))
		m.blob = append(m.blob, uint32(len(row)))
		for _, w := range row {
			q := int16(max(-32767, min(32767, math.Round(float64(w.w)/scale))))
			m.blob = append(m.blob, uint32(w.class)<<16|uint32(uint16(q)))
		}
		m.nweights += len(row)
		m.index.put(k, off)
	}
	return m
}

// Classes returns the number of classes.
func (m *Model) Classes() int { return m.classes }

// Features returns the number of features with at least one weight.
func (m *Model) Features() int { return m.index.n }

// Weights returns the number of stored weights.
func (m *Model) Weights() int { return m.nweights }

// Score adds the weights of feats to scores (len Classes).
func (m *Model) Score(feats []uint32, scores []float32) {
	// Look every feature up first: the lookups are independent memory
	// accesses the processor can overlap, where interleaving them with the
	// sums would serialise the cache misses.
	var buf [256]uint32
	var acc [256]int32 // quantised sums per class
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), len(buf))]
		feats = feats[len(chunk):]
		offs := buf[:0]
		for _, f := range chunk {
			if off := m.index.get(f); off != 0 {
				offs = append(offs, off)
			}
		}
		for _, off := range offs {
			n := m.blob[off]
			for _, e := range m.blob[off+1 : off+1+n] {
				acc[uint8(e>>16)] += int32(int16(uint16(e)))
			}
		}
	}
	for c := range scores {
		scores[c] += float32(acc[c]) * m.scale
	}
}

// rows returns the model's features, sorted, with their weights.
func (m *Model) rows() ([]uint32, [][]weight) {
	keys := make([]uint32, 0, m.index.n)
	for _, sl := range m.index.slots {
		if sl.off != 0 {
			keys = append(keys, sl.key)
		}
	}
	slices.Sort(keys)
	rows := make([][]weight, len(keys))
	for i, k := range keys {
		off := m.index.get(k)
		n := m.blob[off]
		for _, e := range m.blob[off+1 : off+1+n] {
			rows[i] = append(rows[i], weight{uint8(e >> 16), float32(int16(uint16(e))) * m.scale})
		}
	}
	return keys, rows
}

// Prune returns a copy of m without the weights smaller than min in
// magnitude.
func (m *Model) Prune(min float32) *Model {
	keys, rows := m.rows()
	var kk []uint32
	var rr [][]weight
	for i, row := range rows {
		var kept []weight
		for _, w := range row {
			if w.w >= min || w.w <= -min {
				kept = append(kept, w)
			}
		}
		if len(kept) > 0 {
			kk = append(kk, keys[i])
			rr = append(rr, kept)
		}
	}
	return build(m.classes, kk, rr, float64(m.scale))
}

// The file format is: magic, classes, scale, number of features, then per
// feature its key (delta-coded uvarint), its count of weights and (class
// byte, int16) pairs, the weight a multiple of scale.
const magic = "EWAP1"

// WriteTo writes the model in its binary format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	bw.WriteString(magic)
	put(uint64(m.classes))
	binary.Write(bw, binary.LittleEndian, float64(m.scale))
	keys := make([]uint32, 0, m.index.n)
	for _, sl := range m.index.slots {
		if sl.off != 0 {
			keys = append(keys, sl.key)
		}
	}
	slices.Sort(keys)
	put(uint64(len(keys)))
	prev := uint32(0)
	for _, k := range keys {
		put(uint64(k - prev))
		prev = k
		off := m.index.get(k)
		n := m.blob[off]
		put(uint64(n))
		for _, e := range m.blob[off+1 : off+1+n] {
			bw.WriteByte(byte(e >> 16))
			binary.Write(bw, binary.LittleEndian, int16(uint16(e)))
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
	if err != nil || classes > 256 {
		return nil, fmt.Errorf("perceptron: read classes: %v", err)
	}
	var scale float64
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
		return nil, fmt.Errorf("perceptron: read scale: %w", err)
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<28 {
		return nil, fmt.Errorf("perceptron: read feature count: %v", err)
	}
	m := &Model{classes: int(classes), scale: float32(scale), index: newTable(int(n)), blob: []uint32{0}}
	key := uint32(0)
	var pair [3]byte
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
		off := uint32(len(m.blob))
		m.blob = append(m.blob, uint32(cnt))
		for range cnt {
			if _, err := io.ReadFull(br, pair[:]); err != nil {
				return nil, fmt.Errorf("perceptron: read weight: %w", err)
			}
			if uint64(pair[0]) >= classes {
				return nil, fmt.Errorf("perceptron: class %d out of range", pair[0])
			}
			q := binary.LittleEndian.Uint16(pair[1:])
			m.blob = append(m.blob, uint32(pair[0])<<16|uint32(q))
		}
		m.nweights += int(cnt)
		if cnt > 0 {
			m.index.put(key, off)
		}
	}
	return m, nil
}
