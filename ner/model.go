package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// weights is one linear-chain model: a weight row per hashed feature (one
// int16 per label, scaled) and label-transition scores. Rows are found
// through an open-addressing table of feature hashes.
type weights struct {
	list  []uint64 // feature hash of each row
	keys  []uint64 // table slots; 0 = empty
	rows  []int32  // row of the key in slot
	mask  uint64
	w     []int16 // rows × numLabels
	trans [numLabels + 1][numLabels]int32
	// scale is how many weight units one int16 unit stands for (for reports).
	scale float32
}

func newWeights(keys []uint64, w []int16) *weights {
	size := 1
	for size < 2*len(keys)+1 {
		size <<= 1
	}
	m := &weights{list: keys, keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1), w: w}
	for r, k := range keys {
		m.put(k, int32(r))
	}
	return m
}

func (m *weights) put(k uint64, r int32) {
	if k == 0 {
		k = 1
	}
	for i := mix(k) & m.mask; ; i = (i + 1) & m.mask {
		if m.keys[i] == 0 {
			m.keys[i], m.rows[i] = k, r
			return
		}
		if m.keys[i] == k {
			m.rows[i] = r
			return
		}
	}
}

func (m *weights) row(k uint64) int32 {
	if k == 0 {
		k = 1
	}
	for i := mix(k) & m.mask; ; i = (i + 1) & m.mask {
		switch m.keys[i] {
		case k:
			return m.rows[i]
		case 0:
			return -1
		}
	}
}

func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

// score fills em with the emission scores of each token's features.
func (m *weights) score(feats [][]uint64, em [][numLabels]int32) {
	for i, fs := range feats {
		var s [numLabels]int32
		for _, f := range fs {
			r := m.row(f)
			if r < 0 {
				continue
			}
			row := m.w[int(r)*numLabels : int(r)*numLabels+numLabels]
			for l := range s {
				s[l] += int32(row[l])
			}
		}
		em[i] = s
	}
}

// viterbi returns the best label sequence under emission scores em and
// transition scores trans (row numLabels holds the start scores), allowing
// only valid BILOU sequences.
func viterbi[T int32 | float32](em [][numLabels]T, trans *[numLabels + 1][numLabels]T, out []int) {
	n := len(em)
	if n == 0 {
		return
	}
	var backBuf [64][numLabels]int8
	var back [][numLabels]int8
	if n <= len(backBuf) {
		back = backBuf[:n]
	} else {
		back = make([][numLabels]int8, n)
	}
	var cur, next [numLabels]T
	for l := 0; l < numLabels; l++ {
		cur[l] = em[0][l] + trans[numLabels][l]
		if !allowed(-1, l) {
			cur[l] = negInf[T]()
		}
	}
	for i := 1; i < n; i++ {
		for b := 0; b < numLabels; b++ {
			ps := preds[b]
			bi := ps[0]
			best := cur[bi] + trans[bi][b]
			for _, a := range ps[1:] {
				if s := cur[a] + trans[a][b]; s > best {
					best, bi = s, a
				}
			}
			next[b] = best + em[i][b]
			back[i][b] = bi
		}
		cur = next
	}
	bi := -1
	var best T
	for l := 0; l < numLabels; l++ {
		if allowed(l, -1) && (bi < 0 || cur[l] > best) {
			best, bi = cur[l], l
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = bi
		bi = int(back[i][bi])
	}
}

// negInf is a score low enough to rule a label out without overflowing
// when a few scores are added to it.
func negInf[T int32 | float32]() T {
	var x T
	switch p := any(&x).(type) {
	case *int32:
		*p = -1 << 29
	case *float32:
		*p = -1e30
	}
	return x
}

// preds lists, for each label, the labels that may precede it.
var preds = func() (p [numLabels][]int8) {
	for a := 0; a < numLabels; a++ {
		for b := 0; b < numLabels; b++ {
			if allowed(a, b) {
				p[b] = append(p[b], int8(a))
			}
		}
	}
	return p
}()

const modelMagic = "EWNER\x01"

// write stores the weights: row count, keys, int16 rows, transitions.
func (m *weights) write(w io.Writer) error {
	keys := m.list
	if err := binary.Write(w, binary.LittleEndian, uint32(len(keys))); err != nil {
		return err
	}
	if err := binary.Write(w, binary.LittleEndian, m.scale); err != nil {
		return err
	}
	if err := binary.Write(w, binary.LittleEndian, keys); err != nil {
		return err
	}
	if err := binary.Write(w, binary.LittleEndian, m.w); err != nil {
		return err
	}
	return binary.Write(w, binary.LittleEndian, &m.trans)
}

func readWeights(r io.Reader) (*weights, error) {
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, err
	}
	if n > 1<<26 {
		return nil, fmt.Errorf("implausible row count %d", n)
	}
	var scale float32
	if err := binary.Read(r, binary.LittleEndian, &scale); err != nil {
		return nil, err
	}
	keys := make([]uint64, n)
	if err := binary.Read(r, binary.LittleEndian, keys); err != nil {
		return nil, err
	}
	w := make([]int16, int(n)*numLabels)
	if err := binary.Read(r, binary.LittleEndian, w); err != nil {
		return nil, err
	}
	m := newWeights(keys, w)
	m.scale = scale
	if err := binary.Read(r, binary.LittleEndian, &m.trans); err != nil {
		return nil, err
	}
	return m, nil
}

// quantize turns float weights (rows × numLabels) and transitions into a
// runtime model, dropping rows whose largest weight is below minAbs.
func quantize(keys []uint64, fw []float32, ftrans *[numLabels + 1][numLabels]float32, minAbs float32) *weights {
	var maxAbs float32
	for _, x := range fw {
		maxAbs = max(maxAbs, abs32(x))
	}
	for _, r := range ftrans {
		for _, x := range r {
			maxAbs = max(maxAbs, abs32(x))
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	q := float32(32000) / maxAbs
	var kept []uint64
	var w []int16
	for r, k := range keys {
		row := fw[r*numLabels : (r+1)*numLabels]
		var rmax float32
		for _, x := range row {
			rmax = max(rmax, abs32(x))
		}
		if rmax < minAbs || rmax*q < 0.5 {
			continue
		}
		kept = append(kept, k)
		for _, x := range row {
			w = append(w, int16(math.Round(float64(x*q))))
		}
	}
	m := newWeights(kept, w)
	m.scale = 1 / q
	for a := range ftrans {
		for b := range ftrans[a] {
			m.trans[a][b] = int32(math.Round(float64(ftrans[a][b] * q)))
		}
	}
	return m
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// saveModel writes the two passes' weights, gzip-compressed.
func saveModel(w io.Writer, s1, s2 *weights) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(gz)
	if _, err := bw.WriteString(modelMagic); err != nil {
		return err
	}
	if err := s1.write(bw); err != nil {
		return err
	}
	if err := s2.write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return gz.Close()
}

func loadModel(r io.Reader) (s1, s2 *weights, err error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, nil, fmt.Errorf("ner model: %w", err)
	}
	br := bufio.NewReaderSize(gz, 1<<20)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, nil, errors.New("ner model: bad magic")
	}
	if s1, err = readWeights(br); err != nil {
		return nil, nil, fmt.Errorf("ner model pass 1: %w", err)
	}
	if s2, err = readWeights(br); err != nil {
		return nil, nil, fmt.Errorf("ner model pass 2: %w", err)
	}
	return s1, s2, nil
}
