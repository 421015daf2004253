package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	p "eventwire/internal/perceptron"
	"eventwire/ner/cluster"
)

// word holds the hashed views of one token the features use.
type word struct {
	lower, raw, shape      uint64
	pre1, pre2, pre3       uint64
	suf1, suf2, suf3, suf4 uint64
	capital                bool
	// amb is the hash of the set of classes the word had in training
	// (for frequent words), or of "unknown".
	amb uint64
	// c2...c8 are prefixes of the word's cluster path (0 when unknown).
	c2, c4, c6, c8 uint64
	// norm is the normalised word (see normWord).
	norm string
}

// Hashes for positions before the start and after the end of a sentence.
var (
	startWord = word{lower: p.String("-START-"), raw: p.String("-START-"), suf3: p.String("-START-"), amb: 1}
	endWord   = word{lower: p.String("-END-"), raw: p.String("-END-"), suf3: p.String("-END-"), amb: 2}
)

// quoteFix straightens curly quotes and backtick apostrophes.
var quoteFix = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "`", "'")

// normWord maps a token to the form the model sees: lower case, curly
// quotes straightened, digits collapsed.
func normWord(s string) string {
	if strings.ContainsAny(s, "\u2018\u2019\u201c\u201d`") {
		s = quoteFix.Replace(s)
	}
	hasDigit := strings.ContainsFunc(s, unicode.IsDigit)
	if hasDigit {
		if len(s) == 4 && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			return "!YEAR"
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
	return strings.ToLower(s)
}

// shape is the perceptron's word shape, at most seven symbols (see
// shapeN): "Kerry" -> "Xx", "U.S." -> "X.X.", "24-hour" -> "d-x".
func shape(s string) string { return shapeN(s, 7) }

// shapeN maps letters to X/x and digits to d, keeps other characters,
// collapses runs of one symbol and stops after limit symbols. The
// perceptron's features use seven (shape), the neural tagger's six
// (nnShape, as scripts/train_tagger.py's shape).
func shapeN(s string, limit int) string {
	var buf [32]byte
	b := buf[:0]
	var last rune = -1
	n := 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			continue
		}
		last = c
		b = utf8.AppendRune(b, c)
		if n++; n == limit {
			break
		}
	}
	return string(b)
}

// prefix and suffix return the first and last n runes of s (all of s when shorter).
func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// newWord computes the hashed views of token s; amb maps frequent
// normalised words to their ambiguity class.
func newWord(s string, amb map[string]uint64, cl *cluster.Table) word {
	l := normWord(s)
	r, _ := utf8.DecodeRuneInString(s)
	var c2, c4, c6, c8 uint64
	if cl != nil {
		key := l
		if strings.ContainsFunc(s, unicode.IsDigit) {
			key = strings.ToLower(quoteFix.Replace(s))
		}
		info, ok := cl.Lookup(key)
		if ok {
			path := info.Path
			c2, c4, c6, c8 = p.String(prefix(path, 2)), p.String(prefix(path, 4)), p.String(prefix(path, 6)), p.String(path)
		}
	}
	return word{c2: c2, c4: c4, c6: c6, c8: c8, norm: l,
		lower: p.String(l), raw: p.String(s), shape: p.String(shape(s)),
		pre1: p.String(prefix(s, 1)), pre2: p.String(prefix(l, 2)), pre3: p.String(prefix(l, 3)),
		suf1: p.String(suffix(l, 1)), suf2: p.String(suffix(l, 2)), suf3: p.String(suffix(l, 3)), suf4: p.String(suffix(l, 4)),
		capital: unicode.IsUpper(r), amb: amb[l],
	}
}

// features appends the feature keys for position i of ws, given the tags
// predicted for the two words before it (class numbers, -1 and -2 at the
// start).
func features(dst []uint32, ws []word, i int, p1, p2 int) []uint32 {
	at := func(k int) *word {
		switch {
		case k < 0:
			return &startWord
		case k >= len(ws):
			return &endWord
		}
		return &ws[k]
	}
	w, wm1, wm2, wp1, wp2 := at(i), at(i-1), at(i-2), at(i+1), at(i+2)
	t1, t2 := uint64(p1+3), uint64(p2+3)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	cap := uint64(0)
	if w.capital {
		cap = 1
	}
	return append(dst,
		p.Hash(0),
		p.Hash(1, w.lower),
		p.Hash(2, w.raw),
		p.Hash(3, w.shape),
		p.Hash(4, w.pre1),
		p.Hash(5, w.pre2),
		p.Hash(6, w.pre3),
		p.Hash(7, w.suf1),
		p.Hash(8, w.suf2),
		p.Hash(9, w.suf3),
		p.Hash(10, w.suf4),
		p.Hash(11, t1),
		p.Hash(12, t2),
		p.Hash(13, t1, t2),
		p.Hash(14, t1, w.lower),
		p.Hash(15, wm1.lower),
		p.Hash(16, wm1.suf3),
		p.Hash(17, wm2.lower),
		p.Hash(18, wp1.lower),
		p.Hash(19, wp1.suf3),
		p.Hash(20, wp2.lower),
		p.Hash(21, w.lower, wp1.lower),
		p.Hash(22, wm1.lower, w.lower),
		p.Hash(23, t1, wp1.lower),
		p.Hash(24, first, cap),
		p.Hash(25, wp1.shape),
		p.Hash(26, wm1.shape, w.shape),
		p.Hash(27, t1, w.suf3),
		p.Hash(28, wp1.suf2, wp2.suf2),
		p.Hash(29, w.amb),
		p.Hash(30, wp1.amb),
		p.Hash(31, wp2.amb),
		p.Hash(32, w.amb, wp1.amb),
		p.Hash(33, t1, w.amb),
		p.Hash(34, t1, w.amb, wp1.amb),
		p.Hash(35, w.suf3, wp1.amb),
		p.Hash(36, wm1.amb, w.amb),
		p.Hash(37, wp1.raw),
		p.Hash(38, w.shape, wp1.shape, wm1.shape),
		p.Hash(39, w.c2),
		p.Hash(40, w.c4),
		p.Hash(41, w.c6),
		p.Hash(42, w.c8),
		p.Hash(43, wp1.c4),
		p.Hash(44, wp1.c8),
		p.Hash(45, wm1.c4),
		p.Hash(46, t1, w.c6),
		p.Hash(47, w.c4, wp1.c4),
		p.Hash(48, wp2.c4),
	)
}
