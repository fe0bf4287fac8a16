package feed

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/annals-archive/annals/internal/article"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func date(y int, m time.Month, d int) article.Date { return article.Date{Year: y, Month: m, Day: d} }

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func sampleFeed() Feed {
	return Feed{
		Title:    "Annals: Sport",
		Subtitle: "Articles tagged Sport",
		URL:      "https://example.org/archive/topics/sport/",
		Self:     "https://example.org/archive/topics/sport/index.xml",
		ID:       "tag:example.org,2024:topics/sport",
		Entries: []Entry{
			{
				Title:   "Final ends 2–1 after extra time",
				URL:     "https://example.org/archive/2024/03/14/final-ends/",
				ID:      "tag:example.org,2024-03-14:final-ends",
				Updated: date(2024, 3, 14),
				Summary: "The final went to extra time & ended 2–1.",
				Author:  "Sports desk",
			},
			{
				Title:   "Season opens",
				URL:     "https://example.org/archive/2024/01/02/season-opens/",
				Updated: date(2024, 1, 2),
			},
			{
				Title:   "Undated note",
				URL:     "https://example.org/archive/undated/note/",
				Summary: "No date was found.",
			},
		},
	}
}

func TestAtomGolden(t *testing.T) {
	got := Atom(sampleFeed())
	golden(t, "atom.golden", got)
	checkAtom(t, got)
}

func TestAtomDeterministic(t *testing.T) {
	if a, b := Atom(sampleFeed()), Atom(sampleFeed()); !bytes.Equal(a, b) {
		t.Error("two calls with the same feed gave different bytes")
	}
}

// Types to read an Atom document back, independent of the writer's types.
type (
	readFeed struct {
		XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		ID       string      `xml:"id"`
		Title    string      `xml:"title"`
		Subtitle string      `xml:"subtitle"`
		Updated  string      `xml:"updated"`
		Links    []readLink  `xml:"link"`
		Authors  []string    `xml:"author>name"`
		Entries  []readEntry `xml:"entry"`
	}
	readEntry struct {
		ID      string     `xml:"id"`
		Title   string     `xml:"title"`
		Updated string     `xml:"updated"`
		Links   []readLink `xml:"link"`
		Summary string     `xml:"summary"`
		Authors []string   `xml:"author>name"`
	}
	readLink struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
)

func parseAtom(t *testing.T, data []byte) readFeed {
	t.Helper()
	var f readFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, data)
	}
	return f
}

// checkAtom checks the elements RFC 4287 requires.
func checkAtom(t *testing.T, data []byte) readFeed {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Error("no XML declaration with encoding UTF-8")
	}
	f := parseAtom(t, data)
	isDate := func(s string) bool {
		_, err := time.Parse("2006-01-02T15:04:05Z", s)
		return err == nil && strings.HasSuffix(s, "T00:00:00Z")
	}
	if f.ID == "" || f.Title == "" || !isDate(f.Updated) {
		t.Errorf("feed id %q, title %q, updated %q: all required", f.ID, f.Title, f.Updated)
	}
	if !hasLink(f.Links, "self") {
		t.Error(`feed has no link rel="self"`)
	}
	authored := len(f.Authors) > 0
	for i, e := range f.Entries {
		if e.ID == "" || e.Title == "" || !isDate(e.Updated) || !hasLink(e.Links, "alternate") {
			t.Errorf("entry %d: id %q, title %q, updated %q, links %v: all required", i, e.ID, e.Title, e.Updated, e.Links)
		}
		if !authored && len(e.Authors) == 0 {
			t.Errorf("entry %d has no author and neither has the feed", i)
		}
	}
	return f
}

func hasLink(links []readLink, rel string) bool {
	for _, l := range links {
		if l.Rel == rel && l.Href != "" {
			return true
		}
	}
	return false
}

func TestAtomDates(t *testing.T) {
	f := sampleFeed()
	r := checkAtom(t, Atom(f))
	if r.Updated != "2024-03-14T00:00:00Z" {
		t.Errorf("feed updated = %s, want the newest entry date 2024-03-14T00:00:00Z", r.Updated)
	}
	if got := r.Entries[2].Updated; got != r.Updated {
		t.Errorf("undated entry updated = %s, want the feed's %s", got, r.Updated)
	}
	if got := r.Entries[1].ID; got != f.Entries[1].URL {
		t.Errorf("entry without ID has id %q, want its URL", got)
	}

	f.Updated = date(2025, 1, 31)
	if r := parseAtom(t, Atom(f)); r.Updated != "2025-01-31T00:00:00Z" {
		t.Errorf("explicit feed date: updated = %s", r.Updated)
	}

	empty := checkAtom(t, Atom(Feed{Title: "Empty", Self: "https://example.org/index.xml"}))
	if empty.Updated != "1970-01-01T00:00:00Z" || len(empty.Entries) != 0 {
		t.Errorf("empty feed: updated %s, %d entries", empty.Updated, len(empty.Entries))
	}
}

var hostile = []string{
	`<script>alert("x")</script>`,
	`Tom & Jerry's "quoted" <b>bold</b> ]]> &amp;`,
	"bell\x07 nul\x00 vt\x0b ff\x0c esc\x1b kept:\ttab\nnewline",
	"bad utf-8: \xff\xfe end",
	"noncharacters \uFFFE\uFFFF end",
	"بالعربية, 中文, emoji 🗞️, astral 𝔄",
	"&#x3C;script&#x3E; already encoded",
}

// wantText is what a hostile string should read back as: the same, minus the
// characters XML 1.0 forbids.
func wantText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if isXMLChar(r) {
			return r
		}
		return -1
	}, s)
}

func TestAtomHostileText(t *testing.T) {
	f := Feed{Self: "https://example.org/feed.xml?a=1&b=<2>"}
	for i, s := range hostile {
		f.Entries = append(f.Entries, Entry{
			Title:   s,
			URL:     fmt.Sprintf(`https://example.org/%d/?q="%s"&x=<y>`, i, "a'b"),
			Updated: date(2024, 5, i+1),
			Summary: s,
			Author:  s,
		})
	}
	f.Title, f.Subtitle = hostile[0], hostile[1]
	data := Atom(f)
	if bytes.Contains(data, []byte("<script")) || bytes.Contains(data, []byte("<b>")) {
		t.Errorf("markup from the input reached the feed unescaped:\n%s", data)
	}
	r := checkAtom(t, data)
	if r.Title != hostile[0] || r.Subtitle != hostile[1] {
		t.Errorf("feed title/subtitle = %q / %q", r.Title, r.Subtitle)
	}
	if !hasLink(r.Links, "self") || r.Links[0].Href != f.Self {
		t.Errorf("self link = %+v, want %q", r.Links, f.Self)
	}
	if len(r.Entries) != len(hostile) {
		t.Fatalf("%d entries, want %d", len(r.Entries), len(hostile))
	}
	for i, s := range hostile {
		e, want := r.Entries[i], wantText(s)
		if e.Title != want || e.Summary != want || len(e.Authors) != 1 || e.Authors[0] != want {
			t.Errorf("entry %d: title %q, summary %q, authors %q; want %q", i, e.Title, e.Summary, e.Authors, want)
		}
		if e.Links[0].Href != f.Entries[i].URL {
			t.Errorf("entry %d: href %q, want %q", i, e.Links[0].Href, f.Entries[i].URL)
		}
	}
}

func FuzzAtomTitle(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := parseAtom(t, Atom(Feed{Title: s, Entries: []Entry{{Title: s, Summary: s, URL: s}}}))
		want := wantText(s)
		if e := r.Entries[0]; r.Title != want || e.Title != want || e.Summary != want {
			t.Errorf("%q read back as %q / %q / %q", s, r.Title, e.Title, e.Summary)
		}
	})
}

func urls(n int) []URL {
	us := make([]URL, n)
	for i := range us {
		us[i] = URL{Loc: fmt.Sprintf("https://example.org/a/%d/", i), LastMod: date(2020+i%5, time.Month(1+i%12), 1+i%28)}
	}
	return us
}

// archive bundles files as a txtar archive, the form of the sitemap golden
// files.
func archive(files []File) []byte {
	a := &txtar.Archive{}
	for _, f := range files {
		a.Files = append(a.Files, txtar.File{Name: f.Name, Data: f.Data})
	}
	return txtar.Format(a)
}

func names(files []File) []string {
	var ns []string
	for _, f := range files {
		ns = append(ns, f.Name)
	}
	return ns
}

func TestSitemapGolden(t *testing.T) {
	one := []URL{
		{Loc: "https://example.org/archive/", LastMod: date(2024, 3, 14)},
		{Loc: "https://example.org/archive/search/?q=a&b=<c>"},
		{Loc: ""}, // skipped
		{Loc: "https://example.org/archive/2024/03/14/caf\u00e9/", LastMod: date(2024, 3, 14)},
	}
	golden(t, "sitemap.txtar", archive(Sitemaps("https://example.org/archive/", one)))
	golden(t, "sitemap-split.txtar", archive(sitemaps("https://example.org/archive", urls(5), 2, MaxBytes)))
}

// sitemapURLs parses one sitemap or sitemap index and returns its locations.
func sitemapURLs(t *testing.T, f File, root string) []string {
	t.Helper()
	var doc struct {
		XMLName xml.Name
		Locs    []string `xml:"url>loc"`
		Maps    []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal(f.Data, &doc); err != nil {
		t.Fatalf("%s does not parse: %v", f.Name, err)
	}
	if doc.XMLName.Space != sitemapNS || doc.XMLName.Local != root {
		t.Fatalf("%s: root element %v, want %s in %s", f.Name, doc.XMLName, root, sitemapNS)
	}
	return append(doc.Locs, doc.Maps...)
}

func TestSitemapSplitAtMaxURLs(t *testing.T) {
	all := urls(MaxURLs + 1)
	// Parsing 50,000 entries is slow under -race; count them instead. The
	// small-limit tests parse every file.
	count := func(f File) int { return bytes.Count(f.Data, []byte("<url>")) }

	files := Sitemaps("https://example.org/", all[:MaxURLs])
	if len(files) != 1 || files[0].Name != "sitemap.xml" {
		t.Fatalf("%d URLs gave %v, want one sitemap.xml", MaxURLs, names(files))
	}
	if n := count(files[0]); n != MaxURLs {
		t.Errorf("sitemap.xml lists %d URLs, want %d", n, MaxURLs)
	}

	files = Sitemaps("https://example.org/", all)
	if got := strings.Join(names(files), " "); got != "sitemap.xml sitemap-1.xml sitemap-2.xml" {
		t.Fatalf("%d URLs gave %s", len(all), got)
	}
	index := sitemapURLs(t, files[0], "sitemapindex")
	if want := []string{"https://example.org/sitemap-1.xml", "https://example.org/sitemap-2.xml"}; strings.Join(index, " ") != strings.Join(want, " ") {
		t.Errorf("index lists %q, want %q", index, want)
	}
	second := sitemapURLs(t, files[2], "urlset")
	if n := count(files[1]); n != MaxURLs || len(second) != 1 || second[0] != all[MaxURLs].Loc {
		t.Errorf("split %d + %q, want %d + [%q]", n, second, MaxURLs, all[MaxURLs].Loc)
	}
}

func TestSitemapSplitSmallLimits(t *testing.T) {
	for _, tc := range []struct {
		n, maxURLs, maxBytes int
		want                 string
	}{
		{0, 2, MaxBytes, "sitemap.xml"},
		{2, 2, MaxBytes, "sitemap.xml"},
		{3, 2, MaxBytes, "sitemap.xml sitemap-1.xml sitemap-2.xml"},
		{7, 3, MaxBytes, "sitemap.xml sitemap-1.xml sitemap-2.xml sitemap-3.xml"},
		// Room for two entries per file by size; an oversized file still
		// takes one entry so nothing is lost.
		{5, 100, len(urlsetOpen) + len(urlsetClose) + 2*len("  <url><loc>https://example.org/a/0/</loc><lastmod>2020-01-01</lastmod></url>\n"), "sitemap.xml sitemap-1.xml sitemap-2.xml sitemap-3.xml"},
		{2, 100, 10, "sitemap.xml sitemap-1.xml sitemap-2.xml"},
	} {
		files := sitemaps("https://example.org/", urls(tc.n), tc.maxURLs, tc.maxBytes)
		if got := strings.Join(names(files), " "); got != tc.want {
			t.Errorf("%d URLs, max %d/%dB: %s, want %s", tc.n, tc.maxURLs, tc.maxBytes, got, tc.want)
			continue
		}
		var locs []string
		for _, f := range files[min(1, len(files)-1):] {
			got := sitemapURLs(t, f, "urlset")
			if len(got) > tc.maxURLs || (len(got) > 1 && len(f.Data) > tc.maxBytes) {
				t.Errorf("%s: %d URLs in %d bytes breaks the limits", f.Name, len(got), len(f.Data))
			}
			locs = append(locs, got...)
		}
		if len(locs) != tc.n {
			t.Errorf("%d URLs in, %d out", tc.n, len(locs))
		}
		for i, l := range locs {
			if want := urls(tc.n)[i].Loc; l != want {
				t.Errorf("URL %d = %q, want %q (order must be kept)", i, l, want)
				break
			}
		}
	}
}

func TestRobots(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"", "User-agent: *\nAllow: /\n"},
		{"https://example.org/archive/", "User-agent: *\nAllow: /\n\nSitemap: https://example.org/archive/sitemap.xml\n"},
		{"https://example.org/archive", "User-agent: *\nAllow: /\n\nSitemap: https://example.org/archive/sitemap.xml\n"},
		{"https://example.org/\nDisallow: /", "User-agent: *\nAllow: /\n\nSitemap: https://example.org/Disallow: /sitemap.xml\n"},
	} {
		if got := string(Robots(tc.base)); got != tc.want {
			t.Errorf("Robots(%q) = %q, want %q", tc.base, got, tc.want)
		}
	}
}

func ExampleRobots() {
	fmt.Print(string(Robots("https://example.org/archive/")))
	// Output:
	// User-agent: *
	// Allow: /
	//
	// Sitemap: https://example.org/archive/sitemap.xml
}
