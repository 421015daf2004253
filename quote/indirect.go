package quote

import (
	"sort"
	"strings"

	"eventwire/doc"
)

// minIndirectWords is the fewest words a reported clause must have.
const minIndirectWords = 4

// indirect finds reported speech without quote marks: "Kerry said a
// ceasefire ... should serve", "Hamas insists the Jewish state lift ...",
// "..., a US official said", "according to X, ...". A sentence whose
// reported clause is mostly quoted is left to its partial quotes.
func (a *analysis) indirect() []doc.Quote {
	var out []doc.Quote
	for _, b := range a.blocks {
		for s := b.Start; s < b.End; {
			e := a.sentenceEnd(s, b.End)
			if q, ok := a.reported(s, e); ok {
				out = append(out, q)
			}
			s = e
		}
	}
	return out
}

// reported returns the reported speech of sentence [s, e), if any.
func (a *analysis) reported(s, e int) (doc.Quote, bool) {
	ws := a.wordsOf(s, e)
	for _, w := range ws {
		if w.text == "\"" && a.directAt(w.Start) {
			return doc.Quote{}, false
		}
	}
	for v := range ws {
		lemma := speechVerb(ws, v)
		if lemma == "" || !clauseVerbs[lemma] || passive(ws, v) || strings.HasSuffix(ws[v].lower(), "ing") {
			continue
		}
		np := subjectFor(ws, v, 0)
		if np == nil || np[0].Start > ws[v].Start {
			continue
		}
		sp := a.speaker(np)
		if sp == nil {
			continue
		}
		// The clause after the verb, past the object of "told" and "that".
		c := v + 1
		if lemma == "tell" {
			k := c
			for k < len(ws) && k < c+6 && ws[k].lower() != "that" {
				k++
			}
			if k < len(ws) && ws[k].lower() == "that" {
				c = k
			} else if obj := npAfter(ws, c, len(ws)); obj != nil {
				c += len(obj)
			}
		}
		for c < len(ws) && (ws[c].lower() == "that" || ws[c].text == ",") {
			c++
		}
		var clause doc.Span
		if n := contentWords(ws[c:]); n >= minIndirectWords {
			clause = doc.Span{Start: ws[c].Start, End: ws[len(ws)-1].End}
		} else if k := np[0].Start; v > 0 && len(np) > 0 {
			// "..., a US official said."
			i := 0
			for i < len(ws) && ws[i].Start < k {
				i++
			}
			if i >= 2 && ws[i-1].text == "," && contentWords(ws[:i-1]) >= minIndirectWords {
				clause = doc.Span{Start: ws[0].Start, End: ws[i-2].End}
			}
		}
		clause = trimClause(a.text, clause)
		if clause.Len() == 0 || a.mostlyQuoted(clause) {
			return doc.Quote{}, false
		}
		vs := ws[v].Span
		q := doc.Quote{Span: clause, Text: a.text[clause.Start:clause.End], Kind: doc.QuoteIndirect, Speaker: sp,
			Verb: ws[v].text, VerbSpan: &vs}
		if m := mediumIn(ws, v); len(m) > 0 {
			ms := doc.Span{Start: m[0].Start, End: m[len(m)-1].End}
			q.Medium, q.MediumSpan = a.text[ms.Start:ms.End], &ms
		}
		return q, true
	}
	if i, np := according(ws); i >= 0 && np != nil {
		sp := a.speaker(np)
		if sp == nil {
			return doc.Quote{}, false
		}
		var clause doc.Span
		if i >= minIndirectWords {
			clause = doc.Span{Start: ws[0].Start, End: ws[i-1].End}
		} else if j := i + 2 + len(np); j < len(ws) && contentWords(ws[j:]) >= minIndirectWords {
			clause = doc.Span{Start: ws[j].Start, End: ws[len(ws)-1].End}
		}
		clause = trimClause(a.text, clause)
		if clause.Len() == 0 || a.mostlyQuoted(clause) {
			return doc.Quote{}, false
		}
		vs := doc.Span{Start: ws[i].Start, End: ws[i+1].End}
		return doc.Quote{Span: clause, Text: a.text[clause.Start:clause.End], Kind: doc.QuoteIndirect, Speaker: sp,
			Verb: a.text[vs.Start:vs.End], VerbSpan: &vs}, true
	}
	return doc.Quote{}, false
}

// directAt reports whether the quote-marked stretch at offset off opens a
// sentence (a direct quote) rather than sitting inside one.
func (a *analysis) directAt(off int) bool {
	if qi := a.quoteAt(off); qi >= 0 {
		q := a.quoted[qi]
		{
			pre := strings.TrimSpace(a.text[max(a.sentenceStart(q.open.Start), a.blocks[q.block].Start):q.open.Start])
			return q.cont || pre == "" || strings.HasSuffix(pre, ":") || strings.HasSuffix(pre, ",")
		}
	}
	return false
}

// mostlyQuoted reports whether quote marks cover half the clause or more.
func (a *analysis) mostlyQuoted(s doc.Span) bool {
	n := 0
	i := sort.Search(len(a.quoted), func(i int) bool { return a.quoted[i].end() > s.Start })
	for ; i < len(a.quoted) && a.quoted[i].open.Start < s.End; i++ {
		q := a.quoted[i]
		o := doc.Span{Start: max(q.open.Start, s.Start), End: min(q.end(), s.End)}
		if o.Len() > 0 {
			n += o.Len()
		}
	}
	return 2*n >= s.Len()
}

// contentWords counts the words of ws that are not punctuation.
func contentWords(ws []word) int {
	n := 0
	for _, w := range ws {
		if !w.isPunct() || w.text == "\"" {
			n++
		}
	}
	return n
}

// trimClause drops closing punctuation and spaces from a clause.
func trimClause(text string, s doc.Span) doc.Span {
	s = trimSpan(text, s)
	for s.End > s.Start && strings.ContainsRune(".,;:", rune(text[s.End-1])) {
		s.End--
	}
	return s
}
