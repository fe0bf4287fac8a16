package browsertest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// DefaultChromium is the Chromium that Debian's package installs.
const DefaultChromium = "/usr/bin/chromium"

// Browser is a running headless Chromium. Open pages with [Browser.NewTab].
type Browser struct {
	ctx context.Context // the browser's first tab; parent of every new tab
}

// ChromiumPath returns the Chromium that [Start] runs: $ANNALS_CHROMIUM when
// it is set, else [DefaultChromium].
func ChromiumPath() string {
	if p := os.Getenv("ANNALS_CHROMIUM"); p != "" {
		return p
	}
	return DefaultChromium
}

// inCI reports whether $CI asks for a strict run (CI=true, CI=1, …).
func inCI() bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv("CI"))) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// Start launches a headless Chromium for the test and stops it when the test
// and its subtests end. It skips the test when no Chromium is installed, or
// fails it when $CI is set.
func Start(t testing.TB) *Browser {
	t.Helper()
	path := ChromiumPath()
	if _, err := os.Stat(path); err != nil {
		msg := "browsertest: no Chromium at " + path +
			" (apt-get install chromium, or set ANNALS_CHROMIUM): " + err.Error()
		if inCI() {
			t.Fatal(msg + "; CI is set, so browser tests must not be skipped")
		}
		t.Skip(msg)
	}

	// Registered before the browser's own cleanup, so it runs after the
	// browser has exited and no longer writes to its profile.
	profile := t.TempDir()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Every going back loads the page again, so that a test sees the
		// load events and the errors of the page each time.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,BackForwardCache"),
		chromedp.WindowSize(1280, 900),
	)
	// No time limit here: the first action ties the browser's life to this
	// context (see chromedp's docs/API.md, example 21).
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc() // waits for the process to exit
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: starting %s: %v", path, err)
	}
	return &Browser{ctx: ctx}
}
