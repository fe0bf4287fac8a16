package build

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// crossArchive is a small archive whose articles share people, places and
// one story.
var crossArchive = map[string]string{
	"site/annals.toml": "title = \"Grey Sea Archive\"\nbase_url = \"https://example.org/grey/\"\npage_size = 2\n",
	"site/content/articles/2024/03/04/accord-signed.md": "---\ntitle: Railway accord signed\ndate: 2024-03-04\nsource: ACNA\npeople: [Ilya Dorn, Anselm Halvorsen]\nplaces: [Kyiv, Toriva]\n---\n\n" +
		"Toriva, March 4 (ACNA) -- President Ilya Dorn and President Anselm Halvorsen signed the railway accord in Toriva on Monday, opening a line of 412 kilometres between the two capitals across the Selva River.\n\nDorn said the line would bind the two peoples together by timetable and by ticket.\n",
	"site/content/articles/2024/03/05/dorn-and-halvorsen-sign.md": "---\ntitle: Dorn and Halvorsen sign railway accord\ndate: 2024-03-05\nsource: Toriva Morning Post\npeople: [Ilya Dorn, Anselm Halvorsen]\nplaces: [Toriva]\n---\n\n" +
		"The agency reported that President Ilya Dorn and President Anselm Halvorsen signed the railway accord in Toriva on Monday, opening a line of 412 kilometres between the two capitals across the Selva River.\n\nCritics in Vask called the cost too high.\n",
	"site/content/articles/2024/03/04/ferry-strike.md": "---\ntitle: Ferry crews strike\ndate: 2024-03-04\npeople: [Ilya Dorn]\nplaces: [Port Orlen]\n---\n\nFerry crews in Port Orlen stopped work over pay, and Dorn urged talks.\n",
	"site/content/articles/2023/03/04/talks-open.md":   "---\ntitle: Talks open\ndate: 2023-03-04\npeople: [Anselm Halvorsen]\nplaces: [Toriva]\n---\n\nTalks on a railway opened in Toriva.\n",
	"site/content/people/ilya-dorn/_index.md":          "---\ntitle: Ilya Dorn\n---\n\nPresident of the **Kestrel Federation** since 2021.\n",
}

func TestCrossLinks(t *testing.T) {
	fsys := site(t, crossArchive)
	if _, diags := run(t, fsys, Options{}); diags.HasErrors() {
		t.Fatal(diags.Sorted())
	}
	out := "site/build/"
	accord := out + "2024/03/04/accord-signed/index.html"
	assertContains(t, fsys, accord,
		// Entities linked, and their first mention in the text.
		`<a href="../../../../people/ilya-dorn/index.html">Ilya Dorn</a>`,
		`President <a href="../../../../people/ilya-dorn/index.html">Ilya Dorn</a> and`,
		// The newspaper's report of the same event, the next day.
		`<h2 id="samestory">Same story, other reports</h2>`,
		`href="../../../../2024/03/05/dorn-and-halvorsen-sign/index.html"`,
		`<h2 id="related">Related articles</h2>`,
		// Its day's page.
		`<a href="../../../../2024/03/04/index.html"><time`,
	)
	if strings.Contains(read(t, fsys, out+"2024/03/04/ferry-strike/index.html"), `id="samestory"`) {
		t.Error("a different story on the same day is linked as the same story")
	}
	// Archives: years, a year with its chart, a month, a day with on this
	// day, pagination.
	assertContains(t, fsys, out+"archive/index.html", `href="../2024/index.html"`, `href="../2023/index.html"`, "<svg")
	assertContains(t, fsys, out+"2024/index.html", "3 articles", "<svg", `href="03/index.html"`, "Page 1 of 2", `href="../2024/page/2/index.html"`)
	// The chart is the first page's: an entity's spans every month it
	// was in the news, and on every page of a long list it would be most
	// of the list's bytes.
	if page2 := read(t, fsys, out+"2024/page/2/index.html"); !strings.Contains(page2, "Page 2 of 2") || strings.Contains(page2, "<svg") {
		t.Errorf("2024/page/2/index.html: want page 2 of 2 without the year's chart")
	}
	assertContains(t, fsys, out+"2024/03/04/index.html", "On this day in other years", `href="../../../2023/03/04/talks-open/index.html"`)
	// Entities: the index, an entity page with its description, timeline,
	// first and last mention and co-mentions, and a redirect from an
	// alias.
	assertContains(t, fsys, out+"people/index.html", `href="../people/ilya-dorn/index.html"`, `href="../people/by-letter/i/index.html"`)
	assertContains(t, fsys, out+"people/ilya-dorn/index.html",
		"President of the <strong>Kestrel Federation</strong> since 2021.",
		"3 articles, from <time", "<svg", "Most often mentioned with Ilya Dorn",
		`href="../../people/anselm-halvorsen/index.html">Anselm Halvorsen</a> <span class="count">2</span>`,
		`<link rel="alternate" type="application/atom+xml"`)
	assertContains(t, fsys, out+"places/kiev/index.html", `<meta http-equiv="refresh" content="0; url=../../places/kyiv/index.html">`)
	// Feeds and sitemap, with absolute addresses.
	for _, name := range []string{"index.xml", "people/ilya-dorn/index.xml", "sitemap.xml"} {
		data := read(t, fsys, out+name)
		if err := xml.Unmarshal([]byte(data), new(struct{})); err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
		}
		if !strings.Contains(data, "https://example.org/grey/2024/03/04/accord-signed/") {
			t.Errorf("%s lacks the accord's absolute address", name)
		}
	}
	assertContains(t, fsys, out+"robots.txt", "Sitemap: https://example.org/grey/sitemap.xml")
}

func TestNoFeedsWithoutBaseURL(t *testing.T) {
	files := map[string]string{}
	for k, v := range crossArchive {
		files[k] = v
	}
	files["site/annals.toml"] = "title = \"Grey Sea Archive\"\n"
	fsys := site(t, files)
	if _, diags := run(t, fsys, Options{}); diags.HasErrors() {
		t.Fatal(diags.Sorted())
	}
	for _, name := range []string{"index.xml", "sitemap.xml"} {
		if ok, _ := afero.Exists(fsys, "site/build/"+name); ok {
			t.Errorf("%s written without a base URL: its addresses could not be absolute", name)
		}
	}
	if strings.Contains(read(t, fsys, "site/build/index.html"), "application/atom+xml") {
		t.Error("the home page links a feed that was not written")
	}
}
