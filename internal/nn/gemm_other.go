//go:build !amd64

package nn

// haveFMA is false: there are no assembly kernels for this architecture.
const haveFMA = false

func mulAddFMA(c, a, b []float32, n, k, m int) {}

func activateFMA(x *float32, n int, pre, mul, add float32) {}

func addAVX(dst, src *float32, n int) {}
