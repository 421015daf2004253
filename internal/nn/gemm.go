package nn

import "fmt"

// MulAdd adds A·B to C, where A is n×k (one row per input vector, say per
// word), B is k×m (one row per input unit: the transpose of a layer's
// usual output-major weights) and C is n×m, all row-major and dense. On
// amd64 processors with AVX2 and FMA it runs as assembly kernels that
// compute four rows of C at a time, sharing each load of B; elsewhere it
// is a plain Go loop. It panics if a slice is too short.
func MulAdd(c, a, b []float32, n, k, m int) {
	if len(a) < n*k || len(b) < k*m || len(c) < n*m {
		panic(fmt.Sprintf("nn.MulAdd: %d×%d by %d×%d into %d values, with %d, %d", n, k, k, m, len(c), len(a), len(b)))
	}
	if n == 0 || m == 0 || k == 0 {
		return
	}
	i := 0
	if haveFMA {
		i = mulAddFMA(c, a, b, n, k, m)
	}
	mulAddGo(c[i*m:], a[i*k:], b, n-i, k, m, 0)
}

// mulAddGo adds A·B to C over the columns from col on (see MulAdd).
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
