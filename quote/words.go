package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"eventwire/doc"
)

// word is one word or punctuation mark of an attribution window, with its
// byte span in the document text.
type word struct {
	doc.Span
	text string
	// low is text in lower case with curly apostrophes straightened; empty
	// until scanWords fills it.
	low string
	// pos is the tagger's universal POS tag of the token with the same
	// span, when the tag layer is present.
	pos string
}

// lower returns the word in lower case with curly apostrophes straightened.
func (w word) lower() string {
	if w.low != "" {
		return w.low
	}
	return lowerText(w.text)
}

// lowerText lower-cases s and straightens curly apostrophes.
func lowerText(s string) string {
	if strings.Contains(s, "’") {
		s = strings.ReplaceAll(s, "’", "'")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// isCap reports whether the word starts with an upper-case letter, or is a
// hyphenated word whose later part does ("ex-Home").
func (w word) isCap() bool {
	r, _ := utf8.DecodeRuneInString(w.text)
	if unicode.IsUpper(r) {
		return true
	}
	if unicode.IsDigit(r) {
		// "4Cast", "3Com": a digit-led name.
		for _, c := range w.text {
			if unicode.IsUpper(c) {
				return true
			}
			if !unicode.IsDigit(c) {
				return false
			}
		}
	}
	if i := strings.IndexByte(w.text, '-'); i > 0 && i+1 < len(w.text) {
		r, _ = utf8.DecodeRuneInString(w.text[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

// isPunct reports whether the word is a single punctuation mark.
func (w word) isPunct() bool {
	r, _ := utf8.DecodeRuneInString(w.text)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// isWordRune reports whether r continues a word.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&' }

// scanWords splits text[start:end] into words and punctuation marks. Inner
// apostrophes, hyphens and dots stay inside a word ("O'Neill", "ex-Home",
// "U.S."); a possessive "'s" is a word of its own, as in the Penn Treebank.
func scanWords(text string, start, end int) []word {
	if start < 0 {
		start = 0
	}
	if end > len(text) {
		end = len(text)
	}
	var out []word
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if !isWordRune(r) {
			out = append(out, word{Span: doc.Span{Start: i, End: i + n}, text: text[i : i+n]})
			i += n
			continue
		}
		j := i + n
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r) {
				j += n
				continue
			}
			if r == '\'' || r == '’' || r == '-' || r == '.' {
				// Keep the joiner when a word character follows it.
				if j+n < end {
					r2, _ := utf8.DecodeRuneInString(text[j+n : end])
					if isWordRune(r2) {
						j += n
						continue
					}
				}
				// A trailing apostrophe after s is a plural possessive ("Bankers'").
				if (r == '\'' || r == '’') && (text[j-1] == 's' || text[j-1] == 'S') {
					j += n
				}
			}
			break
		}
		w := text[i:j]
		// Split a possessive 's from its word.
		if k := possessiveAt(w); k > 0 {
			out = append(out, word{Span: doc.Span{Start: i, End: i + k}, text: w[:k]})
			out = append(out, word{Span: doc.Span{Start: i + k, End: j}, text: w[k:]})
		} else {
			// Keep the dot of a known abbreviation ("Mr.", "U.S.").
			if j < end && text[j] == '.' && (abbreviations[strings.ToLower(w)] || strings.Contains(w, ".")) {
				j++
				w = text[i:j]
			}
			out = append(out, word{Span: doc.Span{Start: i, End: j}, text: w})
		}
		i = j
	}
	for k := range out {
		out[k].low = lowerText(out[k].text)
	}
	return out
}

// possessiveAt returns the offset of a final 's or ’s in w, or -1.
func possessiveAt(w string) int {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return len(w) - len(suf)
		}
	}
	return -1
}

// abbreviations keep their final dot as part of the word.
var abbreviations = set("mr", "mrs", "ms", "dr", "st", "prof", "gen", "col", "lt", "sgt", "capt", "rev", "sen", "rep", "gov", "jr", "sr", "inc", "corp", "ltd", "co")

// set builds a lookup table from words.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// speechForms maps each inflected form of a speech verb to its lemma. The
// entries are "lemma forms..."; regular forms are generated.
var speechForms = func() map[string]string {
	m := map[string]string{}
	for _, e := range []string{
		"say says said saying", "tell tells told telling", "add", "argue argues argued arguing",
		"insist", "explain", "warn", "claim", "state states stated stating", "declare declares declared declaring",
		"announce announces announced announcing", "note notes noted noting", "stress stresses stressed stressing",
		"suggest", "ask", "reply replies replied replying", "respond", "answer", "comment", "conclude concludes concluded concluding",
		"admit admits admitted admitting", "acknowledge acknowledges acknowledged acknowledging", "accuse accuses accused accusing",
		"deny denies denied denying", "confirm", "urge urges urged urging", "brand", "describe describes described describing",
		"joke jokes joked joking", "write writes wrote writing", "report", "predict", "promise promises promised promising",
		"vow", "pledge pledges pledged pledging", "concede concedes conceded conceding", "recall", "reveal", "observe observes observed observing",
		"remark", "complain", "maintain", "contend", "assert", "allege alleges alleged alleging", "emphasise emphasises emphasised emphasising",
		"emphasize emphasizes emphasized emphasizing", "boast boasts boasted boasting", "quip quips quipped quipping",
		"shout", "whisper", "exclaim", "retort", "recount", "caution", "counter", "demand", "dismiss dismisses dismissed dismissing",
		"reckon", "rule ruled", "tweet", "testify testifies testified testifying", "assure assures assured assuring",
		"label labels labelled labelling labeled labeling", "dub dubs dubbed dubbing", "hail", "condemn", "criticise criticises criticised criticising",
		"criticize criticizes criticized criticizing", "call", "continue continues continued continuing", "agree agrees agreed agreeing",
		"speak speaks spoke speaking", "write", "forecast forecasts forecast forecasting", "indicate indicates indicated indicating",
		"point", "insist", "plead pleads pleaded pleading", "muse muses mused musing", "laugh", "sigh", "cry cries cried crying",
		"attack", "blame blames blamed blaming", "praise praises praised praising", "slam slams slammed slamming", "blast",
		"welcome welcomes welcomed welcoming", "term", "believe believes believed believing", "think thinks thought thinking",
	} {
		f := strings.Fields(e)
		lemma := f[0]
		if len(f) == 1 {
			f = append(f, lemma+"s", lemma+"ed", lemma+"ing")
		}
		for _, form := range f {
			m[form] = lemma
		}
	}
	return m
}()

// quoteVerbs speak only when a quote follows them in the clause, with an
// object between ("called the plans "dangerous"", "attacked "false"
// tabloids", "blamed "continuing uncertainties"").
var quoteVerbs = set("call", "attack", "believe", "think", "blame", "brand", "label", "dub", "describe", "hail", "praise", "slam", "blast",
	"criticise", "criticize", "condemn", "welcome", "dismiss", "term")

// namingVerbs name rather than quote when a quote follows them directly.
var namingVerbs = set("call", "term", "dub", "label", "brand")

// invertVerbs may be followed by their subject ("..., says Mr Dean").
var invertVerbs = set("say", "add", "explain", "argue", "insist", "warn", "note", "claim", "continue", "conclude", "admit",
	"reply", "respond", "comment", "observe", "remark", "write", "joke", "quip", "recall", "acknowledge", "believe",
	"think", "suggest", "predict", "state", "declare", "report", "confirm", "stress", "complain", "concede", "muse")

// nounFirst are speech verbs whose base form is mostly a noun; the base
// form counts as a verb only after a pronoun or an auxiliary.
var nounFirst = set("state", "report", "call", "demand", "answer", "comment", "note", "promise", "pledge", "counter",
	"reply", "brand", "label", "point", "caution", "tweet", "vow", "rule", "claim", "warn", "add")

// baseBefore are words after which a base form is a verb ("they claim").
var baseBefore = set("they", "we", "i", "you", "to", "will", "would", "could", "should", "may", "might", "must", "can",
	"did", "does", "do", "n't", "not", "also", "who")

// clauseVerbs are the speech verbs whose complement is reported speech ("X
// said a ceasefire ..."): the cues of indirect quotes.
var clauseVerbs = set("say", "tell", "add", "argue", "insist", "explain", "warn", "claim", "state", "declare", "announce",
	"note", "stress", "suggest", "reply", "respond", "conclude", "admit", "acknowledge", "deny", "confirm", "write",
	"report", "predict", "concede", "reveal", "observe", "complain", "maintain", "contend",
	"assert", "allege", "emphasise", "emphasize", "reckon", "rule", "testify", "assure", "indicate", "forecast")

// nonSpeechUses are words after which a speech verb is not a cue ("call
// off", "point to").
var nonSpeechAfter = map[string]map[string]bool{
	"call":     set("off", "up", "in", "out", "it", "back"),
	"point":    set("to", "at", "the", "a", "in", "of"),
	"rule":     set("out"),
	"continue": set("to", "the", "a", "its", "his", "her", "their", "in", "on", "with"),
	"speak":    set("of"),
	"laugh":    set("at", "off"),
	"cry":      set("for"),
	"promise":  set("to"),
	"vow":      set("to"),
	"pledge":   set("to"),
	"demand":   set("to"),
	"ask":      set("to", "for"),
}

// be forms mark a passive speech verb ("was said to be", "has been accused").
var beForms = set("is", "are", "was", "were", "be", "been", "being", "'s", "’s")

// auxiliaries and adverbs may stand between a subject and its verb.
var skipBeforeVerb = set("has", "have", "had", "will", "would", "shall", "should", "could", "can", "may", "might", "must", "did", "does", "do",
	"also", "again", "then", "later", "now", "recently", "privately", "publicly", "repeatedly", "previously", "earlier",
	"still", "already", "further", "once", "often", "yesterday", "today", "tonight", "just", "reportedly", "reportedly",
	"subsequently", "originally", "initially", "firmly", "flatly", "strongly", "openly", "angrily", "quickly", "simply",
	"clearly", "always", "never", "not", "n't", "even", "only", "personally", "separately", "jointly", "finally",
	"frequently", "immediately", "first", "last", "too", "however", "meanwhile", "cautiously", "categorically")

// stopWords end a subject noun phrase when walking back from its verb.
var stopWords = set("that", "which", "who", "whom", "whose", "what", "and", "but", "or", "nor", "if", "when", "while", "as", "because",
	"although", "though", "since", "after", "before", "until", "so", "than", "to", "for", "with", "by", "in", "on", "at",
	"into", "about", "over", "under", "not", "where", "how", "why", "whether", "whilst", "unless", "despite", "during",
	"it", "this", "these", "those", "there", "here", "he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me",
	"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "should",
	"may", "might", "must", "do", "does", "did", "said", "says", "told", "also", "of", "from", "between", "against",
	"all", "some", "more", "most", "very", "just", "up", "down", "out", "off", "then", "now", "only", "even", "yet",
	"its", "no", "any", "every", "each", "such", "like", "per", "via", "around", "among", "amid", "within", "without",
	"across", "through", "throughout", "toward", "towards", "upon", "onto", "near", "beyond", "behind", "below", "above")

// determiners open a noun phrase; they end the walk back but stay inside it.
var determiners = set("the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "one", "two", "three", "several",
	"many", "some", "other", "another", "this", "that", "these", "those")

// pronouns that may be speakers.
var pronouns = set("he", "she", "they", "we", "i", "it", "you")

// titles stand before a name and are not part of it.
var titles = set("mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor", "rev", "reverend",
	"mr.", "mrs.", "ms.", "dr.", "prof.", "rev.", "gen.", "gen", "general", "col", "colonel", "capt", "captain", "lt",
	"sgt", "sergeant", "baroness", "baron", "judge", "justice", "father", "sister", "brother", "sheikh", "king", "queen",
	"prince", "princess", "pope", "cardinal", "archbishop", "bishop", "rabbi", "imam", "senator", "sen.", "rep.",
	"congressman", "congresswoman", "governor", "gov.", "mayor", "chancellor", "president", "premier", "minister",
	"secretary", "state", "prime", "deputy", "vice", "chief", "foreign", "home", "defence", "defense", "interior",
	"finance", "trade", "shadow", "attorney", "ambassador", "commissioner", "director", "executive", "chairman",
	"chairwoman", "chair", "leader", "spokesman", "spokeswoman", "spokesperson", "officer", "inspector", "superintendent",
	"constable", "detective", "admiral", "major", "marshal", "commander", "councillor", "mp", "msp", "mep", "am", "ex",
	"former", "acting", "interim", "new", "senior", "junior", "general", "health", "education", "culture", "justice",
	"environment", "transport", "treasury", "economic", "economics", "energy", "industry", "agriculture", "labour", "work",
	"pensions", "business", "tory", "labour's", "conservative", "liberal", "democrat", "dem", "lib", "republican",
	"democratic", "analyst", "economist", "boss", "head", "founder", "co-founder", "manager", "editor", "correspondent",
	"striker", "coach", "captain", "singer", "actor", "actress", "director-general", "general-secretary",
	"co-chairman", "vice-chairman", "deputy-chairman", "chief-executive")

// orgWords mark a capitalised name as an organisation, not a person.
var orgWords = set("dems", "democrats", "tories", "conservatives", "republicans", "socialists", "greens", "bank", "association", "party", "group", "council", "ministry", "department", "union", "company", "corp",
	"corporation", "ltd", "plc", "inc", "committee", "commission", "club", "university", "securities", "motors", "agency",
	"authority", "office", "institute", "foundation", "trust", "board", "society", "federation", "organisation",
	"organization", "fund", "league", "court", "house", "parliament", "government", "police", "army", "service",
	"services", "industries", "holdings", "international", "news", "times", "post", "bbc", "airways", "airlines",
	"systems", "technologies", "network", "networks", "media", "capital", "partners", "centre", "center", "school",
	"college", "hospital", "church", "forum", "alliance", "coalition", "movement", "front", "brigade", "brigades",
	"congress", "senate", "assembly", "cabinet", "treasury", "reserve", "exchange", "market", "markets", "energy",
	"oil", "gas", "telecom", "communications", "research", "unit", "team", "concern", "federal", "national",
	"nations", "europe", "european", "america", "american", "britain", "british", "uk", "us", "usa", "china", "india")

// sentenceWords are capitalised words that begin sentences or name times,
// never part of a name at the start of a run.
var sentenceWords = set("the", "a", "an", "but", "and", "or", "so", "yet", "however", "meanwhile", "in", "on", "at", "for",
	"after", "before", "when", "while", "if", "as", "although", "though", "since", "because", "during", "despite",
	"this", "that", "these", "those", "there", "it", "its", "he", "she", "they", "we", "i", "his", "her", "their", "our",
	"last", "next", "earlier", "later", "speaking", "asked", "writing", "according", "both", "also", "even", "still",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october", "november", "december", "with", "by", "from",
	"to", "of", "about", "under", "over", "what", "why", "how", "where", "who", "which", "all", "some", "many",
	"most", "one", "two", "three", "now", "then", "today", "yesterday", "overall", "instead", "indeed", "nor",
	"not", "no", "only", "mr", "mrs", "ms")

// mediaWords mark a noun phrase as a medium ("told BBC Radio 4's Today
// programme", "told Israeli news website Ynet").
var mediaWords = set("bbc", "radio", "tv", "television", "news", "website", "web", "site", "newspaper", "paper", "magazine",
	"programme", "program", "channel", "agency", "broadcaster", "station", "network", "show", "reuters", "ap", "afp",
	"cnn", "itv", "sky", "today", "newsnight", "breakfast", "interview", "journal", "times", "post", "guardian",
	"telegraph", "observer", "independent", "herald", "tribune", "gazette", "daily", "weekly", "press", "bloomberg",
	"fox", "nbc", "abc", "cbs", "msnbc", "al-jazeera", "aljazeera", "podcast", "blog", "twitter", "facebook", "x",
	"newswire", "wire", "ynet", "haaretz", "mail", "mirror", "sun", "express", "standard", "economist", "ft",
	"dpa", "xinhua", "tass", "interfax", "yonhap", "kyodo", "ansa", "efe", "pa", "upi")

// speechNouns head a phrase that introduces a quote after a colon ("His
// message to the chancellor was: ...").
var speechNouns = set("message", "statement", "words", "response", "reply", "answer", "comment", "comments", "verdict",
	"warning", "view", "explanation", "advice", "conclusion", "argument", "reaction", "plea", "assessment", "prediction")

// sourceNouns head the description of an anonymous source.
var sourceNouns = set("official", "officials", "source", "sources", "spokesman", "spokeswoman", "spokesperson", "diplomat",
	"diplomats", "aide", "aides", "analyst", "analysts", "witness", "witnesses", "resident", "residents", "insider",
	"insiders", "executive", "executives", "expert", "experts", "observer", "observers", "economist", "economists",
	"lenders", "traders", "dealers", "investors", "campaigners", "critics", "officer", "officers", "member", "members",
	"person", "people", "colleague", "colleagues", "friend", "friends", "neighbour", "neighbours", "activist", "activists",
	"lawyer", "lawyers", "minister", "ministers", "commander", "doctor", "doctors", "police", "report", "statement",
	"survey", "study", "court", "judge", "ruling")

// commonVerbs are frequent verb forms that end a noun phrase read forwards
// ("A US official took a delicate stance").
var commonVerbs = set("is", "are", "was", "were", "has", "have", "had", "took", "takes", "made", "makes", "gave", "gives",
	"went", "goes", "came", "comes", "got", "gets", "put", "puts", "set", "sets", "kept", "keeps", "held", "holds",
	"left", "leaves", "met", "meets", "ran", "runs", "saw", "sees", "sent", "sends", "spent", "won", "wins", "lost",
	"loses", "paid", "pays", "led", "leads", "brought", "brings", "bought", "buys", "thought", "thinks", "felt", "feels",
	"found", "finds", "stood", "became", "becomes", "began", "begins", "wants", "needs", "believes", "hopes", "knows",
	"knew", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "did", "does", "do", "seems",
	"seemed", "expects", "rose", "fell", "cut", "cuts", "hit", "hits", "showed", "shows", "sold", "sells", "chose",
	"wrote", "spoke", "broke", "rejected", "called", "plans", "faces", "faced")
