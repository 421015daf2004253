package clean

import (
	"regexp"
	"time"

	"github.com/araddon/dateparse"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Datelines open a report with the place it was filed from:
// "CAIRO:", "Cairo, July 22 (Reuters) -", "LONDON (AP) —", "WASHINGTON —".
var (
	// placeWords is one to four capitalised words, optionally followed by
	// a region ("LA CROSSE, Wis.").
	placeWords = `[\p{Lu}][\p{L}'’.\-]*(?:[ \-][\p{Lu}][\p{L}'’.\-]*){0,3}(?:, [\p{Lu}][\p{L}.]*(?: [\p{Lu}][\p{L}.]*)?){0,2}`
	// datelineAgency: place, optional date, (Agency), dash.
	datelineAgency = regexp.MustCompile(`^(` + placeWords + `),? (?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? (?:\d{4} )?)?\([\p{L}][\p{L}\d .&/-]{0,30}\) ?[-—–:]+ ?`)
	// datelineCaps: an all-capitals place and a dash.
	datelineCaps = regexp.MustCompile(`^(\p{Lu}[\p{Lu}'’.\-]+(?: \p{Lu}[\p{Lu}'’.\-]+){0,3}(?:, [\p{Lu}][\p{L}.]*)?) ?[—–-]+ `)
	// datelineColon: a place of one to three capitalised words and a colon.
	datelineColon = regexp.MustCompile(`^(\p{Lu}[\p{L}'’.\-]+(?: \p{Lu}[\p{L}'’.\-]+){0,2}): +`)
)

// notPlaces are capitalised words that open a paragraph with a colon or a
// dash without being a dateline.
var notPlaces = map[string]bool{
	"update": true, "updated": true, "note": true, "editor's note": true, "analysis": true,
	"opinion": true, "exclusive": true, "breaking": true, "watch": true, "listen": true,
	"video": true, "photo": true, "photos": true, "read": true, "read more": true, "related": true,
	"comment": true, "review": true, "live": true, "warning": true, "correction": true,
	"source": true, "sources": true, "credit": true, "image": true, "caption": true,
	"q": true, "a": true, "i": true, "it": true, "this": true, "the": true, "he": true, "she": true,
	"they": true, "we": true, "but": true, "and": true, "so": true, "yes": true, "no": true,
	"why": true, "what": true, "how": true, "who": true, "when": true, "where": true,
	"tl;dr": true, "summary": true, "background": true, "context": true, "disclaimer": true,
	"also": true, "by": true, "dear": true, "von": true, "stand": true, "quelle": true, "foto": true,
	"bild": true, "fuente": true, "por": true, "par": true, "mit": true, "aktualisiert": true,
	"result": true, "results": true, "score": true, "scorers": true, "team": true, "squad": true,
	"venue": true, "date": true, "time": true, "referee": true, "attendance": true, "teams": true,
	"ok": true, "us": true, "uk": true, "eu": true, "un": true, "ap": true, "afp": true,
}

// dateline finds a dateline at the start of p and returns the place and the
// number of bytes it occupies (including the following dash or colon and
// spaces), or 0.
func dateline(p []byte) (string, int) {
	if m := datelineAgency.FindSubmatchIndex(p); m != nil {
		if place := string(p[m[2]:m[3]]); placeLike(place) {
			return placeName(place), m[1]
		}
	}
	if m := datelineCaps.FindSubmatchIndex(p); m != nil {
		if place := string(p[m[2]:m[3]]); len([]rune(place)) >= 3 && placeLike(place) {
			return placeName(place), m[1]
		}
	}
	if m := datelineColon.FindSubmatchIndex(p); m != nil {
		// "Cairo:" or "NEW DELHI:"; several mixed-case words before a colon
		// are more often a speaker or a label ("Julian Assange:", "Dear Abby:").
		place := string(p[m[2]:m[3]])
		if placeLike(place) && (isUpperWord(place) || !strings.Contains(place, " ")) {
			return placeName(place), m[1]
		}
	}
	return "", 0
}

// placeLike rejects labels that open paragraphs the way datelines do.
func placeLike(place string) bool {
	lower := strings.ToLower(place)
	first, _, _ := strings.Cut(lower, " ")
	return !notPlaces[lower] && !notPlaces[first]
}

func isUpperWord(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// placeName turns an all-capitals place ("MEXICO CITY") into title case and
// leaves mixed-case places as they are.
func placeName(s string) string {
	s = strings.TrimRight(s, " ,")
	words := strings.Fields(s)
	for i, w := range words {
		// All-capital words, and abbreviations with one final dot ("ST."),
		// are title-cased; "U.S." and "D.C." stay as they are.
		dots := strings.Count(w, ".")
		if !isUpperWord(w) || utf8.RuneCountInString(w) < 2 || dots > 1 || (dots == 1 && !strings.HasSuffix(w, ".")) {
			continue
		}
		rs := []rune(strings.ToLower(w))
		rs[0] = unicode.ToUpper(rs[0])
		for j := 1; j < len(rs); j++ {
			if rs[j-1] == '-' || rs[j-1] == '\'' || rs[j-1] == '’' {
				rs[j] = unicode.ToUpper(rs[j])
			}
		}
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}

// bylineLine is a paragraph that only names the authors: "By Jane Doe",
// "By JANE DOE and John Roe, Reuters".
var bylineLine = regexp.MustCompile(`^(?i:by):? +(\p{Lu}[\p{L}'’.\-]*(?: \p{Lu}[\p{L}'’.\-]*){0,3}(?:(?:,| and| &) +\p{Lu}[\p{L}'’.\-]*(?: \p{Lu}[\p{L}'’.\-]*){0,3}){0,3})$`)

var nameSeparators = regexp.MustCompile(`,| and | & `)

// timestampLine is a paragraph that only dates the article: "Published
// 22 July 2014", "Updated: 2014-07-22 10:00 GMT", "July 22, 2014".
var timestampLine = regexp.MustCompile(`^(?i:(first published|published|posted|last updated|updated|last modified|modified)(?: on| at)?:? *)?(.{6,60}?)\.?$`)

// timestamp takes a timestamp paragraph off the first paragraphs and
// returns the publication time it gives (zero for update times).
func timestamp(paras []rtext) ([]rtext, time.Time) {
	for i := 0; i < len(paras) && i < 3; i++ {
		if len(paras[i].b) > 80 || !hasDigit(paras[i].b) {
			continue
		}
		m := timestampLine.FindSubmatch(paras[i].b)
		if m == nil {
			continue
		}
		t, err := dateparse.ParseAny(strings.TrimSpace(string(m[2])))
		if err != nil || t.Year() < 1900 || t.Year() > 2200 {
			continue
		}
		label := strings.ToLower(string(m[1]))
		if strings.Contains(label, "updated") || strings.Contains(label, "modified") {
			t = time.Time{}
		}
		return append(paras[:i:i], paras[i+1:]...), t
	}
	return paras, time.Time{}
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// byline takes a byline paragraph off the first paragraphs and returns the
// names, joined with ", ".
func byline(paras []rtext) ([]rtext, string) {
	for i := 0; i < len(paras) && i < 3; i++ {
		if len(paras[i].b) > 120 {
			continue
		}
		if m := bylineLine.FindSubmatch(paras[i].b); m != nil {
			names := nameSeparators.Split(string(m[1]), -1)
			for j := range names {
				names[j] = strings.TrimSpace(names[j])
			}
			return append(paras[:i:i], paras[i+1:]...), strings.Join(names, ", ")
		}
	}
	return paras, ""
}

// lead handles the opening of the body: it takes the dateline off the
// first paragraphs, drops a first paragraph that repeats the title, and
// drops a lead that repeats the standfirst. It returns the paragraphs, the
// dateline's place and the standfirst, if any.
func lead(title rtext, paras []rtext) ([]rtext, string, string) {
	if len(paras) > 0 && len(title.b) > 0 && normKey(paras[0].b) == normKey(title.b) {
		paras = paras[1:]
	}
	var place string
	hadDateline := [2]bool{}
	for i := 0; i < len(paras) && i < 2; i++ {
		if pl, n := dateline(paras[i].b); n > 0 && n < len(paras[i].b) {
			if place == "" {
				place = pl
			}
			hadDateline[i] = true
			paras[i] = paras[i].slice(n, len(paras[i].b)).trimSpace()
		}
	}
	var standfirst string
	if len(paras) >= 2 {
		k0, k1 := normKey(paras[0].b), normKey(paras[1].b)
		switch {
		case k0 == k1 || (len(k1) > 0 && strings.HasPrefix(k0, k1)):
			// The lead repeats the standfirst: keep the first.
			paras = append(paras[:1], paras[2:]...)
			standfirst = string(paras[0].b)
		case len(k0) >= 20 && strings.HasPrefix(k1, strings.TrimSuffix(k0, "…")):
			// The standfirst is a cut-down lead: keep the full lead.
			paras = paras[1:]
		case hadDateline[1] && !hadDateline[0] && len(paras[0].b) < 500:
			standfirst = string(paras[0].b)
		}
	}
	return paras, place, standfirst
}
