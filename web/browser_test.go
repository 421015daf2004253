package web

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromium finds the browser that .ci/run installs with apt.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH (apt-get install chromium); .ci/run installs it")
	return ""
}

// browser starts headless Chromium and returns a context for one tab.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first Run starts the browser; its context must carry no deadline.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// within runs steps with a time limit derived from the browser's context.
func within(t *testing.T, ctx context.Context, d time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(c, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// TestBrowser drives the UI in real headless Chromium: search "Kerry", open
// the seed article, find the Livni quote and Kerry's events, then open a
// hostile article and check that none of its payloads ran.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	st, ids := sampleStore(t)
	srv := newTestServer(t, st, Options{})
	ctx := browser(t)

	within(t, ctx, 30*time.Second,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="q"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="q"]`), "Kerry"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`p.total`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.results a.title`)),
	)
	if got := text(t, ctx, "ol.results a.title"); !strings.Contains(got, "John Kerry urges Hamas") {
		t.Fatalf("first search hit is %q", got)
	}
	within(t, ctx, 30*time.Second,
		chromedp.Click(chromedp.CSS(`ol.results a.title`)),
		chromedp.WaitVisible(chromedp.CSS(`#quotes`)),
	)
	quotes := text(t, ctx, "#quotes")
	livni := false
	for _, item := range strings.Split(quotes, "\n") {
		if strings.Contains(item, "Tzipi Livni") {
			livni = true
		}
	}
	if !livni || !strings.Contains(quotes, "it won't happen before we really finish the tunnels project") {
		t.Errorf("Livni quote not shown with its speaker; quotes panel:\n%s", quotes)
	}
	events := text(t, ctx, "#events")
	if !strings.Contains(events, "USA") || strings.Contains(events, "None.") {
		t.Errorf("Kerry's events not listed; events panel:\n%s", events)
	}
	if body := text(t, ctx, "#body"); !strings.Contains(body, "Egypt's foreign minister") {
		t.Errorf("article body not shown clean: %.200s", body)
	}

	// The hostile article: its payloads must show as text and run nowhere.
	within(t, ctx, 30*time.Second,
		chromedp.Navigate(srv.URL+"/articles/"+ids["hostile.txt"]),
		chromedp.WaitVisible(chromedp.CSS(`#body`)),
	)
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	pwned, err := chromedp.Run(c, chromedp.Evaluate[string](`String(window.__pwned)`))
	if err != nil {
		t.Fatal(err)
	}
	if pwned != "undefined" {
		t.Errorf("a payload ran: window.__pwned = %s", pwned)
	}
	n, err := chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll("#body script, #body img, #body svg, #body a[href^=javascript]").length`))
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d hostile elements made it into the DOM", n)
	}
	if body := text(t, ctx, "#body"); !strings.Contains(body, "<script>") || !strings.Contains(body, "onerror=") {
		t.Errorf("the payloads should show as text: %.300s", body)
	}
}
