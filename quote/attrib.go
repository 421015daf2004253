package quote

import (
	"context"
	"strings"
	"unicode"

	"eventwire/doc"
)

// cue is an attribution: the speech verb and the speaker's noun phrase.
type cue struct {
	verb   *word
	np     []word
	medium []word
}

// wordsOf returns the words of [lo, hi), with each quote-marked stretch
// inside it replaced by one placeholder word ("\"") so that noun phrases do
// not run across quotes.
func (a *analysis) wordsOf(lo, hi int) []word {
	if lo >= hi {
		return nil
	}
	ws := scanWords(a.text, lo, hi)
	out := make([]word, 0, len(ws))
	lastQ := -1
	for _, w := range ws {
		if a.inQuote(w.Start) || isQuoteMark(w.text) {
			if lastQ >= 0 && w.Start < lastQ {
				continue
			}
			end := w.End
			if qi := a.quoteAt(w.Start); qi >= 0 {
				end = a.quoted[qi].end()
			}
			out = append(out, word{Span: doc.Span{Start: w.Start, End: end}, text: "\""})
			lastQ = end
			continue
		}
		if len(a.d.Tokens) > 0 {
			if ti := a.d.TokenAt(w.Start); ti >= 0 && a.d.Tokens[ti].Span == w.Span {
				w.pos = a.d.Tokens[ti].POS
			}
		}
		out = append(out, w)
	}
	return out
}

// speechVerb returns the lemma of ws[i] when it is a speech verb used as
// one, or "".
func speechVerb(ws []word, i int) string {
	w := ws[i]
	if w.isCap() && i > 0 {
		return ""
	}
	lemma := speechForms[w.lower()]
	if lemma == "" {
		return ""
	}
	if w.pos == "NOUN" || w.pos == "PROPN" || w.pos == "ADJ" || w.pos == "NUM" {
		return "" // the tagger reads it as a noun: "Labour's six new pledges"
	}
	if i > 0 && (articles[ws[i-1].lower()] || isPossessive(ws[i-1])) {
		return "" // a noun: "the report", "his call"
	}
	if i+1 < len(ws) && speechForms[ws[i+1].lower()] != "" && !strings.HasSuffix(w.lower(), "ed") {
		return "" // a noun before the verb: "the ADB report said"
	}
	if i+1 < len(ws) {
		if bad := nonSpeechAfter[lemma]; bad != nil && bad[ws[i+1].lower()] {
			return ""
		}
	}
	// "call" speaks as "called for"; it and other quote verbs speak
	// otherwise only when a quote follows after an object.
	if quoteVerbs[lemma] && !(lemma == "call" && i+1 < len(ws) && ws[i+1].lower() == "for") {
		k := i + 1
		for k < len(ws) && k <= i+10 && ws[k].text != "\"" && (!ws[k].isPunct() || isPossessive(ws[k])) {
			k++
		}
		if k == i+1 && namingVerbs[lemma] || k >= len(ws) || ws[k].text != "\"" {
			return "" // no quote follows, or a name follows directly ("a film called "Ray"")
		}
	}
	if lemma == "rule" && w.lower() != "ruled" {
		return ""
	}
	if nounFirst[lemma] && w.lower() == lemma && (i == 0 || !baseBefore[ws[i-1].lower()]) {
		return "" // "state education", "a call", "the report"
	}
	if lemma == "agree" && (i+1 >= len(ws) || ws[i+1].lower() != "that") {
		return ""
	}
	if lemma == "continue" && (i+1 >= len(ws) || !ws[i+1].isPunct()) {
		return ""
	}
	return lemma
}

// passive reports whether the verb at ws[v] is passive ("was said", "has
// been accused").
func passive(ws []word, v int) bool {
	for i := v - 1; i >= 0 && i >= v-3; i-- {
		l := ws[i].lower()
		if beForms[l] {
			return l != "'s" || i > 0 && pronouns[ws[i-1].lower()]
		}
		if !skipBeforeVerb[l] {
			return false
		}
	}
	return false
}

// byAgent returns the noun phrase after "by" following a passive verb.
func byAgent(ws []word, v int) []word {
	for i := v + 1; i < len(ws) && i <= v+3; i++ {
		if ws[i].lower() == "by" {
			return npAfter(ws, i+1, len(ws))
		}
		if ws[i].isPunct() && ws[i].text != "\"" {
			break
		}
	}
	return nil
}

// leadStart skips conjunctions and commas at the start of a sentence.
func leadStart(ws []word) int {
	i := 0
	for i < len(ws) && (ws[i].isPunct() || leadWords[ws[i].lower()]) {
		i++
	}
	// "Later, the prime minister's spokesman ...": one opening word and a comma.
	if i+1 < len(ws) && ws[i+1].text == "," && (sentenceWords[ws[i].lower()] || strings.HasSuffix(ws[i].lower(), "ly")) {
		i += 2
	}
	return i
}

// subjectFor finds the subject of the speech verb at ws[v]: before it, after
// it when inverted ("said Mr Oaten"), the agent of a passive, or the
// sentence subject of a participle ("..., saying").
func subjectFor(ws []word, v, lo int) []word {
	if passive(ws, v) {
		return byAgent(ws, v)
	}
	l := ws[v].lower()
	if strings.HasSuffix(l, "ing") && v > lo && ws[v-1].text == "," {
		s := leadStart(ws[lo:]) + lo
		return npAfter(ws, s, v)
	}
	// "Wilson has tried ... but conceded ...": the subject of the first verb.
	if k := v - 1; k > lo && (ws[k].lower() == "but" || ws[k].lower() == "and") && !ws[k-1].isCap() {
		s := leadStart(ws[lo:]) + lo
		if np := npAfter(ws, s, k); np != nil && goodSubject(np) {
			return np
		}
	}
	// "Jack Straw, who accused the Tories of ...": the relative's antecedent.
	if k := v - 1; k > lo && ws[k].lower() == "who" {
		if np := subjectOf(ws, k, lo); np != nil && goodSubject(np) {
			return np
		}
		return nil
	}
	// "..., says Mr Dean." closing a sentence: the phrase after the verb
	// ("told Reuters" has an object there, not a subject).
	if v > lo && ws[v-1].text == "," && invertVerbs[speechForms[l]] {
		if inv := npAfter(ws, v+1, len(ws)); inv != nil && goodSubject(inv) && endsSentence(ws, v+1+len(inv)) {
			return inv
		}
	}
	// Inverted: only punctuation (or a placeholder quote) before the verb.
	inverted := true
	for i := lo; i < v; i++ {
		if !ws[i].isPunct() {
			inverted = false
			break
		}
	}
	if inverted {
		return npAfter(ws, v+1, len(ws))
	}
	return subjectOf(ws, v, lo)
}

// according finds "according to X" in ws and returns X.
func according(ws []word) (int, []word) {
	for i := 0; i+2 < len(ws); i++ {
		if ws[i].lower() == "according" && ws[i+1].lower() == "to" {
			return i, npAfter(ws, i+2, len(ws))
		}
	}
	return -1, nil
}

// cueAfter reads the attribution after a quote: `," he said`, `," said Mr
// Oaten`, `," Kerry told Ynet`.
func (a *analysis) cueAfter(ws []word, sep bool) *cue {
	lo := 0
	for lo < len(ws) && ws[lo].isPunct() && ws[lo].text != "\"" {
		lo++
	}
	if lo > 0 {
		sep = true
	}
	for v := lo; v < len(ws) && v < lo+25; v++ {
		if ws[v].text == "\"" {
			break
		}
		if l := ws[v].lower(); l == "quoted" && v+1 < len(ws) {
			// "the Interfax news agency quoted Mr Khodorkovsky as saying"
			as := v + 2
			for as < len(ws) && as < v+10 && ws[as].lower() != "as" && !ws[as].isPunct() {
				as++
			}
			if np := ws[v+1 : min(as, len(ws))]; as+1 < len(ws) && ws[as].lower() == "as" && speechVerb(ws, as+1) != "" {
				if head := npAfter(ws, v+1, as); head != nil && len(head) < len(np) && !articles[np[0].lower()] || head != nil && len(head) == len(np) {
					if head != nil && len(head) == len(np) || np[0].lower() != "a" && np[0].lower() != "an" {
						np = head // "quoted Mr Khodorkovsky as saying"; "quoted an insider in the talks" keeps its description
					}
				}
				if a.speaker(np) != nil {
					var medium []word
					if src := subjectOf(ws, v, lo); src != nil && mediaPhrase(src) {
						medium = src
						if determiners[medium[0].lower()] {
							medium = medium[1:]
						}
					}
					return &cue{verb: &ws[as+1], np: np, medium: medium}
				}
			}
		}
		if speechVerb(ws, v) == "" {
			continue
		}
		np := subjectFor(ws, v, lo)
		if v > lo && ws[v-1].text == "," && (np == nil || a.speaker(np) == nil) && invertVerbs[speechForms[ws[v].lower()]] {
			// "..., say the Tories." at the end of a sentence.
			if inv := npAfter(ws, v+1, len(ws)); inv != nil && endsSentence(ws, v+1+len(inv)) && a.speaker(inv) != nil {
				np = inv
			}
		}
		if np == nil || a.speaker(np) == nil || !sep && v == lo && ws[v].lower() == speechForms[ws[v].lower()] {
			continue
		}
		if k := indexOf(ws, np[0]); v > lo+6 && k > lo && ws[k-1].text != "," {
			// Far from the quote, only a closing ", the BBA added" counts.
			continue
		}
		return &cue{verb: &ws[v], np: np, medium: mediumIn(ws, v)}
	}
	if i, np := according(ws); i >= lo && i < lo+3 && np != nil {
		return &cue{verb: &ws[i], np: np}
	}
	return nil
}

// articles and possessive determiners make the next word a noun.
var articles = set("the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this")

// endsSentence reports whether ws[i] is past the end or a closing stop.
func endsSentence(ws []word, i int) bool {
	return i >= len(ws) || i == len(ws)-1 && (ws[i].text == "." || ws[i].text == "!" || ws[i].text == "?")
}

// mediaPhrase reports whether np names a medium ("the Interfax news agency").
func mediaPhrase(np []word) bool {
	for _, w := range np {
		if mediaWords[strings.TrimSuffix(w.lower(), "'s")] {
			return true
		}
	}
	return false
}

// indexOf returns the index of w in ws, or -1.
func indexOf(ws []word, w word) int {
	for i := range ws {
		if ws[i].Span == w.Span {
			return i
		}
	}
	return -1
}

// cueBefore reads the attribution before a quote: `Mr Grieve said: "`, or
// the nearest speech verb of the sentence for a partial quote.
func (a *analysis) cueBefore(ws []word) *cue {
	for v := len(ws) - 1; v >= 0; v-- {
		if speechVerb(ws, v) == "" {
			continue
		}
		np := subjectFor(ws, v, 0)
		if np == nil || a.speaker(np) == nil || np[0].Start > ws[v].Start && !strings.HasSuffix(ws[v].lower(), "ing") && v > 0 && !ws[v-1].isPunct() {
			// A phrase after the verb is a subject only when inverted.
			continue
		}
		return &cue{verb: &ws[v], np: np, medium: mediumIn(ws, v)}
	}
	if i, np := according(ws); i >= 0 && np != nil {
		return &cue{verb: &ws[i], np: np}
	}
	// "His message to the chancellor was:"
	if n := len(ws); n >= 3 && ws[n-1].text == ":" {
		for i := n - 2; i >= 1; i-- {
			if !speechNouns[ws[i].lower()] {
				continue
			}
			owner := ws[i-1]
			ol := owner.lower()
			switch {
			case ol == "his" || ol == "her" || ol == "their" || ol == "its":
				p := map[string]string{"his": "he", "her": "she", "their": "they", "its": "it"}[ol]
				return &cue{verb: &ws[i], np: []word{{Span: owner.Span, text: p}}}
			case isPossessive(owner) && i >= 2:
				if np := npBefore(ws, i-2, 0); np != nil {
					return &cue{verb: &ws[i], np: np}
				}
			}
		}
	}
	return nil
}

// mediumIn finds where the speech at verb ws[v] appeared: "told Israeli
// news website Ynet", "in an interview with the BBC", "speaking on BBC
// Radio 4".
func mediumIn(ws []word, v int) []word {
	for i := max(0, v-15); i < len(ws) && i < v+15; i++ {
		l := ws[i].lower()
		if i == v && l != "told" && l != "tells" && l != "telling" && l != "tell" {
			continue
		}
		start := -1
		switch {
		case i == v:
			start = i + 1
		case l == "with" && i > 0 && ws[i-1].lower() == "interview":
			start = i + 1
		case (l == "on" || l == "to" || l == "in") && i > 0 && (ws[i-1].lower() == "speaking" || ws[i-1].lower() == "writing" || ws[i-1].lower() == "appearing"):
			start = i + 1
		case (l == "on" || l == "to") && i == v+1:
			start = i + 1
		}
		if start < 0 {
			continue
		}
		if m := mediumAt(ws, start); m != nil {
			return m
		}
	}
	return nil
}

// mediumAt returns the medium noun phrase starting at ws[i], or nil when the
// phrase there names no medium.
func mediumAt(ws []word, i int) []word {
	j := i
	media := false
	for j < len(ws) {
		w := ws[j]
		l := w.lower()
		if w.isPunct() && !isPossessive(w) || l == "that" || l == "how" || l == "about" || l == "on" || l == "in" || l == "he" || l == "she" || l == "it" || l == "they" {
			break
		}
		if !w.isCap() && !isPossessive(w) && !mediaWords[l] && !(j == i && determiners[l]) && !(l[0] >= '0' && l[0] <= '9') && l != "programme" {
			break
		}
		if mediaWords[strings.TrimSuffix(l, "'s")] {
			media = true
		}
		j++
	}
	if !media || j == i {
		return nil
	}
	last := ws[j-1].lower()
	if last == "conference" || last == "briefing" || last == "meeting" {
		return nil
	}
	if determiners[ws[i].lower()] {
		i++
	}
	return ws[i:j]
}

// readFocus reads every sentence once, recording sentence subjects and the
// speakers of speech verbs, for pronouns ("he said") and nominals ("the
// official said") met later.
func (a *analysis) readFocus(ctx context.Context) error {
	for bi, b := range a.blocks {
		if bi%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for s := b.Start; s < b.End; {
			e := a.sentenceEnd(s, b.End)
			ws := a.wordsOf(s, e)
			a.sentenceSubject(ws)
			for v := range ws {
				if speechVerb(ws, v) == "" {
					continue
				}
				np := subjectFor(ws, v, 0)
				if np == nil {
					continue
				}
				if n := len(a.focus); a.addFocus(np) && !passive(ws, v) {
					a.focus[n].cue = ws[v].End
				}
			}
			s = e
		}
	}
	return nil
}

// sentenceSubject records the subject that opens a sentence: a pronoun, or
// the first name of a person within its first words.
func (a *analysis) sentenceSubject(ws []word) {
	i := leadStart(ws)
	// A capitalised opener that is never written so inside a sentence is
	// not a name: "Currently", "Gadgets", "Privately ministers".
	if i < len(ws) && ws[i].isCap() && !a.capMid[ws[i].text] && !isAcronym(ws[i].text) && !pronouns[ws[i].lower()] && !sentenceWords[ws[i].lower()] && (i+1 >= len(ws) || !ws[i+1].isCap()) {
		i++
	}
	if i < len(ws) && pronouns[ws[i].lower()] && ws[i].lower() != "it" {
		a.addFocus(ws[i : i+1])
		return
	}
	// A noun phrase that opens the sentence: "Pop star Britney Spears has
	// ...", "the prime minister's official spokesman urged ...".
	if np := npAfter(ws, i, len(ws)); len(np) > 1 && goodSubject(np) && (len(runsIn(np)) > 0 && np[len(np)-1].isCap() || personSources[np[len(np)-1].lower()] || personNominals[np[len(np)-1].lower()]) {
		a.addFocus(np)
		return
	}
	for j := i; j < len(ws) && j < i+8; j++ {
		if ws[j].text == "\"" || speechVerb(ws, j) != "" {
			return
		}
		if !ws[j].isCap() || sentenceWords[ws[j].lower()] || j == i && strings.HasSuffix(ws[j].lower(), "ing") {
			continue
		}
		// "On Sunday, Lib Dem leader Charles Kennedy repeated ...".
		if np := npAfter(ws, j, len(ws)); np != nil && len(runsIn(np)) > 0 {
			a.addFocus(np)
			return
		}
		k := j
		for k < len(ws) && k < j+maxNP && (ws[k].isCap() && !ws[k].isPunct()) {
			k++
		}
		r := strip(ws[j:k])
		if len(r.words) > 0 {
			a.addFocus(ws[j:k])
			return
		}
		j = k
	}
}

// addFocus resolves np and records it as the latest focus point; it
// reports whether it did.
func (a *analysis) addFocus(np []word) bool {
	sp := a.speaker(np)
	if sp == nil {
		return false
	}
	a.focus = append(a.focus, focusPoint{
		at:      np[0].Start,
		sp:      sp,
		person:  a.isPersonSpeaker(sp, np),
		nominal: strings.ToLower(npText(a.text, np)),
		gender:  a.gender[sp.Name],
	})
	if len(np) == 1 && (np[0].lower() == "he" || np[0].lower() == "she") && a.focus[len(a.focus)-1].gender == "" {
		a.focus[len(a.focus)-1].gender = map[string]string{"he": "m", "she": "f"}[np[0].lower()]
	}
	return true
}

// attribute turns the quote-marked stretches into quotes with speakers.
func (a *analysis) attribute() []doc.Quote {
	var out []doc.Quote
	var prev *doc.Quote
	prevBlock := -10
	for qi, q := range a.quoted {
		b := a.blocks[q.block]
		lo := max(a.sentenceStart(q.open.Start), b.Start)
		var prevQ *quoted
		if qi > 0 && a.quoted[qi-1].block == q.block {
			prevQ = &a.quoted[qi-1]
			lo = max(lo, prevQ.end())
		}
		hi := a.sentenceEnd(q.end(), b.End)
		if qi+1 < len(a.quoted) && a.quoted[qi+1].block == q.block {
			hi = min(hi, a.quoted[qi+1].open.Start)
		}
		if hi < q.end() {
			hi = q.end()
		}
		before := a.wordsOf(lo, q.open.Start)
		// The quote itself, as a placeholder, ends the words before it.
		before = append(before[:len(before):len(before)], word{Span: q.open, text: "\""})
		after := a.wordsOf(q.end(), hi)
		inner := a.text[q.inner.Start:q.inner.End]

		kind := doc.QuotePartial
		pre := strings.TrimSpace(a.text[lo:q.open.Start])
		beforeOnly := before[:len(before)-1]
		switch {
		case q.cont, pre == "", strings.HasSuffix(pre, ":"):
			kind = doc.QuoteDirect
		case strings.HasSuffix(pre, ",") && a.cueBefore(before) != nil && (startsUpper(inner) || prevQ != nil && a.sentenceStart(prevQ.open.Start) == a.sentenceStart(q.open.Start)):
			kind = doc.QuoteDirect
		}

		var c *cue
		if kind == doc.QuoteDirect {
			c = a.cueAfter(after, endsPunct(inner))
			if c == nil && pre != "" {
				c = a.cueBefore(before)
			}
		} else {
			if w := prevWord(beforeOnly); w == "called" || w == "named" || w == "titled" || w == "entitled" {
				continue // a title, not speech
			}
			c = a.cueBefore(before)
			if c == nil {
				c = a.cueAfter(after, endsPunct(inner))
			}
			if c == nil && len(beforeOnly) > 0 && len(after) > 1 && after[0].lower() == "by" {
				// "was ruled "too American" by a Paris court"
				before := beforeOnly
				v := len(before) - 1
				for v > 0 && skipBeforeVerb[before[v].lower()] {
					v--
				}
				if speechVerb(before, v) != "" && passive(before, v) {
					if np := npAfter(after, 1, len(after)); np != nil && a.speaker(np) != nil {
						c = &cue{verb: &before[v], np: np}
					}
				}
			}
		}
		if c == nil && kind == doc.QuotePartial && prevQ != nil && len(out) > 0 && out[len(out)-1].Span == prevQ.inner &&
			a.sentenceStart(prevQ.open.Start) == a.sentenceStart(q.open.Start) {
			// A second partial quote of the same sentence: "... offered
			// "the frame ..." but that "there are ...""
			p := out[len(out)-1]
			qt := doc.Quote{Span: q.inner, Text: inner, Kind: kind, Speaker: p.Speaker, Verb: p.Verb, VerbSpan: p.VerbSpan}
			out = append(out, qt)
			continue
		}
		var sp *doc.Speaker
		var verb *word
		var medium []word
		if c != nil {
			sp = a.speaker(c.np)
			verb = c.verb
			medium = c.medium
		}
		if sp == nil && kind == doc.QuoteDirect {
			// The quote goes on from the one before it, or the sentence
			// before names its speaker, or it continues the last speaker.
			adjacent := prevQ != nil && contentWords(a.wordsOf(prevQ.end(), q.open.Start)) == 0
			switch {
			case adjacent && len(out) > 0 && out[len(out)-1].Span == prevQ.inner && out[len(out)-1].Speaker != nil:
				// After a partial quote the speaker is the subject of its
				// sentence ("he hit back at Labour claims he had used her as
				// a "human shield". "She's not ...""), else its speaker.
				sp = out[len(out)-1].Speaker
				if out[len(out)-1].Kind == doc.QuotePartial {
					if f := a.subjectIn(a.sentenceStart(prevQ.open.Start), prevQ.open.Start); f != nil && f.person {
						sp = f.sp
					}
				}
			case (q.cont || adjacent) && prev != nil:
				sp = prev.Speaker
			default:
				if pc := a.prevSentenceCue(lo, b); pc != nil {
					sp = a.speaker(pc.np)
					if sp != nil {
						medium = pc.medium
					}
				}
				if sp == nil && prev != nil && q.block-prevBlock <= 2 {
					sp = prev.Speaker
					// A speaker reported after that quote takes over
					// ("..., the spokesman said." then a quote paragraph).
					after := prev.End
					if prev.VerbSpan != nil {
						after = max(after, prev.VerbSpan.End)
					}
					if f := a.lastCue(after, q.open.Start); f != nil {
						sp = f.sp
					}
				}
			}
		}
		if kind == doc.QuoteDirect && c == nil && strings.HasSuffix(pre, ":") && !q.cont && leadIsThing(beforeOnly) {
			continue // "The proposed question is: "Should ...?""
		}
		if kind == doc.QuotePartial && (strings.EqualFold(inner, "yes") || strings.EqualFold(inner, "no")) {
			continue // a "no" vote
		}
		if kind == doc.QuoteDirect && c == nil && !speechLike(inner) && !q.cont && (sp == nil || titleCase(inner)) {
			continue // a title or a term in quote marks
		}
		if kind == doc.QuotePartial && sp == nil {
			continue // scare quotes and unattributed phrases
		}
		qt := doc.Quote{Span: q.inner, Text: inner, Kind: kind, Speaker: sp}
		if verb != nil {
			vs := verb.Span
			qt.Verb = a.text[vs.Start:vs.End]
			qt.VerbSpan = &vs
		}
		if len(medium) > 0 {
			ms := doc.Span{Start: medium[0].Start, End: medium[len(medium)-1].End}
			qt.Medium = a.text[ms.Start:ms.End]
			qt.MediumSpan = &ms
		}
		out = append(out, qt)
		if kind == doc.QuoteDirect {
			prev = &out[len(out)-1]
			prevBlock = q.block
		}
	}
	return out
}

// lastCue returns the latest speaker of a speech verb in (from, to), or nil.
func (a *analysis) lastCue(from, to int) *focusPoint {
	var best *focusPoint
	for i := a.focusBefore(to); i >= 0 && i > a.focusBefore(to)-maxLookback; i-- {
		f := &a.focus[i]
		if f.cue > from && f.cue <= to && (best == nil || f.cue > best.cue) {
			best = f
		}
		if f.at < from {
			break
		}
	}
	return best
}

// subjectIn returns the first focus point in [s, e), or nil.
func (a *analysis) subjectIn(s, e int) *focusPoint {
	var best *focusPoint
	for i := range a.focus {
		f := &a.focus[i]
		if f.at >= s && f.at < e && (best == nil || f.at < best.at) {
			best = f
		}
	}
	return best
}

// prevSentenceCue returns the attribution in the sentence before offset lo
// in block b ("Mr Herren says there are pros and cons. "It's very simple
// ...""), when that sentence is not itself a quote.
func (a *analysis) prevSentenceCue(lo int, b doc.Span) *cue {
	if lo <= b.Start {
		return nil
	}
	ps := max(a.sentenceStart(lo-1), b.Start)
	ws := a.wordsOf(ps, lo)
	if len(ws) == 0 || ws[0].text == "\"" {
		return nil
	}
	for v := range ws {
		if speechVerb(ws, v) == "" && !(ws[v].lower() == "argue" || ws[v].lower() == "argued") {
			continue
		}
		if np := subjectFor(ws, v, 0); np != nil && !passive(ws, v) {
			return &cue{verb: &ws[v], np: np, medium: mediumIn(ws, v)}
		}
	}
	return nil
}

// endsPunct reports whether quoted text ends with punctuation, which
// separates it from an attribution that follows (`," said Kerry`).
func endsPunct(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ",") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "-") || strings.HasSuffix(s, "—")
}

// leadIsThing reports whether a lead-in ending in a colon says what a thing
// is ("The proposed question for the referendum is:") rather than who speaks.
func leadIsThing(ws []word) bool {
	if len(ws) < 3 || ws[len(ws)-1].text != ":" || !beForms[ws[len(ws)-2].lower()] {
		return false
	}
	np := npBefore(ws, len(ws)-3, 0)
	if np == nil {
		return false
	}
	head := np[len(np)-1].lower()
	return !np[len(np)-1].isCap() && !personSources[head] && !personNominals[head] && !speechNouns[head]
}

// prevWord returns the last word of ws in lower case, or "".
func prevWord(ws []word) string {
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1].lower()
}

// startsUpper reports whether s starts with an upper-case letter or a digit.
func startsUpper(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f && strings.ToUpper(string(r)) == string(r)
	}
	return false
}

// titleCase reports whether every word of s starts with a capital, as the
// title of a film or a book does ("Wild Rose").
func titleCase(s string) bool {
	for _, w := range strings.Fields(s) {
		if r := []rune(w); len(r) > 0 && unicode.IsLetter(r[0]) && !unicode.IsUpper(r[0]) && !titleSmallWords[w] {
			return false
		}
	}
	return true
}

// titleSmallWords may stay lower-case in a title.
var titleSmallWords = set("a", "an", "the", "of", "and", "in", "on", "to", "for", "at", "by", "or")

// speechLike reports whether a quote without attribution reads as speech
// rather than a title or a term: several words, or sentence punctuation.
func speechLike(s string) bool {
	s = strings.TrimSpace(s)
	if len(strings.Fields(s)) >= 5 {
		return true
	}
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ",")
}
