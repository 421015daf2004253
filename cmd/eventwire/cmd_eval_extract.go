package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"eventwire/evaluate/extraction"
	"eventwire/extract"
	"eventwire/reader"
)

// runEvalExtract scores main-text and metadata extraction on a folder in
// the article-extraction benchmark layout or the fundus layout, with a
// baseline measured in the same run.
func runEvalExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval extract", "--data DIR")
	data := fs.String("data", "", "data folder (ground-truth.json + html/, or fundus <country>/ folders)")
	baseline := fs.String("baseline", "trafilatura", "baseline run in the same process: trafilatura (with fallbacks), trafilatura-alone, readability, none")
	procs := fs.Int("procs", 1, "GOMAXPROCS while measuring (pages are read one at a time)")
	passes := fs.Int("passes", 1, "read the pages this many times and report the median pass's speed (scores come from the first)")
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	second := fs.Bool("second-opinion", false, "also run eventwire with readability's second opinion on every page")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		fs.Usage()
		return fmt.Errorf("eval extract: --data is required")
	}
	layout, pages, err := extraction.Load(*data)
	if err != nil {
		return err
	}
	rd, err := reader.New(reader.WithStages())
	if err != nil {
		return err
	}
	exs := []extraction.Extractor{extraction.Reader(rd)}
	if *second {
		rd2, err := reader.New(reader.WithStages(), reader.WithExtractOptions(extract.WithSecondOpinion()))
		if err != nil {
			return err
		}
		ex := extraction.Reader(rd2)
		ex.Name += " (second opinion)"
		exs = append(exs, ex)
	}
	switch *baseline {
	case "trafilatura":
		exs = append(exs, extraction.Trafilatura(true))
	case "trafilatura-alone":
		exs = append(exs, extraction.Trafilatura(false))
	case "readability":
		exs = append(exs, extraction.Readability())
	case "none":
	default:
		return fmt.Errorf("eval extract: unknown baseline %q", *baseline)
	}
	prev := runtime.GOMAXPROCS(*procs)
	defer runtime.GOMAXPROCS(prev)
	reps, err := extraction.RunPasses(ctx, exs, pages, *passes)
	if err != nil {
		return err
	}
	if *asJSON {
		b, err := json.MarshalIndent(reps, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s\n", b)
		return nil
	}
	fmt.Fprintf(e.stdout, "data %s (%s layout), %d pages, GOMAXPROCS=%d\n", *data, layout, len(pages), *procs)
	for _, r := range reps {
		printExtractReport(e.stdout, r)
	}
	return nil
}

func printExtractReport(w io.Writer, r extraction.Report) {
	fmt.Fprintf(w, "\n%s\n", r.Extractor)
	fmt.Fprintf(w, "  body       P %.4f  R %.4f  F1 %.4f  exact %.3f  (%d pages, %d errors)\n",
		r.Body.Precision, r.Body.Recall, r.Body.F1, r.Body.Accuracy, r.Pages, r.Errors)
	meta := func(name string, m *extraction.MetaScores) {
		if m == nil {
			return
		}
		fmt.Fprintf(w, "  %-10s title %.3f  author %.3f  date %.3f  date+time %.3f  body F1 %.4f  (%d pages)\n",
			name, m.Title, m.Author, m.Date, m.DateTime, m.Body.F1, m.Pages)
	}
	meta("all", r.Meta)
	meta("english", r.English)
	passes := ""
	if r.Passes > 1 {
		passes = fmt.Sprintf(", median of %d passes", r.Passes)
	}
	fmt.Fprintf(w, "  speed      %.1f pages/s of CPU time, %.1f pages/s of wall time (%.2f s CPU, %.2f s wall%s)\n",
		r.PagesPerCPUSecond, r.PagesPerSecond, r.CPUSeconds, r.Seconds, passes)
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  error      %s\n", f)
	}
}
