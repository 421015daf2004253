package cameo

import (
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// DatedCode is an actor code valid between two dates (YYYYMMDD as integers;
// 0 means open).
type DatedCode struct {
	Code     string
	From, To int
}

// Actor is one actor dictionary entry: its names share the codes.
type Actor struct {
	// Name is the entry's first name, with spaces ("JOHN KERRY").
	Name string
	// Codes are the dated codes; the first undated code is the default.
	Codes []DatedCode
}

// CodeAt returns the actor's code on date (YYYYMMDD; 0 for "now", which
// picks the open-ended or latest code). Codes separated by "/" in the
// dictionary ("FRO/BIL/SAM") are compound actors; CodeAt returns them joined
// by "/" and Split separates them.
func (a *Actor) CodeAt(date int) string {
	var def, latest string
	latestTo := -1
	for _, c := range a.Codes {
		if c.From == 0 && c.To == 0 {
			if def == "" {
				def = c.Code
			}
			continue
		}
		if date != 0 {
			if (c.From == 0 || date >= c.From) && (c.To == 0 || date <= c.To) {
				return c.Code
			}
			continue
		}
		to := c.To
		if to == 0 {
			to = 99999999
		}
		if to > latestTo {
			latestTo, latest = to, c.Code
		}
	}
	if date == 0 && latest != "" {
		return latest
	}
	return def
}

// Agent is one agent entry: a common noun for a role ("MINISTER [~GOV]").
type Agent struct {
	Name string
	// Code is the agent code without its "~" ("GOV").
	Code string
	// Prefix is set for codes written "NGO~", which go before the actor code.
	Prefix bool
}

// entry is one phrase of a phrase index.
type entry struct {
	words []Word
	id    int
}

// PhraseIndex finds dictionary phrases in a sequence of upper-case words,
// longest match first. Phrases are indexed by their first word; a lookup
// probes the text word and its singular forms.
type PhraseIndex struct {
	first map[string][]entry
}

func newPhraseIndex() *PhraseIndex {
	return &PhraseIndex{first: map[string][]entry{}}
}

func (x *PhraseIndex) add(words []Word, id int) {
	if len(words) == 0 {
		return
	}
	x.first[words[0].Text] = append(x.first[words[0].Text], entry{words: words, id: id})
}

// finish sorts each bucket longest phrase first.
func (x *PhraseIndex) finish() {
	for k, v := range x.first {
		sort.SliceStable(v, func(i, j int) bool { return len(v[i].words) > len(v[j].words) })
		x.first[k] = v
	}
}

// Match returns the id and length in words of the longest phrase starting at
// words[i], or ok=false.
func (x *PhraseIndex) Match(words []string, i int) (id, n int, ok bool) {
	return x.match(words, i, nil)
}

// MatchAll returns the ids of every longest phrase starting at words[i]
// (names listed under several entries) and their length in words.
func (x *PhraseIndex) MatchAll(words []string, i int) (ids []int, n int) {
	_, n, ok := x.match(words, i, func(e entry) { ids = append(ids, e.id) })
	if !ok {
		return nil, 0
	}
	return ids, n
}

// match finds the longest phrase at words[i]; found is called for every
// phrase of that length.
func (x *PhraseIndex) match(words []string, i int, found func(entry)) (id, n int, ok bool) {
	var hits []entry
	w := words[i]
	for k := 0; k < 4; k++ {
		key := w
		switch k {
		case 1, 2:
			if !strings.HasSuffix(w, "S") || len(w) <= 2 || k == 2 && !strings.HasSuffix(w, "ES") {
				continue
			}
			key = w[:len(w)-k]
		case 3:
			if !strings.HasSuffix(w, "IES") {
				continue
			}
			key = w[:len(w)-3] + "Y"
		}
		for _, e := range x.first[key] {
			if len(e.words) <= n || i+len(e.words) > len(words) {
				continue
			}
			good := true
			for k := range e.words {
				if !e.words[k].Matches(words[i+k]) {
					good = false
					break
				}
			}
			if good {
				if len(e.words) > n {
					hits = hits[:0]
				}
				id, n, ok = e.id, len(e.words), true
				hits = append(hits, e)
			}
		}
	}
	// Other phrases of that length, when the caller wants them all.
	for _, key := range []string{words[i]} {
		if found == nil || !ok {
			break
		}
		for _, e := range x.first[key] {
			if len(e.words) != n || e.id == id || slices.ContainsFunc(hits, func(h entry) bool { return h.id == e.id }) || i+n > len(words) {
				continue
			}
			good := true
			for k := range e.words {
				if !e.words[k].Matches(words[i+k]) {
					good = false
					break
				}
			}
			if good {
				hits = append(hits, e)
			}
		}
	}
	if found != nil {
		for _, h := range hits {
			found(h)
		}
	}
	return id, n, ok
}

// Actors is an actor dictionary.
type Actors struct {
	List  []Actor
	index *PhraseIndex
}

// Match returns the actor whose name is the longest phrase starting at
// words[i], and the number of words it covers.
func (a *Actors) Match(words []string, i int) (*Actor, int) {
	id, n, ok := a.index.Match(words, i)
	if !ok {
		return nil, 0
	}
	return &a.List[id], n
}

// MatchAt is Match for a date: when a name is listed under several actors
// ("President Bush"), the one whose dated code covers the date wins.
func (a *Actors) MatchAt(words []string, i, date int) (*Actor, int) {
	ids, n := a.index.MatchAll(words, i)
	if len(ids) == 0 {
		return nil, 0
	}
	if date != 0 {
		for _, id := range ids {
			for _, c := range a.List[id].Codes {
				if (c.From != 0 || c.To != 0) && (c.From == 0 || date >= c.From) && (c.To == 0 || date <= c.To) {
					return &a.List[id], n
				}
			}
		}
	}
	return &a.List[ids[0]], n
}

// Lookup returns the actor named by a phrase of text ("John Kerry"), or nil.
func (a *Actors) Lookup(name string) *Actor {
	words := strings.Fields(strings.ToUpper(name))
	if len(words) == 0 {
		return nil
	}
	act, n := a.Match(words, 0)
	if n != len(words) {
		return nil
	}
	return act
}

// ReadActors reads PETRARCH actor files (root names, "+synonym" lines, code
// lines "[CODE]" or dated "[CODE 850103-130201]", "[CODE >130201]") into one
// dictionary.
func ReadActors(fsys fs.FS, names ...string) (*Actors, error) {
	a := &Actors{index: newPhraseIndex()}
	for _, name := range names {
		lines, err := readLines(fsys, name)
		if err != nil {
			return nil, err
		}
		if err := a.parse(lines); err != nil {
			return nil, fmt.Errorf("cameo: actors %s: %w", name, err)
		}
	}
	a.index.finish()
	return a, nil
}

func (a *Actors) parse(lines []string) error {
	cur := -1
	var curNames [][]Word
	flush := func() {
		if cur < 0 {
			return
		}
		for _, ws := range curNames {
			a.index.add(ws, cur)
		}
		curNames = nil
	}
	for _, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "["):
			if cur < 0 {
				continue
			}
			_, in, _ := bracket(t)
			if dc, ok := parseDatedCode(in); ok {
				a.List[cur].Codes = append(a.List[cur].Codes, dc)
			}
		case strings.HasPrefix(t, "+"):
			if cur < 0 {
				continue
			}
			name, in, ok := bracket(t[1:])
			if ws := parseWords(name); len(ws) > 0 {
				curNames = append(curNames, ws)
			}
			if ok {
				if dc, ok := parseDatedCode(in); ok {
					a.List[cur].Codes = append(a.List[cur].Codes, dc)
				}
			}
		default:
			flush()
			name, in, ok := bracket(t)
			ws := parseWords(name)
			if len(ws) == 0 {
				cur = -1
				continue
			}
			a.List = append(a.List, Actor{Name: strings.ReplaceAll(strings.Trim(strings.TrimSpace(name), "_"), "_", " ")})
			cur = len(a.List) - 1
			curNames = append(curNames, ws)
			if ok {
				if dc, ok := parseDatedCode(in); ok {
					a.List[cur].Codes = append(a.List[cur].Codes, dc)
				}
			}
		}
	}
	flush()
	return nil
}

// parseDatedCode reads "USAGOV", "USAGOV >130201", "HOB < 950601",
// "HOBGOV 19950601 - 19990815".
func parseDatedCode(s string) (DatedCode, bool) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return DatedCode{}, false
	}
	dc := DatedCode{Code: strings.ToUpper(f[0])}
	rest := strings.Join(f[1:], "")
	if rest == "" {
		return dc, true
	}
	if c := dc.Code; len(c) > 0 && c[0] >= '0' && c[0] <= '9' {
		return DatedCode{}, false // a date range without a code
	}
	switch {
	case strings.HasPrefix(rest, "<"):
		dc.To = parseDate(rest[1:])
	case strings.HasPrefix(rest, ">"):
		dc.From = parseDate(rest[1:])
	case strings.Contains(rest, "-"):
		i := strings.IndexByte(rest, '-')
		dc.From, dc.To = parseDate(rest[:i]), parseDate(rest[i+1:])
	default:
		return dc, true
	}
	if dc.From == 0 && dc.To == 0 {
		return DatedCode{}, false
	}
	return dc, true
}

// ParseDate reads a dictionary or record date, YYMMDD (years 00–29 are
// 20xx) or YYYYMMDD, as the integer YYYYMMDD; 0 when it is neither.
func ParseDate(s string) int { return parseDate(s) }

// parseDate reads YYMMDD (years 00–29 are 20xx) or YYYYMMDD.
func parseDate(s string) int {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	switch len(s) {
	case 8:
		return n
	case 6:
		if n/10000 < 30 {
			return 20000000 + n
		}
		return 19000000 + n
	}
	return 0
}

// Agents is an agent dictionary.
type Agents struct {
	List  []Agent
	index *PhraseIndex
}

// Match returns the agent whose name is the longest phrase starting at
// words[i], and the number of words it covers.
func (a *Agents) Match(words []string, i int) (*Agent, int) {
	id, n, ok := a.index.Match(words, i)
	if !ok {
		return nil, 0
	}
	return &a.List[id], n
}

// ReadAgents reads PETRARCH agent files: "!SET! = A, B" substitution sets and
// "NAME {PLURAL ...} [~CODE]" lines.
func ReadAgents(fsys fs.FS, names ...string) (*Agents, error) {
	a := &Agents{index: newPhraseIndex()}
	for _, name := range names {
		lines, err := readLines(fsys, name)
		if err != nil {
			return nil, err
		}
		subs := map[string][]string{}
		for _, line := range lines {
			t := strings.TrimSpace(line)
			if strings.HasPrefix(t, "!") && strings.Contains(t, "=") {
				i := strings.IndexByte(t, '=')
				key := strings.TrimSpace(t[:i])
				for _, v := range strings.Split(t[i+1:], ",") {
					if v = strings.TrimSpace(v); v != "" {
						subs[key] = append(subs[key], strings.ToUpper(v))
					}
				}
				continue
			}
			name, in, ok := bracket(t)
			if !ok {
				continue
			}
			code := strings.ToUpper(strings.TrimSpace(in))
			ag := Agent{}
			switch {
			case strings.HasPrefix(code, "~"):
				ag.Code = strings.TrimPrefix(code, "~")
			case strings.HasSuffix(code, "~"):
				ag.Code, ag.Prefix = strings.TrimSuffix(code, "~"), true
			default:
				ag.Code = code
			}
			if ag.Code == "" {
				continue
			}
			base, plurals, hasBraces := braces(name)
			forms := expandSubs(strings.TrimSpace(base), subs)
			ag.Name = strings.ReplaceAll(strings.Trim(strings.TrimSpace(base), "_"), "_", " ")
			a.List = append(a.List, ag)
			id := len(a.List) - 1
			for _, f := range forms {
				ws := parseWords(f)
				if len(ws) > 0 && hasBraces {
					ws[len(ws)-1].Exact = true // "{}": no regular plural
				}
				a.index.add(ws, id)
			}
			for _, p := range plurals {
				for _, f := range expandSubs(p, subs) {
					a.index.add(parseWords(f), id)
				}
			}
		}
	}
	a.index.finish()
	return a, nil
}

// expandSubs replaces one "!SET!" marker in s by each member of the set.
func expandSubs(s string, subs map[string][]string) []string {
	i := strings.IndexByte(s, '!')
	if i < 0 {
		return []string{s}
	}
	j := strings.IndexByte(s[i+1:], '!')
	if j < 0 {
		return []string{s}
	}
	key := s[i : i+j+2]
	vals, ok := subs[key]
	if !ok {
		return []string{s}
	}
	var out []string
	for _, v := range vals {
		rep := s[:i] + v + s[i+j+2:]
		// "CONGRESS!PERSON!" joins the words: keep a separator.
		if i > 0 && s[i-1] != '_' && s[i-1] != ' ' {
			rep = s[:i] + "_" + v + s[i+j+2:]
		}
		out = append(out, expandSubs(rep, subs)...)
	}
	return out
}
