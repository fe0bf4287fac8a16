package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/browsertest"
)

// TestSiteInBrowser reads the built site as a person would: from disk over
// file://, and served under a path prefix as GitHub Pages serves a project
// site. Set ANNALS_BROWSER_SHOTS to a folder to keep a PNG of each page seen.
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
		home := browsertest.ServeDir(t, out, "/archive/")
		readSite(t, b.NewTab(t), home, len(articles))
	})
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
