package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/browsertest"
	"github.com/annals-archive/annals/internal/preview"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// fetch gets url without following redirects.
func fetch(t testing.TB, url string) (*http.Response, string) {
	t.Helper()
	resp, err := noRedirect.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func get(t testing.TB, url string) string {
	t.Helper()
	_, body := fetch(t, url)
	return body
}

// served is a running annals serve.
type served struct {
	url      string // the site's address, as serve prints it
	out, err *syncBuffer
}

// startServe runs annals serve with args on fsys until the test ends, and
// returns once it prints the site's address.
func startServe(t testing.TB, fsys afero.Fs, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{out: &syncBuffer{}, err: &syncBuffer{}}
	done := make(chan int)
	go func() {
		done <- Main(ctx, append([]string{"serve"}, args...), Stdio{Out: s.out, Err: s.err}, fsys)
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != ExitOK {
			t.Errorf("serve exited %d: %s", code, s.err.String())
		}
	})
	serving := regexp.MustCompile(`Serving .* at (http://\S+)`)
	eventually(t, "serve to print its address", func() bool { return serving.MatchString(s.out.String()) })
	s.url = serving.FindStringSubmatch(s.out.String())[1]
	return s
}

func TestServeRebuildsOnChange(t *testing.T) {
	fsys := afero.NewMemMapFs()
	page := "---\ntitle: First Title\ndate: 2024-01-02\n---\nText.\n"
	name := "site/content/articles/2024/01/02/first.md"
	afero.WriteFile(fsys, name, []byte(page), 0o644)

	s := startServe(t, fsys, "--site", "site", "--addr", "127.0.0.1:0")
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/$`).MatchString(s.url) {
		t.Errorf("serve prints the address %q, want http://127.0.0.1:PORT/", s.url)
	}
	if got := get(t, s.url+"2024/01/02/first/"); !strings.Contains(got, "First Title") {
		t.Fatalf("served article page lacks its title:\n%s", got)
	}

	afero.WriteFile(fsys, name, []byte(strings.Replace(page, "First Title", "Second Title", 1)), 0o644)
	eventually(t, "the rebuild", func() bool {
		return strings.Contains(get(t, s.url+"2024/01/02/first/"), "Second Title")
	})
	// The new page is served as soon as the build is swapped in, a moment
	// before serve reports the rebuild.
	want := "content/articles/2024/01/02/first.md changed: rebuilt 1 article,"
	eventually(t, "serve to report the rebuild", func() bool { return strings.Contains(s.out.String(), want) })
}

// TestServeReportsFailedBuilds checks that a broken page is reported with
// its file and line, that the previous build stays served, and that a fix
// is built.
func TestServeReportsFailedBuilds(t *testing.T) {
	fsys := afero.NewMemMapFs()
	name := "site/content/articles/2024/01/02/first.md"
	afero.WriteFile(fsys, name, []byte("---\ntitle: First Title\ndate: 2024-01-02\n---\nText.\n"), 0o644)
	s := startServe(t, fsys, "--site", "site", "--addr", "127.0.0.1:0")

	afero.WriteFile(fsys, name, []byte("---\ntitle: Broken\ndate: 2024-02-30\n---\nText.\n"), 0o644)
	eventually(t, "the failed build's report", func() bool { return strings.Contains(s.err.String(), "the build failed") })
	if !strings.Contains(s.err.String(), name+":3") {
		t.Errorf("serve's errors do not name %s:3:\n%s", name, s.err.String())
	}
	if got := get(t, s.url+"2024/01/02/first/"); !strings.Contains(got, "First Title") {
		t.Errorf("after a failed build, the previous page is gone:\n%s", got)
	}
	afero.WriteFile(fsys, name, []byte("---\ntitle: Fixed Title\ndate: 2024-01-02\n---\nText.\n"), 0o644)
	eventually(t, "the fixed build", func() bool {
		return strings.Contains(get(t, s.url+"2024/01/02/first/"), "Fixed Title")
	})
}

func TestServeUnderBasePath(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "site/content/articles/2024/01/02/first.md", []byte("---\ntitle: First Title\ndate: 2024-01-02\n---\nText.\n"), 0o644)
	afero.WriteFile(fsys, "site/annals.toml", []byte("title = \"Base Path Test\"\nbase_url = \"https://owner.github.io/archive/\"\n"), 0o644)

	for _, tt := range []struct {
		args []string
		path string
	}{
		{[]string{"--base-path", "/repo/"}, "/repo/"},
		{[]string{"--base-path", "repo"}, "/repo/"},
		{[]string{"--base-path", "auto"}, "/archive/"},
		{[]string{"--base-path", "auto", "--base-url", "https://owner.github.io/other/"}, "/other/"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			args := append([]string{"--site", "site", "--addr", "127.0.0.1:0"}, tt.args...)
			s := startServe(t, fsys, args...)
			root, ok := strings.CutSuffix(s.url, tt.path)
			if !ok {
				t.Fatalf("serve prints %s, want an address ending in %s", s.url, tt.path)
			}
			if resp, _ := fetch(t, root+"/"); resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != tt.path {
				t.Errorf("GET / = %d to %q, want a redirect to %s", resp.StatusCode, resp.Header.Get("Location"), tt.path)
			}
			if home := get(t, s.url); !strings.Contains(home, "Base Path Test") || !strings.Contains(home, `href="css/annals.css"`) {
				t.Errorf("GET %s is not the home page:\n%s", s.url, home)
			}
			if resp, css := fetch(t, s.url+"css/annals.css"); resp.StatusCode != 200 || !strings.Contains(css, "{") {
				t.Errorf("GET %scss/annals.css = %d, want the stylesheet", s.url, resp.StatusCode)
			}
			if resp, _ := fetch(t, root+"/css/annals.css"); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET /css/annals.css outside the base path = %d, want 404", resp.StatusCode)
			}
		})
	}
}

func TestServeBasePathErrors(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "site/annals.toml", []byte("title = \"No base URL\"\n"), 0o644)
	for _, tt := range []struct{ args, want string }{
		{"--base-path auto", "none is set: use --base-url or base_url in site/annals.toml"},
		{"--base-path /a/../b/", `base path "/a/../b/"`},
		{"--base-path auto --base-url ://bad", "--base-url must start with https:// or http://"},
	} {
		args := append([]string{"serve", "--site", "site", "--addr", "127.0.0.1:0"}, strings.Fields(tt.args)...)
		code, _, errOut := runCLI(t, fsys, args...)
		if code != ExitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("annals serve %s: exit %d, %q; want %d with %q", tt.args, code, errOut, ExitUsage, tt.want)
		}
	}
}

func TestServeListensOnLoopbackByDefault(t *testing.T) {
	c := lookup("serve")
	fs, _ := newFlagSet(c)
	host, _, err := net.SplitHostPort(fs.Lookup("addr").DefValue)
	if err != nil || host != "127.0.0.1" {
		t.Errorf("serve listens on %q by default, want 127.0.0.1", fs.Lookup("addr").DefValue)
	}
}

func TestSiteURL(t *testing.T) {
	tests := []struct {
		addr, base, url string
		warns           bool
	}{
		{"127.0.0.1:1313", "/", "http://127.0.0.1:1313/", false},
		{"127.0.0.1:1313", "/repo/", "http://127.0.0.1:1313/repo/", false},
		{"[::1]:1313", "/", "http://[::1]:1313/", false},
		{"0.0.0.0:1313", "/", "http://localhost:1313/", true},
		{"[::]:8080", "/r/", "http://localhost:8080/r/", true},
		{"192.0.2.7:1313", "/", "http://192.0.2.7:1313/", true},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		url, warning := siteURL(addr, tt.base)
		if url != tt.url || (warning != "") != tt.warns {
			t.Errorf("siteURL(%s, %s) = %q, %q; want %q, warning %v", tt.addr, tt.base, url, warning, tt.url, tt.warns)
		}
	}
}

// exampleArchive copies the repository's example archive (annals.toml
// and content/) into a new folder on the OS file system, and returns the
// folder and the Markdown file of its first article.
func exampleArchive(t testing.TB) (dir, article string) {
	t.Helper()
	dir = t.TempDir()
	src := filepath.Join("..", "..")
	err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if article == "" && strings.HasSuffix(p, ".md") && strings.Contains(p, filepath.Join("content", "articles")) {
			article = p
		}
		return copyFile(p, filepath.Join(dir, p[len(src):]))
	})
	if err == nil {
		err = copyFile(filepath.Join(src, "annals.toml"), filepath.Join(dir, "annals.toml"))
	}
	if err != nil {
		t.Fatal(err)
	}
	if article == "" {
		t.Fatal("the example archive has no article")
	}
	return dir, filepath.Join(dir, article[len(src):])
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// articleAddress is the address of an article page below the site's
// root: content/articles/2023/02/14/x.md is at 2023/02/14/x/.
func articleAddress(dir, article string) string {
	rel, _ := filepath.Rel(filepath.Join(dir, "content", "articles"), article)
	return filepath.ToSlash(strings.TrimSuffix(rel, ".md")) + "/"
}

// TestServeLeavesTheBuildAsBuildWritesIt checks that the reload script is
// added only on the way to the browser: after serve has built and rebuilt,
// its output folder is byte for byte what annals build writes.
func TestServeLeavesTheBuildAsBuildWritesIt(t *testing.T) {
	dir, article := exampleArchive(t)
	osFs := afero.NewOsFs()
	s := startServe(t, osFs, "--site", dir, "--addr", "127.0.0.1:0", "--base-path", "/repo/")
	page := s.url + articleAddress(dir, article)
	if got := get(t, page); !strings.Contains(got, preview.ScriptPath) {
		t.Fatalf("the served page %s lacks the reload script", page)
	}
	appendText(t, article, "A sentence added while previewing.")
	eventually(t, "the rebuild", func() bool { return strings.Contains(get(t, page), "A sentence added while previewing.") })

	other := t.TempDir()
	mustRun(t, osFs, "build", "--site", dir, "--out", other)
	served, built := filesUnder(t, filepath.Join(dir, "build")), filesUnder(t, other)
	if len(served) != len(built) || len(built) == 0 {
		t.Errorf("serve's build/ has %d files, annals build wrote %d", len(served), len(built))
	}
	for name, data := range built {
		if !bytes.Equal(served[name], data) {
			t.Errorf("build/%s differs from what annals build writes", name)
		}
	}
	for name, data := range served {
		if bytes.Contains(data, []byte("/_annals/")) || bytes.Contains(data, []byte("connect-src")) {
			t.Errorf("build/%s on disk contains the reload script or its policy", name)
		}
	}
}

// filesUnder reads every file under dir, by slash-separated relative path.
func filesUnder(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// appendText adds a paragraph to the end of a Markdown file.
func appendText(t testing.TB, file, text string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(data, []byte("\n"+text+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestServeReloadsInBrowser opens an article of the example archive,
// served under a subpath as GitHub Pages serves a project site, in
// Chromium, and edits its Markdown as a person would: the open page must
// reload by itself and show the new text; a broken edit must show its
// errors over the page, and fixing it must reload the page again.
func TestServeReloadsInBrowser(t *testing.T) {
	dir, article := exampleArchive(t)
	original, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	b := browsertest.Start(t)
	s := startServe(t, afero.NewOsFs(), "--site", dir, "--addr", "127.0.0.1:0", "--base-path", "/repo/")
	page := s.url + articleAddress(dir, article)
	tab := b.NewTab(t)

	t.Run("subpath", func(t *testing.T) {
		root := strings.TrimSuffix(s.url, "/repo/")
		tab.Navigate(root + "/")
		if got := tab.Location(); got != s.url {
			t.Errorf("opening %s/ leads to %s, want %s", root, got, s.url)
		}
		tab.Navigate(page)
		// The theme's stylesheet applies: the page's text is not in the
		// browser's default font.
		if n := browsertest.Eval[int](tab, `document.styleSheets.length && document.styleSheets[0].cssRules.length`); n == 0 {
			t.Error("the article page has no stylesheet rules: css/annals.css did not load")
		}
		if font := browsertest.Eval[string](tab, `getComputedStyle(document.body).fontFamily`); font == "Times New Roman" || font == "" {
			t.Errorf("the body's font is %q: the stylesheet did not apply", font)
		}
		tab.AssertNoErrors(t)
	})

	t.Run("reload", func(t *testing.T) {
		tab.Navigate(page)
		// The first edit rebuilds every file (no earlier build lies beside
		// build/ yet); the later ones write only the pages that changed.
		for i := 1; i <= 3; i++ {
			browsertest.Eval[bool](tab, `window.notReloaded = true`)
			text := fmt.Sprintf("Sentence %d, added while the page was open.", i)
			start := time.Now()
			appendText(t, article, text)
			waitForText(t, tab, text)
			seen := time.Since(start)
			if browsertest.Eval[bool](tab, `window.notReloaded === true`) {
				t.Error("the new text appeared without a reload")
			}
			// The new page's navigation began at performance.timeOrigin.
			began := time.UnixMilli(int64(browsertest.Eval[float64](tab, `performance.timeOrigin`))).Sub(start)
			t.Logf("edit %d of one article: the page began to reload %v after the save and showed the new text after %v",
				i, began.Round(time.Millisecond), seen.Round(time.Millisecond))
		}
		tab.AssertNoErrors(t)
	})

	t.Run("failed build", func(t *testing.T) {
		tab.Navigate(page)
		broken := strings.Replace(string(original), "date: ", "date: 2024-02-30\nx_", 1)
		if err := os.WriteFile(article, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		waitFor(t, tab, "the build's errors over the page", `(document.getElementById("annals-serve-error") || {}).innerText || ""`,
			func(s string) bool { return strings.Contains(s, filepath.Base(article)) })
		if got := tab.Text("h1"); got == "" {
			t.Error("the page under the errors is empty: the previous build should still show")
		}

		fixed := "Fixed, and the page came back."
		if err := os.WriteFile(article, append(original, []byte("\n"+fixed+"\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		waitForText(t, tab, fixed)
		if n := tab.Count("#annals-serve-error"); n != 0 {
			t.Error("the errors still show after the build was fixed")
		}
		tab.AssertNoErrors(t)
	})
}

// waitForText waits until the page's text contains text.
func waitForText(t *testing.T, tab *browsertest.Tab, text string) {
	t.Helper()
	waitFor(t, tab, "the text "+text, `document.body ? document.body.innerText : ""`,
		func(s string) bool { return strings.Contains(s, text) })
}

// waitFor evaluates expr in the tab until ok accepts its value, for at most
// 10 s. It tolerates the moments when the page is reloading and has no
// document to evaluate in.
func waitFor(t *testing.T, tab *browsertest.Tab, what, expr string, ok func(string) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(tab.Context(), time.Second)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		cancel()
		if err == nil {
			if ok(v) {
				return
			}
			last = v
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s; the page shows:\n%.2000s", what, last)
}

// BenchmarkServeReload measures how long one changed article takes to
// reach the pages: from writing the Markdown file to the server telling
// the pages that the new build is ready, on the example archive. Run it
// with go test -run '^$' -bench ServeReload -benchtime 20x ./internal/cli.
func BenchmarkServeReload(b *testing.B) {
	dir, article := exampleArchive(b)
	original, err := os.ReadFile(article)
	if err != nil {
		b.Fatal(err)
	}
	s := startServe(b, afero.NewOsFs(), "--site", dir, "--addr", "127.0.0.1:0")
	root, _ := strings.CutSuffix(s.url, "/")
	resp, err := http.Get(root + preview.EventsPath)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewScanner(resp.Body)
	next := func() preview.State {
		for events.Scan() {
			if data, ok := strings.CutPrefix(events.Text(), "data: "); ok {
				var st preview.State
				if err := json.Unmarshal([]byte(data), &st); err != nil {
					b.Fatal(err)
				}
				return st
			}
		}
		b.Fatal("the event stream ended")
		return preview.State{}
	}
	st := next()
	page := s.url + articleAddress(dir, article)

	n := 0
	var total time.Duration
	for b.Loop() {
		n++
		text := "Edit number " + strings.Repeat("I", n%20+1) + "."
		start := time.Now()
		if err := os.WriteFile(article, append(original, []byte("\n"+text+"\n")...), 0o644); err != nil {
			b.Fatal(err)
		}
		for was := st.Build; st.Build == was; {
			if st = next(); st.Error != "" {
				b.Fatalf("the build failed: %s", st.Error)
			}
		}
		total += time.Since(start)
		if !strings.Contains(get(b, page), text) {
			b.Fatalf("after the reload event, %s lacks %q", page, text)
		}
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(n), "ms/reload")
}
