package extraction

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Layouts of data folders Load understands.
const (
	// LayoutBench is the article-extraction benchmark: ground-truth.json
	// ({id: {url, articleBody}}) beside html/<id>.html.gz.
	LayoutBench = "bench"
	// LayoutFundus is fundus's parser test data: <country>/meta.info,
	// <country>/<Publisher>_<YYYY_MM_DD>.html.gz and <country>/<Publisher>.json.
	LayoutFundus = "fundus"
)

// englishCountries are the fundus country folders whose publishers write in English.
var englishCountries = map[string]bool{
	"us": true, "uk": true, "ca": true, "au": true, "ind": true, "za": true,
	"na": true, "tz": true, "ls": true, "my": true,
}

// Page is one page of a data set with what is expected of it.
type Page struct {
	// ID names the page (benchmark id or "country/file").
	ID string
	// URL is the page's URL.
	URL string
	// HTML is the raw page (decompressed, in its original encoding).
	HTML []byte
	// Body is the expected article text, paragraphs separated by "\n\n".
	Body string
	// HasMeta reports whether Title, Authors and Published are expected values.
	HasMeta bool
	Title   string
	Authors []string
	// Published is the expected publication time as the data set writes it
	// ("2023-04-28 17:40:08+00:00"); empty when none is expected.
	Published string
	// English reports a page known to be in English (fundus: by country).
	English bool
}

// DetectLayout reports which layout dir is in, or an error.
func DetectLayout(dir string) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err == nil {
		return LayoutBench, nil
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*", "meta.info")); len(m) > 0 {
		return LayoutFundus, nil
	}
	return "", fmt.Errorf("extraction data %s: neither ground-truth.json nor */meta.info found", dir)
}

// Load reads every page of the data set in dir, in a stable order.
func Load(dir string) (string, []Page, error) {
	layout, err := DetectLayout(dir)
	if err != nil {
		return "", nil, err
	}
	var pages []Page
	if layout == LayoutBench {
		pages, err = loadBench(dir)
	} else {
		pages, err = loadFundus(dir)
	}
	return layout, pages, err
}

func loadBench(dir string) ([]Page, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("extraction data %s: %w", dir, err)
	}
	var gt map[string]struct {
		URL         string `json:"url"`
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("extraction data %s: ground-truth.json: %w", dir, err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]Page, 0, len(ids))
	for _, id := range ids {
		html, err := readMaybeGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, Page{ID: id, URL: gt[id].URL, HTML: html, Body: gt[id].ArticleBody})
	}
	return pages, nil
}

type fundusParse struct {
	Title          string   `json:"title"`
	Authors        []string `json:"authors"`
	PublishingDate string   `json:"publishing_date"`
	Body           struct {
		Summary  []string `json:"summary"`
		Sections []struct {
			Headline   []string `json:"headline"`
			Paragraphs []string `json:"paragraphs"`
		} `json:"sections"`
	} `json:"body"`
}

func (f fundusParse) body() string {
	var parts []string
	parts = append(parts, f.Body.Summary...)
	for _, s := range f.Body.Sections {
		parts = append(parts, s.Headline...)
		parts = append(parts, s.Paragraphs...)
	}
	return strings.Join(parts, "\n\n")
}

// loadFundus pairs each publisher's html files, sorted by name (and so by
// date), with its expected parses sorted by version key; publishers whose
// counts differ are skipped, as the pairing is then unknown.
func loadFundus(dir string) ([]Page, error) {
	metas, err := filepath.Glob(filepath.Join(dir, "*", "meta.info"))
	if err != nil {
		return nil, err
	}
	sort.Strings(metas)
	var pages []Page
	for _, mpath := range metas {
		cdir := filepath.Dir(mpath)
		country := filepath.Base(cdir)
		mb, err := os.ReadFile(mpath)
		if err != nil {
			return nil, fmt.Errorf("extraction data %s: %w", mpath, err)
		}
		var meta map[string]struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal(mb, &meta); err != nil {
			return nil, fmt.Errorf("extraction data %s: %w", mpath, err)
		}
		jsons, _ := filepath.Glob(filepath.Join(cdir, "*.json"))
		sort.Strings(jsons)
		for _, jpath := range jsons {
			pub := strings.TrimSuffix(filepath.Base(jpath), ".json")
			jb, err := os.ReadFile(jpath)
			if err != nil {
				return nil, fmt.Errorf("extraction data %s: %w", jpath, err)
			}
			var parses map[string]fundusParse
			if err := json.Unmarshal(jb, &parses); err != nil {
				return nil, fmt.Errorf("extraction data %s: %w", jpath, err)
			}
			htmls, _ := filepath.Glob(filepath.Join(cdir, pub+"_*.html.gz"))
			// Publisher names may prefix others ("Foo" and "Foo_Bar"): keep
			// only files whose suffix is a date.
			htmls = filterDated(htmls, pub)
			sort.Strings(htmls)
			keys := make([]string, 0, len(parses))
			for k := range parses {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			if len(keys) != len(htmls) {
				continue
			}
			for i, h := range htmls {
				html, err := readMaybeGzip(h)
				if err != nil {
					return nil, err
				}
				p := parses[keys[i]]
				pages = append(pages, Page{
					ID: country + "/" + filepath.Base(h), URL: meta[filepath.Base(h)].URL, HTML: html,
					Body: p.body(), HasMeta: true, Title: p.Title, Authors: p.Authors,
					Published: p.PublishingDate, English: englishCountries[country],
				})
			}
		}
	}
	return pages, nil
}

func filterDated(paths []string, pub string) []string {
	var out []string
	for _, p := range paths {
		rest := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), pub+"_"), ".html.gz")
		if len(rest) == 10 && rest[4] == '_' && rest[7] == '_' {
			out = append(out, p)
		}
	}
	return out
}

func readMaybeGzip(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("extraction data: %w", err)
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("extraction data %s: %w", path, err)
		}
		b, err = io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("extraction data %s: %w", path, err)
		}
	}
	return b, nil
}
