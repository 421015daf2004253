package nn

import "golang.org/x/sys/cpu"

// haveFMA reports whether the processor runs the assembly kernels.
var haveFMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// The assembly kernels (gemm_amd64.s) add a block of A·B to C: kernel4x16
// four rows by 16 columns, kernel1x64 and kernel1x16 one row by 64 or 16.
// Strides are in values; k is the inner dimension.
//
//go:noescape
func kernel4x16(a *float32, lda int, b *float32, ldb int, c *float32, ldc int, k int)

//go:noescape
func kernel1x64(a *float32, b *float32, ldb int, c *float32, k int)

//go:noescape
func kernel1x16(a *float32, b *float32, ldb int, c *float32, k int)

// tanhConsts holds, eight times each, the clamps and the coefficients of
// Tanh, in the order activateFMA reads them.
var tanhConsts = func() (t [13 * 8]float32) {
	vals := []float32{tanhClamp, -tanhClamp}
	for k := 6; k >= 0; k-- {
		vals = append(vals, tanhNum[k])
	}
	for k := 3; k >= 0; k-- {
		vals = append(vals, tanhDen[k])
	}
	for i, v := range vals {
		for j := range 8 {
			t[i*8+j] = v
		}
	}
	return t
}()

// activateFMA sets each of the n values at x (a multiple of 8) to
// mul·tanh(pre·v) + add, as Tanh computes it.
func activateFMA(x *float32, n int, pre, mul, add float32) {
	activate8(x, n, pre, mul, add, &tanhConsts[0])
}

//go:noescape
func activate8(x *float32, n int, pre, mul, add float32, consts *float32)

// mulAddFMA adds A·B to C with the kernels (see MulAdd), leaving columns
// past the last multiple of 16 to the Go loop.
func mulAddFMA(c, a, b []float32, n, k, m int) {
	m16 := m &^ 15
	i := 0
	for ; i+4 <= n; i += 4 {
		for j := 0; j < m16; j += 16 {
			kernel4x16(&a[i*k], k, &b[j], m, &c[i*m+j], m, k)
		}
	}
	for ; i < n; i++ {
		j := 0
		for ; j+64 <= m; j += 64 {
			kernel1x64(&a[i*k], &b[j], m, &c[i*m+j], k)
		}
		for ; j < m16; j += 16 {
			kernel1x16(&a[i*k], &b[j], m, &c[i*m+j], k)
		}
	}
	if m16 < m {
		mulAddGo(c, a, b, n, k, m, m16)
	}
}

// addAVX adds the n values at src (a multiple of 8) to those at dst.
//
//go:noescape
func addAVX(dst, src *float32, n int)
