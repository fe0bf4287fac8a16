package e2e

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
)

// A link is one URL-valued attribute of a page.
type link struct {
	page string // slash path of the page, relative to the build root
	tag  string
	attr string
	val  string
	rel  string // the rel attribute of an <a>
	text string // the text of an <a> in dl.entities or section.samestory
}

func (l link) String() string { return fmt.Sprintf("%s: <%s %s=%q>", l.page, l.tag, l.attr, l.val) }

// A parsed page: its links and the ids its fragments may name.
type parsedPage struct {
	links []link
	ids   map[string]bool
	// entities are the links of the article's dl.entities, sameStory those
	// of its section.samestory.
	entities, sameStory []link
	hasSameStory        bool // whether the page has a section.samestory
	// redirect is the address a <meta http-equiv="refresh"> sends the
	// reader to: set on alias pages only.
	redirect string
}

// linkAttrs lists the attributes that hold one URL.
var linkAttrs = map[string]bool{"href": true, "src": true, "poster": true, "action": true, "data": true}

func parsePage(out, rel string) (parsedPage, error) {
	f, err := os.Open(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		return parsedPage{}, err
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return parsedPage{}, fmt.Errorf("%s: %v", rel, err)
	}
	p := parsedPage{ids: map[string]bool{}}
	// in is the list (p.entities or p.sameStory) that the <a> elements
	// under n belong to, or nil.
	var visit func(n *html.Node, in *[]link)
	visit = func(n *html.Node, in *[]link) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "dl" && hasClass(n, "entities"):
				in = &p.entities
			case n.Data == "section" && hasClass(n, "samestory"):
				in = &p.sameStory
				p.hasSameStory = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, in)
		}
		if n.Type != html.ElementNode {
			return
		}
		if n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh") {
			p.redirect = refreshURL(attr(n, "content"))
			p.links = append(p.links, link{page: rel, tag: n.Data, attr: "content", val: p.redirect})
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "id" || (a.Key == "name" && n.Data == "a"):
				p.ids[a.Val] = true
			case linkAttrs[a.Key]:
				l := link{page: rel, tag: n.Data, attr: a.Key, val: a.Val}
				if n.Data == "a" {
					l.rel = attr(n, "rel")
				}
				p.links = append(p.links, l)
				if in != nil && n.Data == "a" && a.Key == "href" {
					l.text = strings.Join(strings.Fields(textOf(n)), " ")
					*in = append(*in, l)
				}
			case a.Key == "srcset":
				for cand := range strings.SplitSeq(a.Val, ",") {
					if fields := strings.Fields(cand); len(fields) > 0 {
						p.links = append(p.links, link{page: rel, tag: n.Data, attr: a.Key, val: fields[0]})
					}
				}
			}
		}
	}
	visit(doc, nil)
	return p, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// refreshURL returns the address of a refresh's content, "0; url=X".
func refreshURL(content string) string {
	_, after, ok := strings.Cut(content, ";")
	if !ok {
		return ""
	}
	after = strings.TrimSpace(after)
	if len(after) >= 4 && strings.EqualFold(after[:4], "url=") {
		after = after[4:]
	}
	return strings.Trim(strings.TrimSpace(after), `'"`)
}

// checker resolves the links of one build.
type checker struct {
	out   string
	base  *url.URL // the --base-url of the build, or nil
	pages map[string]parsedPage
	files map[string]fileState // stat results by slash path, filled by check
}

type fileState uint8

const (
	missing fileState = iota + 1
	isFile
	isFolder
)

func (c *checker) stat(target string) fileState {
	if s, ok := c.files[target]; ok {
		return s
	}
	if c.files == nil {
		c.files = map[string]fileState{}
	}
	s := missing
	if fi, err := os.Stat(filepath.Join(c.out, filepath.FromSlash(target))); err == nil {
		s = isFile
		if fi.IsDir() {
			s = isFolder
		}
	}
	c.files[target] = s
	return s
}

// resolve returns the file (slash path relative to the build root) that a
// link names and the fragment, or internal=false for a link that leaves the
// site. A problem with the link is returned as an error.
func (c *checker) resolve(l link) (target, fragment string, internal bool, err error) {
	u, err := url.Parse(strings.TrimSpace(l.val))
	if err != nil {
		return "", "", false, fmt.Errorf("bad URL: %v", err)
	}
	fragment = u.Fragment
	switch {
	case u.Scheme != "" || u.Host != "":
		if c.base == nil || u.Host != c.base.Host || !strings.HasPrefix(u.Path, c.base.Path) {
			return "", "", false, nil // outside the site
		}
		// An absolute address of the site itself (canonical links, the
		// 404 page): a folder address names its index.html.
		target = strings.TrimPrefix(u.Path, c.base.Path)
		if target == "" || strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		return path.Clean("/" + target)[1:], fragment, true, nil
	case strings.HasPrefix(u.Path, "/"):
		// 404.html is served at any address, so only a root or absolute
		// address can work there; everywhere else it breaks file:// and
		// hosting under a path prefix.
		if l.page != "404.html" || c.base != nil {
			return "", "", true, fmt.Errorf("root-relative link: breaks file:// and hosting under a path prefix")
		}
		target = u.Path
	case u.Path == "":
		return l.page, fragment, true, nil // "#id" or "?q" on the same page
	default:
		target = path.Join(path.Dir(l.page), u.Path)
		if target == ".." || strings.HasPrefix(target, "../") {
			return "", "", true, fmt.Errorf("points above the site root")
		}
	}
	if b := path.Base(u.Path); strings.HasSuffix(u.Path, "/") || b == "." || b == ".." {
		return "", "", true, fmt.Errorf("folder link: must end in index.html to work from file://")
	}
	return strings.TrimPrefix(path.Clean("/"+target), "/"), fragment, true, nil
}

// check checks every link of every page and returns the pages reached from
// the home page and the number of internal links.
func (c *checker) check(t *testing.T) (reached map[string]bool, links int) {
	t.Helper()
	var names []string
	for name := range c.pages {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, l := range c.pages[name].links {
			target, frag, internal, err := c.resolve(l)
			if err != nil {
				t.Errorf("%v: %v", l, err)
				continue
			}
			if !internal {
				continue
			}
			links++
			switch c.stat(target) {
			case missing:
				t.Errorf("%v: %s does not exist in the build", l, target)
				continue
			case isFolder:
				t.Errorf("%v: %s is a folder; link to its index.html", l, target)
				continue
			}
			if frag != "" && strings.HasSuffix(target, ".html") && !c.pages[target].ids[frag] {
				t.Errorf("%v: %s has no element with id %q", l, target, frag)
			}
			if l.tag == "meta" {
				if to, ok := c.pages[target]; !ok || to.redirect != "" {
					t.Errorf("%v: redirects to %s, which is not a page", l, target)
				}
			}
		}
	}

	// Pages reached from the home page by <a href>.
	reached = map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		for _, l := range c.pages[name].links {
			if l.tag != "a" || l.attr != "href" {
				continue
			}
			target, _, internal, err := c.resolve(l)
			if err == nil && internal && !reached[target] && c.pages[target].ids != nil {
				reached[target] = true
				queue = append(queue, target)
			}
		}
	}
	return reached, links
}

// checkSite checks the links of every page of the build and that every
// page but 404.html and the redirects of alias pages can be reached from
// the home page.
func (c *checker) checkSite(t *testing.T) {
	t.Helper()
	for _, want := range []string{"index.html", "articles/index.html"} {
		if _, ok := c.pages[want]; !ok {
			t.Errorf("the build has no %s", want)
		}
	}
	reached, links := c.check(t)
	var orphans []string
	redirects := 0
	for name, p := range c.pages {
		switch {
		case p.redirect != "":
			redirects++
		case !reached[name] && name != "404.html":
			orphans = append(orphans, name)
		}
	}
	slices.Sort(orphans)
	for _, name := range orphans {
		t.Errorf("%s cannot be reached from the home page", name)
	}
	t.Logf("checked %d internal links on %d pages (%d reached from the home page, %d alias redirects)",
		links, len(c.pages), len(reached), redirects)
}

// loadPages parses every HTML page of the build, in parallel.
func loadPages(t *testing.T, out string) map[string]parsedPage {
	t.Helper()
	var names []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	parsed := make([]parsedPage, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				parsed[i], errs[i] = parsePage(out, names[i])
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	pages := make(map[string]parsedPage, len(names))
	for i, name := range names {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		pages[name] = parsed[i]
	}
	return pages
}

// newChecker parses the build at out, made with the base URL baseURL
// ("" for none).
func newChecker(t *testing.T, out, baseURL string) *checker {
	t.Helper()
	c := &checker{out: out}
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil {
			t.Fatal(err)
		}
		c.base = u
	}
	c.pages = loadPages(t, out)
	return c
}

// TestSiteLinks walks every internal link of every page of the built site,
// and checks each article page links the pages of its entities.
func TestSiteLinks(t *testing.T) {
	for _, tc := range []struct {
		name, baseURL string
		site          func(testing.TB) string
	}{
		{"content", "", copySite},
		{"content-with-base-url", "https://archive.example/annals/", copySite},
		{"imported-examples", "", importExamples},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkBuild(t, tc.site(t), tc.baseURL)
		})
	}
}

// checkBuild builds site (with baseURL when given) and checks the result:
// links, entity links and, with a base URL, feeds and sitemaps.
func checkBuild(t *testing.T, site, baseURL string) {
	t.Helper()
	var extra []string
	if baseURL != "" {
		extra = []string{"--base-url", baseURL}
	}
	out := buildAt(t, site, extra...)
	c := newChecker(t, out, baseURL)
	c.checkSite(t)
	scanBuild(t, out, baseURL)
	c.checkEntities(t, site)
	if baseURL != "" {
		c.checkFeeds(t)
	}
}
