package nn

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// BenchmarkRate measures the multiply-adds per second of the two products
// a BiLSTM model spends its time in, the recurrent step (h by H×4H) and a
// batched product over a sentence (n×K by K×M), for gonum's float32 BLAS
// (Sgemv, Sgemm) and for MulAdd, which the tagger and the parser use.
func BenchmarkRate(b *testing.B) {
	for _, h := range []int{56, 64, 128} {
		w := make([]float32, 4*h*h)
		v := make([]float32, h)
		dst := make([]float32, 4*h)
		for i := range w {
			w[i] = float32(i%7+1) * 0.01
		}
		for i := range v {
			v[i] = float32(i%3+1) * 0.1
		}
		b.Run(fmt.Sprintf("recurrent-H%d", h), func(b *testing.B) {
			for range b.N {
				blas32.Implementation().Sgemv(blas.Trans, h, 4*h, 1, w, 4*h, v, 1, 1, dst, 1)
			}
			b.ReportMetric(float64(4*h*h)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GMAC/s")
		})
		b.Run(fmt.Sprintf("recurrent-MulAdd-H%d", h), func(b *testing.B) {
			for range b.N {
				MulAdd(dst, v, w, 1, h, 4*h)
			}
			b.ReportMetric(float64(4*h*h)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GMAC/s")
		})
	}
	for _, k := range []int{256} {
		n, m := 25, 600
		a := make([]float32, n*k)
		bb := make([]float32, k*m)
		c := make([]float32, n*m)
		for i := range a {
			a[i] = float32(i%5+1) * 0.01
		}
		for i := range bb {
			bb[i] = float32(i%3+1) * 0.01
		}
		b.Run(fmt.Sprintf("gemm-%dx%dx%d", n, k, m), func(b *testing.B) {
			for range b.N {
				blas32.Implementation().Sgemm(blas.NoTrans, blas.NoTrans, n, m, k, 1, a, k, bb, m, 0, c, m)
			}
			b.ReportMetric(float64(n*k*m)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GMAC/s")
		})
		b.Run(fmt.Sprintf("MulAdd-%dx%dx%d", n, k, m), func(b *testing.B) {
			for range b.N {
				MulAdd(c, a, bb, n, k, m)
			}
			b.ReportMetric(float64(n*k*m)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GMAC/s")
		})
	}
}
