// Package entities scores the entity stage against gold readings: the
// seed's (shared/seed/*.gold.json: entities with type, country, role and
// mentions) and the entities of the hand-annotated quote gold files
// (testdata/quotes: speakers with their mentions, over BBC articles read in
// place from the shared corpus tarball).
package entities

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"eventwire/clean"
	"eventwire/entity"
	"eventwire/pipeline"
)

// Article is one article with its gold entities.
type Article struct {
	Name      string
	Text      string
	Published time.Time
	Gold      []entity.GoldEntity
}

// goldFile is the part of a gold file this package reads.
type goldFile struct {
	Article   string              `json:"article"`
	Published string              `json:"published"`
	Entities  []entity.GoldEntity `json:"entities"`
}

// LoadSeed reads an article and its gold reading (the seed).
func LoadSeed(textPath, goldPath string) (Article, error) {
	var g goldFile
	if err := readJSON(goldPath, &g); err != nil {
		return Article{}, err
	}
	b, err := os.ReadFile(textPath)
	if err != nil {
		return Article{}, err
	}
	a := Article{Name: filepath.Base(textPath), Text: string(b), Gold: g.Entities}
	if g.Published != "" {
		if a.Published, err = time.Parse(time.DateOnly, g.Published); err != nil {
			return Article{}, fmt.Errorf("%s: published: %w", goldPath, err)
		}
	}
	return a, nil
}

// LoadQuoteGold reads the *.gold.json files under dir whose "article" names a
// file inside the tarball ("corpus/bbc-2225/bbc-fulltext.tar.gz#bbc/
// politics/005.txt") and the articles from tarball. Files without entities
// are skipped.
func LoadQuoteGold(dir, tarball string) ([]Article, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".gold.json") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	want := map[string]*Article{}
	var out []*Article
	for _, p := range paths {
		var g goldFile
		if err := readJSON(p, &g); err != nil {
			return nil, err
		}
		_, inner, ok := strings.Cut(g.Article, "#")
		if !ok || len(g.Entities) == 0 {
			continue
		}
		a := &Article{Name: inner, Gold: g.Entities}
		want[inner] = a
		out = append(out, a)
	}
	f, err := os.Open(tarball)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", tarball, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", tarball, err)
		}
		if a, ok := want[h.Name]; ok {
			b, err := io.ReadAll(tr)
			if err != nil {
				return nil, fmt.Errorf("read %s in %s: %w", h.Name, tarball, err)
			}
			a.Text = string(b)
		}
	}
	res := make([]Article, 0, len(out))
	for _, a := range out {
		if a.Text == "" {
			return nil, fmt.Errorf("%s: not in %s", a.Name, tarball)
		}
		res = append(res, *a)
	}
	return res, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// Report is the score of a set of articles.
type Report struct {
	Articles []ArticleReport
	// Entities counts gold entities; Found those matched with their type;
	// Required and RequiredOK the required ones found with type and country.
	Entities, Found, Required, RequiredOK int
	// Countries and Roles count gold entities that give one, and the OK ones.
	Countries, CountriesOK, Roles, RolesOK int
	// Mentions counts the gold mentions of the found entities that occur in
	// the text, and MentionsFound those in the matched entity (merging
	// recall).
	Mentions, MentionsFound int
	// StageTime is the entity stage's time over all articles.
	StageTime time.Duration
}

// ArticleReport is one article's results.
type ArticleReport struct {
	Name    string
	Results []entity.Result
}

// Run cleans each article, runs stages (which must end with the entity
// stage, or include it) and scores the entities.
func Run(ctx context.Context, stages []pipeline.Stage, arts []Article) (*Report, error) {
	rep := &Report{}
	for _, a := range arts {
		d := clean.Text(a.Text)
		d.Published = a.Published
		for _, s := range stages {
			t := time.Now()
			if err := s.Process(ctx, d); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", a.Name, s.Name(), err)
			}
			if s.Name() == "entity" {
				rep.StageTime += time.Since(t)
			}
		}
		ar := ArticleReport{Name: a.Name, Results: entity.Score(d, a.Gold)}
		for _, r := range ar.Results {
			rep.add(r)
		}
		rep.Articles = append(rep.Articles, ar)
	}
	return rep, nil
}

func (rep *Report) add(r entity.Result) {
	rep.Entities++
	found := r.Entity != nil && r.TypeOK
	if found {
		rep.Found++
		rep.Mentions += r.Mentions
		rep.MentionsFound += r.Mentions - len(r.Missing)
	}
	if r.Gold.Required {
		rep.Required++
		if found && r.CountryOK {
			rep.RequiredOK++
		}
	}
	if r.Gold.Country != "" {
		rep.Countries++
		if found && r.CountryOK {
			rep.CountriesOK++
		}
	}
	if r.Gold.Role != "" {
		rep.Roles++
		if found && r.RoleOK {
			rep.RolesOK++
		}
	}
}

// Print writes the per-entity lines (all, or only the wrong ones) and the
// summary.
func (rep *Report) Print(w io.Writer, all bool) {
	for _, a := range rep.Articles {
		fmt.Fprintf(w, "== %s\n", a.Name)
		for _, r := range a.Results {
			if all || !r.OK() || len(r.Missing) > 0 {
				fmt.Fprintf(w, "  %s\n", r)
			}
		}
	}
	pct := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%d/%d (%.1f%%)", a, b, 100*float64(a)/float64(b))
	}
	fmt.Fprintf(w, "articles: %d\n", len(rep.Articles))
	fmt.Fprintf(w, "gold entities found with their type: %s\n", pct(rep.Found, rep.Entities))
	if rep.Required > 0 {
		fmt.Fprintf(w, "required entities with type and country: %s\n", pct(rep.RequiredOK, rep.Required))
	}
	fmt.Fprintf(w, "countries right: %s\nroles right: %s\n", pct(rep.CountriesOK, rep.Countries), pct(rep.RolesOK, rep.Roles))
	fmt.Fprintf(w, "gold mentions (those in the text) merged into the found entity: %s\n", pct(rep.MentionsFound, rep.Mentions))
	fmt.Fprintf(w, "entity stage time: %v in all\n", rep.StageTime.Round(time.Microsecond))
}
