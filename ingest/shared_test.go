package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"eventwire/internal/shared"
)

// walkAll collects the items of paths, without their bytes.
func walkAll(t *testing.T, paths ...string) (items []Item, failed map[string]string) {
	t.Helper()
	failed = map[string]string{}
	err := Walk(context.Background(), paths, 0, func(it Item) bool {
		if it.Err != nil {
			failed[it.Key] = it.Err.Error()
		}
		it.Raw = nil
		items = append(items, it)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return items, failed
}

func TestSharedWARC(t *testing.T) {
	p := shared.Require(t, "corpus", "warc", "news-sample.warc.gz")
	items, failed := walkAll(t, p)
	if len(items) != 439 || len(failed) != 0 {
		t.Errorf("news-sample.warc.gz: %d items, failures %v; want the 439 HTML responses", len(items), failed)
	}
	for _, it := range items {
		if !strings.HasPrefix(it.Meta.URL, "http") || it.Meta.Fetched.IsZero() {
			t.Fatalf("item %s has URL %q, fetched %v", it.Key, it.Meta.URL, it.Meta.Fetched)
		}
	}
}

func TestSharedBBC(t *testing.T) {
	p := shared.Require(t, "corpus", "bbc-2225", "bbc-fulltext.tar.gz")
	items, failed := walkAll(t, p)
	if len(items) != 2225 || len(failed) != 0 {
		t.Errorf("bbc-fulltext.tar.gz: %d items, failures %v; want 2225 articles (README left out)", len(items), failed)
	}
}

func TestSharedFeeds(t *testing.T) {
	dir := shared.Require(t, "corpus", "feeds")
	items, failed := walkAll(t, dir)
	perFile := map[string]int{}
	for _, it := range items {
		perFile[filepath.Base(strings.SplitN(it.Key, "#", 2)[0])]++
		if it.Err != nil && !strings.Contains(it.Err.Error(), "no content") && !strings.Contains(it.Key, "unrecognized") {
			t.Errorf("%s: %v", it.Key, it.Err)
		}
	}
	want := map[string]int{"guardian.rss": 55, "heise.atom": 15, "encoding.rss": 40, "encoding-gb2312.xml": 20, "rss-1.rss": 69, "uolNoticias.rss": 1}
	for f, n := range want {
		if perFile[f] != n && f != "uolNoticias.rss" || perFile[f] < n {
			t.Errorf("%s: %d items, want %d", f, perFile[f], n)
		}
	}
	var unrecognized string
	for k, e := range failed {
		if strings.HasSuffix(k, "unrecognized.rss") {
			unrecognized = e
		}
		if strings.HasSuffix(k, "uolNoticias.rss") {
			t.Errorf("uolNoticias.rss not re-decoded: %s", e)
		}
	}
	if !strings.Contains(unrecognized, "unrecognized.rss") {
		t.Errorf("unrecognized.rss failure = %q, want an error naming it", unrecognized)
	}
}
