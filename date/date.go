// Package date finds the date expressions of an article and resolves them
// against its publication date: "on Tuesday", "last year", "earlier this
// year", "three days ago", "in March", "22 July", "July 22, 2014",
// "2014-07-22".
//
// Each expression becomes a doc.Date whose Value is ISO 8601 at the
// expression's own granularity:
//
//   - a day, "2014-07-22": "on Tuesday", "yesterday", "today", "tonight",
//     "last night", "this morning", "three days ago", "22 July", "July 22, 2014";
//   - a week, the ISO week "2014-W29": "last week", "this week", "next week",
//     "two weeks ago" (the ISO week holding publication minus seven days per week);
//   - a month, "2014-07": "last month", "in March", "March 2014", "two months ago";
//   - a year, "2014": "last year", "earlier this year", "in 2013", "a year ago".
//
// Relative is set when the value needed the publication date. Without one
// (doc.Published zero) only absolute dates are kept.
//
// Resolution rules: a day name is the most recent such day on or before
// publication, or the next on or after it when its clause speaks of the
// future ("will", "'ll", "due", "expected", "scheduled"...); "last Tuesday"
// is strictly before and "next Tuesday" strictly after; "a Tuesday", "every
// Friday" and "that Saturday" are not resolved. A month without a year ("in
// March") is likewise the most recent such month on or before publication,
// or the next one for the future; "last March" is the most recent strictly
// before the publication month; "April last year" takes the year given. A
// day and month without a year ("3 March") is the most recent on or before
// publication, unless its clause speaks of the future, or it falls at most
// 14 days after publication in a clause with no past-tense word ("leaders
// meet on 10 November"); then it is the next one. The preposition "on"
// and the modifiers "early", "earlier", "late", "later" and "mid" belong to
// the expression's text ("on Tuesday", "earlier this year") but do not
// change its value.
package date

import (
	"context"
	"fmt"
	"strings"
	"time"

	"eventwire/doc"
)

// Stage is the pipeline stage "date": it needs "tokens" and adds "dates".
// It has no model; the zero value is ready to use.
type Stage struct{}

// New returns the date stage.
func New() *Stage { return &Stage{} }

// Name returns "date".
func (*Stage) Name() string { return "date" }

// Needs returns the layers the stage reads.
func (*Stage) Needs() []string { return []string{"tokens"} }

// Adds returns the layer the stage fills.
func (*Stage) Adds() []string { return []string{"dates"} }

// Process fills d.Dates, replacing any earlier ones.
func (*Stage) Process(ctx context.Context, d *doc.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Dates = Find(d)
	return nil
}

// Find returns the date expressions of d in text order. It finds none in a
// document whose Language is set to another language than English ("en").
func Find(d *doc.Document) []doc.Date {
	out := []doc.Date{}
	if d.Language != "" && d.Language != "en" {
		return out
	}
	for _, r := range ranges(d) {
		out = append(out, scan(d, r[0], r[1])...)
	}
	return out
}

// ForSentence dates an event by its sentence: it returns the value of the
// most specific date expression in sentence i of d (a day before a week, a
// week before a month, a month before a year; the first of equals), and
// otherwise the publication day ("2014-07-22"), or "" when d has no
// publication date either. It reads the sentence's tokens itself, so it
// works whether or not the date stage has run yet.
func ForSentence(d *doc.Document, i int) string {
	if i >= 0 && i < len(d.Sentences) {
		s := d.Sentences[i]
		best := ""
		for _, dt := range scan(d, s.FirstToken, s.EndToken) {
			if best == "" || granularity(dt.Value) < granularity(best) {
				best = dt.Value
			}
		}
		if best != "" {
			return best
		}
	}
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format(time.DateOnly)
}

// granularity ranks a value: 0 day, 1 week, 2 month, 3 year.
func granularity(v string) int {
	switch {
	case strings.Contains(v, "W"):
		return 1
	case len(v) == 10:
		return 0
	case len(v) == 7:
		return 2
	}
	return 3
}

// ranges returns the token ranges to scan: the sentences, or all tokens
// as one range when the document has no sentence layer.
func ranges(d *doc.Document) [][2]int {
	if len(d.Sentences) == 0 {
		return [][2]int{{0, len(d.Tokens)}}
	}
	out := make([][2]int, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = [2]int{s.FirstToken, s.EndToken}
	}
	return out
}

// scanner holds one sentence's tokens while matching.
type scanner struct {
	d      *doc.Document
	low    []string // lower-cased token texts, curly apostrophes straightened
	first  int      // document index of low[0]
	pub    time.Time
	hasPub bool
}

// match is one expression: tokens [start, end) of the sentence.
type match struct {
	start, end int
	value      string
	relative   bool
}

func scan(d *doc.Document, from, to int) []doc.Date {
	if from < 0 || to > len(d.Tokens) || from >= to {
		return nil
	}
	sc := &scanner{d: d, first: from, low: make([]string, to-from)}
	for i := from; i < to; i++ {
		sc.low[i-from] = lower(&d.Tokens[i])
	}
	if !d.Published.IsZero() {
		p := d.Published
		sc.pub = time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
		sc.hasPub = true
	}
	var out []doc.Date
	for i := 0; i < len(sc.low); {
		m, ok := sc.at(i)
		if !ok {
			i++
			continue
		}
		span := doc.Span{Start: d.Tokens[from+m.start].Start, End: d.Tokens[from+m.end-1].End}
		out = append(out, doc.Date{Span: span, Text: d.Slice(span), Value: m.value, Relative: m.relative})
		i = m.end
	}
	return out
}

// word returns the lower-cased token at i, or "" out of range.
func (sc *scanner) word(i int) string {
	if i < 0 || i >= len(sc.low) {
		return ""
	}
	return sc.low[i]
}

// capital reports whether the token at i starts with an upper-case letter.
func (sc *scanner) capital(i int) bool {
	if i < 0 || i >= len(sc.low) {
		return false
	}
	t := sc.d.Tokens[sc.first+i].Text
	return t != "" && t[0] >= 'A' && t[0] <= 'Z'
}

// at tries every pattern at token i, with its optional lead words.
func (sc *scanner) at(i int) (match, bool) {
	w := sc.word(i)
	switch w {
	case "on":
		if m, ok := sc.core(i + 1); ok && m.dayLike() {
			m.start = i
			return m, true
		}
		return match{}, false
	case "early", "earlier", "late", "later", "mid":
		if m, ok := sc.core(i + 1); ok && (sc.word(i+1) == "this" || sc.word(i+1) == "last" || sc.word(i+1) == "next" || monthOf(sc.word(i+1)) != 0 || yearOf(sc.word(i+1)) != 0) {
			m.start = i
			return m, true
		}
		return match{}, false
	}
	return sc.core(i)
}

// mayStart reports whether a date expression can start with word w, a
// cheap test that spares most tokens the patterns.
func mayStart(w string) bool {
	if w == "" {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' {
		return true
	}
	if monthOf(w) != 0 || smallNumber(w) != 0 || strings.HasPrefix(w, "mid-") {
		return true
	}
	if _, ok := weekdayOf(w); ok {
		return true
	}
	switch w {
	case "today", "tonight", "yesterday", "tomorrow", "this", "last", "next", "past", "coming":
		return true
	}
	return false
}

// dayLike reports whether the value is a day, the only kind "on" introduces.
func (m match) dayLike() bool { return len(m.value) == 10 }

// core tries the patterns that start at token i, longest first.
func (sc *scanner) core(i int) (match, bool) {
	w := sc.word(i)
	if !mayStart(w) {
		return match{}, false
	}
	if m, ok := sc.numeric(i); ok {
		return m, true
	}
	if m, ok := sc.dayMonth(i); ok {
		return m, true
	}
	if m, ok := sc.monthFirst(i); ok {
		return m, true
	}
	if m, ok := sc.weekday(i); ok {
		return m, true
	}
	if m, ok := sc.deictic(i); ok {
		return m, true
	}
	if m, ok := sc.ago(i); ok {
		return m, true
	}
	if m, ok := sc.prefixed(i); ok {
		return m, true
	}
	return match{}, false
}

// numeric matches "2014-07-22" and unambiguous "22/07/2014" or "7/22/2014".
func (sc *scanner) numeric(i int) (match, bool) {
	w := sc.word(i)
	if len(w) < 8 || w[0] < '0' || w[0] > '9' {
		return match{}, false
	}
	if len(w) == 10 && w[4] == '-' {
		if t, err := time.Parse(time.DateOnly, w); err == nil {
			return match{i, i + 1, t.Format(time.DateOnly), false}, true
		}
	}
	if strings.Count(w, "/") != 2 {
		return match{}, false
	}
	parts := strings.Split(w, "/")
	if len(parts) != 3 {
		return match{}, false
	}
	a, b, y := dayOfMonth(parts[0]), dayOfMonth(parts[1]), yearOf(parts[2])
	if a == 0 || b == 0 || y == 0 {
		return match{}, false
	}
	var day, mon int
	switch {
	case a > 12 && b <= 12:
		day, mon = a, b
	case b > 12 && a <= 12:
		day, mon = b, a
	default:
		return match{}, false // 03/04/2014 could be either
	}
	if v, ok := dayValue(y, time.Month(mon), day); ok {
		return match{i, i + 1, v, false}, true
	}
	return match{}, false
}

// dayMonth matches "22 July", "22nd of July", "22 July 2014".
func (sc *scanner) dayMonth(i int) (match, bool) {
	day := dayOfMonth(sc.word(i))
	if day == 0 {
		return match{}, false
	}
	j := i + 1
	if sc.word(j) == "of" {
		j++
	}
	mon := monthOf(sc.word(j))
	if mon == 0 || !sc.capital(j) {
		return match{}, false
	}
	end := j + 1
	if y := yearOf(sc.word(end)); y != 0 {
		if v, ok := dayValue(y, mon, day); ok {
			return match{i, end + 1, v, false}, true
		}
		return match{}, false
	}
	return sc.dayNoYear(i, end, mon, day)
}

// monthFirst matches "July 22", "July 22, 2014", "July 2014" and a bare
// month after a context word ("in March").
func (sc *scanner) monthFirst(i int) (match, bool) {
	w := sc.word(i)
	mon := monthOf(w)
	if mon == 0 || !sc.capital(i) {
		return match{}, false
	}
	if day := dayOfMonth(sc.word(i + 1)); day != 0 && yearOf(sc.word(i+1)) == 0 {
		j := i + 2
		if sc.word(j) == "," {
			j++
		}
		if y := yearOf(sc.word(j)); y != 0 {
			if v, ok := dayValue(y, mon, day); ok {
				return match{i, j + 1, v, false}, true
			}
			return match{}, false
		}
		return sc.dayNoYear(i, i+2, mon, day)
	}
	if y := yearOf(sc.word(i + 1)); y != 0 {
		return match{i, i + 2, fmt.Sprintf("%04d-%02d", y, int(mon)), false}, true
	}
	// "in March", "since May"; "a June report", "the March elections"
	// (not "May", which after "the" is as often Theresa May's).
	context := monthContext(sc.word(i-1)) || w != "may" && determiner(sc.word(i-1)) && fullMonth(w) && sc.nounAfter(i+1)
	if !context || (w != "may" && !fullMonth(w) && !strings.HasSuffix(w, ".")) {
		return match{}, false
	}
	if !sc.hasPub {
		return match{}, false
	}
	y := sc.pub.Year()
	// "in April last year", "June of next year".
	k := i + 1
	if sc.word(k) == "of" {
		k++
	}
	if sc.word(k+1) == "year" {
		switch sc.word(k) {
		case "last":
			y--
		case "next":
			y++
		case "this":
		default:
			k = -1
		}
		if k >= 0 {
			return match{i, k + 2, fmt.Sprintf("%04d-%02d", y, int(mon)), true}, true
		}
	}
	switch sc.word(i - 1) {
	case "last":
		if mon >= sc.pub.Month() {
			y--
		}
	case "next":
		if mon <= sc.pub.Month() {
			y++
		}
	case "this":
	default:
		if sc.future(i, i+1) {
			if mon < sc.pub.Month() {
				y++
			}
		} else if mon > sc.pub.Month() {
			y--
		}
	}
	start := i
	if w := sc.word(i - 1); w == "last" || w == "next" || w == "this" {
		start = i - 1
	}
	return match{start, i + 1, fmt.Sprintf("%04d-%02d", y, int(mon)), true}, true
}

// dayNoYear resolves a day and month without a year against publication.
func (sc *scanner) dayNoYear(start, end int, mon time.Month, day int) (match, bool) {
	// "August 15th to September 8th, 1963": a range shares its year.
	switch sc.word(end) {
	case "to", "-", "–", "—", "and", "through", "until", "till":
		m, ok := sc.dayMonth(end + 1)
		if !ok {
			m, ok = sc.monthFirst(end + 1)
		}
		if ok && !m.relative && len(m.value) == 10 {
			y, _ := atoi(m.value[:4])
			later, _ := atoi(m.value[5:7])
			if int(mon) > later {
				y--
			}
			if v, ok := dayValue(y, mon, day); ok {
				return match{start, end, v, false}, true
			}
		}
	}
	if !sc.hasPub {
		return match{}, false
	}
	y := sc.pub.Year()
	t := time.Date(y, mon, day, 0, 0, 0, 0, time.UTC)
	switch {
	case sc.future(start, end):
		if t.Before(sc.pub) {
			y++
		}
	case t.After(sc.pub) && (sc.past(start, end) || t.Sub(sc.pub) > upcoming):
		// News mostly looks back: a day later in the year is last
		// year's, unless it is only days ahead and nothing in the clause
		// is in the past ("meet in Belém on 10 November", a week ahead).
		y--
	}
	v, ok := dayValue(y, mon, day)
	return match{start, end, v, true}, ok
}

// upcoming is how far ahead of publication a day without a year, in a
// clause without tense markers, is still taken as this year's.
const upcoming = 14 * 24 * time.Hour

// past reports whether the clause around tokens [start, end) is in a past
// tense: "was", "were", "had", "did" or a regular past form ("-ed").
func (sc *scanner) past(start, end int) bool {
	is := func(j int) bool {
		w := sc.low[j]
		switch w {
		case "was", "were", "had", "did", "said", "told", "went", "came", "took", "met", "began", "left", "ago",
			"since", "last":
			return true
		}
		return len(w) > 4 && strings.HasSuffix(w, "ed") && !sc.capital(j)
	}
	for j := start - 1; j >= 0 && !clauseBreak(sc.low[j]); j-- {
		if is(j) {
			return true
		}
	}
	for j := end; j < len(sc.low) && !clauseBreak(sc.low[j]); j++ {
		if is(j) {
			return true
		}
	}
	return false
}

// weekday matches "Tuesday", "last Tuesday", "next Tuesday", "this Tuesday".
func (sc *scanner) weekday(i int) (match, bool) {
	lead := ""
	j := i
	switch sc.word(i) {
	case "last", "next", "this", "coming", "past":
		lead = sc.word(i)
		j = i + 1
	}
	wd, ok := weekdayOf(sc.word(j))
	if !ok || !sc.capital(j) {
		return match{}, false
	}
	// "on a Tuesday, Wednesday or Sunday", "every Friday", "that Saturday
	// evening": a generic or remembered day, not one near publication.
	for k := j - 1; k >= 0 && lead == ""; k-- {
		w := sc.low[k]
		if w == "," || w == "or" || w == "and" {
			continue
		}
		if _, day := weekdayOf(w); day {
			continue
		}
		switch w {
		case "a", "every", "each", "that", "one", "any", "some":
			return match{}, false
		}
		break
	}
	// "Sunday Times", "Good Friday Agreement": a day name inside a name.
	if n := sc.word(j + 1); sc.capital(j+1) && monthOf(n) == 0 && dayOfMonth(n) == 0 {
		return match{}, false
	}
	if !sc.hasPub {
		// Without a publication date only "Sunday, 8 September 1963" resolves.
		if sc.word(j+1) == "," {
			if m, ok := sc.dayMonth(j + 2); ok && !m.relative {
				m.start = i
				return m, true
			}
			if m, ok := sc.monthFirst(j + 2); ok && !m.relative && len(m.value) == 10 {
				m.start = i
				return m, true
			}
		}
		return match{}, false
	}
	back := (int(sc.pub.Weekday()) - int(wd) + 7) % 7 // days since the most recent such day
	fwd := (int(wd) - int(sc.pub.Weekday()) + 7) % 7  // days until the next
	var t time.Time
	switch {
	case lead == "last" || lead == "past":
		if back == 0 {
			back = 7
		}
		t = sc.pub.AddDate(0, 0, -back)
	case lead == "next" || lead == "coming":
		if fwd == 0 {
			fwd = 7
		}
		t = sc.pub.AddDate(0, 0, fwd)
	case sc.future(i, j+1):
		t = sc.pub.AddDate(0, 0, fwd)
	default:
		t = sc.pub.AddDate(0, 0, -back)
	}
	end := j + 1
	switch sc.word(end) {
	case "morning", "afternoon", "evening", "night":
		end++
	}
	// "Sunday, September 8th": the date says which Sunday.
	if sc.word(end) == "," {
		m, ok := sc.dayMonth(end + 1)
		if !ok {
			m, ok = sc.monthFirst(end + 1)
		}
		if ok && len(m.value) == 10 {
			m.start = i
			return m, true
		}
	}
	return match{i, end, t.Format(time.DateOnly), true}, true
}

// deictic matches "today", "yesterday", "tomorrow", "tonight", "this
// morning", "last night" and "last/this/next week|month|year".
func (sc *scanner) deictic(i int) (match, bool) {
	if !sc.hasPub {
		return match{}, false
	}
	day := func(n, end int) (match, bool) {
		return match{i, end, sc.pub.AddDate(0, 0, n).Format(time.DateOnly), true}, true
	}
	switch sc.word(i) {
	case "today", "tonight":
		return day(0, i+1)
	case "yesterday":
		return day(-1, i+1)
	case "tomorrow":
		return day(1, i+1)
	case "this", "last", "next":
		// "the next week", "the last year": counted from the story, not
		// from publication.
		if sc.word(i-1) == "the" {
			return match{}, false
		}
	default:
		return match{}, false
	}
	lead, unit := sc.word(i), sc.word(i+1)
	off := 0
	switch lead {
	case "last":
		off = -1
	case "next":
		off = 1
	}
	switch unit {
	case "morning", "afternoon", "evening":
		if lead == "this" {
			return day(0, i+2)
		}
	case "night":
		if lead == "last" {
			return day(-1, i+2)
		}
		if lead == "this" {
			return day(0, i+2)
		}
	case "week":
		return match{i, i + 2, isoWeek(sc.pub.AddDate(0, 0, 7*off)), true}, true
	case "month":
		t := sc.pub.AddDate(0, off, 1-sc.pub.Day())
		return match{i, i + 2, t.Format("2006-01"), true}, true
	case "year":
		return match{i, i + 2, fmt.Sprintf("%04d", sc.pub.Year()+off), true}, true
	}
	return match{}, false
}

// ago matches "three days ago", "two weeks ago", "a month ago", "a year ago".
func (sc *scanner) ago(i int) (match, bool) {
	if !sc.hasPub || sc.word(i+2) != "ago" {
		return match{}, false
	}
	n := smallNumber(sc.word(i))
	if n == 0 {
		return match{}, false
	}
	m := match{start: i, end: i + 3, relative: true}
	switch strings.TrimSuffix(sc.word(i+1), "s") {
	case "day":
		m.value = sc.pub.AddDate(0, 0, -n).Format(time.DateOnly)
	case "week":
		m.value = isoWeek(sc.pub.AddDate(0, 0, -7*n))
	case "month":
		m.value = sc.pub.AddDate(0, -n, 1-sc.pub.Day()).Format("2006-01")
	case "year":
		m.value = fmt.Sprintf("%04d", sc.pub.Year()-n)
	default:
		return match{}, false
	}
	return m, true
}

// prefixed matches a year after a context word ("in 2013", "since 2010")
// and the one-token "mid-2014" and "mid-March".
func (sc *scanner) prefixed(i int) (match, bool) {
	w := sc.word(i)
	if rest, ok := strings.CutPrefix(w, "mid-"); ok {
		if y := yearOf(rest); y != 0 {
			return match{i, i + 1, fmt.Sprintf("%04d", y), false}, true
		}
		if mon := monthOf(rest); mon != 0 && fullMonth(rest) && sc.hasPub {
			y := sc.pub.Year()
			if !sc.future(i, i+1) && mon > sc.pub.Month() {
				y--
			}
			return match{i, i + 1, fmt.Sprintf("%04d-%02d", y, int(mon)), true}, true
		}
		return match{}, false
	}
	if y := yearOf(w); y != 0 && !notYearAfter(sc.word(i+1)) &&
		(yearContext(sc.word(i-1)) || determiner(sc.word(i-1)) && sc.nounAfter(i+1)) {
		// "in 2013", "since 2010"; "the 2014 election", "its 2030 target".
		return match{i, i + 1, fmt.Sprintf("%04d", y), false}, true
	}
	return match{}, false
}

// nounAfter reports whether token i is a lower-case word that can head or
// open a noun phrase ("election", "target"), not a function word or a
// number.
func (sc *scanner) nounAfter(i int) bool {
	w := sc.word(i)
	if w == "" || sc.capital(i) || clauseBreak(w) || determiner(w) || yearContext(w) {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			if r != '-' {
				return false
			}
		}
	}
	switch w {
	case "and", "or", "is", "was", "were", "are", "has", "had", "have", "will", "would", "to", "than":
		return false
	}
	return true
}

// future reports whether the clause around tokens [start, end) speaks of
// the future: a future marker between the nearest clause breaks on either
// side.
func (sc *scanner) future(start, end int) bool {
	// "said on Friday he will...": the date goes with the speech verb.
	prev := sc.word(start - 1)
	if prev == "on" {
		prev = sc.word(start - 2)
	}
	switch prev {
	case "said", "told", "announced", "added", "stated", "warned", "confirmed", "reported":
		return false
	}
	for j := start - 1; j >= 0 && !clauseBreak(sc.low[j]); j-- {
		if futureMarker(sc.low[j]) {
			return true
		}
	}
	for j := end; j < len(sc.low) && !clauseBreak(sc.low[j]); j++ {
		if futureMarker(sc.low[j]) {
			return true
		}
	}
	// "On Tuesday, he will...": a leading date takes the next clause.
	if start == 0 || (start == 1 && sc.low[0] == "on") {
		if end < len(sc.low) && sc.low[end] == "," {
			for j := end + 1; j < len(sc.low) && !clauseBreak(sc.low[j]); j++ {
				if futureMarker(sc.low[j]) {
					return true
				}
			}
		}
	}
	return false
}

// dayValue formats a calendar day, rejecting impossible ones (31 June).
func dayValue(y int, m time.Month, d int) (string, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// isoWeek formats the ISO 8601 week holding t ("2014-W29").
func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// notYearAfter reports whether a word after a four-digit number makes it a
// time, a measure or a figure rather than a year ("2100 GMT", "2048 *
// 1080 pixels", "2000 people").
func notYearAfter(w string) bool {
	switch w {
	case "%", "percent", "gmt", "bst", "utc", "cet", "est", "pst", "hours", "hrs", "h", "*", "x", "×",
		"pixels", "points", "people", "metres", "meters", "feet", "km", "miles", "tonnes", "units",
		"copies", "jobs", "times", "votes", "euros", "dollars", "pounds":
		return true
	}
	return dayOfMonth(w) != 0 || yearOf(w) != 0
}

// lower returns the token's normalised form (straight quotes), lower-cased.
func lower(t *doc.Token) string {
	w := t.Norm
	if w == "" {
		w = strings.ReplaceAll(t.Text, "’", "'")
	}
	return strings.ToLower(w)
}
