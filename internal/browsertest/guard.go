package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// reportBinding is the function, added to every page by DevTools, through
// which the scripts of this package tell the tab's recorder what happened.
// A binding is there whatever the page's Content-Security-Policy says.
const reportBinding = "__browsertestReport"

// guardJS runs in every document of a tab before the page's own scripts:
// it reports each violation of the page's Content-Security-Policy.
const guardJS = `(() => {
	const report = globalThis.` + reportBinding + `;
	if (typeof report !== "function" || globalThis.__browsertestGuard) return;
	Object.defineProperty(globalThis, "__browsertestGuard", {value: true});
	document.addEventListener("securitypolicyviolation", e => report(JSON.stringify({
		kind: "csp", page: location.href, directive: e.effectiveDirective || e.violatedDirective,
		blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample,
	})), true);
})()`

// tripwireJS defines global functions that report their calls; %s is a
// JSON array of their names.
const tripwireJS = `((names) => {
	const report = globalThis.` + reportBinding + `;
	if (typeof report !== "function") return;
	for (const name of names) {
		globalThis[name] = function () {
			report(JSON.stringify({kind: "tripwire", page: location.href, name: name, args: Array.from(arguments, String)}));
		};
	}
})(%s)`

// report is what the scripts of this package send through reportBinding.
type report struct {
	Kind string `json:"kind"`
	Page string `json:"page"` // the document, which may be a frame's`
	// A CSP violation.
	Directive string `json:"directive"`
	Blocked   string `json:"blocked"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Sample    string `json:"sample"`
	// A tripwire's call.
	Name string   `json:"name"`
	Args []string `json:"args"`
}

// problem turns a report into the problem it stands for.
func (rep report) problem() (kind Kind, url, text string) {
	switch rep.Kind {
	case "csp":
		text = fmt.Sprintf("%s blocked %s", rep.Directive, rep.Blocked)
		if rep.Sample != "" {
			text += fmt.Sprintf(" (%q)", rep.Sample)
		}
		if rep.Source != "" && rep.Line > 0 {
			text += fmt.Sprintf(" at line %d", rep.Line)
		}
		url = rep.Source
		if url == "" {
			url = rep.Page
		}
		return CSPViolation, url, text
	case "tripwire":
		return Tripwire, rep.Page, fmt.Sprintf("%s(%s)", rep.Name, strings.Join(rep.Args, ", "))
	}
	return BrowserLog, "", "unknown report " + rep.Kind
}

// guard prepares a new tab: the binding and the script that report CSP
// violations, and a goroutine that dismisses every dialog (an open
// dialog would block the page; the recorder has noted it).
func guard(ctx context.Context) error {
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			// The page may be gone by then; nothing is left to close.
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, runtime.AddBinding, runtime.AddBindingParams{Name: reportBinding}); err != nil {
			return err
		}
		return addScript(ctx, t, guardJS)
	}))
}

// addScript runs script in every document the tab loads from now on, and in
// the one open now.
func addScript(ctx context.Context, t *chromedp.Target, script string) error {
	if _, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: script, RunImmediately: new(true),
	}); err != nil {
		return err
	}
	_, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{Expression: script})
	return err
}

// Tripwire defines global functions with these names in the page open now
// and in every page and frame the tab loads later. A call of any of them is
// a problem of kind [Tripwire], with its arguments and, as its URL, the
// document that made it: a test plants calls of them in content that must
// never run as script.
func (tab *Tab) Tripwire(names ...string) {
	tab.t.Helper()
	js, _ := json.Marshal(names)
	script := fmt.Sprintf(tripwireJS, js)
	tab.do("set the tripwires "+strings.Join(names, ", "), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return addScript(ctx, t, script)
	}))
}

// BypassCSP makes the pages the tab loads from now on ignore their
// Content-Security-Policy (true), or obey it again (false). A test that
// checks what untrusted content can do bypasses it, so that the page's own
// escaping is what is tested.
func (tab *Tab) BypassCSP(bypass bool) {
	tab.t.Helper()
	tab.do(fmt.Sprintf("bypass CSP: %v", bypass), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: bypass})
		return err
	}))
}

// EmulateMedia makes the page's CSS media queries see the media type
// ("print", "screen", or "" for the tab's own) and the media features
// given as name and value, such as "prefers-color-scheme", "dark". It
// holds until the next call.
func (tab *Tab) EmulateMedia(media string, features ...string) {
	tab.t.Helper()
	if len(features)%2 != 0 {
		tab.t.Fatalf("browsertest: EmulateMedia: features come in pairs of name and value, got %q", features)
	}
	p := emulation.SetEmulatedMediaParams{Media: media}
	for f := range slices.Chunk(features, 2) {
		p.Features = append(p.Features, &emulation.MediaFeature{Name: f[0], Value: f[1]})
	}
	tab.do(fmt.Sprintf("emulate media %q %q", media, features), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, p)
		return err
	}))
}

// Press sends keys to the element that has the focus, as a person types
// them on a keyboard: a key of package kb, such as kb.Tab or kb.Enter, or
// text.
func (tab *Tab) Press(keys string) {
	tab.t.Helper()
	tab.do(fmt.Sprintf("press %q", keys), chromedp.KeyEvent(keys))
}

// Exec runs a script in the page and discards its value; what names it in
// a failure. Like [Eval], it runs through DevTools, so the page's
// Content-Security-Policy does not stop it: tests use it to bring in a
// library such as axe-core.
func (tab *Tab) Exec(what, script string) {
	tab.t.Helper()
	tab.do(what, chromedp.Evaluate[chromedp.Void](script))
}
