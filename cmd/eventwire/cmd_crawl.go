package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"eventwire/crawl"
)

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "crawl", "")
	db := fs.String("db", defaultDB(), "store: a SQLite file or a postgres:// URL")
	feedsFile := fs.String("feeds", "", "file listing feed URLs, one per line (required)")
	interval := fs.Duration("interval", 15*time.Minute, "time between polls")
	once := fs.Bool("once", false, "poll once and exit")
	hostDelay := fs.Duration("host-delay", time.Second, "least time between two requests to one host")
	maxBytes := fs.Int64("max-bytes", 8<<20, "largest response body")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit of one request")
	redirects := fs.Int("max-redirects", 5, "redirects followed per request")
	agent := fs.String("user-agent", crawl.DefaultUserAgent, "User-Agent header and robots.txt agent")
	workers := fs.Int("workers", 4, "pages fetched at once")
	state := fs.String("state", "", "JSON file keeping the feeds' ETag and Last-Modified between runs (default: FEEDS.state.json)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *feedsFile == "" {
		fs.Usage()
		return fmt.Errorf("crawl: --feeds is required")
	}
	f, err := os.Open(*feedsFile)
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	feeds, err := crawl.ReadFeedList(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("crawl: %s: %w", *feedsFile, err)
	}
	if *state == "" {
		*state = *feedsFile + ".state.json"
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	c := crawl.New(st, &lazyReader{}, crawl.Options{
		UserAgent: *agent, Interval: *interval, HostDelay: *hostDelay, MaxRedirects: *redirects,
		MaxBytes: *maxBytes, Timeout: *timeout, Workers: *workers, Log: e.stderr, State: *state,
	})
	report := func(s crawl.Stats) {
		fmt.Fprintf(e.stdout, "%s poll: %d feeds (%d unchanged), %d items: %d known, %d stored, %d duplicates, %d failed; %d pages fetched, %d from the feed, %d denied by robots.txt\n",
			time.Now().Format(time.DateTime), s.Feeds, s.Unchanged, s.Items, s.Known, s.Stored, s.Duplicates, s.Failed, s.Fetched, s.FromFeed, s.RobotsDenied)
	}
	if *once {
		s, err := c.Poll(ctx, feeds)
		report(s)
		return err
	}
	return c.Run(ctx, feeds, report)
}
