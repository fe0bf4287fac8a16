package render

import (
	"html/template"
	"strings"

	"github.com/annals-archive/annals/internal/article"
)

// Page kinds: Hugo's, and archive for the pages by date.
const (
	KindHome     = "home"
	KindPage     = "page"     // an article
	KindSection  = "section"  // the list of all articles
	KindArchive  = "archive"  // the index of years, a year, a month, a day, the undated
	KindTaxonomy = "taxonomy" // the index of people, places or organizations
	KindTerm     = "term"     // one person, place or organization
	KindAlias    = "alias"    // a redirect from another name of an entity
	Kind404      = "404"
	KindSearch   = "search" // the search page
)

// Site is what every page knows of the archive.
type Site struct {
	Title       string
	Description string
	Language    string
	// BaseURL is the published address, ending in "/", or "" when unknown.
	BaseURL string
	// Stylesheet is the site path of the main stylesheet.
	Stylesheet string
}

// Page is the view model every template receives.
type Page struct {
	Kind    string
	Section string // "articles" for articles and their list
	Title   string
	// Path is the page's site path: "" for the home page, a folder such
	// as "2022/10/07/some-slug/" for the others, or a file such as
	// "404.html".
	Path string
	Site *Site

	Article *Article   // on article pages
	List    []*Summary // on list pages: the articles of this page
	Pager   *Pager     // on paginated list pages
	Total   int        // on list pages: articles in the whole list

	Crumbs    []*Link       // on archive and entity pages: the way up
	Chart     template.HTML // on archive and entity pages: articles over time, inline SVG
	Links     []*Link       // on the archive index: years; on index pages: entities
	Letters   []*Link       // on entity index pages: the A–Z pages
	OnThisDay []*Summary    // on day pages: the same day in other years
	Entity    *Entity       // on entity pages
	Feed      string        // site path of an Atom feed of this page, "" for none
	Target    string        // on alias pages: the site path redirected to

	// Absolute makes Rel return absolute addresses under BaseURL (or
	// root-relative ones without one): for pages such as 404.html, which a
	// server shows at any address.
	Absolute bool
}

// Article is the view of one article on its own page.
type Article struct {
	Summary
	URL     string // the original address, when known
	Author  string
	Body    template.HTML
	Origins []article.Origin

	People, Places, Organizations []*Link

	Prev, Next *Summary   // the articles before and after it in time
	SameStory  []*Summary // reports of the same event
	Related    []*Summary // related articles, best first
	Day        string     // site path of its day's archive page ("" when undated)
}

// Link is a link with a count, as archive and entity lists show them.
type Link struct {
	Text  string
	Path  string // site path
	Count int
}

// Entity is a person, place or organization on its own page.
type Entity struct {
	Name        string
	Kind        string // "person", "place" or "organization"
	Key         string // the name of its page's folder, as the search page's filters take it
	Description template.HTML
	Count       int // articles mentioning it
	First, Last article.Date
	CoMentioned []*Link // the entities most often in the same articles
}

// Summary is an article as lists show it.
type Summary struct {
	Title  string
	Date   article.Date
	Source string
	Path   string // site path of its page
	Lead   string // the first sentences, plain text
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number, Count int    // this page's number (from 1) and how many there are
	First, Last   string // site paths
	Prev, Next    string // "" at the ends
}

// Rel returns the address of the site path target relative to this page.
// Folders ("2022/", "") resolve to their index.html, so links work from
// file://; a fragment ("#p3") is kept.
func (p *Page) Rel(target string) string {
	target, frag, _ := strings.Cut(target, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	return p.RelRoot() + target + frag
}

// RelRoot returns the address of the site's root folder relative to this
// page ("../../" two folders down), or the absolute root on absolute
// pages. Rel(target) is RelRoot followed by target, so RelRoot is the key
// to use when caching a partial that makes links: {{ partialCached
// "summary.html" (dict "Page" $ "Summary" .) .Path $.RelRoot }}.
func (p *Page) RelRoot() string {
	if p.Absolute {
		if p.Site.BaseURL != "" {
			return p.Site.BaseURL
		}
		return "/"
	}
	return ups(strings.Count(p.Path, "/"))
}

// ups returns "../" n times, without allocating for the usual depths.
func ups(n int) string {
	const many = "../../../../../../../../"
	if n*3 <= len(many) {
		return many[:n*3]
	}
	return strings.Repeat("../", n)
}

// Permalink returns the page's absolute address, or "" without a base URL.
func (p *Page) Permalink() string {
	return p.PermalinkOf(p.Path)
}

// PermalinkOf returns the absolute address of a site path, or "" without a
// base URL.
func (p *Page) PermalinkOf(target string) string {
	if p.Site.BaseURL == "" {
		return ""
	}
	return p.Site.BaseURL + target
}

// menu lists the site paths the site menu links to.
var menu = []string{"", "archive/", "people/", "places/", "organizations/", "search/"}

// MenuEntry returns the page's path when the site menu links to it ("" for
// the home page), and "-" for every other page. With RelRoot it is all the
// header depends on, so the header is cached per the two: {{ partialCached
// "header.html" . .RelRoot .MenuEntry }}.
func (p *Page) MenuEntry() string {
	for _, m := range menu {
		if p.Path == m && !p.Absolute {
			return m
		}
	}
	return "-"
}

// IsHome reports whether this is the home page.
func (p *Page) IsHome() bool { return p.Kind == KindHome }
