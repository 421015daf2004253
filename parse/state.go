package parse

// The transition system is arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta
// 2011) with the root at the end of the buffer: words 0..n-1, ROOT = n.
//
//	SHIFT  push b0 onto the stack                 (b0 is a word)
//	LEFT   s0's head is b0; pop s0                (b0 = ROOT only when s0 is the last stack item)
//	RIGHT  s0's head is s1; pop s0
//
// The move is chosen first (classes shift, left, right); the relation of
// an arc is chosen by a second classifier when the arc is made.

const none = -1

// state is a parser configuration for one sentence: the stack, the first
// buffer item b0, and the head and label of each word (none until its arc
// is made).
type state struct {
	n             int
	stack         []int
	b0            int
	heads, labels []int
}

// reset prepares s for a sentence of n words.
func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b0 = 0
	s.heads = fill(s.heads, n+1, none)
	s.labels = fill(s.labels, n+1, none)
}

// fill returns x with length n, every value v, reallocated when too small.
func fill(x []int, n, v int) []int {
	if cap(x) < n {
		x = make([]int, n)
	}
	x = x[:n]
	for i := range x {
		x[i] = v
	}
	return x
}

// terminal reports whether every word has its head.
func (s *state) terminal() bool { return len(s.stack) == 0 && s.b0 >= s.n }

// stackAt returns the i-th stack item from the top, or none.
func (s *state) stackAt(i int) int {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return none
}

// valid reports which of the moves SHIFT, LEFT, RIGHT are allowed.
func (s *state) valid() (canShift, canLeft, canRight bool) {
	canShift = s.b0 < s.n
	canLeft = len(s.stack) > 0 && (s.b0 < s.n || len(s.stack) == 1)
	canRight = len(s.stack) > 1
	return
}

// The moves, as classes of the move classifier.
const (
	shift = iota
	left
	right
)

// arc returns the head and dependent of move m (left or right).
func (s *state) arc(m int) (head, dep int) {
	dep = s.stack[len(s.stack)-1]
	if m == left {
		return s.b0, dep
	}
	return s.stack[len(s.stack)-2], dep
}

// apply performs move m; for left and right the arc gets label l.
func (s *state) apply(m, l int) {
	if m == shift {
		s.stack = append(s.stack, s.b0)
		s.b0++
		return
	}
	h, d := s.arc(m)
	s.heads[d], s.labels[d] = h, l
	s.stack = s.stack[:len(s.stack)-1]
}

// bestMove returns the highest-scoring valid move.
func bestMove(s *state, scores []float32) int {
	canShift, canLeft, canRight := s.valid()
	best := -1
	for m, ok := range [3]bool{canShift, canLeft, canRight} {
		if ok && (best < 0 || scores[m] > scores[best]) {
			best = m
		}
	}
	return best
}
