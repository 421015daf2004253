package count

import (
	"strconv"
	"strings"
)

// num is a number phrase: tokens [start, end) of the sentence, with its
// qualifier ("more than") and value.
type num struct {
	start, end  int
	value       float64
	approximate bool
	qualifier   string
}

// qualifier is words that may precede a number and whether they make it
// approximate ("about 50").
type qualifier struct {
	words  []string
	approx bool
}

// qualifiers lists the qualifiers, longest first within each opening word.
func qualifiers() []qualifier {
	return []qualifier{
		{[]string{"no", "fewer", "than"}, false},
		{[]string{"no", "less", "than"}, false},
		{[]string{"not", "less", "than"}, false},
		{[]string{"more", "than"}, false},
		{[]string{"fewer", "than"}, false},
		{[]string{"less", "than"}, false},
		{[]string{"at", "least"}, false},
		{[]string{"at", "most"}, false},
		{[]string{"up", "to"}, false},
		{[]string{"as", "many", "as"}, false},
		{[]string{"as", "few", "as"}, false},
		{[]string{"well", "over"}, false},
		{[]string{"just", "over"}, false},
		{[]string{"just", "under"}, false},
		{[]string{"in", "excess", "of"}, false},
		{[]string{"upwards", "of"}, false},
		{[]string{"close", "to"}, true},
		{[]string{"an", "estimated"}, true},
		{[]string{"estimated"}, true},
		{[]string{"over"}, false},
		{[]string{"nearly"}, false},
		{[]string{"almost"}, false},
		{[]string{"about"}, true},
		{[]string{"around"}, true},
		{[]string{"some"}, true},
		{[]string{"roughly"}, true},
		{[]string{"approximately"}, true},
		{[]string{"under"}, false},
	}
}

// unitWord returns the value of a number word ("seven", "twenty-nine").
func unitWord(w string) (float64, bool) {
	switch w {
	case "one":
		return 1, true
	case "two":
		return 2, true
	case "three":
		return 3, true
	case "four":
		return 4, true
	case "five":
		return 5, true
	case "six":
		return 6, true
	case "seven":
		return 7, true
	case "eight":
		return 8, true
	case "nine":
		return 9, true
	case "ten":
		return 10, true
	case "eleven":
		return 11, true
	case "twelve":
		return 12, true
	case "thirteen":
		return 13, true
	case "fourteen":
		return 14, true
	case "fifteen":
		return 15, true
	case "sixteen":
		return 16, true
	case "seventeen":
		return 17, true
	case "eighteen":
		return 18, true
	case "nineteen":
		return 19, true
	case "twenty":
		return 20, true
	case "thirty":
		return 30, true
	case "forty":
		return 40, true
	case "fifty":
		return 50, true
	case "sixty":
		return 60, true
	case "seventy":
		return 70, true
	case "eighty":
		return 80, true
	case "ninety":
		return 90, true
	}
	// "twenty-nine" as one token.
	if a, b, ok := strings.Cut(w, "-"); ok {
		x, ok1 := unitWord(a)
		y, ok2 := unitWord(b)
		if ok1 && ok2 && x >= 20 && x <= 90 && y < 10 {
			return x + y, true
		}
	}
	return 0, false
}

// scaleWord returns the multiplier a scale word stands for.
func scaleWord(w string) float64 {
	switch w {
	case "hundred":
		return 100
	case "thousand":
		return 1e3
	case "million":
		return 1e6
	case "billion":
		return 1e9
	}
	return 0
}

// vagueWord returns the value given to a vague plural: the smallest amount
// the word can mean ("dozens" is at least two dozen).
func vagueWord(w string) float64 {
	switch w {
	case "dozens":
		return 24
	case "scores":
		return 40
	case "hundreds":
		return 200
	case "thousands":
		return 2000
	case "millions":
		return 2e6
	}
	return 0
}

// digits parses "600", "1,200" or "1.2"; it rejects "24-hour", "3.5bn",
// "1980s" and malformed groupings.
func digits(w string) (float64, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, false
	}
	if strings.Contains(w, ",") {
		parts := strings.Split(w, ",")
		for i, p := range parts {
			if i > 0 && len(p) != 3 || i == 0 && (len(p) == 0 || len(p) > 3) {
				return 0, false
			}
		}
		w = strings.Join(parts, "")
	}
	for _, r := range w {
		if (r < '0' || r > '9') && r != '.' {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(w, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// number reads a number phrase starting at token i: an optional qualifier,
// then digits with an optional scale ("1.2 million"), number words ("two
// dozen", "three hundred and fifty", "a dozen") or a vague plural
// ("dozens", "hundreds of", "tens of thousands"). It does not read years,
// money or percentages.
func (s *sentence) number(i int) (num, bool) {
	if w := s.word(i); !s.st.qualFirst[w] && !mayBeNumber(w) {
		return num{}, false
	}
	n := num{start: i}
	j := i
	for _, q := range s.st.qualifiers {
		if s.wordsAt(j, q.words) {
			n.qualifier = strings.Join(q.words, " ")
			n.approximate = q.approx
			j += len(q.words)
			break
		}
	}
	switch p := s.word(i - 1); {
	case p == "$" || p == "£" || p == "€" || p == "no." || p == "number" || p == "page" || p == "article" ||
		p == "resolution" || p == "flight" || p == "route" || s.st.units[p]:
		return num{}, false
	case s.inName(i - 1):
		// "Fathers 4 Justice", "Apollo 13": a number inside a name.
		return num{}, false
	}
	w := s.word(j)
	switch {
	case vagueWord(w) > 0:
		n.value = vagueWord(w)
		n.approximate = true
		j++
		// "tens of thousands", "hundreds of thousands"
		if s.word(j) == "of" && vagueWord(s.word(j+1)) >= 1000 {
			n.value *= vagueWord(s.word(j+1)) / 2
			j += 2
		}
	case w == "tens" && s.word(j+1) == "of" && vagueWord(s.word(j+2)) >= 1000:
		n.value = 10 * vagueWord(s.word(j+2))
		n.approximate = true
		j += 3
	default:
		v, end, ok := s.exact(j)
		if !ok {
			return num{}, false
		}
		n.value, j = v, end
	}
	if n.value <= 0 {
		return num{}, false
	}
	switch s.word(j) {
	case "%", "percent", "per", "-year-old", "year-old", "years-old":
		return num{}, false
	}
	// "hundreds of Palestinians": the "of" belongs to the number.
	if n.approximate && s.word(j) == "of" && !isDeterminer(s.word(j+1)) {
		j++
	}
	n.end = j
	return n, true
}

// mayBeNumber reports whether a number phrase can open with w, a cheap
// test that spares most tokens the full reading.
func mayBeNumber(w string) bool {
	if w == "" {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' {
		return true
	}
	switch w {
	case "a", "an", "half", "tens":
		return true
	}
	if _, ok := unitWord(w); ok {
		return true
	}
	return vagueWord(w) > 0
}

// exact reads digits or number words at i and returns the value and the
// end of the phrase.
func (s *sentence) exact(i int) (float64, int, bool) {
	w := s.word(i)
	if v, ok := digits(w); ok && (w[0] != '0' || len(w) == 1) {
		j := i + 1
		if sc := scaleWord(s.word(j)); sc > 0 {
			return v * sc, j + 1, true
		}
		if strings.Contains(w, ".") {
			return 0, 0, false // "1.5" people: a measure, not a count
		}
		// A bare four-digit number from 1900 to 2099 is a year ("the 2004
		// net income", "the 1972 killings"); counts that size are written
		// "2,000".
		if !strings.Contains(w, ",") && v >= 1900 && v < 2100 && len(w) == 4 {
			return 0, 0, false
		}
		return v, j, true
	}
	var total, cur float64
	j := i
	seen := false
	for ; ; j++ {
		w := s.word(j)
		if v, ok := unitWord(w); ok {
			cur += v
			seen = true
			continue
		}
		if (w == "a" || w == "an") && j == i && (scaleWord(s.word(j+1)) > 0 || s.word(j+1) == "dozen") {
			cur = 1
			continue
		}
		if w == "half" && j == i && (s.word(j+1) == "a" || s.word(j+1) == "an") && (scaleWord(s.word(j+2)) > 0 || s.word(j+2) == "dozen") {
			cur = 0.5
			j++
			continue
		}
		if w == "dozen" && (seen || cur > 0) {
			cur *= 12
			seen = true
			continue
		}
		if sc := scaleWord(w); sc > 0 && (seen || cur > 0) {
			if sc == 100 {
				cur *= 100
			} else {
				total += cur * sc
				cur = 0
			}
			seen = true
			continue
		}
		if w == "and" && seen {
			if _, ok := unitWord(s.word(j + 1)); ok {
				continue
			}
		}
		break
	}
	if !seen {
		return 0, 0, false
	}
	v := total + cur
	// "one" alone must count something: "one person", not "one of".
	if v == 1 && j == i+1 && (s.word(j) == "of" || !s.lowerWord(j)) {
		return 0, 0, false
	}
	return v, j, true
}

// inName reports whether token i, before a number, is a capitalised word
// inside a sentence that makes the number part of a name: a capitalised
// word follows the number ("Fathers 4 Justice") or precedes token i too
// ("Teamsters Local 90").
func (s *sentence) inName(i int) bool {
	if i <= 0 || i >= len(s.low) {
		return false
	}
	up := func(k int) bool {
		if k < 0 || k >= len(s.low) {
			return false
		}
		t := s.tok(k).Text
		return t != "" && t[0] >= 'A' && t[0] <= 'Z' && isAlpha(t)
	}
	return up(i) && (up(i+2) || up(i-1))
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "them", "those", "these", "whom", "which", "us", "our", "their", "its", "his", "her":
		return true
	}
	return false
}
