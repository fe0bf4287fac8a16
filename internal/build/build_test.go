package build

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals"
	"github.com/annals-archive/annals/internal/diag"
)

// site writes files (path → content) to a new in-memory file system.
func site(t *testing.T, files map[string]string) afero.Fs {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for name, data := range files {
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

func mdPage(title, date, body string) string {
	fm := "---\ntitle: " + title + "\n"
	if date != "" {
		fm += "date: " + date + "\n"
	}
	return fm + "source: ACNA\n---\n\n" + body + "\n"
}

func run(t *testing.T, fsys afero.Fs, opts Options) (Result, *diag.List) {
	t.Helper()
	if opts.Site == "" {
		opts.Site = "site"
	}
	if opts.Theme == nil {
		opts.Theme = annals.Theme
	}
	var diags diag.List
	res, err := Build(context.Background(), fsys, opts, &diags)
	if err != nil {
		t.Fatal(err)
	}
	return res, &diags
}

func read(t *testing.T, fsys afero.Fs, name string) string {
	t.Helper()
	data, err := afero.ReadFile(fsys, name)
	if err != nil {
		t.Fatalf("build output: %v", err)
	}
	return string(data)
}

func assertContains(t *testing.T, fsys afero.Fs, name string, wants ...string) {
	t.Helper()
	got := read(t, fsys, name)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
}

var archive = map[string]string{
	"site/annals.toml": "title = \"Grey Sea Archive\"\nbase_url = \"https://example.org/archive/\"\n",
	"site/content/articles/2024/03/04/railway-accord.md": mdPage("Railway accord signed", "2024-03-04",
		"Toriva, March 4 (ACNA) -- The accord was signed.\n\n## Terms\n\nThe line opens in 2025. <script>alert(1)</script>"),
	"site/content/articles/2023/02/14/talks-open.md":  mdPage("Talks open", "2023-02-14", "Talks opened in Vask."),
	"site/content/articles/2025/09/15/first-train.md": mdPage("First train", "2025-09-15", "The first train crossed."),
	"site/content/articles/undated/analysis.md":       mdPage("What the bridge means", "", "An undated analysis."),
}

func TestBuildPages(t *testing.T) {
	fsys := site(t, archive)
	res, diags := run(t, fsys, Options{})
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags.Sorted())
	}
	if res.Articles != 4 {
		t.Errorf("Articles = %d, want 4", res.Articles)
	}
	out := "site/build/"
	assertContains(t, fsys, out+"2024/03/04/railway-accord/index.html",
		"<h1>Railway accord signed</h1>",
		`<time datetime="2024-03-04">Monday, 4 March 2024</time>`,
		`<p id="p1">Toriva, March 4 (ACNA) -- The accord was signed.</p>`,
		`<h2 id="terms">Terms</h2>`,
		`href="../../../../css/annals.css"`,
		`<a rel="prev" href="../../../../2023/02/14/talks-open/index.html">`,
		`<a rel="next" href="../../../../2025/09/15/first-train/index.html">`,
		`<link rel="canonical" href="https://example.org/archive/2024/03/04/railway-accord/">`,
		`href="../../../../index.html"`,
	)
	if strings.Contains(read(t, fsys, out+"2024/03/04/railway-accord/index.html"), "<script>") {
		t.Error("raw HTML in an article body reached its page")
	}
	assertContains(t, fsys, out+"undated/analysis/index.html", "<h1>What the bridge means</h1>", "Undated")
	// Newest first on the home page, undated last.
	home := read(t, fsys, out+"index.html")
	order := []string{"2025/09/15/first-train/index.html", "2024/03/04/railway-accord/index.html",
		"2023/02/14/talks-open/index.html", "undated/analysis/index.html"}
	last := -1
	for _, href := range order {
		i := strings.Index(home, `href="`+href+`"`)
		if i < 0 || i < last {
			t.Errorf("home page: link to %s missing or out of order", href)
		}
		last = i
	}
	assertContains(t, fsys, out+"articles/index.html", "4 articles", `href="../2025/09/15/first-train/index.html"`)
	assertContains(t, fsys, out+"404.html", `href="https://example.org/archive/index.html"`)
	for _, name := range []string{".nojekyll", "css/annals.css"} {
		if ok, _ := afero.Exists(fsys, out+name); !ok {
			t.Errorf("%s is missing", name)
		}
	}
}

func TestBuildPaginates(t *testing.T) {
	files := map[string]string{"site/annals.toml": "page_size = 2\nhome_size = 2\n"}
	for _, d := range []string{"01", "02", "03", "04", "05"} {
		files["site/content/articles/2024/01/"+d+"/day-"+d+".md"] = mdPage("Day "+d, "2024-01-"+d, "Text of day "+d+".")
	}
	fsys := site(t, files)
	if _, diags := run(t, fsys, Options{}); diags.HasErrors() {
		t.Fatal(diags.Sorted())
	}
	assertContains(t, fsys, "site/build/articles/index.html", "Page 1 of 3", `href="../articles/page/2/index.html"`, "Day 05", "Day 04")
	assertContains(t, fsys, "site/build/articles/page/2/index.html", "Page 2 of 3", `href="../../../articles/index.html"`, `href="../../../articles/page/3/index.html"`, "Day 03")
	assertContains(t, fsys, "site/build/articles/page/3/index.html", "Day 01")
}

func TestBuildErrorsWriteNothing(t *testing.T) {
	files := map[string]string{
		"site/content/articles/2024/01/01/good.md":     mdPage("Good", "2024-01-01", "Fine."),
		"site/content/articles/2024/02/30/bad-date.md": mdPage("Bad", "2022-02-30", "Impossible."),
		"site/content/articles/x/no-title.md":          "---\nsource: x\n---\nText.\n",
		"site/build/index.html":                        "previous build",
	}
	fsys := site(t, files)
	_, diags := run(t, fsys, Options{})
	got := diags.String()
	for _, want := range []string{
		"site/content/articles/2024/02/30/bad-date.md:3: error: February 2022 has 28 days, not 30",
		"site/content/articles/x/no-title.md:2: error: title is missing",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q; got:\n%s", want, got)
		}
	}
	if read(t, fsys, "site/build/index.html") != "previous build" {
		t.Error("a failed build changed the previous build")
	}
}

func TestBuildSameAddress(t *testing.T) {
	fsys := site(t, map[string]string{
		"site/content/articles/2024/01/01/a.md": "---\ntitle: A\ndate: 2024-01-01\nslug: same\n---\nOne.\n",
		"site/content/articles/2024/01/01/b.md": "---\ntitle: B\ndate: 2024-01-01\nslug: same\n---\nTwo.\n",
	})
	if _, diags := run(t, fsys, Options{}); !diags.HasErrors() {
		t.Error("two articles with one address built without an error")
	}
}

func TestSiteTemplatesOverride(t *testing.T) {
	files := map[string]string{
		"site/templates/single.html":           `{{ define "main" }}<h1 class="custom">{{ .Title }}</h1>{{ end }}`,
		"site/templates/_partials/footer.html": `<footer>Custom footer</footer>`,
		"site/static/css/annals.css":           "body { color: red }",
	}
	for k, v := range archive {
		files[k] = v
	}
	fsys := site(t, files)
	if _, diags := run(t, fsys, Options{}); diags.HasErrors() {
		t.Fatal(diags.Sorted())
	}
	assertContains(t, fsys, "site/build/2024/03/04/railway-accord/index.html", `<h1 class="custom">Railway accord signed</h1>`, "Custom footer", "Skip to content")
	assertContains(t, fsys, "site/build/index.html", "Custom footer")
	if got := read(t, fsys, "site/build/css/annals.css"); got != "body { color: red }" {
		t.Errorf("site stylesheet did not override the theme's: %q", got)
	}
}

func TestSectionLayoutBeatsGeneric(t *testing.T) {
	theme := fstest.MapFS{
		"templates/single.html":          {Data: []byte(`generic {{ .Title }}`)},
		"templates/articles/single.html": {Data: []byte(`section {{ .Title }}`)},
		"templates/home.html":            {Data: []byte(`home`)},
		"templates/list.html":            {Data: []byte(`list`)},
		"templates/404.html":             {Data: []byte(`404`)},
		"templates/search.html":          {Data: []byte(`search`)},
	}
	fsys := site(t, archive)
	if _, diags := run(t, fsys, Options{Theme: theme}); diags.HasErrors() {
		t.Fatal(diags.Sorted())
	}
	if got := read(t, fsys, "site/build/2023/02/14/talks-open/index.html"); got != "section Talks open" {
		t.Errorf("article page = %q, want the section layout", got)
	}
}

func TestEntityOverridesApplyAtBuild(t *testing.T) {
	fsys := site(t, map[string]string{
		"site/content/articles/2024/01/02/a.md": "---\ntitle: A\ndate: 2024-01-02\npeople: [Ilya Petrovich Dorn, Juche]\nplaces: [Kiev, Toriva]\norganizations: [Kremlin]\n---\nText.\n",
		"site/entities.toml": `ignore = ["Juche"]
[[person]]
name = "Ilya Dorn"
aliases = ["Ilya Petrovich Dorn"]
[[place]]
name = "Moscow Kremlin"
aliases = ["Kremlin"]
`,
	})
	if _, diags := run(t, fsys, Options{}); diags.HasErrors() {
		t.Fatal(diags.Sorted())
	}
	assertContains(t, fsys, "site/build/2024/01/02/a/index.html",
		`<dt>People</dt><dd><a href="../../../../people/ilya-dorn/index.html">Ilya Dorn</a></dd>`,
		`<dt>Places</dt><dd><a href="../../../../places/kyiv/index.html">Kyiv</a>, <a href="../../../../places/moscow-kremlin/index.html">Moscow Kremlin</a>, <a href="../../../../places/toriva/index.html">Toriva</a></dd>`)
	// The built-in alias Kiev redirects to Kyiv's page.
	assertContains(t, fsys, "site/build/places/kiev/index.html", `url=../../places/kyiv/index.html`)
	if strings.Contains(read(t, fsys, "site/build/2024/01/02/a/index.html"), "Juche") {
		t.Error("an ignored name reached the page")
	}
}
