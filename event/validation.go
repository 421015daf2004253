package event

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"eventwire/cameo"
	"eventwire/doc"
)

// Record is one PETRARCH validation record: a sentence with its expected
// codings.
type Record struct {
	ID, Category string
	Date         int
	Text         string
	// Expected holds the expected triples; empty with NoEvents set when the
	// record expects nothing.
	Expected []Triple
	NoEvents bool
	// Error is PETRARCH's expected input error ("dateline",
	// "bad_input_parse", "sentencediscard", "storydiscard"), if any.
	Error string
	// RequireDyad is the require_dyad option in force for the record.
	RequireDyad bool
	// Parse is the record's CoNLL-U parse, when the file carries one.
	Parse []doc.Token
}

// Validation is a PETRARCH validation file.
type Validation struct {
	// Verbs, Actors, Agents, Discards name the dictionaries the file asks for.
	Verbs    string
	Actors   []string
	Agents   []string
	Discards []string
	// Ontology names the PICO file, when the file names one.
	Ontology string
	Records  []Record
}

var (
	reComment  = regexp.MustCompile(`(?s)<!--.*?-->`)
	reTag      = func(name string) *regexp.Regexp { return regexp.MustCompile(`(?s)<` + name + `>(.*?)</` + name + `>`) }
	reVerbfile = reTag("Verbfile")
	reActfile  = reTag("Actorfile")
	reAgfile   = reTag("Agentfile")
	reDisfile  = reTag("Discardfile")
	rePICO     = reTag("PICOfile")
	reText     = reTag("Text")
	reParse    = reTag("Parse")
	reAttr     = regexp.MustCompile(`(\w+)="([^"]*)"`)
	reCoding   = regexp.MustCompile(`<EventCoding\s([^>]*)>`)
	reItem     = regexp.MustCompile(`<Sentence\s[^>]*>|<Config\s[^>]*>`)
)

// ReadValidation reads a PETRARCH validation XML file leniently (it is not
// always well-formed XML).
func ReadValidation(path string) (*Validation, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("event: validation: %w", err)
	}
	s := reComment.ReplaceAllString(strings.ToValidUTF8(string(b), "?"), "")
	v := &Validation{}
	split := func(m []string) []string {
		var out []string
		for _, f := range strings.Split(m[1], ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
		return out
	}
	if m := reVerbfile.FindStringSubmatch(s); m != nil {
		v.Verbs = strings.TrimSpace(m[1])
	}
	if m := reActfile.FindStringSubmatch(s); m != nil {
		v.Actors = split(m)
	}
	if m := reAgfile.FindStringSubmatch(s); m != nil {
		v.Agents = split(m)
	}
	if m := reDisfile.FindStringSubmatch(s); m != nil {
		v.Discards = split(m)
	}
	if m := rePICO.FindStringSubmatch(s); m != nil {
		v.Ontology = strings.TrimSpace(m[1])
	}
	dyad := true
	locs := reItem.FindAllStringIndex(s, -1)
	for i, loc := range locs {
		tag := s[loc[0]:loc[1]]
		attrs := map[string]string{}
		for _, a := range reAttr.FindAllStringSubmatch(tag, -1) {
			attrs[a[1]] = a[2]
		}
		if strings.HasPrefix(tag, "<Config") {
			if attrs["option"] == "require_dyad" {
				dyad = strings.EqualFold(attrs["value"], "true")
			}
			continue
		}
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		body := s[loc[1]:end]
		r := Record{ID: attrs["id"], Category: attrs["category"], RequireDyad: dyad}
		r.Date = cameo.ParseDate(attrs["date"])
		if m := reText.FindStringSubmatch(body); m != nil {
			r.Text = strings.Join(strings.Fields(unescape(m[1])), " ")
		}
		for _, c := range reCoding.FindAllStringSubmatch(body, -1) {
			ca := map[string]string{}
			for _, a := range reAttr.FindAllStringSubmatch(c[1], -1) {
				ca[a[1]] = a[2]
			}
			switch {
			case ca["error"] != "":
				r.Error = ca["error"]
			case strings.EqualFold(ca["noevents"], "true"):
				r.NoEvents = true
			case ca["eventcode"] != "":
				r.Expected = append(r.Expected, Triple{Source: norm(ca["sourcecode"]), Target: norm(ca["targetcode"]), Code: strings.ToUpper(ca["eventcode"])})
			}
		}
		if m := reParse.FindStringSubmatch(body); m != nil && strings.Contains(m[1], "\t") {
			r.Parse = ReadCoNLLU(m[1])
		}
		if r.Text == "" {
			continue
		}
		v.Records = append(v.Records, r)
	}
	return v, nil
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(s)
}

// norm writes an absent actor as "---", as PETRARCH records do.
func norm(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return "---"
	}
	return code
}

// ReadCoNLLU reads one sentence in CoNLL-U into tokens (heads as indexes
// into the returned slice, -1 for the root). Spans are token positions in a
// text that joins the forms with single spaces.
func ReadCoNLLU(s string) []doc.Token {
	var toks []doc.Token
	var heads []int
	sc := bufio.NewScanner(strings.NewReader(s))
	off := 0
	for sc.Scan() {
		f := strings.Split(strings.TrimSpace(sc.Text()), "\t")
		if len(f) < 8 || strings.ContainsAny(f[0], "-.") {
			continue
		}
		h, _ := strconv.Atoi(f[6])
		t := doc.Token{Text: f[1], Lemma: f[2], POS: f[3], Tag: f[4], Dep: f[7]}
		if t.POS == "CONJ" {
			t.POS = "CCONJ"
		}
		switch t.Dep {
		case "dobj":
			t.Dep = "obj"
		case "nsubjpass":
			t.Dep = "nsubj:pass"
		case "auxpass":
			t.Dep = "aux:pass"
		}
		t.Start, t.End = off, off+len(t.Text)
		off = t.End + 1
		toks = append(toks, t)
		heads = append(heads, h-1)
	}
	for i := range toks {
		toks[i].Head = heads[i]
	}
	return toks
}

// Annotator parses a sentence's text into tokens with lemmas, tags and
// dependencies (heads indexing the returned slice).
type Annotator func(ctx context.Context, text string) ([]doc.Token, error)

// Score is the outcome of an evaluation.
type Score struct {
	Sentences int
	Expected  int
	// Exact and Root count expected triples reproduced one to one, with the
	// full code and with the code's root.
	Exact, Root int
	Predicted   int
	// FalseExact and FalseRoot count predicted events matched by no expected
	// triple (with the full code, with the root).
	FalseExact, FalseRoot int
	Skipped               int
}

// Outcome is the coding of one record, for reports.
type Outcome struct {
	Record    *Record
	Predicted []Triple
	Matched   int
}

// Evaluate codes every record with st (parsed by annotate, or from the
// record's own parse when annotate is nil) and scores the triples.
// Records that expect PETRARCH input errors (dateline, bad input parse) are
// skipped; discard records expect no events.
func Evaluate(ctx context.Context, st *Stage, v *Validation, annotate Annotator) (Score, []Outcome, error) {
	var sc Score
	var outs []Outcome
	for i := range v.Records {
		r := &v.Records[i]
		if r.Error == "dateline" || r.Error == "bad_input_parse" {
			sc.Skipped++
			continue
		}
		var toks []doc.Token
		if annotate != nil {
			var err error
			if toks, err = annotate(ctx, r.Text); err != nil {
				return sc, nil, fmt.Errorf("event: parse %s: %w", r.ID, err)
			}
		} else {
			toks = r.Parse
		}
		if len(toks) == 0 {
			sc.Skipped++
			continue
		}
		coder := *st
		coder.c.opt.RequireDyad = r.RequireDyad // a record-level Config option
		pred := coder.Code(toks, r.Date)
		for j := range pred {
			pred[j].Source, pred[j].Target = norm(pred[j].Source), norm(pred[j].Target)
		}
		sc.Sentences++
		sc.Expected += len(r.Expected)
		sc.Predicted += len(pred)
		ex := matchTriples(r.Expected, pred, func(t Triple) Triple { return t })
		rt := matchTriples(r.Expected, pred, func(t Triple) Triple { t.Code = rootOf(t.Code); return t })
		sc.Exact += ex
		sc.Root += rt
		sc.FalseExact += len(pred) - ex
		sc.FalseRoot += len(pred) - rt
		outs = append(outs, Outcome{Record: r, Predicted: pred, Matched: ex})
	}
	return sc, outs, nil
}

func rootOf(code string) string {
	if len(code) >= 2 {
		return code[:2]
	}
	return code
}

// matchTriples counts one-to-one matches between expected and predicted
// triples after key.
func matchTriples(exp, pred []Triple, key func(Triple) Triple) int {
	used := make([]bool, len(pred))
	n := 0
	for _, e := range exp {
		ke := key(e)
		for j, p := range pred {
			if !used[j] && key(p) == ke {
				used[j] = true
				n++
				break
			}
		}
	}
	return n
}
