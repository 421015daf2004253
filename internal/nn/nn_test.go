package nn

import (
	"math"
	"testing"
)

func TestTanh(t *testing.T) {
	for x := -12.0; x <= 12; x += 0.01 {
		got, want := float64(Tanh(float32(x))), math.Tanh(x)
		if math.Abs(got-want) > 5e-7 {
			t.Fatalf("Tanh(%g) = %g, want %g", x, got, want)
		}
	}
}

func TestMatVec(t *testing.T) {
	w := []float32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	v := []float32{1, 0, -1}
	dst := []float32{1, 1, 1, 1, 1}
	MatVec(w, v, dst)
	want := []float32{-1, -1, -1, -1, -1}
	for i := range want {
		if dst[i] != want[i] {
			t.Fatalf("MatVec: got %v, want %v", dst, want)
		}
	}
}

func TestMulAdd(t *testing.T) {
	tests := []struct{ n, k, m int }{
		{1, 1, 1}, {1, 64, 256}, {1, 56, 224}, {3, 7, 5}, {4, 128, 16}, {5, 128, 600}, {9, 3, 70}, {8, 100, 512}, {2, 0, 16}, {0, 4, 4},
	}
	for _, tt := range tests {
		a := make([]float32, tt.n*tt.k)
		b := make([]float32, tt.k*tt.m)
		for i := range a {
			a[i] = float32(i%13-6) * 0.25
		}
		for i := range b {
			b[i] = float32(i%7-3) * 0.5
		}
		got := make([]float32, tt.n*tt.m)
		want := make([]float32, tt.n*tt.m)
		for i := range got {
			got[i] = float32(i % 5)
			want[i] = got[i]
		}
		MulAdd(got, a, b, tt.n, tt.k, tt.m)
		mulAddGo(want, a, b, tt.n, tt.k, tt.m, 0)
		for i := range want {
			if math.Abs(float64(got[i]-want[i])) > 1e-3*(1+math.Abs(float64(want[i]))) {
				t.Fatalf("%d×%d·%d×%d: value %d is %g, want %g", tt.n, tt.k, tt.k, tt.m, i, got[i], want[i])
			}
		}
	}
}

func TestActivations(t *testing.T) {
	var x, y []float32
	for v := -12.0; v <= 12; v += 0.01 {
		x = append(x, float32(v))
		y = append(y, float32(v))
	}
	TanhAll(x)
	SigmoidAll(y)
	for i := range x {
		v := -12 + 0.01*float64(i)
		if d := math.Abs(float64(x[i]) - math.Tanh(v)); d > 5e-7 {
			t.Fatalf("TanhAll at %g: %g, want %g", v, x[i], math.Tanh(v))
		}
		if d := math.Abs(float64(y[i]) - 1/(1+math.Exp(-v))); d > 5e-7 {
			t.Fatalf("SigmoidAll at %g: %g, want %g", v, y[i], 1/(1+math.Exp(-v)))
		}
	}
}

func TestQuantizeRow(t *testing.T) {
	v := []float32{0, 1.27, -1.27, 0.005, 0.015, -0.025, 0.635, 1e-9}
	q := make([]byte, len(v))
	scale := QuantizeRow(v, q)
	if scale != float32(1.27)/127 {
		t.Fatalf("scale %g", scale)
	}
	for i, x := range v {
		want := int8(math.RoundToEven(float64(x / scale)))
		if int8(q[i]) != want {
			t.Errorf("value %g: %d, want %d", x, int8(q[i]), want)
		}
	}
	if QuantizeRow([]float32{0, 0}, q[:2]) != 1 {
		t.Error("a zero row's scale is not 1")
	}
}

func TestAdd(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 100, 448} {
		dst, src := make([]float32, n), make([]float32, n)
		for i := range dst {
			dst[i], src[i] = float32(i), float32(2*i+1)
		}
		Add(dst, src)
		for i, v := range dst {
			if v != float32(3*i+1) {
				t.Fatalf("n=%d: value %d is %g, want %d", n, i, v, 3*i+1)
			}
		}
	}
}
