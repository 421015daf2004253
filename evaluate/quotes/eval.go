package quotes

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"eventwire/doc"
)

// Reader turns a raw article into an analysed document with its quotes.
type Reader func(ctx context.Context, name string, raw []byte) (*doc.Document, error)

// Counts are the tallies behind the figures.
type Counts struct {
	GoldDirect       int `json:"gold_direct"`
	FoundDirect      int `json:"found_direct"`
	GoldPartial      int `json:"gold_partial"`
	FoundPartial     int `json:"found_partial"`
	GoldIndirect     int `json:"gold_indirect"`
	FoundIndirect    int `json:"found_indirect"`
	SpeakerChecked   int `json:"speaker_checked"`
	SpeakerRight     int `json:"speaker_right"`
	DirectSpkRight   int `json:"direct_speaker_right"`
	IndirectSpkRight int `json:"indirect_speaker_right"`
	Predicted        int `json:"predicted"`
	PredictedRight   int `json:"predicted_right"`
	GoldMedium       int `json:"gold_medium"`
	MediumRight      int `json:"medium_right"`
	Required         int `json:"required"`
	RequiredRight    int `json:"required_right"`
}

func (c *Counts) add(o Counts) {
	c.GoldDirect += o.GoldDirect
	c.FoundDirect += o.FoundDirect
	c.GoldPartial += o.GoldPartial
	c.FoundPartial += o.FoundPartial
	c.GoldIndirect += o.GoldIndirect
	c.FoundIndirect += o.FoundIndirect
	c.SpeakerChecked += o.SpeakerChecked
	c.SpeakerRight += o.SpeakerRight
	c.DirectSpkRight += o.DirectSpkRight
	c.IndirectSpkRight += o.IndirectSpkRight
	c.Predicted += o.Predicted
	c.PredictedRight += o.PredictedRight
	c.GoldMedium += o.GoldMedium
	c.MediumRight += o.MediumRight
	c.Required += o.Required
	c.RequiredRight += o.RequiredRight
}

// ArticleResult is the outcome on one gold article.
type ArticleResult struct {
	Gold   string `json:"gold"`
	Counts Counts `json:"counts"`
	// Errors describes each miss, wrong speaker and false positive.
	Errors []string `json:"errors,omitempty"`
}

// Report is the outcome over all gold articles.
type Report struct {
	Articles []ArticleResult `json:"articles"`
	Total    Counts          `json:"total"`
}

// ratio returns n/d, or 1 when d is 0.
func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// DirectRecall is the share of gold direct quotes found.
func (c Counts) DirectRecall() float64 { return ratio(c.FoundDirect, c.GoldDirect) }

// SpeakerAccuracy is the share of found direct and partial gold quotes
// with the right speaker.
func (c Counts) SpeakerAccuracy() float64 { return ratio(c.SpeakerRight, c.SpeakerChecked) }

// Precision is the share of predicted direct and partial quotes that match
// a gold quote with the right speaker.
func (c Counts) Precision() float64 { return ratio(c.PredictedRight, c.Predicted) }

// Evaluate reads each gold article with read and scores its quotes.
func Evaluate(ctx context.Context, golds []Gold, sharedDir string, read Reader) (*Report, error) {
	names := make([]string, len(golds))
	for i, g := range golds {
		names[i] = g.Article
	}
	raws, err := ReadArticles(sharedDir, names)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	for i := range golds {
		g := &golds[i]
		d, err := read(ctx, g.Article, raws[g.Article])
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", g.Article, err)
		}
		r := Score(g, d)
		rep.Articles = append(rep.Articles, r)
		rep.Total.add(r.Counts)
	}
	return rep, nil
}

// Score compares the quotes of d with gold g.
func Score(g *Gold, d *doc.Document) ArticleResult {
	res := ArticleResult{Gold: g.Path}
	c := &res.Counts
	type pred struct {
		q     doc.Quote
		text  string
		names []string
		used  bool
		right bool
	}
	preds := make([]*pred, len(d.Quotes))
	for i, q := range d.Quotes {
		p := &pred{q: q, text: norm(q.Text)}
		if q.Speaker != nil {
			p.names = append(p.names, fold(q.Speaker.Name))
			if q.Speaker.Span != nil {
				p.names = append(p.names, fold(d.Slice(*q.Speaker.Span)))
			}
		}
		preds[i] = p
	}
	order := make([]int, len(g.Quotes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(g.Quotes[order[a]].Opens) > len(g.Quotes[order[b]].Opens) })
	textMatch := func(p *pred, opens string) bool {
		return strings.Contains(p.text, opens) || len(p.text) >= 4 && strings.Contains(opens, p.text)
	}
	for _, gi := range order {
		gq := g.Quotes[gi]
		opens := norm(gq.Opens)
		names := g.speakerNames(gq.Speaker)
		quoteMarked := gq.Kind != doc.QuoteIndirect
		switch gq.Kind {
		case doc.QuoteDirect:
			c.GoldDirect++
		case doc.QuotePartial:
			c.GoldPartial++
		default:
			c.GoldIndirect++
		}
		if gq.Required {
			c.Required++
		}
		if gq.Medium != "" {
			c.GoldMedium++
		}
		var best *pred
		for _, p := range preds {
			if p.used || !textMatch(p, opens) {
				continue
			}
			if quoteMarked && p.q.Kind == doc.QuoteIndirect {
				continue
			}
			if best == nil || !speakerIn(best.names, names) && speakerIn(p.names, names) {
				best = p
			}
		}
		if best == nil {
			res.Errors = append(res.Errors, fmt.Sprintf("missed %s %q (%s)", gq.Kind, gq.Opens, gq.Speaker))
			continue
		}
		best.used = true
		right := speakerIn(best.names, names)
		best.right = right
		switch gq.Kind {
		case doc.QuoteDirect:
			c.FoundDirect++
		case doc.QuotePartial:
			c.FoundPartial++
		default:
			c.FoundIndirect++
			if right {
				c.IndirectSpkRight++
			}
		}
		if quoteMarked {
			c.SpeakerChecked++
			if right {
				c.SpeakerRight++
				if gq.Kind == doc.QuoteDirect {
					c.DirectSpkRight++
				}
			}
		}
		if gq.Required && right {
			c.RequiredRight++
		}
		if !right {
			got := "<none>"
			if best.q.Speaker != nil {
				got = best.q.Speaker.Name
			}
			res.Errors = append(res.Errors, fmt.Sprintf("speaker %s %q: got %q, want %q", gq.Kind, gq.Opens, got, gq.Speaker))
		}
		if gq.Medium != "" {
			if strings.Contains(fold(best.q.Medium), fold(gq.Medium)) && best.q.Medium != "" {
				c.MediumRight++
			} else {
				res.Errors = append(res.Errors, fmt.Sprintf("medium %q: got %q, want %q", gq.Opens, best.q.Medium, gq.Medium))
			}
		}
	}
	for _, p := range preds {
		if p.q.Kind == doc.QuoteIndirect {
			continue
		}
		c.Predicted++
		if !p.used && indirectHolds(g, p.text, p.names) {
			p.used, p.right = true, true
		}
		if p.used && p.right {
			c.PredictedRight++
		} else if !p.used {
			got := "<none>"
			if p.q.Speaker != nil {
				got = p.q.Speaker.Name
			}
			res.Errors = append(res.Errors, fmt.Sprintf("false %s %q (%s)", p.q.Kind, clip(p.q.Text, 60), got))
		}
	}
	return res
}

// indirectHolds reports whether a gold indirect quote holds the predicted
// text with the predicted speaker: a partial quote inside reported speech
// ("Kerry said a ceasefire ... should serve as a "framework"").
func indirectHolds(g *Gold, text string, names []string) bool {
	for _, gq := range g.Quotes {
		if gq.Kind == doc.QuoteIndirect && len(text) >= 4 && strings.Contains(norm(gq.Opens), text) && speakerIn(names, g.speakerNames(gq.Speaker)) {
			return true
		}
	}
	return false
}

// speakerIn reports whether any predicted name is among the gold names.
func speakerIn(pred []string, gold map[string]bool) bool {
	for _, n := range pred {
		if gold[n] {
			return true
		}
	}
	return false
}

// clip shortens s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !(s[n]&0xC0 != 0x80) {
		n--
	}
	return s[:n] + "…"
}

// Print writes the report as a table: one line per article, then totals.
func (r *Report) Print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%-40s %7s %7s %7s %9s\n", "gold", "direct", "partial", "speaker", "precision")
	for _, a := range r.Articles {
		c := a.Counts
		fmt.Fprintf(w, "%-40s %3d/%-3d %3d/%-3d %3d/%-3d %4d/%-4d\n", clip(shortName(a.Gold), 40), c.FoundDirect, c.GoldDirect,
			c.FoundPartial, c.GoldPartial, c.SpeakerRight, c.SpeakerChecked, c.PredictedRight, c.Predicted)
		if verbose {
			for _, e := range a.Errors {
				fmt.Fprintf(w, "    %s\n", e)
			}
		}
	}
	t := r.Total
	fmt.Fprintf(w, "\narticles                 %d\n", len(r.Articles))
	fmt.Fprintf(w, "direct-quote recall      %.1f%% (%d/%d)\n", 100*t.DirectRecall(), t.FoundDirect, t.GoldDirect)
	fmt.Fprintf(w, "partial-quote recall     %.1f%% (%d/%d)\n", 100*ratio(t.FoundPartial, t.GoldPartial), t.FoundPartial, t.GoldPartial)
	fmt.Fprintf(w, "speaker accuracy         %.1f%% (%d/%d found direct+partial; direct only %d/%d)\n", 100*t.SpeakerAccuracy(), t.SpeakerRight, t.SpeakerChecked, t.DirectSpkRight, t.FoundDirect)
	fmt.Fprintf(w, "precision                %.1f%% (%d/%d predicted direct+partial)\n", 100*t.Precision(), t.PredictedRight, t.Predicted)
	if t.GoldIndirect > 0 {
		fmt.Fprintf(w, "indirect recall          %.1f%% (%d/%d, speaker right %d)\n", 100*ratio(t.FoundIndirect, t.GoldIndirect), t.FoundIndirect, t.GoldIndirect, t.IndirectSpkRight)
	}
	if t.GoldMedium > 0 {
		fmt.Fprintf(w, "medium                   %d/%d\n", t.MediumRight, t.GoldMedium)
	}
	fmt.Fprintf(w, "required found+speaker   %d/%d\n", t.RequiredRight, t.Required)
}

// shortName keeps the last two elements of a path.
func shortName(p string) string {
	parts := strings.Split(strings.ReplaceAll(p, "\\", "/"), "/")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, "/")
}
