package parse

import (
	"strings"
	"unicode"

	p "eventwire/internal/perceptron"
)

// token holds the hashed views of one word the features use.
type token struct {
	w, t, u uint64 // word, XPOS, UPOS
	c       uint64 // word cluster prefix (0 when unknown)
}

// Placeholders for empty positions and for ROOT.
var (
	noToken   = token{w: 1, t: 1, u: 1, c: 1}
	rootToken = token{w: 2, t: 2, u: 2, c: 2}
)

// quoteFix straightens curly quotes and backtick apostrophes.
var quoteFix = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "`", "'")

// normWord maps a word to the form the model sees: lower case, quotes
// straightened, digits as 0.
func normWord(s string) string {
	if strings.ContainsAny(s, "\u2018\u2019\u201c\u201d`") {
		s = quoteFix.Replace(s)
	}
	if !strings.ContainsFunc(s, unicode.IsDigit) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsDigit(r) {
			r = '0'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// dist buckets the distance between two words.
func dist(a, b int) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 7:
		return 5
	case d <= 12:
		return 6
	}
	return 7
}

func capped(n int) uint64 { return uint64(min(n, 4)) }

// features appends the feature keys of configuration s over the sentence's
// tokens (toks[n] is ROOT).
func features(dst []uint32, s *state, toks []token) []uint32 {
	at := func(i int) *token {
		if i == none {
			return &noToken
		}
		return &toks[i]
	}
	lab := func(head, dep int) uint64 {
		if head == none || dep == none {
			return 0
		}
		return uint64(s.labels[dep] + 1)
	}
	child := func(i int, c []int) int {
		if i == none {
			return none
		}
		return c[i]
	}
	i0, i1, i2 := s.stackAt(0), s.stackAt(1), s.stackAt(2)
	j0, j1, j2 := s.bufAt(0), s.bufAt(1), s.bufAt(2)
	s0, s1, s2 := at(i0), at(i1), at(i2)
	b0, b1, b2 := at(j0), at(j1), at(j2)
	s0l1, s0l2 := child(i0, s.l1), child(i0, s.l2)
	s0r1, s0r2 := child(i0, s.r1), child(i0, s.r2)
	s1l1, s1r1 := child(i1, s.l1), child(i1, s.r1)
	b0l1, b0l2 := child(j0, s.l1), child(j0, s.l2)
	S0l1, S0l2, S0r1, S0r2 := at(s0l1), at(s0l2), at(s0r1), at(s0r2)
	S1l1, S1r1 := at(s1l1), at(s1r1)
	B0l1, B0l2 := at(b0l1), at(b0l2)

	var d01, d10 uint64 = 15, 15
	if i0 != none && j0 != none {
		d01 = dist(i0, j0)
	}
	if i0 != none && i1 != none {
		d10 = dist(i1, i0)
	}
	var s0vl, s0vr, b0vl, s0ls, s0rs, b0ls uint64
	if i0 != none {
		s0vl, s0vr = capped(s.nl[i0]), capped(s.nr[i0])
		s0ls, s0rs = s.lset[i0], s.rset[i0]
	}
	if j0 != none {
		b0vl, b0ls = capped(s.nl[j0]), s.lset[j0]
	}
	nstack := capped(len(s.stack))

	return append(dst,
		p.Hash(0),
		// single words
		p.Hash(1, s0.w), p.Hash(2, s0.t), p.Hash(3, s0.w, s0.t),
		p.Hash(4, s1.w), p.Hash(5, s1.t), p.Hash(6, s1.w, s1.t),
		p.Hash(7, b0.w), p.Hash(8, b0.t), p.Hash(9, b0.w, b0.t),
		p.Hash(10, b1.w), p.Hash(11, b1.t), p.Hash(12, b1.w, b1.t),
		p.Hash(13, b2.w), p.Hash(14, b2.t), p.Hash(15, s2.t), p.Hash(16, s2.w),
		p.Hash(17, s0.u), p.Hash(18, s1.u), p.Hash(19, b0.u),
		p.Hash(20, s0.c), p.Hash(21, b0.c), p.Hash(22, s1.c),
		// pairs
		p.Hash(30, s0.w, s0.t, b0.w, b0.t), p.Hash(31, s0.w, s0.t, b0.w), p.Hash(32, s0.w, b0.w, b0.t),
		p.Hash(33, s0.w, s0.t, b0.t), p.Hash(34, s0.t, b0.w, b0.t), p.Hash(35, s0.w, b0.w),
		p.Hash(36, s0.t, b0.t), p.Hash(37, b0.t, b1.t),
		p.Hash(38, s1.w, s1.t, s0.w, s0.t), p.Hash(39, s1.w, s0.w), p.Hash(40, s1.t, s0.t),
		p.Hash(41, s1.w, s0.t), p.Hash(42, s1.t, s0.w), p.Hash(43, s0.c, b0.c), p.Hash(44, s1.c, s0.c),
		p.Hash(45, s0.w, b0.c), p.Hash(46, s0.c, b0.w), p.Hash(47, s1.w, s0.c), p.Hash(48, s1.c, s0.w),
		// tag triples
		p.Hash(50, b0.t, b1.t, b2.t), p.Hash(51, s0.t, b0.t, b1.t), p.Hash(52, s1.t, s0.t, b0.t),
		p.Hash(53, s0.t, S0l1.t, b0.t), p.Hash(54, s0.t, S0r1.t, b0.t), p.Hash(55, s0.t, b0.t, B0l1.t),
		p.Hash(56, s2.t, s1.t, s0.t), p.Hash(57, s1.t, s0.t, S0l1.t), p.Hash(58, s1.t, s0.t, S0r1.t),
		p.Hash(59, s1.t, S1r1.t, s0.t), p.Hash(60, s1.t, S1l1.t, s0.t),
		p.Hash(61, s0.w, b0.t, b1.t), p.Hash(62, s1.w, s0.t, b0.t), p.Hash(63, s1.t, s0.w, b0.t),
		p.Hash(64, s1.t, s0.t, b0.w),
		// distance
		p.Hash(70, s0.w, d01), p.Hash(71, s0.t, d01), p.Hash(72, b0.w, d01), p.Hash(73, b0.t, d01),
		p.Hash(74, s0.w, b0.w, d01), p.Hash(75, s0.t, b0.t, d01),
		p.Hash(76, s1.t, s0.t, d10), p.Hash(77, s1.w, s0.w, d10), p.Hash(78, s1.w, s0.t, d10), p.Hash(79, s1.t, s0.w, d10),
		// valency
		p.Hash(80, s0.w, s0vr), p.Hash(81, s0.t, s0vr), p.Hash(82, s0.w, s0vl), p.Hash(83, s0.t, s0vl),
		p.Hash(84, b0.w, b0vl), p.Hash(85, b0.t, b0vl), p.Hash(86, nstack), p.Hash(87, nstack, b0.t),
		// children
		p.Hash(90, S0l1.w), p.Hash(91, S0l1.t), p.Hash(92, lab(i0, s0l1)),
		p.Hash(93, S0r1.w), p.Hash(94, S0r1.t), p.Hash(95, lab(i0, s0r1)),
		p.Hash(96, B0l1.w), p.Hash(97, B0l1.t), p.Hash(98, lab(j0, b0l1)),
		p.Hash(99, S0l2.w), p.Hash(100, S0l2.t), p.Hash(101, lab(i0, s0l2)),
		p.Hash(102, S0r2.w), p.Hash(103, S0r2.t), p.Hash(104, lab(i0, s0r2)),
		p.Hash(105, B0l2.w), p.Hash(106, B0l2.t), p.Hash(107, lab(j0, b0l2)),
		p.Hash(108, s0.t, S0l1.t, S0l2.t), p.Hash(109, s0.t, S0r1.t, S0r2.t), p.Hash(110, b0.t, B0l1.t, B0l2.t),
		p.Hash(111, S1r1.t, lab(i1, s1r1)), p.Hash(112, S1l1.t, lab(i1, s1l1)),
		// label sets
		p.Hash(120, s0.w, s0rs), p.Hash(121, s0.t, s0rs), p.Hash(122, s0.w, s0ls), p.Hash(123, s0.t, s0ls),
		p.Hash(124, b0.w, b0ls), p.Hash(125, b0.t, b0ls),
	)
}

// labelFeatures appends the feature keys for labelling the arc head -> dep
// made in configuration s (dep's own dependents are all attached by then).
func labelFeatures(dst []uint32, s *state, toks []token, head, dep int) []uint32 {
	at := func(i int) *token {
		if i < 0 || i > s.n {
			return &noToken
		}
		return &toks[i]
	}
	lab := func(i int) uint64 {
		if i == none {
			return 0
		}
		return uint64(s.labels[i] + 1)
	}
	h, d := at(head), at(dep)
	var dir uint64 = 1
	if dep < head {
		dir = 2
	}
	ds := dist(head, dep)
	dl1, dr1 := s.l1[dep], s.r1[dep]
	Dl1, Dr1 := at(dl1), at(dr1)
	dm1, dp1, hp1, hm1 := at(dep-1), at(dep+1), at(head+1), at(head-1)
	isRoot := uint64(0)
	if head == s.n {
		isRoot = 1
	}
	hset := s.rset[head]
	if dir == 2 {
		hset = s.lset[head]
	}
	return append(dst,
		p.Hash(200, dir),
		p.Hash(201, h.w, dir), p.Hash(202, h.t, dir), p.Hash(203, d.w, dir), p.Hash(204, d.t, dir),
		p.Hash(205, h.w, h.t, dir), p.Hash(206, d.w, d.t, dir),
		p.Hash(207, h.t, d.t, dir), p.Hash(208, h.w, d.t, dir), p.Hash(209, h.t, d.w, dir),
		p.Hash(210, h.w, d.w, dir), p.Hash(211, h.t, d.t, ds, dir),
		p.Hash(212, h.u, d.u, dir), p.Hash(213, d.u, dir), p.Hash(214, d.c, dir), p.Hash(215, h.c, d.t, dir),
		p.Hash(216, d.t, s.lset[dep]), p.Hash(217, d.t, s.rset[dep]), p.Hash(218, d.t, s.lset[dep], s.rset[dep], dir),
		p.Hash(219, d.t, lab(dl1), Dl1.t), p.Hash(220, d.t, lab(dr1), Dr1.t), p.Hash(221, Dl1.w, d.t),
		p.Hash(222, dm1.t, d.t, dir), p.Hash(223, d.t, dp1.t, dir), p.Hash(224, h.t, hp1.t, dir), p.Hash(225, hm1.t, h.t, dir),
		p.Hash(226, isRoot, d.t), p.Hash(227, h.t, hset, dir), p.Hash(228, h.t, d.t, capped(s.nl[dep]), capped(s.nr[dep])),
		p.Hash(229, d.w, h.t, ds, dir), p.Hash(230, h.u, d.w, dir),
	)
}
