package build

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
)

// builtFiles lists every file of fsys under dir.
func builtFiles(fsys afero.Fs, dir string) []string {
	var out []string
	afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// TestHostileNamesStayInBuild builds pages whose slugs, file names, entity
// names and source names try to leave build/ or to be names Windows
// cannot hold: every file lands inside build/ (or the build's state beside
// it) with a clean name, and every page is built.
func TestHostileNamesStayInBuild(t *testing.T) {
	page := func(title, slug, extra string) string {
		fm := "---\ntitle: " + title + "\ndate: 2024-03-04\n"
		if slug != "" {
			fm += "slug: " + slug + "\n"
		}
		return fm + extra + "---\n\nA report from Toriva on " + title + ", with the harbour master.\n"
	}
	const art = "site/content/articles/"
	fsys := site(t, map[string]string{
		"site/annals.toml": "title = \"Grey Sea Archive\"\nbase_url = \"https://example.org/archive/\"\n",
		art + "a.md": page("Traversal", `"../../../../outside"`,
			"people: [\"../../etc/passwd\", CON, \"/abs\", \"a\\0b\", \"..\", \"!!!\", \"C:\\\\Windows\\\\System32\", aux.txt, COM1, \"Lpt9\", \"\\\\\\\\server\\\\share\"]\n"+
				"places: [NUL, \"...\", \"/\", \"prn.\"]\norganizations: [PRN, \"LPT1\", \"CON.txt\"]\nsource: \"../CON\"\n"),
		art + "b.md":                      page("Absolute", "/etc/passwd", "source: CON\n"),
		art + "c.md":                      page("Windows", `"C:\\Windows\\win.ini"`, "source: \"C:\\\\\"\n"),
		art + "d.md":                      page("Device", "con", ""),
		art + "e.md":                      page("Nul Byte", `"nul\0byte"`, ""),
		art + "f.md":                      page("UNC", `"\\\\server\\share\\..\\..\\x"`, ""),
		art + "2024/03/04/aux.md":         page("Aux From The File Name", "", ""),
		art + "2024/03/04/com1.txt.md":    page("Com From The File Name", "", ""),
		art + "2024/03/04/..hidden..md":   page("Dots In The File Name", "", ""),
		art + "2024/03/04/LPT2.md":        page("Printer From The File Name", "", ""),
		art + "2024/03/04/a b%2F..%2F.md": page("Escapes In The File Name", "", ""),
	})
	_, diags := run(t, fsys, Options{})
	if diags.HasErrors() {
		t.Fatalf("diagnostics:\n%s", diags.String())
	}
	files := builtFiles(fsys, "")
	for _, want := range []string{
		"site/build/2024/03/04/outside/index.html",
		"site/build/2024/03/04/etc-passwd/index.html",
		"site/build/2024/03/04/c-windows-winini/index.html",
		"site/build/2024/03/04/con-1/index.html",
		"site/build/2024/03/04/nul-byte/index.html",
		"site/build/2024/03/04/server-share-x/index.html",
		"site/build/2024/03/04/aux-1/index.html",
		"site/build/2024/03/04/com1txt/index.html",
		"site/build/2024/03/04/hidden/index.html",
		"site/build/2024/03/04/lpt2-1/index.html",
		"site/build/2024/03/04/a-b-2f-2f/index.html",
		"site/build/people/etc-passwd/index.html",
		"site/build/people/con-1/index.html",
		"site/build/people/com1-1/index.xml",
		"site/build/places/nul-1/index.html",
		"site/build/places/prn-1/index.html",
		"site/build/organizations/lpt1-1/index.html",
		"site/build/organizations/contxt/index.html",
		"site/build/2024/03/04/index.html",
		"site/build/2024/03/index.html",
		"site/build/2024/index.html",
	} {
		if !slices.Contains(files, want) {
			t.Errorf("no %s", want)
		}
	}
	for _, f := range files {
		out, ok := strings.CutPrefix(f, "site/build/")
		if !ok {
			if out, ok = strings.CutPrefix(f, "site/.build.annals/"); !ok {
				if !strings.HasPrefix(f, "site/content/") && f != "site/annals.toml" {
					t.Errorf("the build wrote %s, outside build/", f)
				}
				continue
			}
		}
		for _, seg := range strings.Split(out, "/") {
			if why := article.WindowsNameProblem(seg); why != "" {
				t.Errorf("the build wrote %s: %q %s", f, seg, why)
			}
		}
	}
}

// TestPunctuationSlug: a slug of punctuation only gives no address; the
// build says so, with the file, and writes nothing.
func TestPunctuationSlug(t *testing.T) {
	fsys := site(t, map[string]string{
		"site/content/articles/2024/03/04/ok.md":  mdPage("Fine", "2024-03-04", "A fine page."),
		"site/content/articles/2024/03/04/bad.md": "---\ntitle: Bad\ndate: 2024-03-04\nslug: \"../!!/..\"\n---\n\nText.\n",
		"site/content/articles/2024/03/04/!!!.md": "---\ntitle: Worse\ndate: 2024-03-04\n---\n\nText.\n",
		"site/build/index.html":                   "previous build",
	})
	_, diags := run(t, fsys, Options{})
	got := diags.String()
	for _, want := range []string{
		`site/content/articles/2024/03/04/bad.md: error: slug "../!!/.." has no letter or digit to make an address of`,
		`site/content/articles/2024/03/04/!!!.md: error: slug "!!!" has no letter or digit to make an address of`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q; got:\n%s", want, got)
		}
	}
	if read(t, fsys, "site/build/index.html") != "previous build" {
		t.Error("a failed build changed the previous build")
	}
}

// TestSameTitleAndDateBuild: articles with the same title and date, as
// import writes them (slug, slug-2) or as written by hand in one folder,
// all get pages of their own, listed on their day.
func TestSameTitleAndDateBuild(t *testing.T) {
	const day = "site/content/articles/2024/05/17/"
	page := func(slug, body string) string {
		fm := "---\ntitle: Council Meets\ndate: 2024-05-17\n"
		if slug != "" {
			fm += "slug: " + slug + "\n"
		}
		return fm + "---\n\n" + body + "\n"
	}
	fsys := site(t, map[string]string{
		day + "council-meets.md":                      page("council-meets", "The fisheries council met in Toriva."),
		day + "council-meets-2.md":                    page("council-meets-2", "The harbour council met in Port Orlen."),
		"site/content/articles/mine/council.md":       page("", "The town council of Merrin met."),
		"site/content/articles/mine/council-again.md": page("", "The youth council of Vask met."),
	})
	res, diags := run(t, fsys, Options{})
	if diags.HasErrors() || res.Articles != 4 {
		t.Fatalf("%d articles built; diagnostics:\n%s", res.Articles, diags.String())
	}
	for path, text := range map[string]string{
		"site/build/2024/05/17/council-meets/index.html":   "The fisheries council met in Toriva.",
		"site/build/2024/05/17/council-meets-2/index.html": "The harbour council met in Port Orlen.",
		"site/build/2024/05/17/council/index.html":         "The town council of Merrin met.",
		"site/build/2024/05/17/council-again/index.html":   "The youth council of Vask met.",
	} {
		assertContains(t, fsys, path, text)
	}
	assertContains(t, fsys, "site/build/2024/05/17/index.html",
		`href="../../../2024/05/17/council-meets/index.html"`, `href="../../../2024/05/17/council-meets-2/index.html"`,
		`href="../../../2024/05/17/council/index.html"`, `href="../../../2024/05/17/council-again/index.html"`)
}

// TestFrontMatterErrorsInBuild: a page of content/ with broken front
// matter is reported with its file and the line of the fault, and the
// build writes nothing.
func TestFrontMatterErrorsInBuild(t *testing.T) {
	const art = "site/content/articles/"
	fsys := site(t, map[string]string{
		art + "ok.md":           mdPage("Fine", "2024-03-04", "A fine page."),
		art + "feb30.md":        "---\ntitle: Talks\nsource: ACNA\ndate: 2022-02-30\n---\n\nText.\n",
		art + "feb29.md":        "---\ntitle: Talks\ndate: 2023-02-29T09:00:00Z\n---\n\nText.\n",
		art + "month13.md":      "---\ntitle: Talks\ndate: 2022-13-01\n---\n\nText.\n",
		art + "yaml.md":         "---\ntitle: Talks\ndate: 2022-03-01\npeople: [Ilya Dorn\nsource: ACNA\n---\n\nText.\n",
		art + "indent.md":       "---\ntitle: Talks\n  date: 2022-03-01\n---\n\nText.\n",
		art + "twice.md":        "---\ntitle: Talks\ndate: 2022-03-01\ntitle: Other Talks\n---\n\nText.\n",
		art + "unclosed.md":     "---\ntitle: Talks\ndate: 2022-03-01\n\nText.\n",
		art + "notitle.md":      "---\ndate: 2022-03-01\n---\n\nText.\n",
		art + "people.md":       "---\ntitle: Talks\npeople: {Ilya: Dorn}\n---\n\nText.\n",
		"site/build/index.html": "previous build",
	})
	_, diags := run(t, fsys, Options{})
	got := diags.String()
	for _, want := range []string{
		art + "feb30.md:4: error: February 2022 has 28 days, not 30",
		art + "feb29.md:3: error: February 2023 has 28 days, not 29",
		art + "month13.md:3: error: month 13 does not exist",
		art + "yaml.md:4: error: front matter: did not find expected ',' or ']'",
		art + "indent.md:3: error: front matter: mapping values are not allowed in this context",
		art + "twice.md:4: error: title is given twice, first on line 2",
		art + "unclosed.md:1: error: front matter is not closed by a line \"---\"",
		art + "notitle.md:2: error: title is missing",
		art + "people.md:3: error: people must be a list of names",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q; got:\n%s", want, got)
		}
	}
	if read(t, fsys, "site/build/index.html") != "previous build" {
		t.Error("a failed build changed the previous build")
	}
}

// TestHugeArticlesBuild builds a page of 50 MB and one of 10,000
// paragraphs: both are built whole, every paragraph with its id.
func TestHugeArticlesBuild(t *testing.T) {
	var long strings.Builder
	for i := 1; i <= 10000; i++ {
		fmt.Fprintf(&long, "Paragraph %d of the report on the Grey Sea fisheries.\n\n", i)
	}
	const huge = 50 << 20
	para := "The council met in Toriva on Thursday to set the herring quotas, and Anselm Halvorsen spoke.\n\n"
	n := huge / len(para)
	fsys := site(t, map[string]string{
		"site/annals.toml":                         "title = \"Grey Sea Archive\"\nbase_url = \"https://example.org/archive/\"\n",
		"site/content/articles/2024/03/04/long.md": "---\ntitle: The Fisheries Report\ndate: 2024-03-04\nplaces: [Toriva]\n---\n\n" + long.String(),
		"site/content/articles/2024/03/05/huge.md": "---\ntitle: The Herring Quotas\ndate: 2024-03-05\npeople: [Anselm Halvorsen]\nplaces: [Toriva]\n---\n\n" +
			strings.Repeat(para, n) + "The last paragraph of the quotas.\n",
		"site/content/articles/2024/03/06/small.md": mdPage("Small Boats Return", "2024-03-06", "The small boats returned to Toriva."),
	})
	res, diags := run(t, fsys, Options{})
	if diags.HasErrors() || res.Articles != 3 {
		t.Fatalf("%d articles built; diagnostics:\n%s", res.Articles, diags.String())
	}
	longPage := read(t, fsys, "site/build/2024/03/04/long/index.html")
	for _, i := range []int{1, 5000, 10000} {
		if want := fmt.Sprintf(`<p id="p%d">Paragraph %d of the report on the Grey Sea fisheries.</p>`, i, i); !strings.Contains(longPage, want) {
			t.Errorf("the long page lacks %s", want)
		}
	}
	if c := strings.Count(longPage, "Paragraph "); c != 10000 {
		t.Errorf("the long page holds %d of the 10,000 paragraphs", c)
	}
	hugePage := read(t, fsys, "site/build/2024/03/05/huge/index.html")
	if c := strings.Count(hugePage, "The council met in"); c != n {
		t.Errorf("the 50 MB page holds %d of its %d paragraphs", c, n)
	}
	if want := fmt.Sprintf(`<p id="p%d">The last paragraph of the quotas.</p>`, n+1); !strings.Contains(hugePage, want) {
		t.Errorf("the 50 MB page lacks its last paragraph %s", want)
	}
	assertContains(t, fsys, "site/build/places/toriva/index.html", "The Herring Quotas", "The Fisheries Report")
	assertContains(t, fsys, "site/build/index.html", "The Herring Quotas", "The Fisheries Report")
}
