package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rule recognises one kind of boilerplate paragraph. Rules see the
// paragraph lower-cased and only apply to paragraphs of at most max bytes,
// so that an article that discusses cookies or newsletters keeps its text.
type rule struct {
	name  string
	max   int
	match func(lower string) bool
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

var (
	shareLine     = regexp.MustCompile(`^(?:share|share this|share this (?:article|story|page)|share on \w+|click to share|tweet|email|print|copy link|facebook|twitter|linkedin|whatsapp|pinterest|reddit|x)(?:[ ,|/•·]+(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|email|print|copy link|x|share|messenger|telegram))*[ .:!]*$`)
	readMoreLine  = regexp.MustCompile(`^(?:read more|read also|also read|see also|more|related|read next|recommended|watch|listen|more on this|most read|click here)\b ?[:»>|\-–—]`)
	copyrightLine = regexp.MustCompile(`^(?:©|\(c\) ?\d{4}|copyright\b)`)
	adLine        = regexp.MustCompile(`^(?:advertisement|sponsored|story continues below(?: this)? advertisement|continue reading(?: below| the main story)?|scroll to continue(?: with content)?|ad|skip advertisement|article continues (?:below|after (?:this )?advertisement))[ .:]*$`)
)

// rules are the boilerplate kinds Clean removes, each small and testable.
var rules = []rule{
	{"cookie-notice", 700, func(s string) bool {
		return (containsAny(s, "cookie") && containsAny(s, "use of cookies", "uses cookies", "use cookies", "we use", "agree", "accept", "consent", "cookie policy", "continuing to use", "continue to use", "cookie settings", "your browser", "your experience", "by using")) ||
			(strings.Contains(s, "consent") && containsAny(s, "privacy", "partners", "your data", "preferences", "personal data"))
	}},
	{"subscribe-prompt", 260, func(s string) bool {
		return hasPrefixAny(s, "subscribe to", "subscribe now", "subscribe for", "sign up to our", "sign up for our", "sign up now", "register now", "join our newsletter", "become a member", "support our journalism", "already a subscriber", "already have an account", "to continue reading") ||
			(strings.Contains(s, "newsletter") && containsAny(s, "sign up", "subscribe")) ||
			containsAny(s, "delivered to your inbox", "straight to your inbox", "already a subscriber", "support our journalism", "create a free account", "log in to continue", "download our app", "download the app")
	}},
	{"share-prompt", 120, func(s string) bool { return shareLine.MatchString(s) }},
	{"follow-prompt", 200, func(s string) bool {
		return hasPrefixAny(s, "follow us", "follow the ", "follow @", "like us on", "join us on", "find us on", "click here to", "tap here to", "get the latest", "for the latest") ||
			containsAny(s, "follow us on", "follow him on", "follow her on", "follow them on", "on twitter @", "on twitter at @")
	}},
	{"credit-line", 300, func(s string) bool {
		return hasPrefixAny(s, "reporting by ", "(reporting by ", "additional reporting by ", "editing by ", "(editing by ", "writing by ", "compiled by ", "(additional reporting") ||
			strings.Contains(s, "contributed to this report") || strings.Contains(s, "contributed reporting")
	}},
	{"bare-link", 300, func(s string) bool {
		return (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")) && !strings.ContainsAny(s, " \t")
	}},
	{"read-more", 300, func(s string) bool {
		return readMoreLine.MatchString(s) || s == "read more" || s == "read more." || s == "more"
	}},
	{"tag-list", 400, func(s string) bool {
		return hasPrefixAny(s, "tags:", "tags ", "topics:", "categories:", "filed under:", "filed under ", "keywords:")
	}},
	{"copyright", 400, func(s string) bool { return copyrightLine.MatchString(s) || strings.Contains(s, "all rights reserved") }},
	{"advertisement", 80, func(s string) bool { return adLine.MatchString(s) }},
}

// maxRule is the largest max of rules: longer paragraphs are never boilerplate.
const maxRule = 700

// Boilerplate reports the name of the rule a paragraph matches, or "".
func Boilerplate(p string) string {
	p = strings.TrimSpace(p)
	if len(p) > maxRule {
		return ""
	}
	lower := strings.ToLower(p)
	for _, r := range rules {
		if len(lower) <= r.max && r.match(lower) {
			return r.name
		}
	}
	return ""
}

// Junk reports whether clean-up drops paragraph p as boilerplate or as a
// run of navigation labels.
func Junk(p string) bool { return Boilerplate(p) != "" || isNavigation([]byte(p)) }

// isNavigation reports a paragraph that is a run of menu labels: many
// words, mostly capitalised, hardly a sentence ending or other punctuation
// among them (lists of dates and places have commas and dashes).
func isNavigation(p []byte) bool {
	words, caps, ends, punct := 0, 0, 0, 0
	inWord := false
	for i, r := range string(p) {
		letter := unicode.IsLetter(r)
		if letter && !inWord {
			words++
			if unicode.IsUpper(r) {
				caps++
			}
		}
		inWord = letter || unicode.IsDigit(r) || r == '\'' || r == '-'
		if (r == '.' || r == '!' || r == '?') && i+1 < len(p) && p[i+1] == ' ' {
			ends++
		}
		switch r {
		case ',', ';', ':', '–', '—', '@', '|', '/', '(', ')':
			punct++
		}
	}
	return words >= 30 && caps*10 > words*6 && ends*50 <= words && punct*10 < words
}

// relatedHeading opens a list of links to other articles.
var relatedHeading = regexp.MustCompile(`^(?:related(?: articles| stories| content| coverage| topics| news| reading| links)?|more on this (?:story|topic)|more from [\p{L} ]{1,30}|you (?:may|might) also like|recommended(?: for you| stories| articles)?|most (?:read|popular|viewed)|trending(?: now| stories)?|top stories|latest(?: news| stories)?|read more|more stories|also on [\p{L} ]{1,30}|in other news|what to read next|see also)[ :.]*$`)

// isLinkLine reports a short line that reads like a headline: no sentence
// ending and not too many words.
func isLinkLine(p []byte) bool {
	if utf8.RuneCount(p) > 140 || len(p) == 0 {
		return false
	}
	last := p[len(p)-1]
	return last != '.' && last != '"' && last != ':' && last != ';'
}

// dropBoilerplate removes boilerplate paragraphs and related-link lists (a
// heading such as "Related" or "Most read" followed by headline-like lines).
func dropBoilerplate(paras []rtext) []rtext {
	out := paras[:0:0]
	for i := 0; i < len(paras); i++ {
		p := paras[i].b
		if len(p) <= 60 && relatedHeading.Match(bytesToLower(p)) {
			j := i + 1
			for j < len(paras) && isLinkLine(paras[j].b) {
				j++
			}
			if j > i+1 || j == len(paras) {
				i = j - 1
				continue
			}
		}
		if Boilerplate(string(p)) != "" || isNavigation(p) {
			continue
		}
		out = append(out, paras[i])
	}
	return out
}

func bytesToLower(b []byte) []byte { return []byte(strings.ToLower(string(b))) }
