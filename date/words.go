package date

import (
	"strings"
	"time"
)

// monthOf returns the month a lower-cased word names (full names and the
// usual abbreviations, with or without a dot), or 0.
func monthOf(w string) time.Month {
	w = strings.TrimSuffix(w, ".")
	switch w {
	case "january", "jan":
		return time.January
	case "february", "feb":
		return time.February
	case "march", "mar":
		return time.March
	case "april", "apr":
		return time.April
	case "may":
		return time.May
	case "june", "jun":
		return time.June
	case "july", "jul":
		return time.July
	case "august", "aug":
		return time.August
	case "september", "sep", "sept":
		return time.September
	case "october", "oct":
		return time.October
	case "november", "nov":
		return time.November
	case "december", "dec":
		return time.December
	}
	return 0
}

// fullMonth reports whether w is a month's full name ("march", not "mar").
func fullMonth(w string) bool {
	m := monthOf(w)
	return m != 0 && w == strings.ToLower(m.String())
}

// weekdayOf returns the weekday a lower-cased word names and true, or false.
func weekdayOf(w string) (time.Weekday, bool) {
	switch w {
	case "sunday":
		return time.Sunday, true
	case "monday":
		return time.Monday, true
	case "tuesday":
		return time.Tuesday, true
	case "wednesday":
		return time.Wednesday, true
	case "thursday":
		return time.Thursday, true
	case "friday":
		return time.Friday, true
	case "saturday":
		return time.Saturday, true
	}
	return 0, false
}

// smallNumber reads a count of units before "ago": digits, "a"/"an", or a
// number word up to twelve. It returns 0 when w is none of them.
func smallNumber(w string) int {
	switch w {
	case "a", "an", "one":
		return 1
	case "two":
		return 2
	case "three":
		return 3
	case "four":
		return 4
	case "five":
		return 5
	case "six":
		return 6
	case "seven":
		return 7
	case "eight":
		return 8
	case "nine":
		return 9
	case "ten":
		return 10
	case "eleven":
		return 11
	case "twelve":
		return 12
	}
	if n, ok := atoi(w); ok && n > 0 && n < 1000 {
		return n
	}
	return 0
}

// atoi parses a short string of ASCII digits without allocating.
func atoi(w string) (int, bool) {
	if w == "" || len(w) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// dayOfMonth reads "22", "22nd", "1st" as a day of the month, or returns 0.
func dayOfMonth(w string) int {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) {
			w = w[:len(w)-2]
			break
		}
	}
	if len(w) == 0 || len(w) > 2 {
		return 0
	}
	n, ok := atoi(w)
	if !ok || n < 1 || n > 31 {
		return 0
	}
	return n
}

// yearOf reads a four-digit year between 1800 and 2199, or returns 0.
func yearOf(w string) int {
	if len(w) != 4 {
		return 0
	}
	n, ok := atoi(w)
	if !ok || n < 1800 || n > 2199 {
		return 0
	}
	return n
}

// yearContext lists the words after which a bare four-digit number is a
// year ("in 2014", "since 2010", "early 2013").
func yearContext(w string) bool {
	switch w {
	case "in", "since", "by", "until", "till", "from", "during", "before", "after", "early", "late",
		"mid", "throughout", "of", "between", "to", "and", "around", "circa", "spring", "summer",
		"autumn", "fall", "winter":
		return true
	}
	return false
}

// monthContext lists the words after which a bare month name is a date
// ("in March", "since May", "early June"). "May" needs one, being also a
// verb and a surname; the others need one to keep names such as "April" out.
func monthContext(w string) bool {
	switch w {
	case "in", "since", "by", "until", "till", "from", "during", "before", "after", "early", "late",
		"mid", "throughout", "of", "between", "to", "through", "last", "next", "this", "end",
		"around", "on":
		return true
	}
	return false
}

// futureMarker reports whether w marks the future tense or a plan.
func futureMarker(w string) bool {
	switch w {
	case "will", "'ll", "shall", "wo", "scheduled", "due", "plans", "plan", "expected", "set",
		"going", "forward", "upcoming", "forthcoming":
		return true
	}
	return false
}

// clauseBreak reports whether w ends the clause a date belongs to when
// deciding its tense.
func clauseBreak(w string) bool {
	switch w {
	case ",", ";", ":", "said", "says", "told", "tells", "that", "but", "while", "when", "after",
		"before", "\"", "(", ")", "--", "—", "–":
		return true
	}
	return false
}

// determiner reports whether w is an article or possessive that may stand
// before a year or month used as a modifier ("the 2014 election", "a June
// report", "its 2030 target").
func determiner(w string) bool {
	switch w {
	case "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that":
		return true
	}
	return false
}
