package browsertest

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// writeSite writes files (name → content) into a new temporary directory.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func html(title, body string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<link rel="icon" href="data:,"><title>` + title + `</title></head><body>` + body + `</body></html>`
}

var site = map[string]string{
	"index.html":         html("One", `<main><h1>One</h1><p><a id="next" href="sub/two.html">Page  two</a></p></main>`),
	"sub/two.html":       html("Two", `<h1>Two</h1><a href="../index.html">Back to one</a>`),
	"sub/index.html":     html("Sub", `<h1>Sub</h1>`),
	"console.html":       html("Console", `<h1>C</h1><script>console.error("boom", 42); console.warn("careful")</script>`),
	"missing-image.html": html("Missing", `<h1>M</h1><img src="missing.png" alt="">`),
	"throws.html":        html("Throws", `<h1>T</h1><script>throw new Error("kaput")</script>`),
	"csp.html": `<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src 'self'">` +
		`<title>CSP</title><h1>CSP</h1><script>document.title = "ran"</script>`,
	"no-icon.html": `<!doctype html><title>No icon</title><h1>N</h1><a href="sub/">Sub</a>`,
}

func TestBrowserFileURL(t *testing.T) {
	dir := writeSite(t, site)
	b := Start(t)
	tab := b.NewTab(t)

	home := FileURL(filepath.Join(dir, "index.html"))
	tab.Navigate(home)
	if got := tab.Text("h1"); got != "One" {
		t.Errorf("h1 = %q, want One", got)
	}
	tab.Follow("#next")
	if got, want := tab.Location(), FileURL(filepath.Join(dir, "sub", "two.html")); got != want {
		t.Errorf("after following #next, location = %q, want %q", got, want)
	}
	if got := tab.Title(); got != "Two" {
		t.Errorf("title = %q, want Two", got)
	}
	tab.Back()
	if got := tab.Location(); got != home {
		t.Errorf("after going back, location = %q, want %q", got, home)
	}
	tab.FollowText("Page two") // the text collapses the double space
	if got := tab.Text("h1"); got != "Two" {
		t.Errorf("after FollowText, h1 = %q, want Two", got)
	}
	tab.FollowText("Back to one")
	if got := Eval[string](tab, "document.title"); got != "One" {
		t.Errorf("document.title = %q, want One", got)
	}
	if got := tab.Count("a"); got != 1 {
		t.Errorf("Count(a) = %d, want 1", got)
	}
	shot := filepath.Join(t.TempDir(), "one.png")
	tab.Screenshot(shot)
	if data, err := os.ReadFile(shot); err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("screenshot is not a PNG (err %v)", err)
	}
	tab.AssertNoErrors(t)
}

// TestBrowserSubpath opens the site as GitHub Pages would serve it.
func TestBrowserSubpath(t *testing.T) {
	dir := writeSite(t, site)
	base := ServeDir(t, dir, "/archive/")
	tab := Start(t).NewTab(t)

	tab.Navigate(base)
	if got := tab.Location(); got != base {
		t.Errorf("location = %q, want %q", got, base)
	}
	tab.Follow("#next")
	if got, want := tab.Location(), base+"sub/two.html"; got != want {
		t.Errorf("location = %q, want %q", got, want)
	}
	tab.FollowText("Back to one")
	if got, want := tab.Location(), base+"index.html"; got != want {
		t.Errorf("location = %q, want %q", got, want)
	}
	// A page that names no icon makes the browser ask for /favicon.ico
	// outside the site; that 404 is not the page's problem.
	tab.Navigate(base + "no-icon.html")
	tab.FollowText("Sub")
	if got := tab.Text("h1"); got != "Sub" {
		t.Errorf("h1 = %q, want Sub", got)
	}
	tab.AssertNoErrors(t)
}

// TestBrowserRecordsProblems checks each kind of problem is caught, over
// file:// and over HTTP.
func TestBrowserRecordsProblems(t *testing.T) {
	dir := writeSite(t, site)
	base := ServeDir(t, dir, "/archive/")
	b := Start(t)

	cases := []struct {
		page string
		kind Kind
		text string // in Problem.Text
		url  string // suffix of Problem.URL
	}{
		{"console.html", ConsoleError, "boom 42", ""},
		{"throws.html", Exception, "kaput", ""},
		{"missing-image.html", LoadFailed, "ERR_FILE_NOT_FOUND", "/missing.png"},
		{"csp.html", BrowserLog, "Content Security Policy", ""},
		{"csp.html", CSPViolation, "script-src-elem blocked inline", ""},
	}
	for _, c := range cases {
		for _, over := range []string{"file", "http"} {
			t.Run(over+"/"+c.page, func(t *testing.T) {
				url := FileURL(filepath.Join(dir, c.page))
				kind, text := c.kind, c.text
				if over == "http" {
					url = base + c.page
					if kind == LoadFailed {
						kind, text = HTTPError, "404"
					}
				}
				tab := b.NewTab(t)
				tab.Navigate(url)
				problems := tab.Problems()
				if !has(problems, kind, text, c.url) {
					t.Fatalf("problems of %s = %v, want a %s with %q", url, problems, kind, text)
				}
				if p := problems[0]; p.Page != url {
					t.Errorf("Problem.Page = %q, want %q", p.Page, url)
				}
				// AssertNoErrors must fail on them; run it on a recorder.
				rec := &recordTB{TB: t}
				tab.AssertNoErrors(rec)
				if !rec.failed || !strings.Contains(rec.msg, text) {
					t.Errorf("AssertNoErrors did not report %q: failed=%v %q", text, rec.failed, rec.msg)
				}
				if len(tab.Problems()) != 0 {
					t.Error("AssertNoErrors did not forget the problems it reported")
				}
			})
		}
	}
}

func has(ps []Problem, kind Kind, text, urlSuffix string) bool {
	for _, p := range ps {
		if p.Kind == kind && strings.Contains(p.Text, text) && strings.HasSuffix(p.URL, urlSuffix) {
			return true
		}
	}
	return false
}

// recordTB catches Errorf, Fatal and Skip calls instead of acting on them.
type recordTB struct {
	testing.TB
	failed, skipped bool
	msg             string
}

func (r *recordTB) Helper()                      {}
func (r *recordTB) Logf(string, ...any)          {}
func (r *recordTB) Errorf(f string, args ...any) { r.failed, r.msg = true, fmt.Sprintf(f, args...) }
func (r *recordTB) Fatal(args ...any)            { r.failed, r.msg = true, fmt.Sprint(args...); runtime.Goexit() }
func (r *recordTB) Fatalf(f string, args ...any) { r.Fatal(fmt.Sprintf(f, args...)) }
func (r *recordTB) Skip(args ...any)             { r.skipped, r.msg = true, fmt.Sprint(args...); runtime.Goexit() }
func (r *recordTB) Skipf(f string, args ...any)  { r.Skip(fmt.Sprintf(f, args...)) }

// runTB runs f with a recordTB in its own goroutine, so Fatal and Skip can
// end it.
func runTB(t *testing.T, f func(testing.TB)) *recordTB {
	rec := &recordTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(rec)
	}()
	<-done
	return rec
}

func TestStartWithoutChromium(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-chromium")
	t.Setenv("ANNALS_CHROMIUM", missing)

	t.Setenv("CI", "")
	if rec := runTB(t, func(tb testing.TB) { Start(tb) }); !rec.skipped || rec.failed {
		t.Errorf("without CI: skipped=%v failed=%v, want a skip", rec.skipped, rec.failed)
	} else if !strings.Contains(rec.msg, missing) {
		t.Errorf("skip message %q does not name %s", rec.msg, missing)
	}

	t.Setenv("CI", "true")
	if rec := runTB(t, func(tb testing.TB) { Start(tb) }); !rec.failed || rec.skipped {
		t.Errorf("with CI=true: skipped=%v failed=%v, want a failure", rec.skipped, rec.failed)
	}
}

func TestServeDir(t *testing.T) {
	dir := writeSite(t, site)
	base := ServeDir(t, dir, "/archive/")
	root := strings.TrimSuffix(base, "/archive/")

	type request struct {
		path   string
		status int
		body   string // substring
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	check := func(tests []request) {
		t.Helper()
		for _, tt := range tests {
			resp, err := client.Get(root + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.body) {
				t.Errorf("GET %s = %d %.40q, want %d with %q", tt.path, resp.StatusCode, body, tt.status, tt.body)
			}
			if tt.status == 301 {
				if loc := resp.Header.Get("Location"); loc != tt.path+"/" {
					t.Errorf("GET %s redirects to %q, want %q", tt.path, loc, tt.path+"/")
				}
			}
		}
	}
	check([]request{
		{"/archive/", 200, "<h1>One</h1>"},
		{"/archive/index.html", 200, "<h1>One</h1>"},
		{"/archive/sub/two.html", 200, "<h1>Two</h1>"},
		{"/archive/sub/", 200, "<h1>Sub</h1>"},
		{"/archive/sub/index.html", 200, "<h1>Sub</h1>"},
		{"/archive/sub", 301, ""},
		{"/archive", 301, ""},
		{"/archive/nothing.html", 404, "404 page not found"},
		{"/archive/../archive/index.html", 200, "<h1>One</h1>"},
		{"/", 404, ""},
		{"/index.html", 404, ""},
		{"/sub/two.html", 404, ""},
	})

	// With a 404.html, which the site may get after ServeDir, a missing
	// page under the prefix shows it.
	if err := os.WriteFile(filepath.Join(dir, "404.html"), []byte(html("Lost", "<h1>Lost</h1>")), 0o644); err != nil {
		t.Fatal(err)
	}
	check([]request{
		{"/archive/nothing.html", 404, "<h1>Lost</h1>"},
		{"/archive/sub/gone/", 404, "<h1>Lost</h1>"},
		{"/archive/sub/", 200, "<h1>Sub</h1>"},
		{"/elsewhere", 404, "404 page not found"},
	})
}

func TestFileURL(t *testing.T) {
	if got, want := FileURL("/tmp/a b/index.html"), "file:///tmp/a%20b/index.html"; got != want {
		t.Errorf("FileURL = %q, want %q", got, want)
	}
	if got := FileURL("rel/x.html"); !strings.HasPrefix(got, "file:///") || !strings.HasSuffix(got, "/rel/x.html") {
		t.Errorf("FileURL of a relative path = %q, want an absolute file URL", got)
	}
}

func TestScreenshotTop(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"tall.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
			`<meta name="viewport" content="width=device-width, initial-scale=1">` +
			`<link rel="icon" href="data:,"><title>Tall</title></head>` +
			`<body style="margin:0"><h1>Tall</h1><div style="height:3000px"></div></body></html>`,
	})
	tab := Start(t).NewTab(t)
	tab.SetViewport(390, 800, true)
	tab.Navigate(FileURL(filepath.Join(dir, "tall.html")))
	if w := Eval[int](tab, "window.innerWidth"); w != 390 {
		t.Errorf("window.innerWidth = %d, want 390", w)
	}
	for _, tt := range []struct{ max, minH, maxH int }{{1000, 1000, 1000}, {0, 3000, 3200}} {
		shot := filepath.Join(t.TempDir(), "tall.png")
		tab.ScreenshotTop(shot, tt.max)
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatalf("ScreenshotTop(%d) wrote no PNG: %v", tt.max, err)
		}
		if cfg.Width != 390 || cfg.Height < tt.minH || cfg.Height > tt.maxH {
			t.Errorf("ScreenshotTop(%d) is %dx%d, want 390 wide and %d–%d high", tt.max, cfg.Width, cfg.Height, tt.minH, tt.maxH)
		}
	}
	tab.SetViewport(1280, 900, false)
	tab.Navigate(FileURL(filepath.Join(dir, "tall.html")))
	if w := Eval[int](tab, "window.innerWidth"); w != 1280 {
		t.Errorf("after going back to a desktop viewport, window.innerWidth = %d, want 1280", w)
	}
	tab.AssertNoErrors(t)
}
