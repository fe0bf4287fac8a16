package e2e

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/browsertest"
)

// packSite packs a copy of the repository's archive with `annals pack`
// and returns the archive's folder and the zip.
func packSite(t *testing.T) (site, zipFile string) {
	t.Helper()
	site = copySite(t)
	zipFile = filepath.Join(t.TempDir(), "copies", "grey-sea.zip")
	annals(t, "pack", "--site", site, "--out", zipFile)
	return site, zipFile
}

// unzip unpacks zipFile into dir, as a person's unzip tool would, and
// returns the names of its entries.
func unzip(t *testing.T, zipFile, dir string) []string {
	t.Helper()
	zr, err := zip.OpenReader(zipFile)
	if err != nil {
		t.Fatalf("%s does not open as a zip: %v", zipFile, err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !filepath.IsLocal(f.Name) {
			t.Fatalf("the zip's entry %q would land outside the folder it is unpacked in", f.Name)
		}
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, data, f.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// files lists the files under dir as slash paths relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestOfflineCopyHoldsTheBuild checks that the zip of `annals pack` holds
// one folder with every file of the build, byte for byte, and a README.txt.
func TestOfflineCopyHoldsTheBuild(t *testing.T) {
	site, zipFile := packSite(t)
	dir := t.TempDir()
	names := unzip(t, zipFile, dir)
	for _, n := range names {
		if !strings.HasPrefix(n, "grey-sea/") {
			t.Errorf("the zip's entry %s is not in its one top folder grey-sea/", n)
		}
	}
	built := files(t, filepath.Join(site, "build"))
	unpacked := files(t, filepath.Join(dir, "grey-sea"))
	if want := slices.Sorted(slices.Values(append(slices.Clone(built), "README.txt"))); !slices.Equal(unpacked, want) {
		t.Errorf("the zip holds %d files, the build %d and README.txt: they differ", len(unpacked), len(built))
	}
	for _, f := range built {
		a, _ := os.ReadFile(filepath.Join(site, "build", filepath.FromSlash(f)))
		b, _ := os.ReadFile(filepath.Join(dir, "grey-sea", filepath.FromSlash(f)))
		if string(a) != string(b) {
			t.Errorf("%s differs between the build and the zip", f)
		}
	}
}

// linksMatching is a script that lists the HTML links in <main> (not those
// of a chart's SVG) whose href matches the regular expression %s, in
// document order, as {href, url, text}.
const linksMatching = `Array.from(document.querySelectorAll("main a[href]"))
	.filter(a => a instanceof HTMLAnchorElement && new RegExp(%s).test(a.getAttribute("href")))
	.map(a => ({href: a.getAttribute("href"), url: a.href, text: a.innerText.trim()}))`

// followFirst follows the first link of <main> whose href matches re and
// returns it.
func followFirst(t *testing.T, tab *browsertest.Tab, what, re string) pageLink {
	t.Helper()
	links := browsertest.Eval[[]pageLink](tab, fmt.Sprintf(linksMatching, jsString(re)))
	if len(links) == 0 {
		t.Fatalf("%s: the page %s has no link matching %s", what, tab.Location(), re)
	}
	tab.Follow("main a[href=" + cssString(links[0].Href) + "]")
	checkPage(t, tab, what, links[0].URL)
	return links[0]
}

// TestOfflineCopyInBrowser unpacks the zip of `annals pack` into a new
// folder and reads it from disk in headless Chromium, as a colleague who
// was sent it would: the archive by date, a year, an article, a person,
// and a search.
func TestOfflineCopyInBrowser(t *testing.T) {
	site, zipFile := packSite(t)
	dir := filepath.Join(t.TempDir(), "unpacked here")
	unzip(t, zipFile, dir)
	root := filepath.Join(dir, "grey-sea")
	docs := searchables(t, site)
	b := browsertest.Start(t)
	tab := b.NewTab(t)

	home := browsertest.FileURL(filepath.Join(root, "index.html"))
	tab.Navigate(home)
	checkPage(t, tab, "home", home)
	base := strings.TrimSuffix(home, "index.html")

	tab.Follow(`header a[href$="archive/index.html"]`)
	checkPage(t, tab, "the archive", base+"archive/index.html")
	year := followFirst(t, tab, "a year", `(^|/)\d{4}/index\.html$`)
	if h1 := tab.Text("h1"); !strings.Contains(h1, strings.TrimSpace(year.Text)) {
		t.Errorf("the year page's <h1> is %q, but the link to it reads %q", h1, year.Text)
	}
	article := followFirst(t, tab, "an article of the year", `(^|/)\d{4}/\d{2}/\d{2}/[^/]+/index\.html$`)
	if h1 := tab.Text("h1"); h1 != article.Text {
		t.Errorf("the article's <h1> is %q, but the link to it reads %q", h1, article.Text)
	}

	entity := followFirst(t, tab, "an entity of the article", `(^|/)(people|places|organizations)/[^/]+/index\.html$`)
	if h1 := tab.Text("h1"); !strings.Contains(h1, entity.Text) {
		t.Errorf("the entity page's <h1> is %q, but the article's link to it reads %q", h1, entity.Text)
	}
	back := browsertest.Eval[[]string](tab, `Array.from(document.querySelectorAll("main a[href]")).filter(a => a instanceof HTMLAnchorElement).map(a => a.href)`)
	if !slices.Contains(back, article.URL) {
		t.Errorf("the page of %s does not link back to the article %s", entity.Text, article.URL)
	}

	tab.Type(`header form[role="search"] input[name="q"]`, "kestrel")
	tab.Follow(`header form[role="search"] button`)
	if got, want := tab.Location(), base+"search/index.html?q=kestrel"; got != want {
		t.Errorf("the search box led to %s, want %s", got, want)
	}
	v := waitResults(t, tab, "kestrel")
	want := withTerm(docs, "kestrel")
	if want == 0 || len(v.Results) != min(want, 10) || !strings.HasPrefix(v.Status, fmt.Sprintf("%d articles", want)) {
		t.Errorf("kestrel: %d results shown and status %q, want %d articles", len(v.Results), v.Status, want)
	}
	for _, r := range v.Results {
		if !strings.HasPrefix(r.URL, base) || !articlePath.MatchString(r.URL) {
			t.Errorf("kestrel: the result %q links to %s, not to an article of the unpacked copy", r.Title, r.URL)
		}
	}
	tab.AssertNoErrors(t)
	if len(v.Results) > 0 {
		first := v.Results[0]
		tab.Follow("#search-results > li h2 a")
		checkPage(t, tab, "the first result", first.URL)
		if h1 := tab.Text("h1"); h1 != first.Title {
			t.Errorf("the first result reads %q, its page's <h1> %q", first.Title, h1)
		}
	}
}
