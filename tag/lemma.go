package tag

import (
	"strings"
	"unicode"
)

// Lemmatizer maps a word and its Penn Treebank tag to a lemma: a lookup
// table of the treebank's irregular and exceptional forms first, then
// suffix rules checked against the lemmas seen in training.
type Lemmatizer struct {
	// Exceptions maps "form\tXPOS" to the lemma where the rules get it wrong.
	Exceptions map[string]string
	// Known holds the lower-cased lemmas of training, by coarse class
	// ('V' verbs, 'N' nouns, 'J' adjectives and adverbs).
	Known map[string]string
}

// Lemma returns the lemma of form tagged xpos.
func (l *Lemmatizer) Lemma(form, xpos string) string {
	form = quoteFix.Replace(form)
	if lem, ok := l.Exceptions[form+"\t"+xpos]; ok {
		return lem
	}
	if lower := strings.ToLower(form); lower != form {
		if lem, ok := l.Exceptions[lower+"\t"+xpos]; ok {
			return lem
		}
	}
	return l.rule(form, xpos)
}

func (l *Lemmatizer) known(class byte, s string) bool {
	return s != "" && strings.IndexByte(l.Known[s], class) >= 0
}

// first returns the first candidate known in class, or def.
func (l *Lemmatizer) first(class byte, def string, cands ...string) string {
	for _, c := range cands {
		if l.known(class, c) {
			return c
		}
	}
	return def
}

// undouble drops a doubled final consonant: "stopp" -> "stop".
func undouble(s string) string {
	n := len(s)
	if n >= 3 && s[n-1] == s[n-2] && !strings.ContainsRune("aeiousl", rune(s[n-1])) {
		return s[:n-1]
	}
	return ""
}

// rule lemmatises by suffix rules.
func (l *Lemmatizer) rule(form, xpos string) string {
	switch xpos {
	case "NNP":
		return form
	case "NNPS":
		if strings.HasSuffix(form, "ies") && len(form) > 4 {
			return form[:len(form)-3] + "y"
		}
		if strings.HasSuffix(form, "s") && !strings.HasSuffix(form, "ss") && len(form) > 3 {
			return form[:len(form)-1]
		}
		return form
	}
	if form == "I" {
		return form
	}
	w := strings.ToLower(form)
	if len(w) < 3 || strings.ContainsFunc(w, unicode.IsDigit) {
		return w
	}
	cut := func(suf string) string {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return w[:len(w)-len(suf)]
		}
		return ""
	}
	switch xpos {
	case "NNS", "VBZ":
		class := byte('N')
		if xpos == "VBZ" {
			class = 'V'
		}
		if s := cut("ies"); s != "" {
			return s + "y"
		}
		if strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is") {
			return w
		}
		if s := cut("es"); s != "" {
			return l.first(class, cut("s"), s, cut("s"))
		}
		if s := cut("s"); s != "" {
			return s
		}
	case "VBD", "VBN":
		if s := cut("ied"); s != "" {
			return s + "y"
		}
		if s := cut("ed"); s != "" {
			def := s
			if undouble(s) != "" {
				def = undouble(s)
			}
			return l.first('V', def, s, s+"e", undouble(s))
		}
	case "VBG":
		if s := cut("ing"); s != "" {
			def := s
			if undouble(s) != "" {
				def = undouble(s)
			}
			return l.first('V', def, s, s+"e", undouble(s))
		}
	case "JJR", "RBR":
		if s := cut("ier"); s != "" {
			return s + "y"
		}
		if s := cut("er"); s != "" {
			return l.first('J', w, s, s+"e", undouble(s))
		}
	case "JJS", "RBS":
		if s := cut("iest"); s != "" {
			return s + "y"
		}
		if s := cut("est"); s != "" {
			return l.first('J', w, s, s+"e", undouble(s))
		}
	}
	return w
}

// buildLemmatizer learns a lemmatizer from (form, XPOS, lemma) triples.
func buildLemmatizer(triples [][3]string) *Lemmatizer {
	l := &Lemmatizer{Exceptions: map[string]string{}, Known: map[string]string{}}
	counts := map[string]map[string]int{}
	for _, t := range triples {
		form, xpos, lemma := quoteFix.Replace(t[0]), t[1], t[2]
		if lemma == "_" || lemma == "" {
			continue
		}
		var class byte
		switch {
		case strings.HasPrefix(xpos, "VB"):
			class = 'V'
		case strings.HasPrefix(xpos, "NN"):
			class = 'N'
		case strings.HasPrefix(xpos, "JJ"), strings.HasPrefix(xpos, "RB"):
			class = 'J'
		}
		if class != 0 {
			ll := strings.ToLower(lemma)
			if strings.IndexByte(l.Known[ll], class) < 0 {
				l.Known[ll] += string(class)
			}
		}
		k := form + "\t" + xpos
		if counts[k] == nil {
			counts[k] = map[string]int{}
		}
		counts[k][lemma]++
	}
	for k, c := range counts {
		best, n := "", 0
		for lem, m := range c {
			if m > n || m == n && lem < best {
				best, n = lem, m
			}
		}
		form, xpos, _ := strings.Cut(k, "\t")
		if l.rule(form, xpos) != best {
			l.Exceptions[k] = best
		}
	}
	return l
}
