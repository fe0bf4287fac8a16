package e2e

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/browsertest"
)

// TestSiteInBrowser reads the built site as a person would: from disk over
// file://, and published under a path prefix as GitHub Pages publishes a
// project site. There the site is built with the address it is served at
// as its base URL (--base-url http://127.0.0.1:PORT/repo/), and every page
// is opened, as well as the page a missing address shows (404.html). Set
// ANNALS_BROWSER_SHOTS to a folder to keep a PNG of each page seen.
func TestSiteInBrowser(t *testing.T) {
	out := buildSite(t)
	articles := articlePages(t, out)
	if len(articles) == 0 {
		t.Fatal("the build has no article pages")
	}
	b := browsertest.Start(t)

	t.Run("file", func(t *testing.T) {
		home := browsertest.FileURL(filepath.Join(out, "index.html"))
		readSite(t, b.NewTab(t), home, len(articles))
	})
	t.Run("subpath", func(t *testing.T) {
		published := filepath.Join(t.TempDir(), "published")
		home := browsertest.ServeDir(t, published, "/repo/")
		if err := os.Rename(buildSite(t, "--base-url", home), published); err != nil {
			t.Fatal(err)
		}
		tab := b.NewTab(t)
		readSite(t, tab, home, len(articles))
		openEveryPage(t, tab, home, published)
	})
}

// pageCheck is what openEveryPage reads of each page.
type pageCheck struct {
	Stylesheet bool     `json:"stylesheet"` // the theme's stylesheet has loaded and applies
	H1         string   `json:"h1"`
	Links      []string `json:"links"` // the addresses of its links and resources, as the browser resolved them
}

const readPage = `(() => ({
	stylesheet: Array.from(document.styleSheets).some(s => /\/css\/annals\.css$/.test(s.href || "") && s.cssRules.length > 0)
		&& getComputedStyle(document.body).maxWidth !== "none",
	h1: (document.querySelector("h1") || {}).innerText || "",
	links: Array.from(document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]"),
		e => new URL(e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action"), document.baseURI).href),
}))()`

// openEveryPage opens every page of the site at home (served from the
// folder out) and the page of a missing address, and checks each: no
// error, failed request or CSP violation; the stylesheet applies; one
// heading; and every link and resource within the site's host resolves
// (HTTP 200) under the site's path.
func openEveryPage(t *testing.T, tab *browsertest.Tab, home, out string) {
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") && d.Name() != "404.html" {
			rel, err := filepath.Rel(out, p)
			if err != nil {
				return err
			}
			pages = append(pages, home+filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	host, _, _ := strings.Cut(strings.TrimPrefix(home, "http://"), "/")
	status := map[string]int{}
	links := 0
	check := func(page string) {
		t.Helper()
		v := browsertest.Eval[pageCheck](tab, readPage)
		if !v.Stylesheet {
			t.Errorf("%s: the stylesheet did not load", page)
		}
		if strings.TrimSpace(v.H1) == "" {
			t.Errorf("%s: no heading", page)
		}
		for _, l := range v.Links {
			l, _, _ = strings.Cut(l, "#")
			if !strings.HasPrefix(l, "http://"+host+"/") || l == page {
				continue // another site, or the page itself (#main)
			}
			links++
			if !strings.HasPrefix(l, home) {
				t.Errorf("%s: the link %s leaves the site's path %s", page, l, home)
				continue
			}
			if _, ok := status[l]; !ok {
				status[l] = httpStatus(t, l)
			}
			if status[l] != 200 {
				t.Errorf("%s: the link %s answers %d", page, l, status[l])
			}
		}
	}
	for _, p := range pages {
		tab.Navigate(p)
		check(p)
		tab.AssertNoErrors(t)
	}

	// A missing address shows 404.html, whose links are absolute and so
	// work at any depth.
	missing := home + "no/such/page/"
	tab.Navigate(missing)
	if h1 := tab.Text("h1"); h1 != "Page not found" {
		t.Errorf("%s shows %q, want the 404 page", missing, h1)
	}
	check(missing)
	for _, p := range tab.TakeProblems() {
		if p.Kind != browsertest.HTTPError || p.URL != missing {
			t.Errorf("%s: %v", missing, p)
		}
	}
	t.Logf("opened %d pages and the 404 page under %s: %d links to %d addresses of the site, all 200", len(pages), home, links, len(status))
}

// httpStatus returns the status of a GET of url.
func httpStatus(t *testing.T, url string) int {
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// articleLinks is a script that lists the links of the page's main content
// that lead to an article page, in document order, as {href, url, text}.
const articleLinks = `Array.from(document.querySelectorAll("main a[href]"))
	.filter(a => /(^|\/)(\d{4}\/\d{2}\/\d{2}|undated)\/[^\/]+\/index\.html$/.test(a.getAttribute("href")))
	.map(a => ({href: a.getAttribute("href"), url: a.href, text: a.innerText.trim()}))`

type pageLink struct {
	Href string `json:"href"` // as written in the page
	URL  string `json:"url"`  // resolved by the browser
	Text string `json:"text"`
}

// readSite walks the site from its home page: an article and back, then the
// list of all articles and an article from it, checking every page for
// errors.
func readSite(t *testing.T, tab *browsertest.Tab, home string, articles int) {
	shots := screenshots(t)

	tab.Navigate(home)
	checkPage(t, tab, "home", home)
	shots(tab, "home")

	links := browsertest.Eval[[]pageLink](tab, articleLinks)
	if len(links) == 0 {
		t.Fatalf("the home page %s lists no article in <main>", home)
	}
	first := links[0]
	tab.Follow("main a[href=" + cssString(first.Href) + "]")
	checkPage(t, tab, "article", first.URL)
	if h1 := tab.Text("h1"); h1 != first.Text {
		t.Errorf("the article's <h1> is %q, but the home page's link to it reads %q", h1, first.Text)
	}
	shots(tab, "article")

	tab.Back()
	checkPage(t, tab, "home again", home)

	tab.Follow(`a[href$="articles/index.html"]`)
	list := strings.TrimSuffix(home, "index.html") + "articles/index.html"
	checkPage(t, tab, "all articles", list)
	shots(tab, "all-articles")

	listed := browsertest.Eval[[]pageLink](tab, articleLinks)
	paginated := tab.Count(`a[rel="next"]`) > 0
	distinct := map[string]bool{}
	for _, l := range listed {
		distinct[l.URL] = true
	}
	switch {
	case len(distinct) == 0:
		t.Fatalf("the list of all articles %s links to no article", list)
	case !paginated && len(distinct) != articles:
		t.Errorf("the list of all articles links to %d articles, the build has %d", len(distinct), articles)
	}

	last := listed[len(listed)-1]
	tab.Follow("main a[href=" + cssString(last.Href) + "]")
	checkPage(t, tab, "article from the list", last.URL)
}

// checkPage checks the tab shows the page at want with one <h1>, and that
// the browser saw no error on the way.
func checkPage(t *testing.T, tab *browsertest.Tab, what, want string) {
	t.Helper()
	if got := tab.Location(); got != want {
		t.Errorf("%s: the browser is at %s, want %s", what, got, want)
	}
	switch n := tab.Count("h1"); {
	case n == 0:
		t.Errorf("%s (%s) has no <h1>", what, want)
	case strings.TrimSpace(tab.Text("h1")) == "":
		t.Errorf("%s (%s) has an empty <h1>", what, want)
	}
	tab.AssertNoErrors(t)
}

// cssString quotes s as a CSS string (a JSON string is one, for the
// characters of a URL).
func cssString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// screenshots returns a func that saves a full-page PNG of the tab into
// $ANNALS_BROWSER_SHOTS, or does nothing when it is unset.
func screenshots(t *testing.T) func(*browsertest.Tab, string) {
	dir := os.Getenv("ANNALS_BROWSER_SHOTS")
	if dir == "" {
		return func(*browsertest.Tab, string) {}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	prefix := strings.ReplaceAll(t.Name(), "/", "-")
	return func(tab *browsertest.Tab, name string) {
		t.Helper()
		p := filepath.Join(dir, fmt.Sprintf("%s-%s.png", prefix, name))
		tab.Screenshot(p)
		t.Logf("screenshot: %s", p)
	}
}
