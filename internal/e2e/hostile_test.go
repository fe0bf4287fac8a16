package e2e

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/annals-archive/annals/internal/article"
)

// hostileBase is the base URL the hostile archive is built with, so that
// its feeds and sitemaps are written too.
const hostileBase = "https://archive.example/hostile/"

// call is the script a payload runs: a call of the function the browser
// test watches, with the payload's number.
func call(i int) string { return fmt.Sprintf("xss(%d)", i) }

// attack is payload i written around its call.
func attack(i int) string { return payloads[i].make(call(i)) }

// hostileSite makes an archive of the payloads: pages written straight
// into content/ (front matter and Markdown bodies, an entity description
// for each person), and raw files in every format import reads (JSON,
// JSON Lines, HTML, text, Markdown) imported with `annals import`. It
// returns the site's folder.
func hostileSite(t testing.TB) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	raw := filepath.Join(t.TempDir(), "raw")
	annals(t, "init", site)

	var records []map[string]string
	var lines []string
	for i := range payloads {
		p := attack(i)
		day := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)

		// A page of content/, as a person or another tool writes it.
		front, err := yaml.Marshal(map[string]any{
			"title": p, "date": day, "source": p, "author": p, "original_url": p,
			"people": []string{p}, "places": []string{"Place " + p}, "organizations": []string{"Organization " + p},
		})
		if err != nil {
			t.Fatal(err)
		}
		body := p + "\n\nA paragraph that mentions " + p + " and Place " + p + " again.\n\n## " + p + "\n\n- " + p + "\n"
		writeFile(t, filepath.Join(site, "content", "articles", day[:4], day[5:7], day[8:], fmt.Sprintf("hostile-%d.md", i)),
			"---\n"+string(front)+"---\n\n"+body)
		writeFile(t, filepath.Join(site, "content", "people", article.Slug(p), "_index.md"),
			"A description of a person: "+p+"\n")

		// Raw inputs for import.
		records = append(records, map[string]string{
			"title": "JSON " + p, "date": day, "text": p + "\n\nThe JSON record's body repeats it: " + p,
			"url": p, "source": p, "author": p,
		})
		line, err := json.Marshal(map[string]string{
			"headline": "Lines " + p, "published": day + "T10:00:00Z", "body": "Lines body " + p, "link": "https://lines.example/" + p,
		})
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(line))
		writeFile(t, filepath.Join(raw, "text", fmt.Sprintf("hostile-%d.txt", i)),
			"Text "+p+"\n\n date "+day+" \n\nThe text file's body: "+p+"\n\nAnd a second paragraph with "+p+" in it.\n")
		writeFile(t, filepath.Join(raw, "html", fmt.Sprintf("hostile-%d.html", i)), hostileHTML(p, day))
		mdFront, err := yaml.Marshal(map[string]any{
			"title": "Markdown " + p, "date": day, "source": p, "url": "https://md.example/" + p, "people": []string{"Md " + p},
		})
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(raw, "markdown", fmt.Sprintf("hostile-%d.md", i)), "---\n"+string(mdFront)+"---\n\nImported as Markdown: "+body)
	}
	// A place with other names in the entity table, so that the build
	// writes redirect pages for them.
	writeFile(t, filepath.Join(site, "content", "articles", "2024", "06", "01", "kyiv.md"),
		"---\ntitle: A report from Kyiv\ndate: 2024-06-01\nplaces: [Kyiv]\n---\n\nA report from Kyiv.\n")

	data, err := json.MarshalIndent(records, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(raw, "json", "hostile.json"), string(data))
	writeFile(t, filepath.Join(raw, "json", "hostile.jsonl"), strings.Join(lines, "\n")+"\n")
	annals(t, "import", "--site", site, raw)
	return site
}

// hostileHTML is a saved web page with the payload in its metadata as the
// page's author wrote it (raw), and in its text both raw and escaped.
func hostileHTML(p, day string) string {
	e := html.EscapeString(p)
	return `<!doctype html><html><head><meta charset="utf-8">
<title>HTML ` + e + ` | Hostile Times</title>
<meta property="og:title" content="HTML ` + e + `">
<meta property="og:site_name" content="` + e + `">
<meta name="author" content="` + e + `">
<meta property="article:published_time" content="` + day + `T08:00:00+00:00">
<link rel="canonical" href="` + e + `">
</head><body><article><h1>HTML ` + e + `</h1>
<p>The page says, as text: ` + e + `. That is all it says in this paragraph, which is long enough to be kept as the article's text.</p>
<p>And as markup: ` + p + ` which the page's author wrote into the page itself.</p>
<p>A third paragraph, so that the extractor finds an article here and keeps its text whole.</p>
</article></body></html>`
}

// writeFile writes a file, making its folder.
func writeFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHostileArchive imports and builds an archive made of the payloads
// and checks that none of them reaches a page as markup, an address or
// script: in the files of the build, and in the browser, page by page and
// in the search page's results.
func TestHostileArchive(t *testing.T) {
	site := hostileSite(t)
	out := buildAt(t, site, "--base-url", hostileBase)
	counts := map[string]int{}
	for _, p := range payloads {
		counts[p.category]++
	}
	t.Logf("%d payloads: %v", len(payloads), counts)

	t.Run("files", func(t *testing.T) {
		n := scanBuild(t, out, hostileBase)
		t.Logf("scanned %d pages (%d elements), %d feeds and sitemaps, %d search index files, %d other files",
			n.pages, n.elements, n.feeds, n.indexFiles, n.others)
	})
}
