package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/browsertest"
	"github.com/annals-archive/annals/internal/search"
)

// result is one search result as the page shows it.
type result struct {
	Title   string   `json:"title"`
	URL     string   `json:"url"`
	Date    string   `json:"date"`
	Meta    string   `json:"meta"`
	Snippet string   `json:"snippet"`
	Marks   []string `json:"marks"`
	HTML    string   `json:"html"`
}

// searchView is what the search page shows once a query has run.
type searchView struct {
	State   string   `json:"state"`
	Status  string   `json:"status"`
	Input   string   `json:"input"`
	Results []result `json:"results"`
}

// awaitResults is a script that waits until the search page has shown the
// results of the query %s, then describes the page.
const awaitResults = `new Promise((resolve, reject) => {
	const t0 = Date.now(), want = %s;
	(function check() {
		const s = document.getElementById("search-status");
		if (s && s.dataset.state !== "loading" && s.dataset.q === want) {
			return resolve({
				state: s.dataset.state, status: s.innerText, input: document.getElementById("search-q").value,
				results: Array.from(document.querySelectorAll("#search-results > li")).map(li => ({
					title: li.querySelector("h2").innerText, url: li.querySelector("h2 a").href,
					date: (li.querySelector("time") || {}).dateTime || "",
					meta: li.querySelector(".meta").innerText, snippet: li.querySelector(".snippet").innerText,
					marks: Array.from(li.querySelectorAll("mark")).map(m => m.innerText.toLowerCase()),
					html: li.innerHTML,
				})),
			});
		}
		if (Date.now() - t0 > 10000) return reject(new Error("no results for " + want + " within 10 s; status: " + (s && s.innerText)));
		setTimeout(check, 10);
	})();
})`

// waitResults waits for the results of q and returns the page's view.
func waitResults(t *testing.T, tab *browsertest.Tab, q string) searchView {
	t.Helper()
	v := browsertest.Eval[searchView](tab, fmt.Sprintf(awaitResults, jsString(q)))
	if v.State != "done" {
		t.Fatalf("search for %q: state %q: %s", q, v.State, v.Status)
	}
	return v
}

// typeQuery replaces the search page's query by typing q, key by key.
func typeQuery(t *testing.T, tab *browsertest.Tab, q string) searchView {
	t.Helper()
	browsertest.Eval[bool](tab, `(() => { const q = document.getElementById("search-q"); q.value = ""; q.focus(); return true })()`)
	tab.Type("#search-q", q)
	return waitResults(t, tab, q)
}

func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// searchable is an article as the expectations of the tests see it.
type searchable struct {
	page  string // site path of its page
	a     article.Article
	terms map[string]bool
}

// searchables reads the site's content with the Go side of the index: the
// browser's answers are checked against it.
func searchables(t *testing.T, site string) []searchable {
	var out []searchable
	for _, p := range contentPages(t, site) {
		text := p.article.Title + "\n" + p.article.Body + "\n" + p.article.Source
		for _, e := range p.article.Entities {
			text += "\n" + e.Name
		}
		terms := map[string]bool{}
		for _, term := range search.Terms(text) {
			terms[term] = true
		}
		out = append(out, searchable{page: p.page, a: p.article, terms: terms})
	}
	return out
}

// withTerm counts the articles that have the term of word.
func withTerm(docs []searchable, word string) int {
	term := search.Term(search.Normalize(word))
	n := 0
	for _, d := range docs {
		if d.terms[term] {
			n++
		}
	}
	return n
}

// TestSearchInBrowser types queries into the search page of the example
// archive, opened from disk and served under a subpath, and checks ranked
// results, inflections, prefixes, phrases, typos, filters, order, the
// address and the back button, and the keyboard.
func TestSearchInBrowser(t *testing.T) {
	site := copySite(t)
	out := buildAt(t, site)
	docs := searchables(t, site)
	b := browsertest.Start(t)
	t.Run("file", func(t *testing.T) {
		searchSite(t, b.NewTab(t), browsertest.FileURL(filepath.Join(out, "index.html")), docs)
	})
	t.Run("subpath", func(t *testing.T) {
		searchSite(t, b.NewTab(t), browsertest.ServeDir(t, out, "/archive/"), docs)
	})
}

func searchSite(t *testing.T, tab *browsertest.Tab, home string, docs []searchable) {
	root := strings.TrimSuffix(home, "index.html")
	searchPage := root + "search/index.html"

	// The box in every page's header leads to the search page.
	tab.Navigate(home)
	tab.Type(`header form[role="search"] input[name="q"]`, "kestrel")
	tab.Follow(`header form[role="search"] button`)
	if got := tab.Location(); got != searchPage+"?q=kestrel" {
		t.Errorf("the header's search box led to %s, want %s?q=kestrel", got, searchPage)
	}
	v := waitResults(t, tab, "kestrel")
	want := withTerm(docs, "kestrel")
	if !strings.HasPrefix(v.Status, fmt.Sprintf("%d articles", want)) {
		t.Errorf("kestrel: status %q, want %d articles", v.Status, want)
	}
	if len(v.Results) != min(want, 10) {
		t.Fatalf("kestrel: %d results shown, want %d", len(v.Results), min(want, 10))
	}
	if !strings.Contains(strings.ToLower(v.Results[0].Title), "kestrel") {
		t.Errorf("kestrel: the best match %q does not have the word in its title", v.Results[0].Title)
	}
	for _, r := range v.Results {
		if !slices.Contains(r.Marks, "kestrel") {
			t.Errorf("kestrel: result %q marks %q, not the word", r.Title, r.Marks)
		}
		if !strings.HasPrefix(r.URL, root) || !articlePath.MatchString(r.URL) {
			t.Errorf("kestrel: result %q links to %s, not to an article of the site", r.Title, r.URL)
		}
	}
	tab.AssertNoErrors(t)

	// Another form of a word finds it: the example has "trawlers" and
	// "trawler".
	v = typeQuery(t, tab, "trawler ")
	if want := withTerm(docs, "trawlers"); len(v.Results) != min(want, 10) || want == 0 {
		t.Errorf("trawler: %d results, want %d", len(v.Results), want)
	}
	if !slices.ContainsFunc(v.Results, func(r result) bool { return slices.Contains(r.Marks, "trawlers") }) {
		t.Errorf("trawler: no result marks “trawlers”: %+v", v.Results)
	}

	// A word being typed is a prefix.
	v = typeQuery(t, tab, "kestr")
	if len(v.Results) == 0 || !slices.Contains(v.Results[0].Marks, "kestrel") {
		t.Errorf("kestr: results %+v, want the kestrel articles", v.Results)
	}

	// A quoted phrase matches only those words in a row.
	v = typeQuery(t, tab, `"herring grounds"`)
	wantPhrase := 0
	for _, d := range docs {
		if strings.Contains(strings.ToLower(d.a.Title+" "+d.a.Body), "herring grounds") {
			wantPhrase++
		}
	}
	if len(v.Results) != wantPhrase || wantPhrase == 0 {
		t.Errorf(`"herring grounds": %d results, want %d`, len(v.Results), wantPhrase)
	}
	for _, r := range v.Results {
		if !strings.Contains(strings.ToLower(r.Title+" "+r.Snippet), "herring grounds") {
			t.Errorf(`"herring grounds": result %q shows no phrase: %q`, r.Title, r.Snippet)
		}
	}

	// One typo in a long word is forgiven, and said.
	v = typeQuery(t, tab, "kestrle ")
	if want := withTerm(docs, "kestrel"); len(v.Results) != min(want, 10) || want == 0 {
		t.Errorf("kestrle: %d results, want %d", len(v.Results), want)
	}
	if !strings.Contains(v.Status, "also matched “kestrel”") {
		t.Errorf("kestrle: the status %q does not say the spelling was corrected", v.Status)
	}
	tab.AssertNoErrors(t)

	// The query lives in the address; Back returns to the one before.
	tab.Navigate(searchPage + "?q=railway")
	waitResults(t, tab, "railway")
	tab.Type("#search-q", " bridge\n")
	waitResults(t, tab, "railway bridge")
	if got := tab.Location(); got != searchPage+"?q=railway+bridge" {
		t.Errorf("after typing, the address is %s, want ?q=railway+bridge", got)
	}
	browsertest.Eval[bool](tab, "(history.back(), true)")
	if v := waitResults(t, tab, "railway"); v.Input != "railway" {
		t.Errorf("after Back, the box holds %q, want railway", v.Input)
	}

	// Filters: a place (from its page's link), a source, a date range;
	// and order by date.
	place := mostCommon(docs, func(d searchable) []string { return names(d, article.Place) })
	source := mostCommon(docs, func(d searchable) []string { return []string{d.a.Source} })
	tab.Navigate(root + "places/" + article.Slug(place) + "/index.html")
	tab.FollowText("Search these articles")
	if got, want := tab.Location(), searchPage+"?place="+article.Slug(place); got != want {
		t.Errorf("the place's search link led to %s, want %s", got, want)
	}
	v = waitResults(t, tab, "")
	wantPlace := withEntity(docs, article.Place, place)
	if !strings.HasPrefix(v.Status, fmt.Sprintf("%d articles", wantPlace)) {
		t.Errorf("place %s: status %q, want %d articles", place, v.Status, wantPlace)
	}
	if got := browsertest.Eval[string](tab, `document.getElementById("search-place").value`); got != place {
		t.Errorf("place filter from the address shows %q, want %q", got, place)
	}
	checkOrder(t, v.Results, "place filter", func(a, b string) bool { return a >= b })

	tab.Navigate(searchPage + "?q=railway")
	waitResults(t, tab, "railway")
	browsertest.Eval[bool](tab, fmt.Sprintf(`(() => {
		document.querySelector("details.search-filters").open = true;
		const s = document.getElementById("search-source");
		s.value = %s;
		s.dispatchEvent(new Event("change"));
		return true })()`, jsString(article.Slug(source))))
	v = waitResults(t, tab, "railway")
	if len(v.Results) == 0 {
		t.Errorf("source %s: no results", source)
	}
	for _, r := range v.Results {
		if !strings.HasSuffix(r.Meta, "· "+source) {
			t.Errorf("source %s: result %q is from %q", source, r.Title, r.Meta)
		}
	}
	if got := tab.Location(); !strings.Contains(got, "source="+article.Slug(source)) {
		t.Errorf("the source filter is not in the address %s", got)
	}

	// A person typed into the filter, as the list offers the name.
	person := mostCommon(docs, func(d searchable) []string { return names(d, article.Person) })
	tab.Navigate(searchPage)
	waitResults(t, tab, "")
	browsertest.Eval[bool](tab, `(document.querySelector("details.search-filters").open = true, true)`)
	tab.Type("#search-person", person)
	// The filter searches once the list of names has loaded: forget the
	// query the page showed, so that waitResults waits for the new search.
	browsertest.Eval[bool](tab, `(delete document.getElementById("search-status").dataset.q,
		document.getElementById("search-person").dispatchEvent(new Event("change")), true)`)
	v = waitResults(t, tab, "")
	wantPerson := withEntity(docs, article.Person, person)
	if !strings.HasPrefix(v.Status, fmt.Sprintf("%d article", wantPerson)) {
		t.Errorf("person %s typed into the filter: status %q, want %d articles", person, v.Status, wantPerson)
	}
	if got := tab.Location(); !strings.Contains(got, "person="+article.Slug(person)) {
		t.Errorf("the person filter is not in the address %s", got)
	}

	tab.Navigate(searchPage + "?q=railway&from=2024-01-01&to=2024-12-31&sort=oldest")
	v = waitResults(t, tab, "railway")
	if len(v.Results) == 0 {
		t.Error("railway in 2024: no results")
	}
	for _, r := range v.Results {
		if r.Date < "2024-01-01" || r.Date > "2024-12-31" {
			t.Errorf("railway in 2024: result %q is dated %q", r.Title, r.Date)
		}
	}
	checkOrder(t, v.Results, "oldest first", func(a, b string) bool { return a <= b })
	tab.AssertNoErrors(t)

	// A filter by a name the archive does not have finds nothing and
	// says so; the only request that fails is for that name's file.
	tab.Navigate(searchPage + "?q=railway&person=nobody-at-all")
	v = waitResults(t, tab, "railway")
	if want := "No article matches. This archive has no person “nobody-at-all”."; len(v.Results) != 0 || !strings.HasPrefix(v.Status, want) {
		t.Errorf("a filter by an unknown person: %d results, status %q, want none and %q", len(v.Results), v.Status, want)
	}
	for _, p := range tab.TakeProblems() {
		if !strings.Contains(p.URL+p.Text, "e/people/nobody-at-all.js") {
			t.Errorf("a filter by an unknown person: %s", p)
		}
	}

	// The keyboard: down from the box to the results, Enter opens one.
	tab.Navigate(searchPage + "?q=treaty")
	v = waitResults(t, tab, "treaty")
	tab.Type("#search-q", kb.ArrowDown)
	if got := browsertest.Eval[string](tab, "document.activeElement.href || ''"); got != v.Results[0].URL {
		t.Errorf("ArrowDown from the box focused %q, want the first result %s", got, v.Results[0].URL)
	}
	tab.Type(":focus", kb.ArrowDown)
	if got := browsertest.Eval[string](tab, "document.activeElement.href || ''"); len(v.Results) > 1 && got != v.Results[1].URL {
		t.Errorf("ArrowDown in the results focused %q, want the second result %s", got, v.Results[1].URL)
	}
	tab.AssertNoErrors(t)
}

// names lists an article's entities of a kind.
func names(d searchable, kind article.Kind) []string {
	var out []string
	for _, e := range d.a.Entities {
		if e.Kind == kind {
			out = append(out, e.Name)
		}
	}
	return out
}

// withEntity counts the articles with an entity.
func withEntity(docs []searchable, kind article.Kind, name string) int {
	n := 0
	for _, d := range docs {
		if slices.Contains(names(d, kind), name) {
			n++
		}
	}
	return n
}

// mostCommon returns the value of most articles (the first in order of
// strings among equals), not counting empty ones.
func mostCommon(docs []searchable, values func(searchable) []string) string {
	n := map[string]int{}
	best := ""
	for _, d := range docs {
		for _, v := range values(d) {
			if v == "" {
				continue
			}
			n[v]++
			if n[v] > n[best] || n[v] == n[best] && v < best {
				best = v
			}
		}
	}
	return best
}

// checkOrder checks the dates of results are in the order ok says.
func checkOrder(t *testing.T, rs []result, what string, ok func(a, b string) bool) {
	t.Helper()
	for i := 1; i < len(rs); i++ {
		if rs[i-1].Date != "" && rs[i].Date != "" && !ok(rs[i-1].Date, rs[i].Date) {
			t.Errorf("%s: %q (%s) comes before %q (%s)", what, rs[i-1].Title, rs[i-1].Date, rs[i].Title, rs[i].Date)
		}
	}
}

// TestSearchNamesAndHostileText searches a small archive for the other
// names of places and for text that looks like HTML, which must show as
// text.
func TestSearchNamesAndHostileText(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	annals(t, "init", site)
	pages := map[string]string{
		"2024/06/19/pyongyang-summit.md": "---\ntitle: Leaders Meet in Pyongyang\ndate: 2024-06-19\nplaces:\n  - North Korea\n  - Pyongyang\n---\n\nThe two leaders met in the capital of North Korea on Wednesday.\n",
		"2022/03/01/kyiv-convoy.md":      "---\ntitle: Convoy Nears the Capital\ndate: 2022-03-01\nplaces:\n  - Kyiv\n---\n\nA long convoy was seen north of Kyiv.\n",
		"2023/01/02/markup.md":           "---\ntitle: \"<img src=x onerror=alert(1)> Markup <b>in</b> a title\"\ndate: 2023-01-02\n---\n\nA body with \\<script\\>alert(2)\\</script\\> and <i>tags</i> in it, and the word markup.\n",
	}
	for name, text := range pages {
		p := filepath.Join(site, "content", "articles", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := buildAt(t, site)
	b := browsertest.Start(t)
	tab := b.NewTab(t)
	page := browsertest.FileURL(filepath.Join(out, "search", "index.html"))

	for q, title := range map[string]string{"DPRK": "Leaders Meet in Pyongyang", "Kiev": "Convoy Nears the Capital"} {
		tab.Navigate(page + "?q=" + url.QueryEscape(q+" "))
		v := waitResults(t, tab, q+" ")
		if len(v.Results) != 1 || v.Results[0].Title != title {
			t.Errorf("%s: results %+v, want only %q", q, v.Results, title)
		}
	}

	tab.Navigate(page + "?q=markup")
	v := waitResults(t, tab, "markup")
	if len(v.Results) != 1 {
		t.Fatalf("markup: %d results, want 1", len(v.Results))
	}
	r := v.Results[0]
	if !strings.Contains(r.Title, "<img src=x onerror=alert(1)>") || !strings.Contains(r.Snippet, "<script>alert(2)</script>") {
		t.Errorf("the title and snippet do not show the markup as text: %q, %q", r.Title, r.Snippet)
	}
	for _, tag := range []string{"<img", "<script", "<b>", "<i>"} {
		if strings.Contains(r.HTML, tag) {
			t.Errorf("the result's HTML has an element %s: %s", tag, r.HTML)
		}
	}
	tab.AssertNoErrors(t)
}
