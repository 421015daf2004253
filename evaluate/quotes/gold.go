// Package quotes scores the quote stage against hand-annotated gold files
// shaped like ../shared/seed/kerry-gaza.gold.json: each gold file names its
// article, lists the entities that speak with their mentions, and lists the
// quotes with their speaker, kind and opening words.
//
// How it counts:
//   - A predicted quote matches a gold quote when its text contains the
//     gold "opens" string, or the opens string contains the predicted text
//     (apostrophes, quote marks and spaces normalised; case kept). Each
//     prediction matches at most one gold quote; gold quotes with longer
//     opens strings pick first.
//   - A speaker is right when the predicted speaker's name, or the text of
//     the mention it points at, equals the gold speaker or one of that gold
//     entity's mentions (case-insensitive).
//   - Direct recall: gold direct quotes matched by a direct or partial
//     prediction, over all gold direct quotes.
//   - Speaker accuracy: matched gold direct and partial quotes whose
//     prediction has the right speaker, over the matched ones.
//   - Precision: predicted direct and partial quotes that match a gold
//     quote with the right speaker, over all predicted direct and partial
//     quotes. A prediction left unmatched also counts as right when a gold
//     indirect quote's opens string holds its text and the speaker is right
//     (a partial quote inside annotated reported speech: "Kerry said a
//     ceasefire ... should serve as a "framework""). Predictions in the
//     headline are not made (the stage reads body paragraphs only).
//     Indirect predictions are scored only for recall, on gold files that
//     list indirect quotes (the seed).
package quotes

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Gold is one annotated article.
type Gold struct {
	// Article names the article relative to the shared data folder:
	// "seed/kerry-gaza.txt" or "corpus/bbc-2225/bbc-fulltext.tar.gz#bbc/politics/144.txt".
	Article  string       `json:"article"`
	Entities []GoldEntity `json:"entities"`
	Quotes   []GoldQuote  `json:"quotes"`
	// Path is the gold file the annotation was read from.
	Path string `json:"-"`
}

// GoldEntity is an entity of the article with the mentions that count as it.
type GoldEntity struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Mentions []string `json:"mentions"`
}

// GoldQuote is one annotated quote.
type GoldQuote struct {
	Speaker  string `json:"speaker"`
	Kind     string `json:"kind"`
	Required bool   `json:"required"`
	Opens    string `json:"opens"`
	Medium   string `json:"medium,omitempty"`
}

// LoadGold reads gold files: each path is a *.gold.json file or a folder
// holding them (searched recursively). A gold file without an "article" names the article beside
// it (kerry-gaza.gold.json -> kerry-gaza.txt, as a path relative to the
// shared folder when it lies inside it, else absolute).
func LoadGold(paths []string, sharedDir string) ([]Gold, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("gold %s: %w", p, err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var m []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".gold.json") {
				m = append(m, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("gold %s: %w", p, err)
		}
		sort.Strings(m)
		files = append(files, m...)
	}
	var out []Gold
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("gold %s: %w", f, err)
		}
		var g Gold
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("gold %s: %w", f, err)
		}
		g.Path = f
		if g.Article == "" {
			txt := strings.TrimSuffix(f, ".gold.json") + ".txt"
			g.Article = txt
			if sharedDir != "" {
				if abs, err := filepath.Abs(txt); err == nil {
					if sd, err := filepath.Abs(sharedDir); err == nil {
						if rel, err := filepath.Rel(sd, abs); err == nil && !strings.HasPrefix(rel, "..") {
							g.Article = filepath.ToSlash(rel)
						}
					}
				}
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// speakerNames returns the names that count as gold speaker s: the gold
// entity's name and mentions when s names one, else s itself. All are
// normalised and lower-cased.
func (g *Gold) speakerNames(s string) map[string]bool {
	m := map[string]bool{fold(s): true}
	for _, e := range g.Entities {
		if strings.EqualFold(e.Name, s) {
			for _, n := range e.Mentions {
				m[fold(n)] = true
			}
		}
	}
	return m
}

// norm straightens quote marks and apostrophes and collapses spaces.
func norm(s string) string {
	r := strings.NewReplacer("’", "'", "‘", "'", "`", "'", "“", "\"", "”", "\"", "„", "\"", "«", "\"", "»", "\"")
	return strings.Join(strings.Fields(r.Replace(s)), " ")
}

// fold normalises s and lower-cases it.
func fold(s string) string { return strings.ToLower(norm(s)) }
