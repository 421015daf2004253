package nn

import (
	"math"
	"testing"
)

// TestFallback checks that the Go loops that run without AVX2 and FMA
// give what the assembly kernels give, for the products, the activations
// and a BiLSTM layer.
func TestFallback(t *testing.T) {
	if !haveFMA {
		t.Skip("no AVX2/FMA: only the Go loops run here")
	}
	const n, h = 7, 12
	x := make([]float32, n*8*h)
	whhF := make([]float32, h*4*h)
	whhB := make([]float32, h*4*h)
	for i := range x {
		x[i] = float32(math.Sin(float64(i))) * 2
	}
	for i := range whhF {
		whhF[i] = float32(math.Cos(float64(i))) * 0.3
		whhB[i] = float32(math.Sin(float64(3*i))) * 0.3
	}
	run := func() []float32 {
		out := make([]float32, n*2*h)
		BiLSTM(x, whhF, whhB, out, make([]float32, 5*h), n, h)
		return out
	}
	fast := run()
	haveFMA = false
	defer func() { haveFMA = true }()
	slow := run()
	for i := range fast {
		if d := math.Abs(float64(fast[i] - slow[i])); d > 1e-5 {
			t.Fatalf("state %d: kernels %g, Go %g", i, fast[i], slow[i])
		}
	}
}
