package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"eventwire/cameo"
	"eventwire/doc"
	"eventwire/event"
	"eventwire/parse"
	"eventwire/pipeline"
	"eventwire/segment"
	"eventwire/tag"
)

// runEvalEvents codes PETRARCH validation records and prints the share of
// expected (source, target, code) triples reproduced.
func runEvalEvents(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "eval events", "--data FILE")
	dataPath := flags.String("data", "", "PETRARCH validation XML file")
	dictDir := flags.String("dict", "", "folder of the dictionaries the file names (default: ../dictionaries beside the file, then petrarch2/dictionaries)")
	parseSrc := flags.String("parse", "own", `parse to code from: "own" (eventwire's segment, tag and parse stages) or "file" (the record's CoNLL-U parse)`)
	parsesFrom := flags.String("parses", "", `with --parse file: take the CoNLL-U parses from this validation file (records matched by text), for files that carry Treebank parses`)
	explain := flags.String("explain", "", "print how the coder reads the records with these ids (comma-separated)")
	verbose := flags.Bool("v", false, "list records whose expected triples were not all reproduced")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *dataPath == "" {
		flags.Usage()
		return errors.New("eval events: --data is required")
	}
	val, err := event.ReadValidation(*dataPath)
	if err != nil {
		return err
	}
	if *parsesFrom != "" {
		other, err := event.ReadValidation(*parsesFrom)
		if err != nil {
			return err
		}
		byText := map[string][]doc.Token{}
		for _, r := range other.Records {
			byText[r.Text] = r.Parse
		}
		for i := range val.Records {
			val.Records[i].Parse = byText[val.Records[i].Text]
		}
	}
	files := cameo.Files{Verbs: val.Verbs, Actors: val.Actors, Agents: val.Agents, Discards: val.Discards, Ontology: val.Ontology}
	dirs := dictDirs(*dataPath, *dictDir)
	dict, err := cameo.Load(multiDirFS(dirs), files)
	if err != nil {
		return fmt.Errorf("eval events: %w", err)
	}
	if cb, err := event.EmbeddedCodebook(); err == nil {
		dict.Codebook = cb
	}
	// The PETRARCH-1 validation dictionary carries WEIS-era codes, not CAMEO.
	opaque := !strings.HasPrefix(val.Verbs, "CAMEO")
	st := event.NewWith(dict, event.Options{RequireDyad: true, Opaque: opaque})
	var annotate event.Annotator
	switch *parseSrc {
	case "file":
	case "own":
		stages, err := parseStages()
		if err != nil {
			return err
		}
		p, err := pipeline.New(stages...)
		if err != nil {
			return err
		}
		annotate = func(ctx context.Context, text string) ([]doc.Token, error) {
			d := &doc.Document{Text: text, Paragraphs: []string{text}, ParagraphSpans: []doc.Span{{Start: 0, End: len(text)}}}
			if err := p.Run(ctx, d); err != nil {
				return nil, err
			}
			return d.Tokens, nil
		}
	default:
		return fmt.Errorf("eval events: unknown --parse %q", *parseSrc)
	}
	if *explain != "" {
		for _, r := range val.Records {
			if !strings.Contains(","+*explain+",", ","+r.ID+",") {
				continue
			}
			toks := r.Parse
			if annotate != nil {
				if toks, err = annotate(ctx, r.Text); err != nil {
					return err
				}
			}
			fmt.Fprintf(e.stdout, "%s %s expected %v\n%s", r.ID, r.Text, r.Expected, st.Explain(toks, r.Date))
		}
		return nil
	}
	sc, outs, err := event.Evaluate(ctx, st, val, annotate)
	if err != nil {
		return err
	}
	if *verbose {
		for _, o := range outs {
			if o.Matched == len(o.Record.Expected) && len(o.Predicted) == o.Matched {
				continue
			}
			fmt.Fprintf(e.stdout, "%s\texpected %v\tgot %v\t%s\n", o.Record.ID, o.Record.Expected, o.Predicted, o.Record.Text)
		}
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	per := func(a int) float64 {
		if sc.Sentences == 0 {
			return 0
		}
		return float64(a) / float64(sc.Sentences)
	}
	fmt.Fprintf(e.stdout, "data\t%s (parse: %s)\n", filepath.Base(*dataPath), *parseSrc)
	fmt.Fprintf(e.stdout, "sentences\t%d (skipped %d)\n", sc.Sentences, sc.Skipped)
	fmt.Fprintf(e.stdout, "expected triples\t%d\n", sc.Expected)
	fmt.Fprintf(e.stdout, "reproduced exactly\t%d\t%.1f%%\n", sc.Exact, pct(sc.Exact, sc.Expected))
	fmt.Fprintf(e.stdout, "reproduced at root\t%d\t%.1f%%\n", sc.Root, pct(sc.Root, sc.Expected))
	fmt.Fprintf(e.stdout, "predicted events\t%d\n", sc.Predicted)
	fmt.Fprintf(e.stdout, "false events/sentence\t%.2f (root level %.2f)\n", per(sc.FalseExact), per(sc.FalseRoot))
	return nil
}

// dictDirs lists the folders to search for a validation file's dictionaries.
func dictDirs(dataPath, flagDir string) []string {
	if flagDir != "" {
		return []string{flagDir}
	}
	base := filepath.Dir(filepath.Dir(dataPath)) // .../petrarch2 or .../universalpetrarch
	root := filepath.Dir(base)                   // .../cameo
	return []string{
		filepath.Join(base, "dictionaries"),
		filepath.Join(root, "universalpetrarch", "dictionaries"),
		filepath.Join(root, "petrarch2", "dictionaries"),
	}
}

// multiDirFS opens a name from the first folder that has it.
type multiDirFS []string

func (m multiDirFS) Open(name string) (fs.File, error) {
	for _, d := range m {
		if f, err := os.Open(filepath.Join(d, name)); err == nil {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%s not found in %s", name, strings.Join(m, ", "))
}

// parseStages are the stages that give a sentence its tokens, lemmas, tags
// and dependencies.
func parseStages() ([]pipeline.Stage, error) {
	tagger, err := tag.New()
	if err != nil {
		return nil, err
	}
	parser, err := parse.New()
	if err != nil {
		return nil, err
	}
	return []pipeline.Stage{segment.New(), tagger, parser}, nil
}
