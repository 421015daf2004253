package nn

// The activations use Eigen's rational approximation of tanh (a degree 13
// odd polynomial over a degree 6 even one, on inputs clamped to ±7.9053;
// error below 4e-7), which vectorises: on amd64 with AVX2 and FMA, eight
// values at a time in assembly.

// tanhClamp is where the approximation's tanh reaches ±1 in float32.
const tanhClamp = 7.90531110763549805

// tanhNum and tanhDen are the numerator's odd coefficients (x¹ to x¹³)
// and the denominator's even ones (x⁰ to x⁶).
var (
	tanhNum = [7]float32{4.89352455891786e-03, 6.37261928875436e-04, 1.48572235717979e-05,
		5.12229709037114e-08, -8.60467152213735e-11, 2.00018790482477e-13, -2.76076847742355e-16}
	tanhDen = [4]float32{4.89352518554385e-03, 2.26843463243900e-03, 1.18534705686654e-04, 1.19825839466702e-06}
)

// Tanh returns tanh(x).
func Tanh(x float32) float32 {
	x = min(max(x, -tanhClamp), tanhClamp)
	x2 := x * x
	p := tanhNum[6]
	for k := 5; k >= 0; k-- {
		p = p*x2 + tanhNum[k]
	}
	q := tanhDen[3]
	for k := 2; k >= 0; k-- {
		q = q*x2 + tanhDen[k]
	}
	return x * p / q
}

// TanhAll sets each value of x to its tanh.
func TanhAll(x []float32) { activate(x, 1, 1, 0) }

// SigmoidAll sets each value of x to its logistic function.
func SigmoidAll(x []float32) { activate(x, 0.5, 0.5, 0.5) }

// activate sets each value v of x to mul·tanh(pre·v) + add.
func activate(x []float32, pre, mul, add float32) {
	i := 0
	if haveFMA && len(x) >= 8 {
		i = len(x) &^ 7
		activateFMA(&x[0], i, pre, mul, add)
	}
	for ; i < len(x); i++ {
		x[i] = mul*Tanh(pre*x[i]) + add
	}
}

// LSTMCell turns gate pre-activations g (i, f, g, o; 4×len(c)) into the
// next cell state c and output h. It overwrites g.
func LSTMCell(g, c, h []float32) {
	n := len(c)
	SigmoidAll(g[:2*n])
	TanhAll(g[2*n : 3*n])
	SigmoidAll(g[3*n : 4*n])
	gi, gf, gg, gout := g[:n], g[n:2*n], g[2*n:3*n], g[3*n:4*n]
	h = h[:n]
	for j := range c {
		c[j] = gf[j]*c[j] + gi[j]*gg[j]
		h[j] = c[j]
	}
	TanhAll(h)
	for j := range h {
		h[j] *= gout[j]
	}
}

// BiLSTM runs a bidirectional LSTM layer of h units each way over n
// inputs: x holds each input's gate pre-activations (n×8h: forward gates
// then backward gates, i, f, g, o), whhF and whhB the recurrent weights
// input-major (h×4h: row k holds state unit k's weights for every gate).
// It writes each input's forward then backward state to out (n×2h); work
// is scratch of at least 5h values.
func BiLSTM(x, whhF, whhB, out, work []float32, n, h int) {
	g, c := work[:4*h], work[4*h:5*h]
	for dir := 0; dir < 2; dir++ {
		whh := whhF
		if dir == 1 {
			whh = whhB
		}
		clear(c)
		prev := -1
		for k := 0; k < n; k++ {
			i := k
			if dir == 1 {
				i = n - 1 - k
			}
			copy(g, x[i*8*h+dir*4*h:i*8*h+(dir+1)*4*h])
			if prev >= 0 {
				MulAdd(g, out[prev*2*h+dir*h:prev*2*h+(dir+1)*h], whh, 1, h, 4*h)
			}
			LSTMCell(g, c, out[i*2*h+dir*h:i*2*h+(dir+1)*h])
			prev = i
		}
	}
}
