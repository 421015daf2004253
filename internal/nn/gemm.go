package nn

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// MulAdd adds A·B to C, where A is n×k (one row per input vector, say per
// word), B is k×m (one row per input unit: the transpose of a layer's
// usual output-major weights) and C is n×m, all row-major and dense. On
// amd64 processors with AVX2 and FMA it runs as assembly kernels that
// compute four rows of C at a time, sharing each load of B; elsewhere it
// is gonum's BLAS (Sgemv, with SSE assembly on amd64, for one row; Sgemm
// for more). It panics if a slice is too short.
func MulAdd(c, a, b []float32, n, k, m int) {
	if len(a) < n*k || len(b) < k*m || len(c) < n*m {
		panic(fmt.Sprintf("nn.MulAdd: %d×%d by %d×%d into %d values, with %d, %d", n, k, k, m, len(c), len(a), len(b)))
	}
	if n == 0 || m == 0 || k == 0 {
		return
	}
	switch {
	case haveFMA:
		mulAddFMA(c, a, b, n, k, m)
	case n == 1:
		blas32.Implementation().Sgemv(blas.Trans, k, m, 1, b, m, a, 1, 1, c, 1)
	default:
		blas32.Implementation().Sgemm(blas.NoTrans, blas.NoTrans, n, m, k, 1, a, k, b, m, 1, c, m)
	}
}

// mulAddGo adds A·B to C over the columns from col on (see MulAdd): the
// kernels' remainder, and the reference the tests check them against.
func mulAddGo(c, a, b []float32, n, k, m, col int) {
	for i := 0; i < n; i++ {
		dst := c[i*m+col : (i+1)*m]
		for p, v := range a[i*k : (i+1)*k] {
			row := b[p*m+col : (p+1)*m]
			row = row[:len(dst)]
			for j, w := range row {
				dst[j] += v * w
			}
		}
	}
}
