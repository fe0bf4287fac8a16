package e2e

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A link is one URL-valued attribute of a page.
type link struct {
	page string // slash path of the page, relative to the build root
	tag  string
	attr string
	val  string
}

func (l link) String() string { return fmt.Sprintf("%s: <%s %s=%q>", l.page, l.tag, l.attr, l.val) }

// A parsed page: its links and the ids its fragments may name.
type parsedPage struct {
	links []link
	ids   map[string]bool
}

// linkAttrs lists the attributes that hold one URL.
var linkAttrs = map[string]bool{"href": true, "src": true, "poster": true, "action": true, "data": true}

func parsePage(t *testing.T, out, rel string) parsedPage {
	t.Helper()
	f, err := os.Open(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	p := parsedPage{ids: map[string]bool{}}
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if n.Type != html.ElementNode {
			return
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "id" || (a.Key == "name" && n.Data == "a"):
				p.ids[a.Val] = true
			case linkAttrs[a.Key]:
				p.links = append(p.links, link{page: rel, tag: n.Data, attr: a.Key, val: a.Val})
			case a.Key == "srcset":
				for cand := range strings.SplitSeq(a.Val, ",") {
					if fields := strings.Fields(cand); len(fields) > 0 {
						p.links = append(p.links, link{page: rel, tag: n.Data, attr: a.Key, val: fields[0]})
					}
				}
			}
		}
	}
	visit(doc)
	return p
}

// checker resolves the links of one build.
type checker struct {
	out   string
	base  *url.URL // the --base-url of the build, or nil
	pages map[string]parsedPage
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
// the home page.
func (c *checker) check(t *testing.T) map[string]bool {
	t.Helper()
	var names []string
	for name := range c.pages {
		names = append(names, name)
	}
	slices.Sort(names)
	links := 0
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
			fi, err := os.Stat(filepath.Join(c.out, filepath.FromSlash(target)))
			switch {
			case err != nil:
				t.Errorf("%v: %s does not exist in the build", l, target)
				continue
			case fi.IsDir():
				t.Errorf("%v: %s is a folder; link to its index.html", l, target)
				continue
			}
			if frag != "" && strings.HasSuffix(target, ".html") && !c.pages[target].ids[frag] {
				t.Errorf("%v: %s has no element with id %q", l, target, frag)
			}
		}
	}
	t.Logf("checked %d internal links on %d pages", links, len(names))

	// Pages reached from the home page by <a href>.
	reached := map[string]bool{"index.html": true}
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
	return reached
}

func loadPages(t *testing.T, out string) map[string]parsedPage {
	t.Helper()
	pages := map[string]parsedPage{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		pages[rel] = parsePage(t, out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestSiteLinks walks every internal link of every page of the built site.
func TestSiteLinks(t *testing.T) {
	for _, tc := range []struct {
		name, baseURL string
		build         func(testing.TB, ...string) string
	}{
		{"content", "", buildSite},
		{"content-with-base-url", "https://archive.example/annals/", buildSite},
		{"imported-examples", "", importSite},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var extra []string
			c := &checker{}
			if tc.baseURL != "" {
				extra = []string{"--base-url", tc.baseURL}
				u, err := url.Parse(tc.baseURL)
				if err != nil {
					t.Fatal(err)
				}
				c.base = u
			}
			c.out = tc.build(t, extra...)
			c.pages = loadPages(t, c.out)

			articles := articlePages(t, c.out)
			if len(articles) == 0 {
				t.Fatal("the build has no article pages")
			}
			for _, want := range []string{"index.html", "articles/index.html"} {
				if _, ok := c.pages[want]; !ok {
					t.Errorf("the build has no %s", want)
				}
			}

			reached := c.check(t)
			var orphans []string
			for name := range c.pages {
				if !reached[name] && name != "404.html" {
					orphans = append(orphans, name)
				}
			}
			slices.Sort(orphans)
			for _, name := range orphans {
				t.Errorf("%s cannot be reached from the home page", name)
			}
		})
	}
}
