package e2e

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/entity"
)

// contentPage is one article of a site's content/ and the page the build
// makes of it.
type contentPage struct {
	file    string // the Markdown file
	page    string // slash path of its page in the build: YYYY/MM/DD/<slug>/index.html
	article article.Article
}

// contentPages reads every article of the site's content/articles, as
// annals build does: Markdown files not starting with "_", outside dot
// folders.
func contentPages(t testing.TB, site string) []contentPage {
	t.Helper()
	root := filepath.Join(site, "content", content.ArticlesDir)
	var pages []contentPage
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != root:
			return filepath.SkipDir
		case d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") || strings.HasPrefix(d.Name(), "_"):
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		parsed, err := content.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		a := parsed.Article
		slug := a.Slug
		if slug == "" {
			slug = strings.TrimSuffix(d.Name(), filepath.Ext(p))
		}
		page := path.Join(content.DateDir(a.Date), article.Slug(slug), "index.html")
		pages = append(pages, contentPage{file: p, page: page, article: a})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// entityFolders are the folders of entity pages, by kind.
var entityFolders = map[article.Kind]string{
	article.Person:       "people",
	article.Place:        "places",
	article.Organization: "organizations",
}

// checkEntities checks that the page of every article of the site lists in
// its dl.entities exactly the entities of its front matter, under the names
// and kinds the site's entity table gives them at build time, each linked to
// its entity page (people/…, places/… or organizations/…), and that every
// entity page links back to the articles that mention it, on one of its
// pages.
func (c *checker) checkEntities(t *testing.T, site string) {
	t.Helper()
	names, err := entity.Load(afero.NewOsFs(), site)
	if err != nil {
		t.Fatal(err)
	}
	articles := contentPages(t, site)
	if len(articles) == 0 {
		t.Fatal("the site has no articles")
	}
	// mentions[entity page] lists the article pages that list it.
	mentions := map[string][]string{}
	links := 0
	for _, cp := range articles {
		p, ok := c.pages[cp.page]
		if !ok {
			t.Errorf("%s: its page %s is not in the build", cp.file, cp.page)
			continue
		}
		var want []string
		seen := map[string]bool{}
		for _, e := range cp.article.Entities {
			name, kind, keep := names.Canonical(e.Name, e.Kind)
			key := entityFolders[kind] + ": " + name
			if keep && !seen[key] {
				seen[key] = true
				want = append(want, key)
			}
		}
		var got []string
		for _, l := range p.entities {
			target, _, internal, err := c.resolve(l)
			folder, _, _ := strings.Cut(target, "/")
			switch {
			case err != nil || !internal:
				t.Errorf("%v: an entity link that does not lead into the site", l)
				continue
			case !slices.Contains([]string{"people", "places", "organizations"}, folder):
				t.Errorf("%v: an entity link to %s, outside people/, places/ and organizations/", l, target)
				continue
			}
			if to, ok := c.pages[target]; !ok || to.redirect != "" {
				t.Errorf("%v: %s is not an entity page", l, target)
				continue
			}
			got = append(got, folder+": "+l.text)
			mentions[target] = append(mentions[target], cp.page)
			links++
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %d entities %q in dl.entities; its content file %s names %d: %q",
				cp.page, len(got), got, cp.file, len(want), want)
		}
	}

	// Each entity page, across its pages, links to every article that
	// lists it.
	backlinks := 0
	for ent, arts := range mentions {
		listed := map[string]bool{}
		for pg := ent; pg != ""; pg = c.nextPage(pg) {
			for _, l := range c.pages[pg].links {
				if target, _, internal, err := c.resolve(l); err == nil && internal && l.tag == "a" {
					listed[target] = true
				}
			}
		}
		for _, a := range arts {
			if !listed[a] {
				t.Errorf("%s is listed on %s, which does not link back to it", ent, a)
			} else {
				backlinks++
			}
		}
	}
	t.Logf("checked %d entity links on %d article pages against their front matter; %d entity pages link back to all %d", links, len(articles), len(mentions), backlinks)
}

// nextPage returns the page that a page's rel="next" link leads to, or "".
func (c *checker) nextPage(page string) string {
	for _, l := range c.pages[page].links {
		if l.tag == "a" && l.attr == "href" && l.rel == "next" {
			if target, _, internal, err := c.resolve(l); err == nil && internal {
				return target
			}
		}
	}
	return ""
}
