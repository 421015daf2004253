// Package doc defines the article record that flows through eventwire's
// pipeline: one Document owns the clean text, and every stage adds a layer of
// spans (byte offsets into that text) to it.
//
// The record is the contract between stages, the store, the exports and the
// web UI. docs/record.md describes it field by field.
package doc

import "time"

// Span is a half-open range [Start, End) of byte offsets into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies entirely inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Document is the record of one article. The article fields come from the
// reader and the clean-up stage; each later stage fills one layer.
//
// Text is the clean text: the title, then the body paragraphs, separated by
// blank lines ("\n\n"). The standfirst, when the article has one, is the first
// body paragraph. All spans are byte offsets into Text.
type Document struct {
	// ID is a stable identifier for the article (a hash of URL or text), set by the store.
	ID string `json:"id,omitempty"`
	// Input names where the article was read from (a path, "path#record" or
	// a URL); ingest uses it to resume without duplicates.
	Input string `json:"input,omitempty"`
	// URL is the canonical URL of the article, when known.
	URL string `json:"url,omitempty"`
	// Source names the publisher or feed ("bbc.co.uk", "Reuters").
	Source string `json:"source,omitempty"`
	// Title is the headline.
	Title string `json:"title"`
	// Standfirst is the summary paragraph under the headline, when there is one.
	Standfirst string `json:"standfirst,omitempty"`
	// Dateline is the place the report was filed from ("Cairo").
	Dateline string `json:"dateline,omitempty"`
	// Byline names the authors.
	Byline string `json:"byline,omitempty"`
	// Published is the publication time; dates in the text resolve against it.
	Published time.Time `json:"published,omitzero"`
	// Language is the ISO 639-1 code of the article's language ("en").
	Language string `json:"language,omitempty"`
	// Paragraphs holds the clean body paragraphs, in order.
	Paragraphs []string `json:"paragraphs"`
	// Text is the clean text all spans point into.
	Text string `json:"text"`

	// TitleSpan locates the title in Text.
	TitleSpan Span `json:"title_span"`
	// ParagraphSpans locates each body paragraph in Text.
	ParagraphSpans []Span `json:"paragraph_spans"`
	// RawMap maps offsets in Text back to offsets in the raw input (after
	// decoding and, for web pages, after main-text extraction).
	RawMap OffsetMap `json:"raw_map,omitempty"`

	// Sentences and Tokens are the segmentation and syntax layers.
	Sentences []Sentence `json:"sentences,omitempty"`
	// Tokens holds every token of Text in order; sentences index into it.
	Tokens []Token `json:"tokens,omitempty"`
	// Names holds the named-entity recogniser's mentions, before resolution.
	Names []Name `json:"names,omitempty"`

	// Entities are the people, organisations, places and groups of the
	// article, each resolved to one canonical entity with its mentions.
	Entities []Entity `json:"entities"`
	// Quotes is the who-said-what layer.
	Quotes []Quote `json:"quotes"`
	// Events is the who-did-what-to-whom layer, coded in CAMEO and PLOVER.
	Events []Event `json:"events"`
	// Counts holds the numbers of killed, wounded, arrested... people.
	Counts []Count `json:"counts"`
	// Dates holds the date expressions of the text, resolved.
	Dates []Date `json:"dates"`
	// Tone holds GDELT-style tone figures for the whole article.
	Tone *Tone `json:"tone"`
}

// Slice returns the text a span covers; it clamps out-of-range spans.
func (d *Document) Slice(s Span) string {
	if s.Start < 0 {
		s.Start = 0
	}
	if s.End > len(d.Text) {
		s.End = len(d.Text)
	}
	if s.Start >= s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// SentenceAt returns the index of the sentence containing byte offset off, or -1.
func (d *Document) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].Start <= off {
		return lo
	}
	return -1
}

// TokenAt returns the index of the token containing byte offset off, or -1.
func (d *Document) TokenAt(off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Tokens[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Tokens) && d.Tokens[lo].Start <= off {
		return lo
	}
	return -1
}

// SentenceTokens returns the tokens of sentence i.
func (d *Document) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.FirstToken:s.EndToken]
}

// EntityByID returns the entity with the given id, or nil.
func (d *Document) EntityByID(id string) *Entity {
	for i := range d.Entities {
		if d.Entities[i].ID == id {
			return &d.Entities[i]
		}
	}
	return nil
}

// OffsetAnchor pairs an offset in the clean text with the raw offset it came from.
type OffsetAnchor struct {
	Clean int `json:"c"`
	Raw   int `json:"r"`
}

// OffsetMap is a sorted list of anchors; between two anchors offsets move together.
type OffsetMap []OffsetAnchor

// Raw returns the raw-input offset for a clean-text offset.
func (m OffsetMap) Raw(clean int) int {
	if len(m) == 0 {
		return clean
	}
	lo, hi := 0, len(m)
	for lo < hi {
		mid := (lo + hi) / 2
		if m[mid].Clean <= clean {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return m[0].Raw - (m[0].Clean - clean)
	}
	a := m[lo-1]
	return a.Raw + (clean - a.Clean)
}

// Sentence is one sentence: its span and the range of its tokens.
type Sentence struct {
	Span
	// FirstToken and EndToken are the half-open range of token indexes.
	FirstToken int `json:"first_token"`
	EndToken   int `json:"end_token"`
	// Paragraph is the index of the body paragraph, or -1 for the title.
	Paragraph int `json:"paragraph"`
}

// Token is one token with its syntax. Head is a document-level token index
// (-1 for the root of its sentence); Dep is a Universal Dependencies relation.
type Token struct {
	Span
	Text string `json:"text"`
	// Norm is the normalised form (curly quotes straightened, lower-cased where useful).
	Norm string `json:"norm,omitempty"`
	// SpaceAfter reports whether whitespace follows the token.
	SpaceAfter bool   `json:"space_after,omitempty"`
	Lemma      string `json:"lemma,omitempty"`
	// POS is the Universal POS tag (NOUN, VERB, PROPN...).
	POS string `json:"pos,omitempty"`
	// Tag is the Penn Treebank tag (NN, VBD...), when the tagger predicts it.
	Tag  string `json:"tag,omitempty"`
	Head int    `json:"head"`
	Dep  string `json:"dep,omitempty"`
}

// Name is a named-entity mention found by the recogniser, before resolution.
type Name struct {
	Span
	// Label is the CoNLL type: PER, ORG, LOC or MISC.
	Label string `json:"label"`
	// FirstToken and EndToken are the half-open token range.
	FirstToken int `json:"first_token"`
	EndToken   int `json:"end_token"`
}

// Entity types used in Entity.Type.
const (
	Person       = "PERSON"
	Organization = "ORGANIZATION"
	Location     = "LOCATION"
	Group        = "GROUP" // nationalities and other groups ("Palestinians")
	Misc         = "MISC"
)

// Entity is one canonical entity of the article with all its mentions.
type Entity struct {
	// ID is unique within the document ("e1").
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	// Role is the title or office attached to a person ("Secretary of State").
	Role string `json:"role,omitempty"`
	// Country is an ISO 3166-1 alpha-3 code.
	Country string `json:"country,omitempty"`
	// CAMEO is the actor code from the CAMEO dictionaries ("USAGOV"), when known.
	CAMEO    string    `json:"cameo,omitempty"`
	Mentions []Mention `json:"mentions"`
	// Place is the GeoNames match for locations.
	Place *Place `json:"place,omitempty"`
	// Salience is a 0..1 weight of how central the entity is to the article.
	Salience float64 `json:"salience,omitempty"`
}

// Mention kinds used in Mention.Kind.
const (
	MentionName    = "name"
	MentionPronoun = "pronoun"
	MentionNominal = "nominal" // "the top US diplomat", "the official"
)

// Mention is one occurrence of an entity in the text.
type Mention struct {
	Span
	Text string `json:"text"`
	Kind string `json:"kind"`
}

// Place is a GeoNames match.
type Place struct {
	GeoNameID    int     `json:"geonameid,omitempty"`
	Name         string  `json:"name"`
	Country      string  `json:"country,omitempty"` // ISO alpha-3
	Admin1       string  `json:"admin1,omitempty"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	FeatureClass string  `json:"feature_class,omitempty"` // A country/region, P city...
	FeatureCode  string  `json:"feature_code,omitempty"`
	Population   int64   `json:"population,omitempty"`
}

// Quote kinds used in Quote.Kind.
const (
	QuoteDirect   = "direct"
	QuotePartial  = "partial"
	QuoteIndirect = "indirect"
)

// Quote is one piece of speech with its speaker.
type Quote struct {
	Span
	Text string `json:"text"`
	Kind string `json:"kind"`
	// Speaker is nil when no speaker could be found.
	Speaker *Speaker `json:"speaker"`
	// Verb is the speech verb ("said", "told", "insists") and its span.
	Verb     string `json:"verb,omitempty"`
	VerbSpan *Span  `json:"verb_span,omitempty"`
	// Medium is where the speech appeared ("Ynet", "BBC Radio 4").
	Medium     string `json:"medium,omitempty"`
	MediumSpan *Span  `json:"medium_span,omitempty"`
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	// EntityID points into Document.Entities; empty for anonymous sources.
	EntityID string `json:"entity_id,omitempty"`
	// Name is the canonical entity name, or the description of an anonymous
	// source ("A US official").
	Name      string `json:"name"`
	Anonymous bool   `json:"anonymous,omitempty"`
	// Span is the mention of the speaker that the attribution uses.
	Span *Span `json:"span,omitempty"`
}

// Actor is one side of an event.
type Actor struct {
	// Code is the CAMEO actor code ("USAGOV", "PSEREB", "ISR").
	Code string `json:"code"`
	// Country is the ISO alpha-3 country of the actor, when known.
	Country  string `json:"country,omitempty"`
	EntityID string `json:"entity_id,omitempty"`
	Name     string `json:"name,omitempty"`
	Span     *Span  `json:"span,omitempty"`
}

// Event is one coded event: source did action to target.
type Event struct {
	Source Actor  `json:"source"`
	Target *Actor `json:"target,omitempty"`
	// Code is the full CAMEO event code ("0431"), Base its three-digit
	// base ("043") and Root its two-digit root ("04").
	Code      string  `json:"code"`
	Base      string  `json:"base"`
	Root      string  `json:"root"`
	QuadClass int     `json:"quad_class"`
	Goldstein float64 `json:"goldstein"`
	// Plover is the PLOVER event category and Mode its mode, when mapped.
	Plover string `json:"plover,omitempty"`
	Mode   string `json:"mode,omitempty"`
	// Modality is empty for an event reported as having happened, else
	// "future" ("will meet"), "hypothetical" ("could attack", "if ...") or
	// "intended" ("agreed to meet"): such events have not (yet) happened.
	Modality string `json:"modality,omitempty"`
	// Verb is the trigger and its span.
	Verb     string `json:"verb,omitempty"`
	VerbSpan *Span  `json:"verb_span,omitempty"`
	Location *Place `json:"location,omitempty"`
	// Date is the resolved date of the event (YYYY-MM-DD, YYYY-MM or YYYY).
	Date string `json:"date,omitempty"`
	// Sentence is the evidence sentence's span and Evidence its text.
	Sentence Span   `json:"sentence"`
	Evidence string `json:"evidence"`
}

// Count is a number of people or things affected, GDELT GKG style.
type Count struct {
	Span
	Text string `json:"text"`
	// Type is the GKG count type: KILL, WOUND, ARREST, KIDNAP, PROTEST, AFFECT, SEIZE...
	Type   string  `json:"type"`
	Number float64 `json:"number"`
	// Approximate is set for "dozens", "hundreds", "about 50".
	Approximate bool `json:"approximate,omitempty"`
	// Qualifier keeps "more than", "at least", "up to".
	Qualifier string `json:"qualifier,omitempty"`
	// Object is what was counted ("Palestinians").
	Object string `json:"object,omitempty"`
	Place  *Place `json:"place,omitempty"`
}

// Date is a date expression resolved against the publication date.
type Date struct {
	Span
	Text string `json:"text"`
	// Value is ISO 8601 at the expression's granularity: "2014-07-22", "2014-07", "2014".
	Value string `json:"value"`
	// Relative is set when the expression needed the publication date ("on Tuesday").
	Relative bool `json:"relative,omitempty"`
}

// Tone holds GDELT GKG 2.1 tone figures (V2Tone).
type Tone struct {
	Tone             float64 `json:"tone"`
	Positive         float64 `json:"positive"`
	Negative         float64 `json:"negative"`
	Polarity         float64 `json:"polarity"`
	ActivityDensity  float64 `json:"activity_density"`
	SelfGroupDensity float64 `json:"self_group_density"`
	WordCount        int     `json:"word_count"`
}
