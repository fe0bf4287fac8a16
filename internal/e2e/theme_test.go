package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/annals-archive/annals/internal/browsertest"
)

// TestThemeOverride builds the example archive with its own article
// template and stylesheet in the site's templates/ and static/, over the
// default theme's, and checks in the browser that article pages use the
// template, and every page the stylesheet, while the rest of the theme
// (its base template, other layouts, the search scripts) still works.
func TestThemeOverride(t *testing.T) {
	site := copySite(t)
	writeFile(t, filepath.Join(site, "templates", "single.html"), `{{ define "main" }}{{ with .Article }}
<article class="house-style">
  <p class="kicker">From the archive</p>
  <h1>{{ .Title }}</h1>
  <div class="body">{{ .Body }}</div>
</article>
{{ end }}{{ end }}
`)
	const css = `body { background: rgb(10, 20, 30); color: rgb(250, 250, 250); font-family: monospace; }
.house-style h1 { font-size: 50px; }
.kicker { text-transform: uppercase; }
`
	writeFile(t, filepath.Join(site, "static", "css", "annals.css"), css)
	out := buildAt(t, site)
	if got, err := os.ReadFile(filepath.Join(out, "css", "annals.css")); err != nil || string(got) != css {
		t.Errorf("the built stylesheet is not the site's: %q (%v)", got, err)
	}
	articles := articlePages(t, out)
	if len(articles) == 0 {
		t.Fatal("no article pages")
	}

	tab := browsertest.Start(t).NewTab(t)
	style := func(sel, prop string) string {
		return browsertest.Eval[string](tab, `getComputedStyle(document.querySelector(`+jsString(sel)+`)).`+prop)
	}
	tab.Navigate(browsertest.FileURL(filepath.Join(out, filepath.FromSlash(articles[0]))))
	if n := tab.Count("article.house-style h1"); n != 1 {
		t.Errorf("%s: %d headings of the site's article template, want 1", articles[0], n)
	}
	if got := tab.Text("article.house-style .kicker"); got != "FROM THE ARCHIVE" {
		t.Errorf("the kicker reads %q, want it upper-cased by the site's stylesheet", got)
	}
	if got := style("article h1", "fontSize"); got != "50px" {
		t.Errorf("the article's heading is %s, want the site stylesheet's 50px", got)
	}
	if n := tab.Count("dl.entities, section.cite"); n != 0 {
		t.Errorf("the page still has %d parts of the theme's article template", n)
	}
	// The theme's base template still frames the page.
	if n := tab.Count("a.skip + header.site"); n != 1 {
		t.Error("the article page lost the theme's skip link and header")
	}
	tab.AssertNoErrors(t)

	// The home page keeps the theme's layout, with the site's stylesheet.
	tab.Navigate(browsertest.FileURL(filepath.Join(out, "index.html")))
	if got := style("body", "backgroundColor"); got != "rgb(10, 20, 30)" {
		t.Errorf("the home page's background is %s, want the site stylesheet's rgb(10, 20, 30)", got)
	}
	if n := tab.Count("ol.articles li"); n == 0 {
		t.Error("the home page lists no articles: the theme's home layout is gone")
	}
	tab.AssertNoErrors(t)

	// Search, from the theme's static files, still runs.
	tab.Navigate(browsertest.FileURL(filepath.Join(out, "search", "index.html")) + "?q=railway")
	if v := waitResults(t, tab, "railway"); len(v.Results) == 0 {
		t.Error("the search page finds nothing for railway")
	}
	tab.AssertNoErrors(t)
}
