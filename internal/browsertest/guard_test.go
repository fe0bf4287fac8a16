package browsertest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// guarded are pages that try what a hostile page would; the CSP of each
// allows only the site's own scripts, as annals' pages do.
var guarded = map[string]string{
	"alert.html": csp(`<h1>Alert</h1><script src="alert.js"></script>`),
	"alert.js":   `alert("hello"); confirm("sure?"); document.querySelector("h1").textContent = "after";`,
	"trip.html":  `<!doctype html><title>Trip</title><h1>Trip</h1><script>trip(1, "two")</script><img src="missing.png" onerror="trip(3)">`,
	"inline.html": csp(`<h1>Inline</h1><script>document.title = "ran"</script>` +
		`<img src="data:," onload="document.title = 'ran'">`),
	"media.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Media</title>` +
		`<link rel="icon" href="data:,"><link rel="stylesheet" href="media.css"></head>` +
		`<body><h1>Media</h1><a id="one" href="#">one</a> <a id="two" href="#">two</a></body></html>`,
	"media.css": `body { background: white } h1 { color: rgb(0, 0, 0) }
@media print { h1 { display: none } }
@media (prefers-color-scheme: dark) { body { background: black } }`,
}

func csp(body string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; img-src 'self' data:">` +
		`<link rel="icon" href="data:,"><title>Guarded</title></head><body>` + body + `</body></html>`
}

func TestGuardDialogs(t *testing.T) {
	dir := writeSite(t, guarded)
	tab := Start(t).NewTab(t)
	tab.Navigate(FileURL(filepath.Join(dir, "alert.html")))
	if got := tab.Text("h1"); got != "after" {
		t.Errorf("the page did not go on after its dialogs: h1 = %q", got)
	}
	problems := tab.Problems()
	if !has(problems, Dialog, `alert "hello"`, "") || !has(problems, Dialog, `confirm "sure?"`, "") {
		t.Errorf("problems = %v, want the alert and the confirm", problems)
	}
	// The confirm was dismissed, not accepted.
	if got := Eval[bool](tab, `confirm("again?")`); got {
		t.Error("a confirm was accepted")
	}
}

func TestGuardCSPAndTripwire(t *testing.T) {
	dir := writeSite(t, guarded)
	b := Start(t)

	tab := b.NewTab(t)
	tab.Navigate(FileURL(filepath.Join(dir, "inline.html")))
	problems := tab.Problems()
	if !has(problems, CSPViolation, "script-src-elem blocked inline", "") || !has(problems, CSPViolation, "script-src-attr blocked inline", "") {
		t.Errorf("problems = %v, want the inline script and the handler reported as CSP violations", problems)
	}
	if got := tab.Title(); got == "ran" {
		t.Error("the CSP did not stop the inline script")
	}
	tab.AssertNoErrors(&recordTB{TB: t})

	// Bypassed, the same page runs its scripts and reports nothing.
	tab.BypassCSP(true)
	tab.Navigate(FileURL(filepath.Join(dir, "inline.html")))
	if got := tab.Title(); got != "ran" {
		t.Errorf("with the CSP bypassed, title = %q, want ran", got)
	}
	tab.AssertNoErrors(t)

	// Tripwires catch calls from scripts and handlers, in this page and
	// the next.
	tab.Tripwire("trip")
	if got := Eval[string](tab, "typeof trip"); got != "function" {
		t.Errorf("typeof trip in the open page = %q", got)
	}
	tab.Navigate(FileURL(filepath.Join(dir, "trip.html")))
	tab.Exec("wait for the image", `new Promise(r => setTimeout(r, 50))`)
	problems = tab.TakeProblems()
	if !has(problems, Tripwire, "trip(1, two)", "") || !has(problems, Tripwire, "trip(3)", "") {
		t.Errorf("problems = %v, want both calls of trip", problems)
	}
	if p := tab.Problems(); len(p) != 0 {
		t.Errorf("TakeProblems did not forget the problems it returned: %v", p)
	}
}

func TestEmulateMediaAndPress(t *testing.T) {
	dir := writeSite(t, guarded)
	tab := Start(t).NewTab(t)
	tab.Navigate(FileURL(filepath.Join(dir, "media.html")))
	style := func(sel, prop string) string {
		return Eval[string](tab, `getComputedStyle(document.querySelector("`+sel+`")).`+prop)
	}
	if got := style("body", "backgroundColor"); got != "rgb(255, 255, 255)" {
		t.Errorf("light: background %q", got)
	}
	tab.EmulateMedia("", "prefers-color-scheme", "dark")
	if got := style("body", "backgroundColor"); got != "rgb(0, 0, 0)" {
		t.Errorf("dark: background %q", got)
	}
	tab.EmulateMedia("print")
	if got := style("h1", "display"); got != "none" {
		t.Errorf("print: h1 display %q", got)
	}
	tab.EmulateMedia("")
	if got := style("h1", "display"); got != "block" {
		t.Errorf("screen again: h1 display %q", got)
	}

	tab.Press(kb.Tab)
	tab.Press(kb.Tab)
	if got := Eval[string](tab, "document.activeElement.id"); got != "two" {
		t.Errorf("after two Tabs the focus is on %q, want two", got)
	}
	tab.Exec("define a value", `var answer = 6 * 7`)
	if got := Eval[int](tab, "answer"); got != 42 {
		t.Errorf("Exec did not run: answer = %d", got)
	}
	tab.AssertNoErrors(t)
}

func TestExecIgnoresCSP(t *testing.T) {
	dir := writeSite(t, guarded)
	tab := Start(t).NewTab(t)
	tab.Navigate(FileURL(filepath.Join(dir, "alert.html")))
	tab.AssertNoErrors(&recordTB{TB: t})
	tab.Exec("set the title", `document.title = "from DevTools"`)
	if got := tab.Title(); got != "from DevTools" || len(tab.Problems()) != 0 {
		t.Errorf("title %q, problems %v", got, tab.Problems())
	}
	if s := strings.Join(strings.Fields(Eval[string](tab, "document.body.innerText")), " "); s != "after" {
		t.Errorf("body text %q", s)
	}
}
