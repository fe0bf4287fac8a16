package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// DefaultTimeout limits each action of a Tab: a navigation, a click, a query.
const DefaultTimeout = 30 * time.Second

// Tab is one page of the browser. It records the problems of every page it
// shows (see [Problem]). Its methods fail the test that opened it when an
// action does not succeed within [DefaultTimeout].
type Tab struct {
	t   testing.TB
	ctx context.Context
	rec *recorder
	// width is the viewport's width set by SetViewport, or 0.
	width int
}

// NewTab opens a blank tab for the test t and closes it when t ends.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	rec := newRecorder()
	// WithListener sees the events from the very start of the tab.
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(rec.listen))
	t.Cleanup(cancel)
	// The first action ties the tab's life to its context: no time limit.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: open a tab: %v", err)
	}
	if err := guard(ctx); err != nil {
		t.Fatalf("browsertest: prepare a tab: %v", err)
	}
	return &Tab{t: t, ctx: ctx, rec: rec}
}

// Context returns the chromedp context of the tab, for actions this package
// does not wrap. Derive a context with a time limit from it for each action.
func (tab *Tab) Context() context.Context { return tab.ctx }

// do runs steps with the time limit and fails the test on error.
func (tab *Tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, DefaultTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tab.fatal(what, err)
	}
}

func (tab *Tab) fatal(what string, err error) {
	tab.t.Helper()
	msg := fmt.Sprintf("browsertest: %s: %v", what, err)
	if problems, _ := tab.rec.snapshot(); len(problems) > 0 {
		msg += "\nproblems seen so far:" + list(problems)
	}
	tab.t.Fatal(msg)
}

// run runs one action that returns a value, with the time limit.
func run[T any](tab *Tab, what string, a chromedp.Action[T]) T {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, DefaultTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		tab.fatal(what, err)
	}
	return v
}

// Navigate opens url and waits for the page to load.
func (tab *Tab) Navigate(url string) {
	tab.t.Helper()
	tab.do("navigate to "+url, chromedp.Navigate(url))
}

// Follow clicks the first element that matches the CSS selector, normally a
// link, and waits until the page it leads to has loaded.
func (tab *Tab) Follow(selector string) {
	tab.t.Helper()
	tab.follow("follow "+selector, chromedp.Click(chromedp.CSS(selector)))
}

// FollowText clicks the link whose visible text is text (spaces collapsed,
// case kept), and waits until the page it leads to has loaded.
func (tab *Tab) FollowText(text string) {
	tab.t.Helper()
	tab.follow(fmt.Sprintf("follow the link %q", text), chromedp.Click(linkByText(text)))
}

func (tab *Tab) follow(what string, click chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, DefaultTimeout)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, click); err != nil {
		tab.fatal(what, err)
	}
}

// linkByText selects the first <a> whose visible text is text.
func linkByText(text string) chromedp.JSPath {
	q, _ := json.Marshal(strings.Join(strings.Fields(text), " "))
	return chromedp.JSPath(`Array.from(document.querySelectorAll("a")).find(` +
		`a => (a.innerText || a.textContent).split(/\s+/).filter(Boolean).join(" ") === ` + string(q) + `)`)
}

// Click clicks the first element that matches the CSS selector and does not
// wait for a navigation.
func (tab *Tab) Click(selector string) {
	tab.t.Helper()
	tab.do("click "+selector, chromedp.Click(chromedp.CSS(selector)))
}

// Type focuses the first element that matches the CSS selector and types
// text into it.
func (tab *Tab) Type(selector, text string) {
	tab.t.Helper()
	tab.do("type into "+selector, chromedp.SendKeys(chromedp.CSS(selector), text))
}

// WaitVisible waits until an element that matches the CSS selector is visible.
func (tab *Tab) WaitVisible(selector string) {
	tab.t.Helper()
	tab.do("wait for "+selector, chromedp.WaitVisible(chromedp.CSS(selector)))
}

// Back goes one step back in the tab's history and waits for the page to load.
func (tab *Tab) Back() {
	tab.t.Helper()
	tab.do("go back", chromedp.NavigateBack())
}

// Location returns location.href of the page.
func (tab *Tab) Location() string {
	tab.t.Helper()
	return run(tab, "read the location", chromedp.Location())
}

// Title returns the page's title.
func (tab *Tab) Title() string {
	tab.t.Helper()
	return run(tab, "read the title", chromedp.Title())
}

// Text returns the visible text of the first element that matches the CSS
// selector, waiting for it to appear.
func (tab *Tab) Text(selector string) string {
	tab.t.Helper()
	return run(tab, "read the text of "+selector, chromedp.Text(chromedp.CSS(selector)))
}

// Count returns how many elements match the CSS selector now, without waiting.
func (tab *Tab) Count(selector string) int {
	tab.t.Helper()
	q, _ := json.Marshal(selector)
	return Eval[int](tab, "document.querySelectorAll("+string(q)+").length")
}

// Eval evaluates the JavaScript expression in the page and decodes its value
// into T (a JSON round trip; awaits a promise).
func Eval[T any](tab *Tab, expr string) T {
	tab.t.Helper()
	return run(tab, "evaluate "+expr, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// Screenshot writes a PNG of the whole page, beyond the viewport, to path.
func (tab *Tab) Screenshot(path string) {
	tab.t.Helper()
	png := run(tab, "take a screenshot", chromedp.FullScreenshot(100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tab.t.Fatalf("browsertest: %v", err)
	}
}

// SetViewport sets the size of the tab's viewport in CSS pixels, at one
// device pixel per CSS pixel. With mobile, the tab also lays pages out as a
// phone does: it honours <meta name="viewport"> and emulates touch.
func (tab *Tab) SetViewport(width, height int, mobile bool) {
	tab.t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if mobile {
		opts = append(opts, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	tab.do(fmt.Sprintf("set the viewport to %dx%d", width, height),
		chromedp.EmulateViewport(int64(width), int64(height), opts...))
	tab.width = width
}

// ScreenshotTop writes a PNG of the page, beyond the viewport, to path:
// the page's width (at most the width given to SetViewport: what overflows
// sideways is cut, as a reader's screen cuts it) and at most maxHeight CSS
// pixels from its top (the whole page when maxHeight <= 0), at one pixel per
// CSS pixel.
func (tab *Tab) ScreenshotTop(path string, maxHeight int) {
	tab.t.Helper()
	png := run(tab, "take a screenshot", func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, t, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if m.CSSContentSize == nil || m.CSSLayoutViewport == nil {
			return nil, fmt.Errorf("no layout metrics")
		}
		// The layout viewport's width leaves out a scroll bar.
		w := float64(m.CSSLayoutViewport.ClientWidth)
		if tab.width > 0 {
			w = min(w, float64(tab.width))
		}
		h := math.Ceil(m.CSSContentSize.Height)
		if maxHeight > 0 {
			h = min(h, float64(maxHeight))
		}
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			Clip:                  &page.Viewport{Width: w, Height: h, Scale: 1},
			CaptureBeyondViewport: new(true),
			FromSurface:           new(true),
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	})
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tab.t.Fatalf("browsertest: %v", err)
	}
}

// Problems returns the problems recorded since the tab opened or since the
// last AssertNoErrors or TakeProblems.
func (tab *Tab) Problems() []Problem {
	tab.settle()
	p, _ := tab.rec.snapshot()
	return p
}

// TakeProblems returns the problems recorded since the tab opened or since
// the last AssertNoErrors or TakeProblems, and forgets them: for a test that
// expects some problems and judges the others itself.
func (tab *Tab) TakeProblems() []Problem {
	tab.settle()
	return tab.rec.take()
}

// settle lets the page run the tasks it has queued, such as the events
// that report CSP violations, which the browser fires after the script or
// resource it blocked, possibly after the page's load event. A page that
// cannot run scripts now (it is gone, or busy navigating) is left alone.
func (tab *Tab) settle() {
	ctx, cancel := context.WithTimeout(tab.ctx, DefaultTimeout)
	defer cancel()
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](
		`new Promise(r => setTimeout(() => setTimeout(r, 0), 0))`, chromedp.EvalAwaitPromise))
}

// AssertNoErrors fails t (without stopping it) when the tab has recorded
// problems, and lists them. Console warnings are logged, not failed. It then
// forgets what it reported, so that the next call judges only the pages seen
// after this one.
func (tab *Tab) AssertNoErrors(t testing.TB) {
	t.Helper()
	tab.settle()
	problems, warnings := tab.rec.snapshot()
	tab.rec.reset()
	if len(warnings) > 0 {
		t.Logf("browsertest: %d console warning(s):%s", len(warnings), list(warnings))
	}
	if len(problems) > 0 {
		t.Errorf("browsertest: %d error(s) in the browser:%s", len(problems), list(problems))
	}
}

func list(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("\n\t")
		b.WriteString(p.String())
	}
	return b.String()
}
