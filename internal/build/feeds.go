package build

import (
	"slices"
	"strings"

	"github.com/annals-archive/annals/internal/feed"
)

// Feeds and sitemaps need absolute addresses: they are written only when
// the site has a base URL. robots.txt is always written.

func (s *siteBuild) siteFeed() string {
	if s.site.BaseURL == "" {
		return ""
	}
	return "index.xml"
}

func (s *siteBuild) entityFeed(base string) string {
	if s.site.BaseURL == "" {
		return ""
	}
	return base + "index.xml"
}

// feeds lists the jobs that write the site's Atom feed and one per
// entity; none without a base URL.
func (s *siteBuild) feeds() []job {
	if s.site.BaseURL == "" {
		return nil
	}
	jobs := []job{func() error { return s.feed("index.xml", s.site.Title, "", s.allArticles()) }}
	for _, sec := range sections {
		for _, e := range s.graph.Entities(sec.kind) {
			base := s.entities[e].path
			jobs = append(jobs, func() error {
				return s.feed(s.entityFeed(base), e.Name+" · "+s.site.Title, base, s.graph.Articles(e))
			})
		}
	}
	return jobs
}

// sitemaps writes robots.txt and, with a base URL, the sitemaps of every
// page rendered so far.
func (s *siteBuild) sitemaps() error {
	if err := s.w.Write("robots.txt", feed.Robots(s.site.BaseURL)); err != nil {
		return err
	}
	if s.site.BaseURL == "" {
		return nil
	}
	s.mu.Lock()
	urls := slices.Clone(s.sitemap)
	s.mu.Unlock()
	slices.SortFunc(urls, func(a, b feed.URL) int { return strings.Compare(a.Loc, b.Loc) })
	for _, f := range feed.Sitemaps(s.site.BaseURL, urls) {
		if err := s.w.Write(f.Name, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// feed writes an Atom feed of the newest articles among idx (newest
// first) for the page at site path page.
func (s *siteBuild) feed(name, title, page string, idx []int) error {
	base := s.site.BaseURL
	f := feed.Feed{
		Title: title, Subtitle: s.site.Description,
		URL: base + page, Self: base + name, ID: base + name, Author: s.site.Title,
	}
	for _, i := range idx[:min(len(idx), s.cfg.FeedSize)] {
		a := s.summaries[i]
		f.Entries = append(f.Entries, feed.Entry{
			Title: a.Title, URL: base + a.Path, ID: base + a.Path,
			Updated: a.Date, Summary: a.Lead, Author: a.Source,
		})
		if f.Updated.Compare(a.Date) < 0 {
			f.Updated = a.Date
		}
	}
	return s.w.Write(name, feed.Atom(f))
}
