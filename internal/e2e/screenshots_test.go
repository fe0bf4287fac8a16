package e2e

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/browsertest"
)

// screenshotHeight is the most of a page, from its top, that a screenshot
// shows, in CSS pixels: enough to show the page, small enough to commit.
const screenshotHeight = 2000

// TestScreenshots writes the screenshots of the README: every kind of
// page of the example archive (content/), search with results, at a
// desktop's width and a phone's, as PAGE-WIDTH.png into the folder
// $ANNALS_SCREENSHOTS. It is skipped when that is unset. Regenerate them with
//
//	ANNALS_SCREENSHOTS=$PWD/docs/screenshots go test -run TestScreenshots ./internal/e2e/
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("ANNALS_SCREENSHOTS")
	if dir == "" {
		t.Skip("skipped: set ANNALS_SCREENSHOTS to a folder to write the README's screenshots into it")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	site := copySite(t)
	if !hasEntities(t, site) {
		// content/ predates entity tagging: import its raw inputs
		// again, as `annals import examples/raw` would today.
		t.Logf("content/ names no entities; taking the screenshots of examples/raw imported anew")
		site = importExamples(t)
		toml, err := os.ReadFile(filepath.Join(moduleRoot(t), "annals.toml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "annals.toml"), toml, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := buildAt(t, site)
	c := newChecker(t, out, "")
	// Every kind of page; search with the results of a query; the day of
	// the article shown.
	article := c.busiest(t, articlePath, func(p string) int { return len(c.pages[p].entities) })
	pages := []struct{ name, page, query string }{
		{"home", "index.html", ""},
		{"articles", "articles/index.html", ""},
		{"archive", "archive/index.html", ""},
		{"year", c.busiest(t, regexp.MustCompile(`^\d{4}/index\.html$`), c.articleLinks), ""},
		{"month", c.busiest(t, regexp.MustCompile(`^\d{4}/\d{2}/index\.html$`), c.articleLinks), ""},
		{"day", path.Join(path.Dir(path.Dir(article)), "index.html"), ""},
		{"people", "people/index.html", ""},
		{"entity", c.busiest(t, regexp.MustCompile(`^people/[^/]+/index\.html$`), c.articleLinks), ""},
		{"article", article, ""},
		{"search", "search/index.html", "railway"},
	}
	b := browsertest.Start(t)
	for _, vp := range []struct {
		name          string
		width, height int
		mobile        bool
	}{
		{"desktop", 1280, 900, false},
		{"phone", 390, 844, true},
	} {
		tab := b.NewTab(t)
		tab.SetViewport(vp.width, vp.height, vp.mobile)
		for _, p := range pages {
			url := browsertest.FileURL(filepath.Join(out, filepath.FromSlash(p.page)))
			if p.query != "" {
				url += "?q=" + p.query
			}
			tab.Navigate(url)
			if p.query != "" {
				waitResults(t, tab, p.query)
			}
			tab.AssertNoErrors(t)
			if w := browsertest.Eval[int](tab, "document.documentElement.scrollWidth"); w > vp.width {
				t.Errorf("%s at %d px: the page is %d px wide and scrolls sideways", p.page, vp.width, w)
			}
			shot := filepath.Join(dir, p.name+"-"+vp.name+".png")
			tab.ScreenshotTop(shot, screenshotHeight)
			if err := shrinkPNG(shot); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %s", shot, p.page)
		}
	}
}

// hasEntities reports whether any article of the site names an entity.
func hasEntities(t testing.TB, site string) bool {
	return slices.ContainsFunc(contentPages(t, site), func(cp contentPage) bool { return len(cp.article.Entities) > 0 })
}

// articleLinks counts the distinct article pages a page links to.
func (c *checker) articleLinks(page string) int {
	seen := map[string]bool{}
	for _, l := range c.pages[page].links {
		if target, _, internal, err := c.resolve(l); err == nil && internal && l.tag == "a" && articlePath.MatchString(target) {
			seen[target] = true
		}
	}
	return len(seen)
}

// busiest returns the page whose path matches re with the highest score,
// the first in path order among equals. It fails the test when no page
// scores more than 1.
func (c *checker) busiest(t *testing.T, re *regexp.Regexp, score func(page string) int) string {
	t.Helper()
	var names []string
	for name, p := range c.pages {
		if re.MatchString(name) && p.redirect == "" && !strings.Contains(name, "/by-letter/") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	best, top := "", 1
	for _, name := range names {
		if s := score(name); s > top {
			best, top = name, s
		}
	}
	if best == "" {
		t.Fatalf("no page of the build matches %s with a score above 1", re)
	}
	return best
}

// shrinkPNG rewrites the PNG at path with a palette of its 256 most common
// colours, each other colour mapped to the nearest of them, and the best
// compression: a page of text has a few hundred colours, mostly shades of
// its text's edges, so the picture looks the same at a third of the size.
func shrinkPNG(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	b := img.Bounds()
	count := map[color.NRGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			count[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)]++
		}
	}
	colors := make([]color.NRGBA, 0, len(count))
	for c := range count {
		colors = append(colors, c)
	}
	slices.SortFunc(colors, func(p, q color.NRGBA) int {
		return cmp.Or(cmp.Compare(count[q], count[p]),
			cmp.Compare(p.R, q.R), cmp.Compare(p.G, q.G), cmp.Compare(p.B, q.B), cmp.Compare(p.A, q.A))
	})
	palette := make(color.Palette, 0, 256)
	for _, c := range colors[:min(256, len(colors))] {
		palette = append(palette, c)
	}
	index := make(map[color.NRGBA]uint8, len(colors))
	for _, c := range colors {
		index[c] = uint8(palette.Index(c))
	}
	out := image.NewPaletted(b, palette)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.SetColorIndex(x, y, index[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)])
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, out); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
