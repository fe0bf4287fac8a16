package build

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/feed"
	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/graph"
	"github.com/annals-archive/annals/internal/markdown"
	"github.com/annals-archive/annals/internal/parallel"
	"github.com/annals-archive/annals/internal/progress"
	"github.com/annals-archive/annals/internal/publish"
	"github.com/annals-archive/annals/internal/render"
	"github.com/annals-archive/annals/internal/theme"
)

// Options says what to build.
type Options struct {
	Site    string // the archive's folder
	Out     string // the output folder; Site/build when empty
	BaseURL string // overrides annals.toml's base_url when set
	Theme   fs.FS  // the default theme: templates/ and static/
	// Progress, when set, follows the build's stages: load, graph,
	// articles, search, pages and finish.
	Progress *progress.Run
}

// Result counts what a build produced.
type Result struct {
	Articles int
	Pages    int
	publish.Stats
}

// Build renders the archive at opts.Site into opts.Out. Problems with the
// content are diagnostics; when there is any error among them, nothing is
// written. The returned error is for failures of I/O and of templates.
func Build(ctx context.Context, fsys afero.Fs, opts Options, diags *diag.List) (Result, error) {
	var res Result
	bar := opts.Progress.Stage("load", 0)
	if info, err := fsys.Stat(opts.Site); err != nil || !info.IsDir() {
		return res, fmt.Errorf("%s is not an archive folder (create one with annals init)", opts.Site)
	}
	cfg, err := config.Load(fsys, opts.Site)
	if err != nil {
		return res, err
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	if opts.Out == "" {
		opts.Out = path.Join(opts.Site, "build")
	}
	names, err := entity.Load(fsys, opts.Site)
	if err != nil {
		return res, err
	}
	cache := openPageCache(fsys, opts.Out)
	pages, err := loadArticles(ctx, fsys, path.Join(opts.Site, "content"), names, cache, false, diags, bar)
	if err != nil {
		return res, err
	}
	checkAddresses(pages, diags)
	if diags.HasErrors() {
		return res, nil
	}
	// Saved now, while memory holds little more than the pages: what
	// parsing a file gave stays true whatever happens to this build.
	if err := cache.save(); err != nil {
		return res, err
	}
	cache = nil
	th := theme.New(fsys, opts.Site, opts.Theme)
	r, err := render.New(th)
	if err != nil {
		return res, err
	}
	site := &render.Site{
		Title:       cfg.Title,
		Description: cfg.Description,
		Language:    cfg.Language,
		BaseURL:     baseURL(cfg.BaseURL),
		Stylesheet:  "css/annals.css",
	}
	w, err := publish.Begin(fsys, opts.Out)
	if err != nil {
		return res, err
	}
	if opts.Progress != nil {
		w.OnWrite = opts.Progress.Wrote
	}
	made, err := madeWith(th, site)
	if err != nil {
		w.Abort()
		return res, err
	}
	s := &siteBuild{cfg: cfg, site: site, r: r, w: w, fsys: fsys, dir: opts.Site, names: names, pages: pages, progress: opts.Progress, made: made,
		state: publish.StateDir(opts.Out), fp: fingerprint.NewMemo((*render.Summary)(nil))}
	if err := s.run(ctx, th); err != nil {
		w.Abort()
		return res, err
	}
	stats, err := w.Commit()
	if err != nil {
		return res, err
	}
	checkBudget(cfg.Budget, opts.Out, stats, diags)
	return Result{Articles: len(pages), Pages: int(s.rendered.Load()), Stats: stats}, nil
}

// checkBudget warns when the output is larger than the budget allows, by
// default GitHub Pages' limits.
func checkBudget(b config.Budget, out string, st publish.Stats, diags *diag.List) {
	const mb = 1_000_000
	if st.Bytes > int64(b.SiteMB)*mb {
		diags.Warnf(out, 0, "the site is %.1f MB, over the budget of %d MB (budget.site_mb in annals.toml; GitHub Pages publishes at most 1 GB)",
			float64(st.Bytes)/mb, b.SiteMB)
	}
	if st.LargestBytes > int64(b.FileMB)*mb {
		diags.Warnf(path.Join(out, st.Largest), 0, "is %.1f MB, over the budget of %d MB per file (budget.file_mb in annals.toml; GitHub Pages: 100 MB)",
			float64(st.LargestBytes)/mb, b.FileMB)
	}
}

// checkAddresses reports articles that would share an address.
func checkAddresses(pages []*page, diags *diag.List) {
	byPath := map[string]*page{}
	for _, p := range pages {
		if q := byPath[p.path]; q != nil {
			diags.Errorf(p.file, 0, "has the same date and slug as %s: both would be published at %s; change one slug", q.file, p.path)
			continue
		}
		byPath[p.path] = p
	}
}

// baseURL normalises a base URL to end in "/".
func baseURL(u string) string {
	if u == "" || strings.HasSuffix(u, "/") {
		return u
	}
	return u + "/"
}

type siteBuild struct {
	cfg   config.Config
	site  *render.Site
	r     *render.Renderer
	w     *publish.Writer
	fsys  afero.Fs
	dir   string // the site folder
	state string // the output's state folder, for what one build keeps for the next
	names *entity.Table
	pages []*page

	progress *progress.Run
	made     fingerprint.Sum // of what every page is made with: the program, the templates, the site
	// fp fingerprints pages; the summaries, shared by many lists, are
	// encoded once. They are never changed once made.
	fp *fingerprint.Memo

	summaries []*render.Summary // parallel to pages
	// summarySums and listed, parallel to pages, are the fingerprints of
	// each article's summary, and of what lists show and count of it
	// (sumArticles).
	summarySums, listed []fingerprint.Sum
	graph               *graph.Graph
	entities            map[graph.EntityKey]*entityLink // every entity with a page
	pageLinks           [][]*entityLink                 // parallel to pages: each article's entities' links, nil for one without a page
	rendered            atomic.Int64

	mu      sync.Mutex
	sitemap []feed.URL
}

func (s *siteBuild) run(ctx context.Context, th *theme.Theme) (err error) {
	s.progress.Stage("graph", 0)
	s.summaries = make([]*render.Summary, len(s.pages))
	for i, p := range s.pages {
		s.summaries[i] = summaryOf(p)
	}
	s.graph, err = s.linkArticles()
	if err != nil {
		return err
	}
	s.linkEntities()
	s.sumArticles()
	if err := s.articles(ctx); err != nil {
		return err
	}
	s.progress.Stage("search", 0)
	if err := s.search(ctx); err != nil {
		return err
	}
	jobs := []job{s.lists}
	jobs = append(jobs, s.entityPages()...)
	jobs = append(jobs, s.archives()...)
	jobs = append(jobs, s.feeds()...)
	bar := s.progress.Stage("pages", len(jobs))
	err = parallel.For(ctx, len(jobs), func(i int) error {
		defer bar.Add(1)
		return jobs[i]()
	})
	if err != nil {
		return err
	}
	s.progress.Stage("finish", 0)
	for _, step := range []func() error{s.sitemaps, func() error { return s.static(th) }} {
		if err := step(); err != nil {
			return err
		}
	}
	return s.w.Write(".nojekyll", nil)
}

// graphDocs are the articles as the graph reads them, but for their
// texts, which it reads from the files (graph.Read).
func graphDocs(pages []*page) []graph.Doc {
	docs := make([]graph.Doc, len(pages))
	for i, p := range pages {
		docs[i] = graph.Doc{
			Date: p.article.Date, Source: p.article.Source, Entities: p.article.Entities,
			Title: p.article.Title,
		}
	}
	return docs
}

// A job renders a part of the site. Jobs write distinct files, so they run
// in parallel in any order.
type job func() error

// articles renders every article page in parallel. A page is known by
// the key of what it is made from (articleKey): an unchanged article's
// view model and links are not even built.
func (s *siteBuild) articles(ctx context.Context) error {
	bar := s.progress.Stage("articles", len(s.pages))
	return parallel.For(ctx, len(s.pages), func(i int) error {
		defer bar.Add(1)
		p := s.pages[i]
		same, related := s.graph.SameStory(i), s.graph.Related(i, s.cfg.Related)
		// Neighbours in time: pages are newest first, so the earlier
		// article is the next dated one in the slice.
		prev, next := -1, -1
		if !p.article.Date.IsZero() {
			if i+1 < len(s.pages) && !s.pages[i+1].article.Date.IsZero() {
				prev = i + 1
			}
			if i > 0 {
				next = i - 1
			}
		}
		from := s.articleKey(i, same, related, prev, next)
		kept, err := s.kept(p.path, true, p.article.Date, from)
		if err != nil || kept && checkKey == nil {
			return err
		}

		people, links := s.entityLinks(i)
		a := &render.Article{
			Summary:       *s.summaries[i],
			URL:           safeURL(p.article.URL),
			Author:        p.article.Author,
			Origins:       p.article.Origins,
			People:        people[article.Person],
			Places:        people[article.Place],
			Organizations: people[article.Organization],
			SameStory:     s.summariesOf(same),
			Related:       s.summariesOf(related),
		}
		if d := p.article.Date; !d.IsZero() {
			a.Day = content.DateDir(d) + "/"
		}
		if prev >= 0 {
			a.Prev = s.summaries[prev]
		}
		if next >= 0 {
			a.Next = s.summaries[next]
		}
		// The body is read and rendered only when the page must be made.
		body := bodyInputs{Markdown: p.body.sum, Links: links}
		page := &render.Page{Kind: render.KindPage, Section: "articles", Title: a.Title, Path: p.path, Article: a, Site: s.site}
		if checkKey != nil {
			checkKey(p.path, from, s.fp.Of(s.made, page, body))
		}
		if kept {
			return nil
		}
		return s.make(page, from, func(page *render.Page) error {
			markdownBody, err := p.readBody(s.fsys)
			if err != nil {
				return err
			}
			html, err := markdown.RenderLinked([]byte(markdownBody), body.Links)
			if err != nil {
				return fmt.Errorf("%s: %w", p.file, err)
			}
			page.Article.Body = template.HTML(html)
			return nil
		})
	})
}

// bodyInputs is what an article's rendered body is made from: the
// Markdown, by its sum, and the links to its entities' pages.
type bodyInputs struct {
	Markdown fingerprint.Sum
	Links    []markdown.Link
}

// entityLink is what links to an entity's page need: the page's path,
// its index file's, and the names the entity goes by whatever the article
// (tableForms).
type entityLink struct {
	path, index string
	others      []string
}

// linkEntities gives every entity of the graph its page, and looks up
// once per entity, rather than once per mention, the names it goes by;
// then once per article the links of its entities (pageLinks).
func (s *siteBuild) linkEntities() {
	paths := entityPaths(s.graph)
	s.entities = make(map[graph.EntityKey]*entityLink, len(paths))
	for e, path := range paths {
		s.entities[e] = &entityLink{path: path, index: path + "index.html", others: tableForms(s.names, e)}
	}
	s.pageLinks = make([][]*entityLink, len(s.pages))
	parallel.For(context.Background(), len(s.pages), func(i int) error {
		ents := s.pages[i].article.Entities
		links := make([]*entityLink, len(ents))
		for k, e := range ents {
			links[k] = s.entities[graph.EntityKey{Kind: e.Kind, Name: e.Name}]
		}
		s.pageLinks[i] = links
		return nil
	})
}

// entityLinks returns the entities of article i as links by kind, and
// the first-mention links of its body, relative to the article's page.
func (s *siteBuild) entityLinks(i int) (map[article.Kind][]*render.Link, []markdown.Link) {
	p := s.pages[i]
	by := map[article.Kind][]*render.Link{}
	var links []markdown.Link
	depth := strings.Repeat("../", strings.Count(p.path, "/"))
	for k, e := range p.article.Entities {
		l := s.pageLinks[i][k]
		if l == nil {
			continue
		}
		by[e.Kind] = append(by[e.Kind], &render.Link{Text: e.Name, Path: l.path})
		links = append(links, markdown.Link{Forms: forms(e, l.others), Href: depth + l.index})
	}
	return by, links
}

// forms lists the names an entity may go by in a text: its name, the
// forms the article mentions, and others, its tableForms.
func forms(e article.Entity, others []string) []string {
	forms := make([]string, 0, 1+len(e.Mentions)+len(others))
	return append(append(append(forms, e.Name), e.Mentions...), others...)
}

// tableForms lists the names an entity goes by whatever the article: its
// aliases in the site's table and, for a person, the surname.
func tableForms(names *entity.Table, e graph.EntityKey) []string {
	var forms []string
	if entry, ok := names.Lookup(e.Name); ok {
		forms = append(forms, entry.Aliases...)
	}
	if w := strings.Fields(e.Name); e.Kind == article.Person && len(w) > 1 {
		forms = append(forms, w[len(w)-1])
	}
	return forms
}

func (s *siteBuild) summariesOf(idx []int) []*render.Summary {
	out := make([]*render.Summary, len(idx))
	for i, j := range idx {
		out[i] = s.summaries[j]
	}
	return out
}

// lists renders the home page, the paginated list of all articles and the
// 404 page.
func (s *siteBuild) lists() error {
	home := s.summaries[:min(len(s.summaries), s.cfg.HomeSize)]
	err := s.page(&render.Page{Kind: render.KindHome, Title: s.site.Title, List: home, Total: len(s.pages), Feed: s.siteFeed()}, article.Date{})
	if err != nil {
		return err
	}
	err = s.paginate("articles/", s.allArticles(), func(p *render.Page) {
		p.Kind, p.Section, p.Title = render.KindSection, "articles", "All articles"
	})
	if err != nil {
		return err
	}
	return s.page(&render.Page{Kind: render.Kind404, Title: "Page not found", Path: "404.html", Absolute: true}, article.Date{})
}

// allArticles lists every article's index, newest first.
func (s *siteBuild) allArticles() []int {
	all := make([]int, len(s.pages))
	for i := range all {
		all[i] = i
	}
	return all
}

// page renders p to its file; lastMod dates it in the sitemap.
func (s *siteBuild) page(p *render.Page, lastMod article.Date) error {
	return s.pageFrom(p, lastMod, nil, nil)
}

// pageFrom is page for a page that fill completes, from inputs, with what
// is costly to compute. When the output already holds the page made from
// the same page, inputs and templates, neither fill nor the templates run.
func (s *siteBuild) pageFrom(p *render.Page, lastMod article.Date, inputs any, fill func(*render.Page) error) error {
	p.Site = s.site
	from := s.fp.Of(s.made, p, inputs)
	inSitemap := p.Kind != render.KindAlias && p.Kind != render.Kind404
	if ok, err := s.kept(p.Path, inSitemap, lastMod, from); ok || err != nil {
		return err
	}
	return s.make(p, from, fill)
}

// kept counts the page at pagePath as one of the site's, listed in the
// sitemap if inSitemap, and reports whether the output holds it as made
// from inputs with the fingerprint from; if not, the caller makes it
// (make).
func (s *siteBuild) kept(pagePath string, inSitemap bool, lastMod article.Date, from fingerprint.Sum) (bool, error) {
	if inSitemap && s.site.BaseURL != "" {
		s.mu.Lock()
		s.sitemap = append(s.sitemap, feed.URL{Loc: s.site.BaseURL + pagePath, LastMod: lastMod})
		s.mu.Unlock()
	}
	s.rendered.Add(1)
	return s.w.Reuse(fileOf(pagePath), from)
}

// make completes p with fill, renders it and writes it as made from
// inputs with the fingerprint from.
func (s *siteBuild) make(p *render.Page, from fingerprint.Sum, fill func(*render.Page) error) error {
	p.Site = s.site
	if fill != nil {
		if err := fill(p); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := s.r.Render(&b, p); err != nil {
		return err
	}
	return s.w.WriteFrom(fileOf(p.Path), b.Bytes(), from)
}

// fileOf is the file of the page at pagePath: a folder's index.html.
func fileOf(pagePath string) string {
	if pagePath == "" || strings.HasSuffix(pagePath, "/") {
		return pagePath + "index.html"
	}
	return pagePath
}

// madeWith fingerprints what every page is made with besides its own
// data: this program, the templates (the site's over the theme's) and
// the site's settings.
func madeWith(th *theme.Theme, site *render.Site) (fingerprint.Sum, error) {
	names, err := th.Files("templates")
	if err != nil {
		return fingerprint.Sum{}, err
	}
	files := make([][]byte, len(names))
	for i, n := range names {
		if files[i], _, err = th.ReadFile("templates/" + n); err != nil {
			return fingerprint.Sum{}, err
		}
	}
	return fingerprint.Of(fingerprint.Program(), names, files, *site), nil
}

// static copies the theme's static files.
func (s *siteBuild) static(th *theme.Theme) error {
	files, err := th.Files("static")
	if err != nil {
		return err
	}
	for _, f := range files {
		data, _, err := th.ReadFile("static/" + f)
		if err != nil {
			return err
		}
		if err := s.w.Write(f, data); err != nil {
			return err
		}
	}
	return nil
}

func summaryOf(p *page) *render.Summary {
	return &render.Summary{
		Title:  p.article.Title,
		Date:   p.article.Date,
		Source: p.article.Source,
		Path:   p.path,
		Lead:   p.lead,
	}
}

// leadSize is about how many bytes of its first paragraph an article's
// summary shows.
const leadSize = 240

// lead returns the first paragraph of a Markdown body as plain text, cut
// at a word boundary near n bytes.
func lead(body string, n int) string {
	for para := range strings.SplitSeq(body, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") {
			continue
		}
		text := strings.Join(strings.Fields(unescape(para)), " ")
		if len(text) <= n {
			return text
		}
		cut := strings.LastIndexByte(text[:n], ' ')
		if cut < n/2 {
			cut = n
			for !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		return strings.TrimRight(text[:cut], " ,;:") + "…"
	}
	return ""
}

// plainText is a Markdown body as plain text: each paragraph without its
// heading marks and escapes, followed by a blank line.
func plainText(body string) string {
	if isPlain(body) {
		return body + "\n\n"
	}
	var b strings.Builder
	for para := range strings.SplitSeq(body, "\n\n") {
		b.WriteString(unescape(strings.TrimLeft(para, "# ")))
		b.WriteString("\n\n")
	}
	return b.String()
}

// plainBody is strings.TrimSpace(plainText(body)), which for most bodies
// is part of body: the graph and the index then hold no second copy of
// the text.
func plainBody(body string) string {
	if isPlain(body) {
		return strings.TrimSpace(body)
	}
	return strings.TrimSpace(plainText(body))
}

// isPlain reports whether plainText has nothing to strip from body: no
// escapes, and no paragraph that starts with a heading mark or a space.
// It may say no for a body whose blank lines run three or more, which
// plainText then reads paragraph by paragraph to the same text.
func isPlain(body string) bool {
	return !strings.HasPrefix(body, "#") && !strings.HasPrefix(body, " ") && strings.IndexByte(body, '\\') < 0 &&
		!strings.Contains(body, "\n\n#") && !strings.Contains(body, "\n\n ")
}

// unescape removes Markdown backslash escapes.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]<>()#+-.!|~\"'&", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// safeURL keeps only http and https addresses of original articles.
func safeURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return strings.TrimSpace(u)
	}
	return ""
}
