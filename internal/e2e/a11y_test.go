package e2e

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/annals-archive/annals/internal/browsertest"
)

// axePath is axe-core's script, installed by `npm ci` in testdata/axe
// (.ci/run does it) at the version its package-lock.json pins.
const axePath = "testdata/axe/node_modules/axe-core/axe.min.js"

// axeScript returns axe-core's script. Without it the test is skipped,
// except under CI, where it fails.
func axeScript(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(axePath)
	if err != nil {
		msg := fmt.Sprintf("no axe-core at internal/e2e/%s (run `npm ci` in internal/e2e/testdata/axe): %v", axePath, err)
		if inCI() {
			t.Fatal(msg + "; CI is set, so the accessibility tests must not be skipped")
		}
		t.Skip(msg)
	}
	return string(data)
}

// inCI reports whether $CI asks for a strict run, as browsertest reads it.
func inCI() bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv("CI"))) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// violation is one rule axe-core found broken, with the elements that
// break it.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe runs axe-core on the page, bringing it in through DevTools (the
// page's Content-Security-Policy would refuse it as a script), and returns
// its violations. axe-core reads the page's style sheets from the CSSOM:
// its preload, which would fetch them again, is off, as the policy
// refuses it (connect-src).
func runAxe(tab *browsertest.Tab, axe string) []violation {
	if !browsertest.Eval[bool](tab, `typeof axe === "object"`) {
		tab.Exec("load axe-core", axe)
	}
	return browsertest.Eval[[]violation](tab, `axe.run(document, {resultTypes: ["violations"], preload: false}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))})))`)
}

// a11yPages are the pages the accessibility tests check, as site paths,
// and a search to run on the search page.
type a11yPage struct{ name, path, query string }

func a11yPages(t *testing.T, out string) []a11yPage {
	articles := articlePages(t, out)
	slices.Sort(articles)
	if len(articles) == 0 {
		t.Fatal("the build has no article pages")
	}
	return []a11yPage{
		{"home", "index.html", ""},
		{"article", articles[len(articles)-1], ""},
		{"year", "2024/index.html", ""},
		{"entity", "people/ilya-dorn/index.html", ""},
		{"search", "search/index.html", "railway"},
	}
}

// TestAccessibility runs axe-core on the home, an article, a year, an
// entity and the search page with results, in light and dark mode as the
// system setting asks for, and fails on any serious or critical
// violation. It also checks the colours follow the setting.
func TestAccessibility(t *testing.T) {
	axe := axeScript(t)
	out := buildSite(t)
	pages := a11yPages(t, out)
	b := browsertest.Start(t)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			tab := b.NewTab(t)
			tab.EmulateMedia("", "prefers-color-scheme", scheme)
			for _, p := range pages {
				url := browsertest.FileURL(filepath.Join(out, filepath.FromSlash(p.path)))
				if p.query != "" {
					url += "?q=" + p.query
				}
				tab.Navigate(url)
				if p.query != "" {
					if v := waitResults(t, tab, p.query); len(v.Results) == 0 {
						t.Fatalf("%s: no results for %q", p.name, p.query)
					}
				}
				bg := browsertest.Eval[string](tab, `getComputedStyle(document.body).backgroundColor`)
				if l := luminance(t, bg); scheme == "dark" && l > 0.05 || scheme == "light" && l < 0.8 {
					t.Errorf("%s in %s mode: the background is %s (luminance %.2f)", p.name, scheme, bg, l)
				}
				vs := runAxe(tab, axe)
				byImpact := map[string]int{}
				for _, v := range vs {
					byImpact[v.Impact]++
					msg := fmt.Sprintf("%s (%s): axe-core %s, %s: %s\n\t%s", p.name, scheme, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n\t"))
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Error(msg)
					} else {
						t.Log(msg)
					}
				}
				t.Logf("%s (%s): %d violations by impact: critical %d, serious %d, moderate %d, minor %d",
					p.name, scheme, len(vs), byImpact["critical"], byImpact["serious"], byImpact["moderate"], byImpact["minor"])
				tab.AssertNoErrors(t)
			}

			// axe-core finds what it should on these pages: text too
			// faint to read, an image without a text.
			faint := map[string]string{"light": "#bbb", "dark": "#444"}[scheme] // 1.9:1 and 1.8:1
			tab.Exec("spoil the page", `document.querySelector("main").insertAdjacentHTML("beforeend",
				'<p class="meta" id="faint">faint</p><img src="data:," id="noalt">');
				document.getElementById("faint").style.color = "`+faint+`"`)
			var ids []string
			for _, v := range runAxe(tab, axe) {
				ids = append(ids, v.ID+" "+v.Impact)
			}
			if !slices.Contains(ids, "image-alt critical") || !slices.Contains(ids, "color-contrast serious") {
				t.Errorf("on a page with an image without alt and invisible text, axe-core found %q", ids)
			}
		})
	}
}

// luminance is the relative luminance (WCAG) of a CSS rgb() or rgba()
// colour.
func luminance(t *testing.T, css string) float64 {
	t.Helper()
	var r, g, b float64
	if _, err := fmt.Sscanf(strings.NewReplacer("rgba(", "", "rgb(", "", ",", " ", ")", " ").Replace(css), "%g %g %g", &r, &g, &b); err != nil {
		t.Fatalf("cannot read the colour %q: %v", css, err)
	}
	lin := func(c float64) float64 {
		c /= 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// focusState describes the element that has the focus and its focus ring.
type focusState struct {
	Tag      string  `json:"tag"`
	ID       string  `json:"id"`
	Text     string  `json:"text"`
	InMain   bool    `json:"inMain"`
	Visible  bool    `json:"visible"` // its box is inside the viewport
	Outline  string  `json:"outline"` // style, width and colour
	Width    float64 `json:"width"`
	Color    string  `json:"color"`
	Backdrop string  `json:"backdrop"` // the page's background
}

const describeFocus = `(() => {
	const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
	return {tag: e.localName, id: e.id, text: (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 40),
		inMain: !!e.closest("main") && e.localName !== "main",
		visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
		outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0, color: s.outlineColor,
		backdrop: getComputedStyle(document.body).backgroundColor};
})()`

// contrast is the WCAG contrast ratio of two CSS colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestKeyboard walks the first stops of the Tab order on each page, in
// light and dark mode: the skip link comes first, is shown when it has the
// focus and moves the focus to the main content; and every stop shows a
// focus ring of at least 2 px, at 3:1 against the background (WCAG 2.2,
// 1.4.11 and 2.4.7).
func TestKeyboard(t *testing.T) {
	out := buildSite(t)
	pages := a11yPages(t, out)
	b := browsertest.Start(t)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			tab := b.NewTab(t)
			tab.EmulateMedia("", "prefers-color-scheme", scheme)
			for _, p := range pages {
				url := browsertest.FileURL(filepath.Join(out, filepath.FromSlash(p.path)))
				tab.Navigate(url)

				// The skip link is the first stop and takes the reader
				// to <main>; the next stop is inside it.
				tab.Press(kb.Tab)
				f := browsertest.Eval[focusState](tab, describeFocus)
				checkRing(t, p.name+" ("+scheme+")", f)
				if f.Tag != "a" || f.Text != "Skip to content" || !f.Visible {
					t.Errorf("%s: the first Tab stop is <%s> %q (shown: %v), want the skip link, shown", p.name, f.Tag, f.Text, f.Visible)
				}
				tab.Press(kb.Enter)
				if f := browsertest.Eval[focusState](tab, describeFocus); f.Tag != "main" {
					t.Errorf("%s: the skip link moved the focus to <%s id=%q>, want <main>", p.name, f.Tag, f.ID)
				}
				tab.Press(kb.Tab)
				if f := browsertest.Eval[focusState](tab, describeFocus); !f.InMain {
					t.Errorf("%s: after the skip link, Tab went to <%s> %q, outside <main>", p.name, f.Tag, f.Text)
				} else {
					checkRing(t, p.name+" ("+scheme+")", f)
				}

				// From the top again: the header's links and the
				// search box, then the first stops of the content.
				tab.Navigate(url)
				tab.Press(kb.Tab)
				for range 12 {
					tab.Press(kb.Tab)
					f := browsertest.Eval[focusState](tab, describeFocus)
					if f.Tag == "body" {
						break // past the last stop, the focus leaves the page
					}
					checkRing(t, p.name+" ("+scheme+")", f)
				}
				tab.AssertNoErrors(t)
			}
		})
	}
}

// checkRing checks the focused element shows a focus ring.
func checkRing(t *testing.T, page string, f focusState) {
	t.Helper()
	switch {
	case !f.Visible:
		t.Errorf("%s: the focused <%s> %q is not in view", page, f.Tag, f.Text)
	case f.Outline == "none" || f.Width < 2:
		t.Errorf("%s: the focused <%s> %q has no ring: outline %s %gpx", page, f.Tag, f.Text, f.Outline, f.Width)
	default:
		if c := contrast(t, f.Color, f.Backdrop); c < 3 {
			t.Errorf("%s: the ring of the focused <%s> %q, %s on %s, has a contrast of %.1f:1, want 3:1", page, f.Tag, f.Text, f.Color, f.Backdrop, c)
		}
	}
}

// printView describes an article page as printed.
type printView struct {
	Shown    []string `json:"shown"`    // site chrome that is still shown
	Missing  []string `json:"missing"`  // outside links whose address is not printed
	Links    int      `json:"links"`    // outside links in the article
	Color    string   `json:"color"`    // of the body text
	Backdrop string   `json:"backdrop"` // of the page
	Size     float64  `json:"size"`     // the body's font size, px
	Line     float64  `json:"line"`     // its line height, px
	Family   string   `json:"family"`
	Article  bool     `json:"article"` // the article's heading and text are shown
}

const describePrint = `(() => {
	const shown = Array.from(document.querySelectorAll("header.site, footer.site, nav, form, .skip"))
		.filter(e => e.checkVisibility()).map(e => e.localName + "." + e.className);
	const links = Array.from(document.querySelectorAll("article a[href^='http']"));
	const missing = links.filter(a => !a.innerText.includes(a.href) && !getComputedStyle(a, "::after").content.includes(a.getAttribute("href")))
		.map(a => a.getAttribute("href"));
	const s = getComputedStyle(document.body);
	return {shown, missing, links: links.length, color: s.color, backdrop: s.backgroundColor,
		size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight), family: s.fontFamily,
		article: document.querySelector("article h1").checkVisibility() && document.querySelector("article .body").checkVisibility()};
})()`

// TestPrintArticle prints an article page (emulated print media), in light
// and dark mode: no navigation, search or footer; every outside link's
// address printed; black text on white in a readable serif.
func TestPrintArticle(t *testing.T) {
	site := copySite(t)
	writeFile(t, filepath.Join(site, "content", "articles", "2024", "05", "20", "printed.md"),
		"---\ntitle: The Accord in Print\ndate: 2024-05-20\nslug: the-accord-in-print\nsource: Toriva Morning Post\noriginal_url: https://post.example/2024/05/20/accord\n---\n\n"+
			"The [text of the accord](https://treaty.example/accord) and [its annex](http://treaty.example/annex) are public.\n\n"+
			"See also the [archive](../../../../archive/index.html), a link inside the site.\n")
	out := buildAt(t, site, "--base-url", "https://archive.example/")
	b := browsertest.Start(t)
	tab := b.NewTab(t)
	for _, scheme := range []string{"light", "dark"} {
		tab.EmulateMedia("print", "prefers-color-scheme", scheme)
		tab.Navigate(browsertest.FileURL(filepath.Join(out, "2024", "05", "20", "the-accord-in-print", "index.html")))
		v := browsertest.Eval[printView](tab, describePrint)
		if len(v.Shown) > 0 {
			t.Errorf("%s: printed with %q", scheme, v.Shown)
		}
		if v.Links < 4 || len(v.Missing) > 0 {
			t.Errorf("%s: of %d outside links, these are printed without their address: %q", scheme, v.Links, v.Missing)
		}
		if !v.Article {
			t.Errorf("%s: the article's heading or text is not printed", scheme)
		}
		if luminance(t, v.Color) > 0.01 || luminance(t, v.Backdrop) < 0.99 {
			t.Errorf("%s: printed in %s on %s, want black on white", scheme, v.Color, v.Backdrop)
		}
		if v.Size < 15.5 || v.Line < 1.4*v.Size || !strings.Contains(v.Family, "serif") {
			t.Errorf("%s: printed in %gpx/%gpx %s, want at least 12pt (16px), 1.4 lines, a serif", scheme, v.Size, v.Line, v.Family)
		}
		t.Logf("%s: %d outside links with their address, %gpx/%gpx %s", scheme, v.Links, v.Size, v.Line, v.Family)
	}
	tab.AssertNoErrors(t)
}
