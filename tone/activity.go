package tone

import "strings"

// activityVerbs lists common verbs of action in news (regular ones by their
// base form; their -s, -ed and -ing forms are generated). It stands in for
// the tagger's VERB tag when the document has no POS layer.
const activityVerbs = `accept accuse act add agree aim announce appoint approve arrest ask attack
back ban block bomb boost call campaign capture charge claim clash close collapse command
complete condemn confirm control convict create cross cut decide declare defeat defend
demand deny deploy describe destroy detain develop die discuss dismiss drop elect end
enter escape evacuate expand explode face fail file fire force form free gain handle
help hit hold host impose improve increase injure introduce invade invest join jump
kill launch lead leave lift limit list locate lose march meet move murder name
negotiate offer open order oversee pass plan play press promise propose protect protest
provide publish push raid raise reach reject release remove replace report rescue
resign respond restore return reveal rise rule sack score search secure seize sell send
sentence shell shoot shut sign slash stage start stop storm strike struggle sue support
surrender suspend take target threaten touch trade train travel try urge veto visit vote
walk warn win withdraw work wound`

// irregularActivity lists irregular forms of the verbs above.
const irregularActivity = `began begun broke broken brought built caught chose chosen came dealt
did done drew drawn drove driven ate fell fallen fought found fled flew flown forbade forbidden
gave given went gone grew grown held hit kept knew known laid led left lost made met paid
ran rang rose risen said sent set shot shut sold spoke spoken stood stole struck swore sworn
took taken taught told thought threw thrown won withdrew withdrawn wrote written`

// activityWords expands the lists into a set of lower-case word forms.
func activityWords() map[string]bool {
	m := map[string]bool{}
	for _, v := range strings.Fields(activityVerbs) {
		for _, f := range inflect(v) {
			m[f] = true
		}
	}
	for _, f := range strings.Fields(irregularActivity) {
		m[f] = true
	}
	return m
}

// inflect returns the base, third-person, past and -ing forms of a regular verb.
func inflect(v string) []string {
	out := []string{v}
	switch {
	case strings.HasSuffix(v, "y") && len(v) > 2 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		stem := v[:len(v)-1]
		out = append(out, stem+"ies", stem+"ied", v+"ing")
	case strings.HasSuffix(v, "e"):
		out = append(out, v+"s", v+"d", v[:len(v)-1]+"ing")
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		out = append(out, v+"es", v+"ed", v+"ing")
	default:
		out = append(out, v+"s", v+"ed", v+"ing")
		if doubles(v) {
			last := v[len(v)-1:]
			out = append(out, v+last+"ed", v+last+"ing")
		}
	}
	return out
}

// doubles reports whether a one-syllable consonant-vowel-consonant verb
// doubles its last letter ("stop" -> "stopped"); both spellings are added,
// so a wrong guess only adds a form that never occurs.
func doubles(v string) bool {
	n := len(v)
	if n < 3 {
		return false
	}
	isV := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	return !isV(v[n-1]) && isV(v[n-2]) && !isV(v[n-3]) && strings.IndexByte("wxy", v[n-1]) < 0
}
