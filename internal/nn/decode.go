package nn

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// Decoder reads a model file's values, keeping the first error: once one
// has failed, each method returns zero values, and Err reports it.
type Decoder struct {
	r   *bufio.Reader
	err error
}

// NewDecoder returns a Decoder reading r (already decompressed).
func NewDecoder(r io.Reader) *Decoder { return &Decoder{r: bufio.NewReaderSize(r, 1<<16)} }

// Err returns the first error met.
func (d *Decoder) Err() error { return d.err }

// Magic reads len(want) bytes and fails unless they are want.
func (d *Decoder) Magic(want string) {
	b := make([]byte, len(want))
	d.Read(b)
	if d.err == nil && string(b) != want {
		d.Fail("not a %s model file", want)
	}
}

// Read fills b.
func (d *Decoder) Read(b []byte) {
	if d.err == nil {
		_, d.err = io.ReadFull(d.r, b)
	}
}

// U32 reads a uint32.
func (d *Decoder) U32() uint32 {
	var b [4]byte
	d.Read(b[:])
	return binary.LittleEndian.Uint32(b[:])
}

// Strings reads a counted list of strings.
func (d *Decoder) Strings() []string {
	n := d.U32()
	if d.err != nil || n > 1<<24 {
		d.Fail("bad string count %d", n)
		return nil
	}
	out := make([]string, n)
	var buf []byte
	for i := range out {
		k := d.U32()
		if d.err != nil || k > 1<<16 {
			d.Fail("bad string length %d", k)
			return nil
		}
		if cap(buf) < int(k) {
			buf = make([]byte, k)
		}
		d.Read(buf[:k])
		out[i] = string(buf[:k])
	}
	return out
}

// Fail records an error unless one is recorded.
func (d *Decoder) Fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

// RawFloats reads n float32 values.
func (d *Decoder) RawFloats(n int) []float32 {
	if d.err != nil {
		return nil
	}
	b := make([]byte, 4*n)
	d.Read(b)
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// Floats reads a counted vector of want float32 values.
func (d *Decoder) Floats(want int) []float32 {
	if n := int(d.U32()); d.err == nil && n != want {
		d.Fail("vector of %d values, want %d", n, want)
	}
	return d.RawFloats(want)
}

// Vector reads a counted vector of float32 values of any length.
func (d *Decoder) Vector() []float32 {
	n := int(d.U32())
	if d.err == nil && n > 1<<26 {
		d.Fail("vector of %d values", n)
	}
	return d.RawFloats(n)
}

// Table reads a table of rows×cols values (cols < 0: any): its shape, its kind (1: int8
// with a float32 scale per row, 0: float32), then the values.
func (d *Decoder) Table(rows, cols int) Table {
	r, c := int(d.U32()), int(d.U32())
	var kind [1]byte
	d.Read(kind[:])
	if d.err == nil && (r != rows || cols >= 0 && c != cols || kind[0] > 1 || c > 1<<16) {
		d.Fail("table %d×%d of kind %d, want %d×%d", r, c, kind[0], rows, cols)
	}
	cols = c
	t := Table{Cols: cols}
	if d.err != nil {
		return t
	}
	if kind[0] == 0 {
		t.F = d.RawFloats(rows * cols)
		return t
	}
	t.Scale = d.RawFloats(rows)
	t.Q = make([]byte, rows*cols)
	d.Read(t.Q)
	return t
}
