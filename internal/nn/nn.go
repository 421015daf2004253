// Package nn holds the pieces of small dense networks that eventwire's
// neural tagger and parser share: row tables (float32, or int8 with a scale
// per row) that embedding folds produce, the LSTM cell with a table-driven
// tanh, matrix-vector products, and the decoder of the little-endian model
// files that scripts/train_tagger.py and scripts/train_parser.py write.
package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// Table holds rows of cols values, as int8 with a scale per row (q) or
// as float32 (f).
type Table struct {
	Cols  int
	Q     []byte // int8 values
	Scale []float32
	F     []float32
}

// Row sets dst (cols values) to row r.
func (t *Table) Row(dst []float32, r int) {
	i := r * t.Cols
	if t.Q == nil {
		copy(dst, t.F[i:i+t.Cols])
		return
	}
	sc := t.Scale[r]
	for j, b := range t.Q[i : i+t.Cols] {
		dst[j] = float32(int8(b)) * sc
	}
}

// Add adds row r to dst.
func (t *Table) Add(dst []float32, r int32) {
	i := int(r) * t.Cols
	if t.Q != nil {
		AddScaled(dst, t.Q[i:i+t.Cols], t.Scale[r])
		return
	}
	Add(dst, t.F[i:i+t.Cols])
}

// MatVec adds W·v to dst, W having len(dst) rows of len(v) values. It is
// gonum's single-precision BLAS, whose amd64 assembly is about twice as
// fast as a Go loop here.
func MatVec(w, v, dst []float32) {
	if len(dst) == 0 || len(v) == 0 {
		return
	}
	blas32.Implementation().Sgemv(blas.NoTrans, len(dst), len(v), 1, w, len(v), v, 1, 1, dst, 1)
}

// Transpose returns the cols×rows Transpose of the rows×cols matrix w.
// A w of another size (a failed read, reported by the decoder) is
// returned as it is.
func Transpose(w []float32, rows, cols int) []float32 {
	if len(w) != rows*cols {
		return w
	}
	t := make([]float32, len(w))
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			t[c*rows+r] = w[r*cols+c]
		}
	}
	return t
}

// Dot returns the dot product of a and b.
func Dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// Add adds src to dst.
func Add(dst, src []float32) {
	src = src[:len(dst)]
	i := 0
	if haveFMA && len(dst) >= 8 {
		i = len(dst) &^ 7
		addAVX(&dst[0], &src[0], i)
	}
	for ; i < len(dst); i++ {
		dst[i] += src[i]
	}
}

// AddScaled adds the int8 values q (stored as bytes) times scale to dst.
func AddScaled(dst []float32, q []byte, scale float32) {
	q = q[:len(dst)]
	for i, v := range q {
		dst[i] += float32(int8(v)) * scale
	}
}

// Quantize returns rows of cols float32 values as int8 with a scale each.
func Quantize(v []float32, cols int) Table {
	n := len(v) / cols
	t := Table{Cols: cols, Q: make([]byte, n*cols), Scale: make([]float32, n)}
	for r := 0; r < n; r++ {
		t.Scale[r] = QuantizeRow(v[r*cols:(r+1)*cols], t.Q[r*cols:(r+1)*cols])
	}
	return t
}

// QuantizeRow sets q to v as int8 values, rounded half to even, and
// returns their scale: the largest magnitude over 127 (1 for a zero row),
// as scripts/train_tagger.py's write_table does.
func QuantizeRow(v []float32, q []byte) float32 {
	var lo, hi float32
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	scale := max(hi, -lo) / 127
	if scale == 0 {
		scale = 1
	}
	// Adding and taking away 1.5·2²³ rounds a float32 of magnitude below
	// 2²² to the nearest integer, half to even (Go does not reassociate
	// floating-point sums).
	const magic = 1 << 23 * 1.5
	q = q[:len(v)]
	for i, x := range v {
		y := min(max(x/scale, -127), 127)
		y = y + magic - magic
		q[i] = byte(int8(y))
	}
	return scale
}

// Index maps each string to its position plus base.
func Index(ss []string, base int) map[string]int32 {
	m := make(map[string]int32, len(ss))
	for i, s := range ss {
		m[s] = int32(i + base)
	}
	return m
}

// Project folds rows from..to-1 of the embedding table t into gate
// pre-activations of a bidirectional LSTM layer whose input weights are
// wihF and wihB (4h×din each, row-major), t's columns being inputs off to
// off+t.Cols: it returns (to-from)×8h values, each row the forward gates
// then the backward gates.
func Project(t Table, from, to int, wihF, wihB []float32, din, off int) []float32 {
	out, _ := project(nil, nil, inputMajor(t.Cols, wihF, wihB, din, off), 2*(len(wihF)/din), t, from, to)
	return out
}

// inputMajor returns the weights of inputs off to off+cols as a cols×8h
// matrix, input-major (MulAdd's layout): row p holds input off+p's weight
// for every forward gate, then for every backward gate.
func inputMajor(cols int, wihF, wihB []float32, din, off int) []float32 {
	h4 := len(wihF) / din
	d8 := 2 * h4
	w := make([]float32, cols*d8)
	for g := 0; g < h4; g++ {
		for p := 0; p < cols; p++ {
			w[p*d8+g] = wihF[g*din+off+p]
			w[p*d8+h4+g] = wihB[g*din+off+p]
		}
	}
	return w
}

// project is Project with the weights w from inputMajor (d8 gates per
// input), writing into out and using e as scratch, both grown as needed
// and returned for reuse.
func project(out, e, w []float32, d8 int, t Table, from, to int) ([]float32, []float32) {
	n := to - from
	e = Grow(e, n*t.Cols)
	for r := from; r < to; r++ {
		t.Row(e[(r-from)*t.Cols:(r-from+1)*t.Cols], r)
	}
	out = Grow(out, n*d8)
	clear(out)
	MulAdd(out, e, w, n, t.Cols, d8)
	return out, e
}

// FoldRows projects every row of t as Project does and returns the rows
// as an int8 table, calling add (when not nil) on each float32 row before
// it is quantized, so that other features can be fused into it. It works
// through t a block of rows at a time, to bound the float32 copy.
func FoldRows(t Table, rows int, wihF, wihB []float32, din, off int, add func(r int, row []float32)) Table {
	d8 := 2 * (len(wihF) / din)
	out := Table{Cols: d8, Q: make([]byte, rows*d8), Scale: make([]float32, rows)}
	w := inputMajor(t.Cols, wihF, wihB, din, off)
	const block = 4096
	var buf, e []float32
	for from := 0; from < rows; from += block {
		to := min(from+block, rows)
		buf, e = project(buf, e, w, d8, t, from, to)
		for r := from; r < to; r++ {
			row := buf[(r-from)*d8 : (r-from+1)*d8]
			if add != nil {
				add(r, row)
			}
			out.Scale[r] = QuantizeRow(row, out.Q[r*d8:(r+1)*d8])
		}
	}
	return out
}

// Grow returns x with length n, reallocated when too small.
func Grow(x []float32, n int) []float32 {
	if cap(x) < n {
		return make([]float32, n)
	}
	return x[:n]
}
