package build

import (
	"cmp"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/chart"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/graph"
	"github.com/annals-archive/annals/internal/markdown"
	"github.com/annals-archive/annals/internal/render"
)

// sections are the folders of entity pages, by kind.
var sections = []struct {
	kind   article.Kind
	folder string
	title  string
}{
	{article.Person, "people", "People"},
	{article.Place, "places", "Places"},
	{article.Organization, "organizations", "Organizations"},
}

// letterFolder holds the A–Z pages of an entity index.
const letterFolder = "by-letter"

// entityPaths gives every entity its page: folder/slug/, the slug made
// unique in its folder in order of names.
func entityPaths(g *graph.Graph) map[graph.EntityKey]string {
	paths := map[graph.EntityKey]string{}
	for _, sec := range sections {
		used := map[string]bool{letterFolder: true, "page": true}
		for _, e := range g.Entities(sec.kind) {
			base := article.Slug(e.Name)
			if base == "" {
				base = "entity"
			}
			slug := base
			for n := 2; used[slug]; n++ {
				slug = fmt.Sprintf("%s-%d", base, n)
			}
			used[slug] = true
			paths[e] = sec.folder + "/" + slug + "/"
		}
	}
	return paths
}

// entityPages lists the jobs that render, for each kind, the index, its
// A–Z pages, every entity's page and the redirects from other names.
func (s *siteBuild) entityPages() []job {
	var jobs []job
	for _, sec := range sections {
		keys := s.graph.Entities(sec.kind)
		jobs = append(jobs,
			func() error { return s.entityIndex(sec.folder, sec.title, keys) },
			func() error { return s.aliases(sec.folder, keys) })
		for _, e := range keys {
			jobs = append(jobs, func() error { return s.entityPage(sec.folder, sec.title, e) })
		}
	}
	return jobs
}

// entityIndex renders folder/: the most mentioned entities, and links to
// pages of all entities by initial, so no page lists them all.
func (s *siteBuild) entityIndex(folder, title string, keys []graph.EntityKey) error {
	links := make([]*render.Link, len(keys))
	for i, e := range keys {
		links[i] = &render.Link{Text: e.Name, Path: s.entities[e].path, Count: len(s.graph.Articles(e))}
	}
	byLetter := map[string][]*render.Link{}
	var letters []*render.Link
	for _, l := range links {
		c := initial(l.Text)
		if byLetter[c] == nil {
			letters = append(letters, &render.Link{Text: c, Path: folder + "/" + letterFolder + "/" + letterSlug(c) + "/"})
		}
		byLetter[c] = append(byLetter[c], l)
	}
	for _, l := range letters {
		l.Count = len(byLetter[l.Text])
	}
	top := slices.Clone(links)
	slices.SortStableFunc(top, func(a, b *render.Link) int { return cmp.Compare(b.Count, a.Count) })
	top = top[:min(len(top), s.cfg.EntityIndexSize)]
	section := folder
	err := s.page(&render.Page{
		Kind: render.KindTaxonomy, Section: section, Title: title, Path: folder + "/",
		Links: top, Letters: letters, Total: len(keys),
	}, article.Date{})
	if err != nil {
		return err
	}
	up := &render.Link{Text: title, Path: folder + "/"}
	for _, l := range letters {
		list := byLetter[l.Text]
		per := s.cfg.EntityIndexSize * 5
		for n, lo := 1, 0; lo < len(list); n, lo = n+1, lo+per {
			p := &render.Page{
				Kind: render.KindTaxonomy, Section: section, Title: fmt.Sprintf("%s: %s", title, l.Text),
				Path: l.Path, Links: list[lo:min(lo+per, len(list))], Letters: letters, Total: len(list),
				Crumbs: []*render.Link{up},
			}
			if n > 1 {
				p.Path = fmt.Sprintf("%spage/%d/", l.Path, n)
				p.Title += fmt.Sprintf(" — page %d", n)
			}
			if err := s.page(p, article.Date{}); err != nil {
				return err
			}
		}
	}
	return nil
}

// initial is the letter an entity is listed under: A–Z, or "#".
func initial(name string) string {
	r, _ := utf8.DecodeRuneInString(article.Slug(name))
	if r >= 'a' && r <= 'z' {
		return string(unicode.ToUpper(r))
	}
	return "#"
}

func letterSlug(c string) string {
	if c == "#" {
		return "other"
	}
	return strings.ToLower(c)
}

// entityPage renders one entity's paginated page. Its pages are known by
// the key of what they show (entityKey), so that an unchanged entity's
// co-mentions, timeline and chart are not even computed.
func (s *siteBuild) entityPage(folder, title string, e graph.EntityKey) error {
	idx := s.graph.Articles(e)
	base := s.entities[e].path
	desc, err := s.description(base)
	if err != nil {
		return err
	}
	feed := s.entityFeed(base)
	up := &render.Link{Text: title, Path: folder + "/"}
	key := s.entityKey(e, folder, title, base, desc, feed, idx)

	var ent *render.Entity
	var bars []chart.Bar
	entity := func() *render.Entity {
		if ent != nil {
			return ent
		}
		first, last := s.graph.FirstLast(e)
		ent = &render.Entity{Name: e.Name, Kind: string(e.Kind), Count: len(idx), First: first, Last: last,
			Key: path.Base(base), Description: desc}
		for _, c := range s.graph.CoMentioned(e, 10) {
			ent.CoMentioned = append(ent.CoMentioned, &render.Link{Text: c.Entity.Name, Path: s.entities[c.Entity].path, Count: c.Count})
		}
		for _, mc := range s.graph.Timeline(e) {
			b := chart.Bar{Label: monthLabel(mc.Year, mc.Month), Count: mc.Count}
			if mc.Count > 0 {
				b.Href = "../../" + monthPath(mc.Year, mc.Month) + "index.html"
			}
			bars = append(bars, b)
		}
		return ent
	}
	label := "Articles per month mentioning " + e.Name
	return s.paginateCharted(base, idx, key, func(p *render.Page) {
		p.Kind, p.Section, p.Title, p.Entity, p.Crumbs = render.KindTerm, folder, e.Name, entity(), []*render.Link{up}
		p.Feed = feed
	}, func(p *render.Page) barChart {
		return barChart{label, relBars(bars, p.Path, base)}
	})
}

// description renders content/FOLDER/SLUG/_index.md, Hugo's term page
// convention, when the site has one.
func (s *siteBuild) description(base string) (template.HTML, error) {
	name := path.Join(s.dir, "content", base, "_index.md")
	data, err := afero.ReadFile(s.fsys, name)
	if err != nil {
		return "", nil
	}
	body := string(data)
	if p, err := content.Parse(data); err == nil {
		body = p.Article.Body
	}
	html, err := markdown.Render([]byte(body))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return template.HTML(html), nil
}

// aliases writes redirects from the other names of the table's entities
// (folder/dprk/ → folder/north-korea/) where no page stands.
func (s *siteBuild) aliases(folder string, keys []graph.EntityKey) error {
	taken := map[string]bool{}
	for _, e := range keys {
		taken[s.entities[e].path] = true
	}
	for _, e := range keys {
		entry, ok := s.names.Lookup(e.Name)
		if !ok || entry.Name != e.Name {
			continue
		}
		for _, a := range entry.Aliases {
			slug := article.Slug(a)
			p := folder + "/" + slug + "/"
			if slug == "" || slug == letterFolder || taken[p] {
				continue
			}
			taken[p] = true
			err := s.page(&render.Page{Kind: render.KindAlias, Title: e.Name, Path: p, Target: s.entities[e].path}, article.Date{})
			if err != nil {
				return err
			}
		}
	}
	return nil
}
