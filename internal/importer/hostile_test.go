package importer

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// importGuarded imports paths into the archive "site" and returns the
// summary and the diagnostics, one a line. An import that has not ended
// after twenty minutes hangs: the test fails rather than wait for ever.
func importGuarded(t *testing.T, fsys afero.Fs, paths ...string) (Summary, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	type result struct {
		sum   Summary
		diags *diag.List
		err   error
	}
	done := make(chan result, 1)
	go func() {
		var diags diag.List
		sum, err := Import(ctx, fsys, "site", paths, config.Default(), &diags)
		done <- result{sum, &diags, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.sum, r.diags.String()
	case <-time.After(21 * time.Minute):
		t.Fatalf("import of %v has not ended after 21 minutes", paths)
		return Summary{}, ""
	}
}

// allFiles lists every file of fsys.
func allFiles(fsys afero.Fs) []string {
	var out []string
	afero.Walk(fsys, "", func(p string, info fs.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			out = append(out, strings.TrimPrefix(p, "/"))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// assertInside asserts that every file of fsys but the inputs lies under
// site/content/articles and has a name Windows can hold.
func assertInside(t *testing.T, fsys afero.Fs, inputs string) {
	t.Helper()
	files := allFiles(fsys)
	if !slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, "site/content/articles/") }) {
		t.Fatalf("no page among the files %v", files)
	}
	for _, f := range files {
		if strings.HasPrefix(f, inputs+"/") {
			continue
		}
		if !strings.HasPrefix(f, "site/content/articles/") || strings.Contains(f, "..") {
			t.Errorf("import wrote %q, outside site/content/articles", f)
			continue
		}
		for _, seg := range strings.Split(strings.TrimPrefix(f, "site/content/"), "/") {
			if why := article.WindowsNameProblem(seg); why != "" {
				t.Errorf("import wrote %q: %q %s", f, seg, why)
			}
		}
	}
}

// numbered returns n numbered paragraphs of a report, each wrapped by wrap.
func numbered(report string, n int, wrap func(string) string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(wrap(fmt.Sprintf("Paragraph %d of the %s on the Grey Sea fisheries.", i, report)))
	}
	return b.String()
}

// TestHostileInputs imports a folder of broken, huge and odd inputs beside
// good ones: each bad one is reported with its file (and line), every good
// one is imported, and nothing is written outside content/. (Reading an
// HTML page of 10,000 paragraphs is tested in package ingest.)
func TestHostileInputs(t *testing.T) {
	const huge = 50 << 20
	para := "The council met in Toriva on Thursday to set the herring quotas.\n\n"
	text := strings.Repeat(para, huge/len(para))
	files := map[string]string{
		"raw/good.txt":   ferry,
		"raw/empty.txt":  "",
		"raw/empty.md":   "\n\n",
		"raw/binary.md":  "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
		"raw/image.html": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"raw/cut.jsonl": `{"title": "Council Meets in Toriva", "date": "2024-05-17", "body": "The fisheries council met in Toriva on Friday."}` + "\n" +
			`{"title": "Quotas Set", "date": "2024-05-18", "body": "The council set the herring quotas on Saturday."}` + "\n" +
			`{"title": "Bridge Opens", "date": "2024-05-19", "bo`,
		"raw/latin1.txt": "Caf\xe9 Owners in Toriva Protest\n\n date 2024-05-06 The owners of the caf\xe9s in Toriva met on Monday.\n",
		"raw/long.txt":   "The Fisheries Report\n\n date 2024-05-07 " + numbered("report", 10000, func(p string) string { return p + "\n\n" }),
		"raw/long.md":    "---\ntitle: The Fisheries Annex\ndate: 2024-05-08\n---\n\n" + numbered("annex", 10000, func(p string) string { return p + "\n\n" }),
		"raw/huge.txt":   "The Herring Quotas\n\n" + text,
		"raw/huge.jsonl": `{"title": "Small Boats Return", "date": "2024-05-20", "body": "The small boats returned to Toriva on Monday."}` + "\n" +
			`{"title": "The Herring Quotas", "body": "` + strings.ReplaceAll(text, "\n", `\n`) + "\"}\n",
		"raw/feb30.md":      "---\ntitle: Talks Open\ndate: 2022-02-30\n---\n\nThe talks opened in Vask.\n",
		"raw/twice.md":      "---\ntitle: Talks Open\ndate: 2022-02-03\nsource: ACNA\ndate: 2022-02-04\n---\n\nThe talks opened in Vask.\n",
		"raw/feb30.txt":     "Harbour Reopens in Toriva\n\n date 2022-02-30 The harbour of Toriva reopened on Monday after the storm.\n",
		"raw/feb30.jsonl":   `{"title": "Harbour Reopens", "date": "2023-02-29", "body": "The harbour of Toriva reopened after the storm."}` + "\n",
		"raw/apr31.html":    "<html><head><title>Harbour Reopens</title><meta property=\"article:published_time\" content=\"2022-04-31\"></head><body><article><p>The harbour of Toriva reopened on Monday after the storm had closed it for a week.</p></article></body></html>",
		"raw/notes/cut.txt": "Fishermen Return to Toriva\n\nThe fishermen returned to the harbour of Toriva at dawn with full nets and news of the storm.\n",
	}
	fsys := newSite(t, files)
	sum, diags := importGuarded(t, fsys, "raw")
	for _, want := range []string{
		"raw/empty.txt: error: skipped: the file is empty",
		"raw/empty.md: error: skipped: the file is empty",
		"raw/binary.md: error: skipped: binary data, not text",
		"raw/image.html: error: skipped: binary data, not text",
		"raw/cut.jsonl:3: error: the record is cut off",
		"raw/huge.txt: error: skipped: the article's text is 50.0 MB, more than the 8 MB an article may hold",
		"raw/huge.jsonl:2: error: skipped: the article's text is 50.0 MB",
		"raw/feb30.md:3: error: February 2022 has 28 days, not 30",
		"raw/twice.md:5: error: date is given twice, first on line 3",
		"raw/feb30.txt: warning: metadata prefix: date \"2022-02-30\" does not exist: February 2022 has 28 days, not 30; not used as the article's date",
		"raw/feb30.jsonl:1: warning: declared date: date \"2023-02-29\" does not exist: February 2023 has 28 days, not 29",
		"raw/apr31.html: warning: declared date: date \"2022-04-31\" does not exist: April 2022 has 30 days, not 31; not used as the article's date",
	} {
		if !strings.Contains(diags, want) {
			t.Errorf("diagnostics lack %q; got:\n%s", want, diags)
		}
	}
	all := pages(t, fsys)
	for _, p := range []string{
		"articles/2024/05/02/new-ferry-crosses-the-grey-sea.md",
		"articles/2024/05/17/council-meets-in-toriva.md",
		"articles/2024/05/18/quotas-set.md",
		"articles/2024/05/06/cafe-owners-in-toriva-protest.md",
		"articles/2024/05/07/the-fisheries-report.md",
		"articles/2024/05/08/the-fisheries-annex.md",
		"articles/2024/05/20/small-boats-return.md",
		"articles/undated/harbour-reopens-in-toriva.md",
		"articles/undated/harbour-reopens.md",
		"articles/undated/harbour-reopens-2.md",
		"articles/undated/fishermen-return-to-toriva.md",
	} {
		if _, ok := all[p]; !ok {
			t.Errorf("no page %s", p)
		}
	}
	if len(all) != 11 || sum.Imported != 11 {
		t.Errorf("%d pages, %+v; want 11 imported: %v", len(all), sum, slices.Sorted(maps.Keys(all)))
	}
	if page := all["articles/2024/05/06/cafe-owners-in-toriva-protest.md"]; !strings.Contains(page, "The owners of the cafés in Toriva met on Monday.") {
		t.Errorf("the Latin-1 page reads:\n%s", page)
	}
	for p, report := range map[string]string{
		"articles/2024/05/07/the-fisheries-report.md": "report",
		"articles/2024/05/08/the-fisheries-annex.md":  "annex",
	} {
		for _, i := range []int{1, 2, 5000, 9999, 10000} {
			if para := fmt.Sprintf("\n\nParagraph %d of the %s on the Grey Sea fisheries.\n", i, report); !strings.Contains(all[p], para) {
				t.Errorf("%s lacks paragraph %d", p, i)
			}
		}
		if n := strings.Count(all[p], "\n\nParagraph "); n != 10000 {
			t.Errorf("%s holds %d of the 10,000 paragraphs", p, n)
		}
	}
	// The page whose declared date does not exist is undated, not
	// wrongly dated.
	var apr31 string
	for p, page := range all {
		if strings.Contains(page, "file: apr31.html") {
			apr31 = p
		}
	}
	if !strings.HasPrefix(apr31, "articles/undated/") {
		t.Errorf("the page dated 2022-04-31 is at %q, want undated", apr31)
	}
	assertInside(t, fsys, "raw")

	// Importing the same folder again changes nothing.
	before := pages(t, fsys)
	if sum, _ := importGuarded(t, fsys, "raw"); sum.Imported != 0 || sum.Updated != 0 || !maps.Equal(before, pages(t, fsys)) {
		t.Errorf("re-import: %+v, or content/ changed", sum)
	}
}

// TestHostileNamesStayInside imports articles whose titles, slugs, file
// names and entity names try to leave content/ or to be names Windows
// cannot hold: every page lands under content/articles with a clean name.
func TestHostileNamesStayInside(t *testing.T) {
	n := 0
	body := func(title string) string {
		n++
		return fmt.Sprintf("%s\n\nReport number %d from Toriva, about the harbour and its works, at some length.\n", title, n)
	}
	files := map[string]string{
		"raw/traversal.txt":  body("../../../../etc/passwd"),
		"raw/absolute.txt":   body("/etc/cron.d/annals"),
		"raw/windows.txt":    body(`C:\Windows\System32\drivers\etc\hosts`),
		"raw/unc.txt":        body(`\\server\share\..\..\secret`),
		"raw/con.txt":        body("CON"),
		"raw/nul.txt":        body("nul"),
		"raw/com1.txt":       body("COM1"),
		"raw/lpt9.txt":       body("Lpt9"),
		"raw/aux.txt":        body("aux.txt"),
		"raw/prn.txt":        body("PRN."),
		"raw/dots.txt":       body("..."),
		"raw/punct.txt":      body("!!! ??? --- ***"),
		"raw/CON.txt":        body("Harbour Works Begin"),
		"raw/a:b|c?.txt":     body("Harbour Works Continue"),
		"raw/.. /x.txt":      body("Harbour Works End"),
		"raw/nul-byte.jsonl": `{"title": "nul\u0000byte\u0000../../x", "date": "2024-05-03", "body": "A report with a NUL in its title."}` + "\n",
		"raw/slug.md": "---\ntitle: Front Matter Slug\nslug: ../../../outside\ndate: 2024-05-04\npeople: [\"../../etc/passwd\", CON, \"/abs\", \"a\\0b\"]\n" +
			"places: [\"..\", \"C:\\\\Windows\"]\n---\n\nA page whose front matter tries to leave the archive.\n",
		"raw/abs-slug.md": "---\ntitle: \"/\"\nslug: /etc/passwd\ndate: 2024-05-04\n---\n\nA page whose title is a slash.\n",
	}
	fsys := newSite(t, files)
	sum, diags := importGuarded(t, fsys, "raw")
	if strings.Contains(diags, "error") {
		t.Errorf("diagnostics:\n%s", diags)
	}
	if sum.Imported != 17 {
		t.Errorf("%+v: want 17 imported (the folder \".. \" is a hidden one)", sum)
	}
	assertInside(t, fsys, "raw")
	var names []string
	for p := range pages(t, fsys) {
		names = append(names, p[strings.LastIndex(p, "/")+1:])
	}
	for _, name := range []string{
		"etc-passwd.md", "etc-crond-annals.md", "c-windows-system32-drivers-etc-hosts.md", "server-share-secret.md",
		"con-1.md", "nul-1.md", "com1-1.md", "lpt9-1.md", "auxtxt.md", "prn-1.md",
		"harbour-works-begin.md", "harbour-works-continue.md", "nul-byte-x.md", "front-matter-slug.md",
	} {
		if !slices.Contains(names, name) {
			t.Errorf("no page %s; pages: %v", name, names)
		}
	}
	// Titles of punctuation only get a slug from their input's digest.
	fallbacks := 0
	for _, name := range names {
		if strings.HasPrefix(name, "article-") {
			fallbacks++
			if len(name) != len("article-123456789abc.md") {
				t.Errorf("fallback slug %q", name)
			}
		}
	}
	if fallbacks != 3 {
		t.Errorf("%d pages with a fallback slug, want 3 (\"...\", punctuation, \"/\"): %v", fallbacks, names)
	}
}

// TestSameTitleAndDateInOneInput: different articles with the same title
// and date in one feed, or in pages of the same front matter, are all
// kept, and keep their addresses on re-import.
func TestSameTitleAndDateInOneInput(t *testing.T) {
	fm := "---\ntitle: Council Meets\ndate: 2024-05-17\n---\n\n"
	fsys := newSite(t, map[string]string{
		"raw/feed.jsonl": `{"title": "Council Meets", "date": "2024-05-17", "body": "The fisheries council met in Toriva to set the herring quotas."}` + "\n" +
			`{"title": "Council Meets", "date": "2024-05-17", "body": "The harbour council met in Port Orlen about the new pier."}` + "\n",
		"raw/a.md": fm + "The town council of Merrin met about the bridge.\n",
		"raw/b.md": fm + "The youth council of Vask met for the first time.\n",
	})
	sum, diags := importGuarded(t, fsys, "raw")
	if sum.Imported != 4 || strings.Contains(diags, "error") {
		t.Fatalf("%+v, diagnostics:\n%s", sum, diags)
	}
	all := pages(t, fsys)
	want := []string{
		"articles/2024/05/17/council-meets-2.md", "articles/2024/05/17/council-meets-3.md",
		"articles/2024/05/17/council-meets-4.md", "articles/2024/05/17/council-meets.md",
	}
	if got := slices.Sorted(maps.Keys(all)); !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	for _, text := range []string{"fisheries council", "harbour council", "town council", "youth council"} {
		n := 0
		for _, page := range all {
			n += strings.Count(page, text)
		}
		if n != 1 {
			t.Errorf("%q is on %d pages, want 1", text, n)
		}
	}
	if sum, _ := importGuarded(t, fsys, "raw"); sum.Unchanged != 4 || !maps.Equal(all, pages(t, fsys)) {
		t.Errorf("re-import: %+v, or pages moved", sum)
	}
}

// snapshot returns every file under site/content with its bytes.
func snapshot(t *testing.T, fsys afero.Fs) map[string]string {
	t.Helper()
	return pages(t, fsys)
}

// changed returns the files that differ between two snapshots: added,
// removed or rewritten.
func changed(before, after map[string]string) []string {
	var out []string
	for p, data := range after {
		if old, ok := before[p]; !ok || old != data {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// TestNothingLost imports a small corpus, edits a page by hand, imports
// again, deletes an input, imports again, and adds one: the hand edit and
// every article remain, and content/ changes only where expected.
func TestNothingLost(t *testing.T) {
	fsys := newSite(t, map[string]string{
		"raw/ferry.txt":   ferry,
		"raw/railway.txt": railway,
		"raw/bridge.html": "<html><head><title>What the Bridge Means</title></head><body><article><p>Nobody in Merrin expected the bridge to change the town as quickly as it has.</p>" +
			"<p>Shops have opened on both banks, and the ferrymen have turned to fishing.</p></article></body></html>",
		"raw/notes.md": "---\ntitle: Notes on the Harbour\ndate: 2024-06-01\nsource: Field notes\n---\n\nThe harbour of Toriva was quiet on Saturday.\n",
		"raw/feed.jsonl": `{"headline": "Council Meets in Toriva", "published": "2024-05-17", "body": "The fisheries council met in Toriva on Friday to set quotas."}` + "\n" +
			`{"headline": "Quotas Set for the Spring", "published": "2024-05-18", "body": "The council set the herring quotas for the spring on Saturday."}` + "\n",
	})
	sum, diags := importGuarded(t, fsys, "raw")
	if sum.Imported != 6 || strings.Contains(diags, "error") {
		t.Fatalf("first import: %+v\n%s", sum, diags)
	}
	first := snapshot(t, fsys)

	// A hand edit of one page.
	const ferryPage = "articles/2024/05/02/new-ferry-crosses-the-grey-sea.md"
	edited := strings.Replace(first[ferryPage], "The crossing takes nine hours.", "The crossing takes nine hours (ten in winter, the captain says).", 1)
	if edited == first[ferryPage] {
		t.Fatalf("the ferry page does not read as expected:\n%s", first[ferryPage])
	}
	if err := afero.WriteFile(fsys, "site/content/"+ferryPage, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	afterEdit := snapshot(t, fsys)

	sum, diags = importGuarded(t, fsys, "raw")
	if sum != (Summary{Unchanged: 5, Conflicts: 1}) || !strings.Contains(diags, "raw/ferry.txt: warning: site/content/"+ferryPage+" was edited by hand: left as it is") {
		t.Errorf("re-import after the edit: %+v, %s\nwant 5 unchanged and the edited page reported", sum, diags)
	}
	if got := changed(afterEdit, snapshot(t, fsys)); len(got) != 0 {
		t.Errorf("re-import after the edit changed %v", got)
	}

	// An input deleted: its articles stay.
	if err := fsys.Remove("raw/feed.jsonl"); err != nil {
		t.Fatal(err)
	}
	sum, _ = importGuarded(t, fsys, "raw")
	if sum != (Summary{Unchanged: 3, Conflicts: 1}) {
		t.Errorf("re-import after the deletion: %+v, want 3 unchanged and the edited page reported", sum)
	}
	afterDelete := snapshot(t, fsys)
	if got := changed(afterEdit, afterDelete); len(got) != 0 {
		t.Errorf("re-import after the deletion changed %v", got)
	}
	if afterDelete[ferryPage] != edited {
		t.Error("the hand edit is gone")
	}
	for p := range first {
		if _, ok := afterDelete[p]; !ok {
			t.Errorf("%s is gone", p)
		}
	}

	// One new input: exactly one new page, nothing else touched.
	afero.WriteFile(fsys, "raw/pier.txt", []byte("A New Pier for Port Orlen\n\n date 2024-06-03 Work on a new pier began in Port Orlen on Monday.\n"), 0o644)
	sum, _ = importGuarded(t, fsys, "raw")
	if got, want := changed(afterDelete, snapshot(t, fsys)), []string{"articles/2024/06/03/a-new-pier-for-port-orlen.md"}; !slices.Equal(got, want) || sum.Imported != 1 {
		t.Errorf("import of one more input: %+v, changed %v; want %v", sum, got, want)
	}
}
