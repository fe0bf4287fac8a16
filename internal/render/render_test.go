package render

import (
	"bytes"
	"html/template"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals"
	"github.com/annals-archive/annals/internal/theme"
)

// siteRenderer returns a renderer over the default theme with the given
// site templates on top.
func siteRenderer(t *testing.T, files map[string]string) *Renderer {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for name, src := range files {
		if err := afero.WriteFile(fsys, "site/templates/"+name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := New(theme.New(fsys, "site", annals.Theme))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func render(t *testing.T, r *Renderer, p *Page) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.Render(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestPartialCachedKeysOnVariants(t *testing.T) {
	r := siteRenderer(t, map[string]string{
		"_partials/who.html": `{{ .Title }}`,
		"home.html":          `{{ partialCached "who.html" . .Kind }}|{{ partialCached "who.html" . .Path }}|{{ partial "who.html" . }}`,
	})
	site := &Site{Title: "T"}
	first := render(t, r, &Page{Kind: KindHome, Title: "Alder", Path: "a/", Site: site})
	if first != "Alder|Alder|Alder" {
		t.Fatalf("first render = %q", first)
	}
	// Same kind: the first variant is served from the cache; a new path
	// renders afresh; plain partial never caches.
	second := render(t, r, &Page{Kind: KindHome, Title: "Birch", Path: "b/", Site: site})
	if second != "Alder|Birch|Birch" {
		t.Errorf("second render = %q, want Alder|Birch|Birch", second)
	}
}

func TestDict(t *testing.T) {
	m, err := dict("Page", 1, "Summary", "x")
	if err != nil || len(m) != 2 || m["Page"] != 1 || m["Summary"] != "x" {
		t.Errorf("dict = %v, %v", m, err)
	}
	if _, err := dict("odd"); err == nil {
		t.Error("dict with an odd number of arguments: no error")
	}
	if _, err := dict(3, "x"); err == nil {
		t.Error("dict with a number for a key: no error")
	}
	r := siteRenderer(t, map[string]string{
		"_partials/pair.html": `{{ .A }}-{{ .B }}`,
		"home.html":           `{{ partial "pair.html" (dict "A" .Title "B" .Kind) }}`,
	})
	if got := render(t, r, &Page{Kind: KindHome, Title: "<x>", Site: &Site{}}); got != "&lt;x&gt;-home" {
		t.Errorf("partial with dict = %q", got)
	}
}

func TestPartialCacheStaysBounded(t *testing.T) {
	c := newPartialCache(3)
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		c.put(k, template.HTML("v"+k))
		if _, ok := c.get("a"); !ok && k <= "e" {
			t.Errorf("after %s: the entry used after each put was dropped", k)
		}
	}
	if n := len(c.young) + len(c.old); n > 6 {
		t.Errorf("cache holds %d entries, bound 2×3", n)
	}
	if v, ok := c.get("g"); !ok || v != "vg" {
		t.Errorf("latest entry = %q, %v", v, ok)
	}
	if _, ok := c.get("b"); ok {
		t.Error("an entry unused for two generations is still there")
	}
}

func TestMenuEntry(t *testing.T) {
	for path, want := range map[string]string{"": "", "archive/": "archive/", "people/": "people/", "search/": "search/",
		"people/kim/": "-", "2024/": "-", "articles/page/2/": "-"} {
		if got := (&Page{Path: path}).MenuEntry(); got != want {
			t.Errorf("MenuEntry of %q = %q, want %q", path, got, want)
		}
	}
	if got := (&Page{Path: "", Absolute: true}).MenuEntry(); got != "-" {
		t.Errorf("an absolute page is a menu entry: %q", got)
	}
}

func TestRelRoot(t *testing.T) {
	site := &Site{BaseURL: "https://example.org/grey/"}
	for _, tc := range []struct {
		p    Page
		root string
		rel  string
	}{
		{Page{Path: ""}, "", "people/index.html"},
		{Page{Path: "people/kim/"}, "../../", "../../people/index.html"},
		{Page{Path: "2024/03/01/a/page/2/"}, "../../../../../../", "../../../../../../people/index.html"},
		{Page{Path: "404.html", Absolute: true}, "https://example.org/grey/", "https://example.org/grey/people/index.html"},
	} {
		tc.p.Site = site
		if got := tc.p.RelRoot(); got != tc.root {
			t.Errorf("%q: RelRoot = %q, want %q", tc.p.Path, got, tc.root)
		}
		if got := tc.p.Rel("people/"); got != tc.rel {
			t.Errorf("%q: Rel = %q, want %q", tc.p.Path, got, tc.rel)
		}
	}
	if got := (&Page{Path: "404.html", Absolute: true, Site: &Site{}}).RelRoot(); got != "/" {
		t.Errorf("absolute page without base URL: RelRoot = %q, want /", got)
	}
	deep := &Page{Path: "a/b/c/d/e/f/g/h/i/j/", Site: site}
	if got := deep.RelRoot(); got != "../../../../../../../../../../" {
		t.Errorf("ten folders down: %q", got)
	}
}
