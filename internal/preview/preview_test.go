package preview

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
)

const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'">`

func page(title string) string {
	return "<!DOCTYPE html>\n<html><head>\n" + csp + "\n<title>" + title + "</title>\n</head>\n<body><h1>" + title + "</h1></body></html>\n"
}

// site writes a small build into a memory file system.
func site(t *testing.T) afero.Fs {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for name, body := range map[string]string{
		"build/index.html":     page("Home"),
		"build/a/index.html":   page("A"),
		"build/a/b.html":       page("B"),
		"build/404.html":       page("Lost"),
		"build/css/annals.css": "body { color: black }\n",
		"build/empty/x.txt":    "x",
	} {
		if err := afero.WriteFile(fsys, name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func fetch(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := noRedirect.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestServeUnderBasePath(t *testing.T) {
	fsys := site(t)
	ts := httptest.NewServer(New(fsys, "build", "/repo/"))
	defer ts.Close()

	tests := []struct {
		path     string
		status   int
		body     string // a substring
		location string
	}{
		{"/", 302, "", "/repo/"},
		{"/repo", 301, "", "/repo/"},
		{"/repo?q=x", 301, "", "/repo/?q=x"},
		{"/repo/", 200, "<h1>Home</h1>", ""},
		{"/repo/index.html", 200, "<h1>Home</h1>", ""},
		{"/repo/a", 301, "", "/repo/a/"},
		{"/repo/a/", 200, "<h1>A</h1>", ""},
		{"/repo/a/b.html", 200, "<h1>B</h1>", ""},
		{"/repo/a/../a/b.html", 200, "<h1>B</h1>", ""},
		{"/repo/css/annals.css", 200, "color: black", ""},
		{"/repo/empty/", 404, "<h1>Lost</h1>", ""}, // no listing
		{"/repo/missing.html", 404, "<h1>Lost</h1>", ""},
		{"/index.html", 404, "<h1>Lost</h1>", ""},
		{"/css/annals.css", 404, "", ""},
		{"/../build/index.html", 404, "", ""},
	}
	for _, tt := range tests {
		resp, body := fetch(t, ts.URL+tt.path)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.body) {
			t.Errorf("GET %s = %d %.60q, want %d with %q", tt.path, resp.StatusCode, body, tt.status, tt.body)
		}
		if loc := resp.Header.Get("Location"); loc != tt.location {
			t.Errorf("GET %s redirects to %q, want %q", tt.path, loc, tt.location)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control = %q, want no-store", tt.path, cc)
		}
	}
}

func TestServeAtRoot(t *testing.T) {
	ts := httptest.NewServer(New(site(t), "build", "/"))
	defer ts.Close()
	if resp, body := fetch(t, ts.URL+"/"); resp.StatusCode != 200 || !strings.Contains(body, "<h1>Home</h1>") {
		t.Errorf("GET / = %d %.60q, want the home page", resp.StatusCode, body)
	}
	if resp, _ := fetch(t, ts.URL+"/a"); resp.StatusCode != 301 || resp.Header.Get("Location") != "/a/" {
		t.Errorf("GET /a = %d to %q, want 301 to /a/", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestPagesGetTheScript checks what is served against what is on disk:
// HTML gains the script and a wider policy, everything else is served as
// it is, and the files themselves do not change.
func TestPagesGetTheScript(t *testing.T) {
	fsys := site(t)
	srv := New(fsys, "build", "/")
	ts := httptest.NewServer(srv)
	defer ts.Close()

	_, home := fetch(t, ts.URL+"/")
	want := `<script src="/_annals/livereload.js" data-build="` + srv.State().Build + `" defer></script>` + "\n</head>"
	if !strings.Contains(home, want) {
		t.Errorf("the home page lacks %q before </head>:\n%s", want, home)
	}
	if !strings.Contains(home, `content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"`) {
		t.Errorf("the home page's policy does not allow connecting to its server:\n%s", home)
	}
	_, lost := fetch(t, ts.URL+"/nothing/")
	if !strings.Contains(lost, ScriptPath) {
		t.Errorf("the 404 page lacks the script:\n%s", lost)
	}
	if _, css := fetch(t, ts.URL+"/css/annals.css"); css != "body { color: black }\n" {
		t.Errorf("the stylesheet was changed: %q", css)
	}
	if got, _ := afero.ReadFile(fsys, "build/index.html"); string(got) != page("Home") {
		t.Errorf("build/index.html on disk changed:\n%s", got)
	}

	resp, js := fetch(t, ts.URL+ScriptPath)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") || !strings.Contains(js, "EventSource") {
		t.Errorf("GET %s = %s %.60q, want the reload script", ScriptPath, ct, js)
	}
}

func TestNotFoundBeforeTheFirstBuild(t *testing.T) {
	ts := httptest.NewServer(New(afero.NewMemMapFs(), "build", "/repo/"))
	defer ts.Close()
	resp, body := fetch(t, ts.URL+"/repo/")
	if resp.StatusCode != 404 || !strings.Contains(body, ScriptPath) || !strings.Contains(body, `<a href="/repo/">`) {
		t.Errorf("GET /repo/ with no build = %d:\n%s\nwant a 404 page with the reload script", resp.StatusCode, body)
	}
}

func TestInject(t *testing.T) {
	const tag = `<script src="/s.js"></script>`
	tests := []struct{ name, in, want string }{
		{"head", `<html><head><title>x</title></head><body></body></html>`,
			`<html><head><title>x</title>` + tag + "\n</head><body></body></html>"},
		{"upper case", `<HTML><HEAD></HEAD ></HTML>`, `<HTML><HEAD>` + tag + "\n</HEAD ></HTML>"},
		{"no head", `<p>x</p></body>`, `<p>x</p>` + tag + "\n</body>"},
		{"fragment", `<p>x</p>`, `<p>x</p>` + tag + "\n"},
		{"policy", `<meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head>`,
			`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'self'">` + tag + "\n</head>"},
		{"escaped policy, attributes reversed", `<meta content='default-src &#39;none&#39;' http-equiv=content-security-policy>`,
			`<meta content="default-src 'none'; script-src 'self'; connect-src 'self'" http-equiv=content-security-policy>` + tag + "\n"},
		{"other metas", `<meta name="viewport" content="width=device-width"><meta data-content="x" http-equiv="refresh" content="0; url=a/">`,
			`<meta name="viewport" content="width=device-width"><meta data-content="x" http-equiv="refresh" content="0; url=a/">` + tag + "\n"},
	}
	for _, tt := range tests {
		if got := string(Inject([]byte(tt.in), tag)); got != tt.want {
			t.Errorf("%s: Inject(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestAllowSelf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"default-src 'none'; script-src 'self'", "default-src 'none'; script-src 'self'; connect-src 'self'"},
		{"default-src 'self'", "default-src 'self'"},
		{"script-src 'self'", "script-src 'self'"}, // connecting is not restricted
		{"default-src 'none'; connect-src 'none'; script-src 'none'", "default-src 'none'; connect-src 'self'; script-src 'self'"},
		{"default-src https://cdn.example", "default-src https://cdn.example; script-src https://cdn.example 'self'; connect-src https://cdn.example 'self'"},
		{"default-src 'none'; connect-src https://api.example", "default-src 'none'; connect-src https://api.example 'self'; script-src 'self'"},
		{"default-src *", "default-src *"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := AllowSelf(tt.in, "script-src", "connect-src"); got != tt.want {
			t.Errorf("AllowSelf(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanBasePath(t *testing.T) {
	for in, want := range map[string]string{"": "/", "/": "/", "repo": "/repo/", "/repo": "/repo/", "/a/b/": "/a/b/", "my-site.v2": "/my-site.v2/"} {
		if got, err := CleanBasePath(in); err != nil || got != want {
			t.Errorf("CleanBasePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"/a//b/", "/../x/", "/a/./b", "/a b/", "/a?b/", "/é/"} {
		if got, err := CleanBasePath(in); err == nil {
			t.Errorf("CleanBasePath(%q) = %q, want an error", in, got)
		}
	}
}

// TestEvents follows the event stream as a page does: the state when it
// connects, a new build after Built, the errors after Failed, and the end
// of the stream after Close.
func TestEvents(t *testing.T) {
	srv := New(site(t), "build", "/")
	ts := httptest.NewServer(srv)
	defer ts.Close()

	resp, err := http.Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type = %q, want text/event-stream", ct)
	}
	states := make(chan State)
	go func() {
		defer close(states)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st State
				if err := json.Unmarshal([]byte(data), &st); err != nil {
					t.Errorf("bad event data %q: %v", data, err)
				}
				states <- st
			}
		}
	}()
	next := func() State {
		t.Helper()
		select {
		case st, ok := <-states:
			if !ok {
				t.Fatal("the event stream ended")
			}
			return st
		case <-time.After(10 * time.Second):
			t.Fatal("no event within 10 s")
		}
		return State{}
	}

	first := next()
	if first.Build == "" || first.Error != "" {
		t.Fatalf("first state = %+v, want a build and no error", first)
	}
	srv.Failed("content/articles/x.md:2: bad date")
	if st := next(); st.Build != first.Build || st.Error != "content/articles/x.md:2: bad date" {
		t.Errorf("after Failed: %+v, want the same build with the error", st)
	}
	srv.Built()
	second := next()
	if second.Build == first.Build || second.Error != "" {
		t.Errorf("after Built: %+v, want a new build (was %q) and no error", second, first.Build)
	}
	srv.Close()
	select {
	case st, ok := <-states:
		if ok {
			t.Errorf("after Close the stream sent %+v, want its end", st)
		}
	case <-time.After(10 * time.Second):
		t.Error("the stream did not end after Close")
	}
}
