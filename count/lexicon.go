package count

// GKG count types the stage emits.
const (
	Kill     = "KILL"
	Wound    = "WOUND"
	Arrest   = "ARREST"
	Kidnap   = "KIDNAP"
	Protest  = "PROTEST"
	Affect   = "AFFECT"
	Evacuate = "EVACUATE"
	Seize    = "SEIZE"
	Sickened = "SICKENED"
)

// phrase is a multi-word trigger ("taken hostage") and its type.
type phrase struct {
	words []string
	typ   string
}

// lexicon holds the trigger words of every count type. It is built once by
// New and only read afterwards.
type lexicon struct {
	// verbs are transitive forms followed by what they count: "killed 600".
	verbs map[string]string
	// lemmaVerbs are verbs found only through the tagger's lemmas
	// ("slaughtered": slaughter; "gunned down": gun), as their forms are
	// also nouns ("gun crime deaths").
	lemmaVerbs map[string]string
	// states follow what they count: "600 were killed", "29 dead".
	states map[string]string
	// statePhrases are multi-word states: "were taken hostage".
	statePhrases []phrase
	// nouns are counted nouns: "600 deaths", "thousands of protesters";
	// people reports whether the noun names the people counted (then it is
	// the object).
	nouns map[string]noun
	// nounsOf are event nouns counted through "of": "the deaths of 20".
	nounsOf map[string]string
	// particles may follow a verb before its number: "rounded up 20".
	particles map[string]bool
	// needParticle lists the verbs that count only with their particle.
	needParticle map[string]string
}

type noun struct {
	typ    string
	people bool
}

func newLexicon() *lexicon {
	l := &lexicon{
		verbs:        map[string]string{},
		states:       map[string]string{},
		nouns:        map[string]noun{},
		particles:    map[string]bool{"up": true, "off": true, "out": true, "down": true},
		needParticle: map[string]string{"rounded": "up", "rounding": "up"},
		nounsOf:      map[string]string{},
		lemmaVerbs:   map[string]string{},
	}
	add := func(m map[string]string, typ string, words ...string) {
		for _, w := range words {
			m[w] = typ
		}
	}
	add(l.verbs, Kill, "kill", "kills", "killed", "killing", "slay", "slays", "slew", "slain", "slaying",
		"murder", "murders", "murdered", "murdering", "massacre", "massacres", "massacred", "massacring",
		"execute", "executes", "executed", "executing", "behead", "beheads", "beheaded", "beheading")
	add(l.lemmaVerbs, Kill, "slaughter", "assassinate", "lynch", "gun")
	add(l.verbs, Wound, "wound", "wounds", "wounded", "wounding", "injure", "injures", "injured", "injuring",
		"maim", "maims", "maimed", "maiming")
	add(l.verbs, Arrest, "arrest", "arrests", "arrested", "arresting", "detain", "detains", "detained",
		"detaining", "apprehend", "apprehends", "apprehended", "apprehending", "jail", "jails", "jailed",
		"jailing", "imprison", "imprisons", "imprisoned", "imprisoning", "rounded", "rounding")
	add(l.verbs, Kidnap, "kidnap", "kidnaps", "kidnapped", "kidnapping", "kidnaped", "abduct", "abducts",
		"abducted", "abducting")
	add(l.verbs, Evacuate, "evacuate", "evacuates", "evacuated", "evacuating")
	add(l.verbs, Affect, "displace", "displaces", "displaced", "displacing", "affect", "affects", "affected",
		"affecting", "strand", "strands", "stranded", "stranding")
	add(l.verbs, Seize, "seize", "seizes", "seized", "seizing", "confiscate", "confiscates", "confiscated",
		"confiscating", "impound", "impounds", "impounded")
	add(l.verbs, Sickened, "sicken", "sickens", "sickened", "sickening", "infect", "infects", "infected",
		"infecting", "poison", "poisons", "poisoned")

	add(l.states, Kill, "killed", "dead", "died", "die", "dies", "slain", "murdered", "massacred",
		"beheaded", "perished")
	add(l.states, Wound, "wounded", "injured", "hurt", "maimed")
	add(l.states, Arrest, "arrested", "detained", "apprehended", "jailed", "imprisoned")
	add(l.states, Kidnap, "kidnapped", "kidnaped", "abducted")
	add(l.states, Protest, "protested", "protest", "demonstrated", "marched", "rallied")
	add(l.states, Evacuate, "evacuated")
	add(l.states, Affect, "displaced", "affected", "stranded", "homeless", "fled")
	add(l.states, Seize, "seized", "confiscated", "impounded")
	add(l.states, Sickened, "sickened", "infected", "poisoned")

	l.statePhrases = []phrase{
		{[]string{"lost", "their", "lives"}, Kill},
		{[]string{"shot", "dead"}, Kill},
		{[]string{"taken", "hostage"}, Kidnap},
		{[]string{"taken", "captive"}, Kidnap},
		{[]string{"held", "hostage"}, Kidnap},
		{[]string{"taken", "into", "custody"}, Arrest},
		{[]string{"rounded", "up"}, Arrest},
		{[]string{"left", "homeless"}, Affect},
		{[]string{"forced", "to", "flee"}, Affect},
		{[]string{"took", "to", "the", "streets"}, Protest},
		{[]string{"fell", "ill"}, Sickened},
		{[]string{"taken", "ill"}, Sickened},
	}

	add(l.nounsOf, Kill, "death", "deaths", "killing", "killings", "murder", "murders", "massacre", "execution",
		"executions")
	add(l.nounsOf, Wound, "wounding", "injuring")
	add(l.nounsOf, Arrest, "arrest", "arrests", "detention", "detentions")
	add(l.nounsOf, Kidnap, "kidnapping", "kidnappings", "abduction", "abductions")
	add(l.nounsOf, Evacuate, "evacuation")
	add(l.nounsOf, Affect, "displacement")
	add(l.nounsOf, Seize, "seizure", "confiscation")
	for _, w := range []string{"deaths", "fatalities", "killings", "murders"} {
		l.nouns[w] = noun{Kill, false}
	}
	for _, w := range []string{"injuries"} {
		l.nouns[w] = noun{Wound, false}
	}
	for _, w := range []string{"arrests", "detentions"} {
		l.nouns[w] = noun{Arrest, false}
	}
	for _, w := range []string{"kidnappings", "abductions"} {
		l.nouns[w] = noun{Kidnap, false}
	}
	for _, w := range []string{"hostages", "abductees"} {
		l.nouns[w] = noun{Kidnap, true}
	}
	for _, w := range []string{"protesters", "protestors", "demonstrators", "marchers"} {
		l.nouns[w] = noun{Protest, true}
	}
	for _, w := range []string{"evacuees"} {
		l.nouns[w] = noun{Evacuate, true}
	}
	for _, w := range []string{"refugees"} {
		l.nouns[w] = noun{Affect, true}
	}
	return l
}

// closedClass lists words that never belong to a counted object.
func closedClass() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "by", "for", "from", "with",
		"into", "over", "after", "before", "during", "since", "as", "than", "that", "which", "who", "whom",
		"whose", "this", "these", "those", "there", "here", "it", "its", "they", "them", "their", "he",
		"she", "his", "her", "we", "our", "you", "i", "is", "are", "was", "were", "be", "been", "being",
		"have", "has", "had", "do", "does", "did", "will", "would", "could", "should", "may", "might",
		"must", "can", "shall", "not", "n't", "no", "so", "if", "when", "while", "where", "all", "both",
		"each", "some", "more", "most", "other", "such", "only", "also", "reportedly", "allegedly",
		"including", "among", "across", "near", "about", "around", "last", "this", "next", "per",
		"yesterday", "today", "overnight", "later", "earlier", "now", "then", "still", "since", "ago",
		"'s", "'", "said", "says", "say", "according", "under", "against", "within", "without", "through",
		"throughout", "between", "behind", "beyond", "outside", "inside", "despite", "toward", "towards",
		"upon", "via", "amid", "along", "off", "up", "down", "out", "plus", "minus", "versus", "left",
		"what", "how", "why",
	} {
		m[w] = true
	}
	return m
}

// units lists the nouns that make a number a measure, not a count of
// people or things taken ("24 hours", "29 years", "600 km").
func units() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
		"month", "months", "year", "years", "decade", "decades", "century", "centuries", "times",
		"percent", "km", "kilometres", "kilometers", "miles", "metres", "meters", "feet", "kg",
		"kilograms", "tonnes", "tons", "pounds", "dollars", "euros", "points", "goals", "votes",
		"seats", "minutes'", "o'clock", "am", "pm", "a.m.", "p.m.", "gmt", "bst", "utc", "cet", "quarter", "quarters", "third",
		"thirds", "fifths", "january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec",
	} {
		m[w] = true
	}
	return m
}

// unrealWords mark a clause as negated, hypothetical or future.
func unrealWords() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"not", "n't", "never", "no", "none", "neither", "nor", "without", "nobody",
		"could", "would", "might", "may", "should", "must", "can", "ca", "will", "'ll", "wo", "shall",
		"if", "unless", "whether", "threat", "threatens", "threatened", "threatening", "risk", "risks",
		"denied", "denies", "deny", "denying", "potentially", "possibly", "feared", "fears",
	} {
		m[w] = true
	}
	return m
}

// intentVerbs govern a "to" infinitive that has not happened: "threatened
// to kill", "plans to arrest".
func intentVerbs() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"threaten", "threatens", "threatened", "vow", "vows", "vowed", "plan", "plans", "planned",
		"planning", "want", "wants", "wanted", "aim", "aims", "aimed", "intend", "intends", "intended",
		"try", "tries", "tried", "trying", "attempt", "attempts", "attempted", "fail", "fails", "failed",
		"seek", "seeks", "sought", "prepare", "prepares", "prepared", "ready", "going", "about", "set",
		"expected", "likely", "able", "hope", "hopes", "hoped", "pledge", "pledged", "promise",
		"promised", "order", "ordered", "due", "bound",
	} {
		m[w] = true
	}
	return m
}
