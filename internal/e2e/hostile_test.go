package e2e

import (
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/browsertest"
)

// hostileBase is the base URL the hostile archive is built with, so that
// its feeds and sitemaps are written too.
const hostileBase = "https://archive.example/hostile/"

// call is the script a payload runs: a call of the function the browser
// test watches, with the payload's number.
func call(i int) string { return fmt.Sprintf("xss(%d)", i) }

// attack is payload i written around its call.
func attack(i int) string { return payloads[i].make(call(i)) }

// entityKinds are the front matter keys of names and the folders of their
// pages; payload i names an entity of kind i%3.
var entityKinds = []string{"people", "places", "organizations"}

// hostileSite makes an archive of the payloads, each in every field an
// article has: a page written straight into content/ (front matter, a
// Markdown body, a person, place or organization with a description), and
// raw files of each format import reads (a JSON record, an HTML page, a
// text file, a Markdown file) imported with `annals import`. It returns
// the site's folder.
func hostileSite(t testing.TB) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	raw := filepath.Join(t.TempDir(), "raw")
	annals(t, "init", site)

	var records []map[string]string
	for i := range payloads {
		p := attack(i)
		// Twelve days, so that day and month pages hold many payloads.
		day := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%12)
		kind := entityKinds[i%3]

		// A page of content/, as a person or another tool writes it.
		front, err := yaml.Marshal(map[string]any{
			"title": p, "date": day, "source": p, "author": p, "original_url": p, kind: []string{p},
		})
		if err != nil {
			t.Fatal(err)
		}
		body := p + "\n\nA paragraph that mentions " + p + " again.\n\n## " + p + "\n\n- " + p + "\n"
		writeFile(t, filepath.Join(site, "content", "articles", day[:4], day[5:7], day[8:], fmt.Sprintf("hostile-%d.md", i)),
			"---\n"+string(front)+"---\n\n"+body)
		writeFile(t, filepath.Join(site, "content", kind, article.Slug(p), "_index.md"), "A description: "+p+"\n")

		// Raw inputs for import.
		records = append(records, map[string]string{
			"title": "JSON " + p, "date": day, "text": p + "\n\nThe JSON record's body repeats it: " + p,
			"url": p, "source": p, "author": p,
		})
		writeFile(t, filepath.Join(raw, "text", fmt.Sprintf("hostile-%d.txt", i)),
			"Text "+p+"\n\n date "+day+" \n\nThe text file's body: "+p+"\n\nAnd a second paragraph with "+p+" in it.\n")
		writeFile(t, filepath.Join(raw, "html", fmt.Sprintf("hostile-%d.html", i)), hostileHTML(p, day))
		mdFront, err := yaml.Marshal(map[string]any{"title": "Markdown " + p, "date": day, "source": p, "url": "https://md.example/" + p})
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
	t.Run("browser", func(t *testing.T) { hostileInBrowser(t, out) })
}

// hostileInBrowser opens the pages of the hostile build and searches for
// every payload, in two tabs at once. One ignores the pages'
// Content-Security-Policy, so that the escaping alone must keep every
// payload from running, and opens every page. The other obeys it, as
// readers' browsers do, and opens every fourth page and the first of each
// kind: there any violation is a failure, since the theme needs none. A
// payload that runs calls xss(N), a tripwire; dialogs, console errors and
// failed requests (an injected image or frame) fail the test too.
//
// Pages are opened in frames of a page of the test's own, 25 at a time,
// which is several times faster than one after the other. A page of the
// test's own, opened first, runs xss("canary") and an alert from its
// script, to show that what runs in a frame is seen.
func hostileInBrowser(t *testing.T, out string) {
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		// 404.html names the site's files by their address under the
		// base URL, where a server shows it at any path: it cannot work
		// from disk, and is only scanned.
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") && d.Name() != "404.html" {
			pages = append(pages, browsertest.FileURL(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	harness := t.TempDir()
	writeFile(t, filepath.Join(harness, "frames.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8">`+
		`<link rel="icon" href="data:,"><title>Frames</title></head><body></body></html>`)
	writeFile(t, filepath.Join(harness, "canary.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8">`+
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; img-src data:">`+
		`<link rel="icon" href="data:,"><title>Canary</title><script src="canary.js"></script></head><body></body></html>`)
	writeFile(t, filepath.Join(harness, "canary.js"), `xss("canary"); alert("canary");`)
	canary := browsertest.FileURL(filepath.Join(harness, "canary.html"))

	b := browsertest.Start(t)
	for _, bypass := range []bool{true, false} {
		name := "csp"
		if bypass {
			name = "csp-bypassed"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tab := b.NewTab(t)
			tab.BypassCSP(bypass)
			tab.Tripwire("xss")
			tab.Navigate(browsertest.FileURL(filepath.Join(harness, "frames.html")))
			urls := []string{canary}
			kinds := map[string]bool{}
			for i, p := range pages {
				kind := pageKind(strings.TrimPrefix(p, browsertest.FileURL(out)+"/"))
				if bypass || i%4 == 0 || !kinds[kind] {
					urls = append(urls, p)
				}
				kinds[kind] = true
			}
			canaries := 0
			for batch := range slices.Chunk(urls, 25) {
				js, _ := json.Marshal(batch)
				browsertest.Eval[int](tab, fmt.Sprintf(openFrames, js))
				for _, p := range tab.TakeProblems() {
					if p.URL == canary && (p.Kind == browsertest.Tripwire && p.Text == "xss(canary)" || p.Kind == browsertest.Dialog && p.Text == `alert "canary"`) {
						canaries++
						continue
					}
					t.Errorf("%v", p)
				}
			}
			if canaries != 2 {
				t.Errorf("the canary page's call of xss and its alert were seen %d times, want 2: the test cannot see what runs", canaries)
			}
			t.Logf("opened %d of %d pages (%d kinds): no payload ran", len(urls)-1, len(pages), len(kinds))
			searchPayloads(t, tab, out)
		})
	}
}

// pageKind names the kind of a page: its path with numbers and the names
// of articles and entities left out.
func pageKind(rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		switch {
		case strings.Trim(p, "0123456789") == "":
			parts[i] = "N"
		case i == len(parts)-2 && i > 0 && p != "page":
			parts[i] = "*"
		}
	}
	return strings.Join(parts, "/")
}

// openFrames opens the pages %s in frames at once, waits until each has
// loaded and run what it runs right after, and removes the frames.
const openFrames = `(async (urls) => {
	await Promise.all(urls.map(u => new Promise(resolve => {
		const f = document.createElement("iframe");
		f.width = 1000; f.height = 700;
		const timer = setTimeout(resolve, 10000);
		f.addEventListener("load", () => requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0)), {once: true});
		f.src = u;
		document.body.appendChild(f);
	})));
	document.body.replaceChildren();
	return urls.length;
})(%s)`

// searchAll types each query of %s into the search page and describes the
// results of each.
const searchAll = `(async (queries) => {
	const input = document.getElementById("search-q"), status = document.getElementById("search-status");
	const views = [];
	for (const q of queries) {
		input.value = q;
		const want = input.value; // a search box drops line breaks
		input.dispatchEvent(new Event("input"));
		const t0 = Date.now();
		while (status.dataset.state === "loading" || status.dataset.q !== want) {
			if (Date.now() - t0 > 10000) throw new Error("no results for " + JSON.stringify(q) + " within 10 s: " + status.innerText);
			await new Promise(r => setTimeout(r, 5));
		}
		views.push({state: status.dataset.state, status: status.innerText,
			n: document.querySelectorAll("#search-results > li").length,
			markup: Array.from(document.querySelectorAll("#search-results *"), e =>
				"<" + e.localName + Array.from(e.attributes, a => " " + a.name + "=" + JSON.stringify(a.value)).join("") + ">")});
	}
	return views;
})(%s)`

// The markup search results may have: what ui.js builds.
var resultMarkup = regexp.MustCompile(`^<(li|h2|p class="(meta|snippet)"|mark|time datetime="[0-9-]*"|a href="\.\./[a-z0-9/-]+/index\.html")>$`)

// searchPayloads opens the search page with the first payload as its query
// in the address, loads the lists of names of its filters (the payloads
// are names of people, places and organizations, and sources), then types
// every payload into the search box, and checks the results are text.
func searchPayloads(t *testing.T, tab *browsertest.Tab, out string) {
	tab.Navigate(browsertest.FileURL(filepath.Join(out, "search", "index.html")) + "?q=" + url.QueryEscape(attack(0)))
	browsertest.Eval[bool](tab, `(["person", "place", "organization"].forEach(k =>
		document.getElementById("search-" + k).dispatchEvent(new Event("focus"))), true)`)
	var queries []string
	for i := range payloads {
		queries = append(queries, attack(i))
	}
	type view struct {
		State  string   `json:"state"`
		Status string   `json:"status"`
		N      int      `json:"n"`
		Markup []string `json:"markup"`
	}
	shown, marks := 0, 0
	for from := 0; from < len(queries); from += 20 {
		batch := queries[from:min(from+20, len(queries))]
		js, _ := json.Marshal(batch)
		for j, v := range browsertest.Eval[[]view](tab, fmt.Sprintf(searchAll, js)) {
			i := from + j
			if v.State != "done" {
				t.Errorf("search for payload %d: %s: %s", i, v.State, v.Status)
			}
			for _, m := range v.Markup {
				if !resultMarkup.MatchString(m) {
					t.Errorf("search for payload %d: the results have the markup %s", i, m)
				}
				if m == "<mark>" {
					marks++
				}
			}
			shown += v.N
		}
		tab.AssertNoErrors(t)
	}
	if got := browsertest.Eval[int](tab, `document.querySelectorAll("#list-people option, #list-places option, #list-organizations option, #search-source option").length`); got < len(payloads) {
		t.Errorf("the filters list %d names and sources, want at least %d", got, len(payloads))
	}

	// The parameters of the address carry payloads too: as the text of
	// the query, dates, order and page, and as the keys of the filters,
	// which name the payload's own entity and source.
	for i := 0; i < len(payloads); i += 7 {
		q := url.Values{}
		for _, k := range []string{"q", "from", "to", "sort", "page"} {
			q.Set(k, attack(i))
		}
		key := article.Slug(attack(i))
		if _, err := os.Stat(filepath.Join(out, entityKinds[i%3], key, "index.html")); err == nil {
			q.Set([]string{"person", "place", "organization"}[i%3], key)
		}
		q.Set("source", key)
		tab.Navigate(browsertest.FileURL(filepath.Join(out, "search", "index.html")) + "?" + q.Encode())
		v := browsertest.Eval[view](tab, `new Promise((resolve, reject) => {
			const s = document.getElementById("search-status"), t0 = Date.now();
			(function check() {
				if (s.dataset.state === "done" || s.dataset.state === "error") return resolve({state: s.dataset.state, status: s.innerText,
					markup: Array.from(document.querySelectorAll("#search-results *"), e => "<" + e.localName + ">")});
				if (Date.now() - t0 > 10000) return reject(new Error("no answer within 10 s: " + s.innerText));
				setTimeout(check, 10);
			})();
		})`)
		if v.State != "done" {
			t.Errorf("payload %d in every parameter of the address: %s: %s", i, v.State, v.Status)
		}
		for _, m := range v.Markup {
			if !regexp.MustCompile(`^<(li|h2|p|mark|time|a)>$`).MatchString(m) {
				t.Errorf("payload %d in every parameter of the address: the results have the markup %s", i, m)
			}
		}
		tab.AssertNoErrors(t)
	}
	if shown == 0 || marks == 0 {
		t.Errorf("the searches for %d payloads showed %d results with %d marked words; want some", len(queries), shown, marks)
	}
	t.Logf("searched for %d payloads: %d results shown, %d words marked, no payload ran", len(queries), shown, marks)
}
