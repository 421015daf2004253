package entity

import (
	"strings"
)

// roleHeads are the nouns a title or office ends in ("Justice Minister",
// "Secretary of State" ends in its first word and is matched whole below).
var roleHeads = set("president", "minister", "secretary", "premier", "chancellor", "king", "queen", "prince",
	"princess", "emir", "sultan", "sheikh", "senator", "governor", "mayor", "general", "colonel", "commander",
	"ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "chief", "leader", "chairman",
	"chairwoman", "chair", "director", "judge", "prosecutor", "pope", "cardinal", "archbishop", "bishop",
	"rabbi", "imam", "ayatollah", "representative", "congressman", "congresswoman", "lawmaker", "mp",
	"official", "diplomat", "aide", "adviser", "advisor", "negotiator", "commissioner", "ceo", "executive",
	"founder", "speaker", "lieutenant", "captain", "admiral", "marshal", "coach", "head", "vice-president",
	"president-elect", "deputy", "attorney", "justice", "counsel", "officer", "mufti", "patriarch", "monarch",
	"crown", "dictator", "economist", "analyst", "professor", "ruler", "sergeant", "major", "backbencher",
	"boss", "manager", "editor", "lawyer", "solicitor", "barrister", "campaigner", "activist", "researcher",
	"scientist", "strategist", "co-ordinator", "coordinator", "secretary-general", "whip", "candidate")

// roleWords are the lower-case words a title may contain besides its head
// ("prime minister", "foreign secretary", "secretary of state").
var roleWords = set("prime", "foreign", "justice", "defence", "defense", "interior", "finance", "deputy", "vice",
	"acting", "state", "of", "for", "affairs", "shadow", "senior", "junior", "assistant", "former", "ex", "home", "chief", "supreme", "top", "intelligence",
	"security", "national", "general", "attorney", "crown", "senior", "interim", "first", "economy", "trade",
	"health", "education", "army", "military", "police", "opposition", "party", "government", "cabinet",
	"presidential", "executive", "energy", "oil", "information", "culture", "environment", "transport",
	"agriculture", "labour", "labor", "treasury", "exchequer", "staff", "parliament", "parliamentary")

// honorifics are courtesy titles that are not roles.
var honorifics = set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady",
	"madam", "mme", "m.", "herr", "sen.", "rep.", "gen.", "col.", "lt.", "gov.", "pres.", "prof.", "baroness",
	"baron", "dame", "miss", "mx", "rev", "rev.", "reverend")

// orgWords end organisations' names; a "person" whose name ends in one is
// an organisation ("Muslim Brotherhood").
var orgWords = set("brotherhood", "party", "movement", "front", "council", "association", "union", "ministry",
	"committee", "group", "bank", "corporation", "company", "authority", "agency", "organisation", "organization",
	"army", "forces", "league", "federation", "foundation", "institute", "university", "college", "commission",
	"court", "government", "parliament", "assembly", "brigade", "brigades", "alliance", "coalition", "network",
	"trust", "fund", "society", "church", "club", "inc", "ltd", "plc", "corp", "airlines", "airways", "motors",
	"police", "office", "department", "service", "services", "news", "times", "post", "herald", "journal")

// affiliations are party words a recogniser may take into a person's name
// ("Tory Dominic Grieve").
var affiliations = set("tory", "labour", "conservative", "democrat", "republican", "liberal", "socialist",
	"communist", "nationalist", "unionist", "independent", "gop", "snp", "ukip")

// titleAbbrevs maps abbreviated titles to their role.
var titleAbbrevs = map[string]string{"sen.": "Senator", "rep.": "Representative", "gen.": "General",
	"col.": "Colonel", "lt.": "Lieutenant", "gov.": "Governor", "pres.": "President", "prof.": "Professor"}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isRoleWord reports whether w (any case) can be part of a title.
func isRoleWord(w string) bool {
	l := strings.ToLower(w)
	return roleHeads[l] || roleWords[l] || honorifics[l]
}

// isRolePhrase reports whether words form a title: they end in a role head
// (or are a head followed by "of ..."), and every lower-case word is a role
// word.
func isRolePhrase(words []string) bool {
	if len(words) == 0 {
		return false
	}
	head := false
	for i, w := range words {
		l := strings.ToLower(w)
		joiner := i > 0 && (l == "the" && strings.EqualFold(words[i-1], "of") || (l == "and" || l == "&") && (isCap(words[i-1]) || isRoleWord(words[i-1])))
		if !isCap(w) && !roleHeads[l] && !roleWords[l] && !joiner {
			return false
		}
		if roleHeads[l] {
			head = true
		}
		if i == len(words)-1 && (l == "of" || l == "for" || l == "the" || l == "and") {
			return false
		}
	}
	if !head {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	if roleHeads[last] {
		return true
	}
	// "Secretary of State", "Minister of Foreign Affairs": a head before "of".
	for i, w := range words {
		if strings.ToLower(w) == "of" && i > 0 && roleHeads[strings.ToLower(words[i-1])] {
			return true
		}
	}
	return false
}

// normRole writes a role in title case ("president" -> "President",
// "secretary of state" -> "Secretary of State").
func normRole(words []string) string {
	out := make([]string, 0, len(words))
	for i, w := range words {
		l := strings.ToLower(w)
		if r, ok := titleAbbrevs[l]; ok {
			out = append(out, r)
			continue
		}
		if i > 0 && (l == "of" || l == "for" || l == "the" || l == "and") {
			out = append(out, l)
			continue
		}
		if isAllUpper(w) && len(w) > 1 {
			out = append(out, w) // "CEO", "MP"
			continue
		}
		out = append(out, strings.ToUpper(l[:1])+l[1:])
	}
	return strings.Join(out, " ")
}

func isAllUpper(s string) bool {
	letters := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters = true
		}
	}
	return letters
}

// roleClasses maps the head noun of a descriptive reference ("the top US
// diplomat", "the minister") to the roles it can stand for; an entity
// matches when its role contains one of them. An empty list means any
// role with that word.
var roleClasses = map[string][]string{
	"diplomat":      {"secretary of state", "foreign minister", "foreign secretary", "minister of foreign affairs", "ambassador", "envoy", "diplomat", "foreign affairs"},
	"president":     {"president"},
	"leader":        {"president", "prime minister", "premier", "king", "queen", "leader", "chancellor", "emir", "sultan", "chairman", "ayatollah", "monarch", "ruler"},
	"premier":       {"prime minister", "premier"},
	"minister":      {"minister"},
	"secretary":     {"secretary"},
	"spokesman":     {"spokesman", "spokesperson"},
	"spokeswoman":   {"spokeswoman", "spokesperson"},
	"general":       {"general", "commander", "chief of staff"},
	"commander":     {"commander", "general"},
	"chancellor":    {"chancellor"},
	"king":          {"king"},
	"queen":         {"queen"},
	"monarch":       {"king", "queen", "emir", "sultan"},
	"emir":          {"emir"},
	"senator":       {"senator"},
	"governor":      {"governor"},
	"mayor":         {"mayor"},
	"ambassador":    {"ambassador"},
	"envoy":         {"envoy", "ambassador"},
	"prosecutor":    {"prosecutor", "attorney"},
	"judge":         {"judge", "justice"},
	"pope":          {"pope"},
	"chief":         {"chief"},
	"chairman":      {"chairman", "chair"},
	"negotiator":    {"negotiator"},
	"lawmaker":      {"senator", "representative", "congressman", "congresswoman", "mp", "lawmaker"},
	"congressman":   {"congressman", "representative"},
	"congresswoman": {"congresswoman", "representative"},
	"official":      {"secretary", "minister", "official", "spokesman", "spokeswoman", "envoy", "ambassador", "director", "chief", "adviser", "advisor", "aide", "commissioner", "officer"},
	"executive":     {"ceo", "executive", "chairman", "director", "president"},
}

// roleMatches reports whether an entity's role fits a descriptive head noun.
func roleMatches(role, head string) bool {
	if role == "" {
		return false
	}
	r := strings.ToLower(role)
	for _, c := range roleClasses[head] {
		if strings.Contains(r, c) {
			return true
		}
	}
	return false
}

// orgHeads are the head nouns of descriptive references to organisations
// ("the militant movement", "the group"); militantMods are modifiers that
// require an armed or rebel group.
var (
	orgHeads     = set("movement", "group", "organisation", "organization", "party", "militia", "faction", "company", "firm", "agency", "network", "alliance", "coalition", "bank", "union", "insurgents", "militants", "outfit", "force", "corporation", "conglomerate", "broadcaster", "newspaper", "carrier", "airline", "club", "charity")
	militantMods = set("militant", "islamist", "armed", "jihadist", "rebel", "insurgent", "terrorist", "extremist", "paramilitary", "radical")
	// placeHeads map "the country", "the city" to the kind of place they
	// refer back to.
	placeHeads = map[string]string{"country": "A", "nation": "A", "kingdom": "A", "republic": "A",
		"city": "P", "capital": "P", "town": "P", "enclave": "", "territory": "", "region": "", "strip": ""}
)

// personHeads are occupations and descriptions of people that refer back
// to the person of the last sentences ("the singer", "the actor").
var personHeads = set("singer", "actor", "actress", "star", "rapper", "player", "striker", "midfielder",
	"defender", "goalkeeper", "batsman", "bowler", "author", "writer", "novelist", "poet", "mogul", "musician",
	"comedian", "presenter", "broadcaster", "model", "designer", "chef", "artist", "businessman",
	"businesswoman", "tycoon", "billionaire", "entrepreneur", "veteran", "film-maker", "filmmaker",
	"director", "producer", "songwriter", "guitarist", "drummer", "athlete", "sprinter", "champion",
	"golfer", "cyclist", "boxer", "skipper", "captain")

// militantCode reports whether a CAMEO actor code marks an armed non-state
// group (rebels, insurgents, militants, radicals).
func militantCode(code string) bool {
	for _, c := range []string{"REB", "INS", "UAF", "RAD", "IMG", "SEP", "TER"} {
		if strings.Contains(code, c) {
			return true
		}
	}
	return false
}
