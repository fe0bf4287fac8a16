package preview

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/annals-archive/annals/internal/browsertest"
)

// TestPageInBrowser runs the reload script in Chromium: the page follows
// the builds, shows a failed build's errors, and lets go of its event
// stream while its tab is hidden.
func TestPageInBrowser(t *testing.T) {
	srv := New(site(t), "build", "/repo/")
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer srv.Close()
	tab := browsertest.Start(t).NewTab(t)
	tab.Navigate(ts.URL + "/repo/a/")
	listening(t, srv, 1)

	mark := func() { browsertest.Eval[bool](tab, `window.notReloaded = true`) }
	reloaded := func() bool {
		return evalBool(tab, `window.notReloaded !== true && document.readyState === "complete"`)
	}

	mark()
	srv.Failed("content/articles/a.md:3: bad date")
	waitEval(t, "the errors over the page", func() bool {
		return browsertest.Eval[string](tab, `(document.getElementById("annals-serve-error") || {}).innerText || ""`) != ""
	})
	if got := tab.Text("#annals-serve-error pre"); got != "content/articles/a.md:3: bad date" {
		t.Errorf("the page shows %q, want the build's errors", got)
	}
	if reloaded() {
		t.Error("the page reloaded after a failed build")
	}

	srv.Built()
	waitEval(t, "the reload", reloaded)
	if n := tab.Count("#annals-serve-error"); n != 0 {
		t.Error("the errors still show after a successful build")
	}
	listening(t, srv, 1)

	// Hidden, the page closes its stream and misses a build; shown again,
	// it learns of the build and reloads.
	mark()
	browsertest.Eval[bool](tab, `Object.defineProperty(document, "hidden", {value: true, configurable: true});
		document.dispatchEvent(new Event("visibilitychange")); true`)
	listening(t, srv, 0)
	srv.Built()
	if reloaded() {
		t.Error("a hidden page reloaded")
	}
	browsertest.Eval[bool](tab, `Object.defineProperty(document, "hidden", {value: false, configurable: true});
		document.dispatchEvent(new Event("visibilitychange")); true`)
	waitEval(t, "the reload after the page was shown", reloaded)
	if h1 := tab.Text("h1"); h1 != "A" {
		t.Errorf("after the reload the page shows %q, want A", h1)
	}
	tab.AssertNoErrors(t)
}

// evalBool evaluates expr in the tab, and is false while the page is
// between two documents.
func evalBool(tab *browsertest.Tab, expr string) bool {
	ctx, cancel := context.WithTimeout(tab.Context(), 5*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
	return err == nil && v
}

// listening waits until n pages listen to srv's events.
func listening(t *testing.T, srv *Server, n int) {
	t.Helper()
	waitEval(t, "the page's event stream", func() bool { return srv.Listening() == n })
}

// waitEval waits for cond, at most 10 s.
func waitEval(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
