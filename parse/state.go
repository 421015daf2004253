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

// state is a parser configuration for one sentence.
type state struct {
	n      int
	stack  []int
	b0     int
	heads  []int
	labels []int
	// l1, l2 are the leftmost and second leftmost dependents of each word,
	// r1, r2 the rightmost; nl, nr count dependents on each side; lset and
	// rset are bit sets of the labels of the left and right dependents.
	l1, l2, r1, r2 []int
	nl, nr         []int
	lset, rset     []uint64
}

// reset prepares s for a sentence of n words.
func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b0 = 0
	s.heads = fill(s.heads, n+1, none)
	s.labels = fill(s.labels, n+1, none)
	s.l1 = fill(s.l1, n+1, none)
	s.l2 = fill(s.l2, n+1, none)
	s.r1 = fill(s.r1, n+1, none)
	s.r2 = fill(s.r2, n+1, none)
	s.nl = fill(s.nl, n+1, 0)
	s.nr = fill(s.nr, n+1, 0)
	if cap(s.lset) < n+1 {
		s.lset = make([]uint64, n+1)
		s.rset = make([]uint64, n+1)
	}
	s.lset = s.lset[:n+1]
	s.rset = s.rset[:n+1]
	clear(s.lset)
	clear(s.rset)
}

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

func (s *state) terminal() bool { return len(s.stack) == 0 && s.b0 >= s.n }

// stackAt returns the i-th stack item from the top, or none.
func (s *state) stackAt(i int) int {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return none
}

// bufAt returns the i-th buffer item (ROOT is n), or none past it.
func (s *state) bufAt(i int) int {
	if s.b0+i <= s.n {
		return s.b0 + i
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

// addArc records head -> dep with label l.
func (s *state) addArc(head, dep, l int) {
	s.heads[dep] = head
	s.labels[dep] = l
	bit := uint64(1) << (uint(l) & 63)
	if dep < head {
		if s.l1[head] == none || dep < s.l1[head] {
			s.l2[head] = s.l1[head]
			s.l1[head] = dep
		} else if s.l2[head] == none || dep < s.l2[head] {
			s.l2[head] = dep
		}
		s.nl[head]++
		s.lset[head] |= bit
	} else {
		if s.r1[head] == none || dep > s.r1[head] {
			s.r2[head] = s.r1[head]
			s.r1[head] = dep
		} else if s.r2[head] == none || dep > s.r2[head] {
			s.r2[head] = dep
		}
		s.nr[head]++
		s.rset[head] |= bit
	}
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
	s.addArc(h, d, l)
	s.stack = s.stack[:len(s.stack)-1]
}

// costs returns the number of gold arcs each unlabelled move makes
// unreachable (Goldberg and Nivre 2013), given gold heads (ROOT = n).
func (s *state) costs(gold []int) (cs, cl, cr int) {
	b0 := s.b0
	s0 := s.stackAt(0)
	s1 := s.stackAt(1)
	if b0 < s.n {
		for i, k := range s.stack {
			if gold[k] == b0 {
				cs++
			}
			if gold[b0] == k && i != len(s.stack)-1 {
				cs++
			}
		}
	}
	if s0 != none {
		// Dependents of s0 still in the buffer are lost by popping s0.
		deps := 0
		for k := b0; k < s.n; k++ {
			if gold[k] == s0 {
				deps++
			}
		}
		cl, cr = deps, deps
		g := gold[s0]
		if g == s1 && s1 != none || g > b0 {
			cl++
		}
		if g >= b0 {
			cr++
		}
	}
	return
}
