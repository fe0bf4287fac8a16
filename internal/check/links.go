package check

import (
	"bytes"
	"context"
	"net/url"
	"path"
	"strings"

	"github.com/spf13/afero"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/annals-archive/annals/internal/build"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/parallel"
)

// target is where a link leads in the site.
type target struct {
	path  string // site path: "" for the root, folders end in "/"
	root  bool   // written from the domain's root: "/x/"
	above bool   // climbs above the site's root
}

// resolve resolves href on a page whose folder is dir (a site path, ""
// or ending in "/"), as a browser does. ok is false for a link that
// leaves the site or stays on the page; err is set for an address no
// browser can follow.
func (c *checker) resolve(dir, href string) (t target, ok bool, err error) {
	href = strings.TrimSpace(href)
	own := false
	if base := c.cfg.BaseURL; base != "" && (strings.HasPrefix(href, base) || href+"/" == base) {
		href, own = "/"+strings.TrimPrefix(href, base), true
	}
	u, err := url.Parse(href)
	if err != nil {
		return t, false, err
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(href, "//") || u.Path == "" {
		return t, false, nil
	}
	p := u.Path
	folder := strings.HasSuffix(p, "/") || path.Base(p) == "." || path.Base(p) == ".."
	var clean string
	if strings.HasPrefix(p, "/") {
		t.root = !own
		clean = path.Clean(p)[1:]
	} else {
		clean = path.Clean(dir + p)
		t.above = clean == ".." || strings.HasPrefix(clean, "../")
	}
	switch {
	case clean == "." || clean == "":
		t.path = ""
	case folder:
		t.path = clean + "/"
	default:
		t.path = clean
	}
	return t, true, nil
}

// display names a site path for a message.
func display(p string) string {
	if p == "" {
		return "the site's root"
	}
	return p
}

// folderOf returns the folder form of a site path that names a page: "x/"
// for "x/" and "x/index.html", "" for the root; other paths stay.
func folderOf(p string) string {
	if p == "index.html" {
		return ""
	}
	if s, ok := strings.CutSuffix(p, "/index.html"); ok {
		return s + "/"
	}
	return p
}

// addresses returns the site's pages whose addresses the content alone
// defines: articles, the archive by date, entities and the fixed sections,
// in folder form.
func (c *checker) addresses() map[string]bool {
	known := map[string]bool{"": true, "404.html": true}
	for _, s := range []string{content.ArticlesDir, "archive", "search"} {
		known[s+"/"] = true
	}
	for _, k := range kinds {
		known[k.list+"/"] = true
	}
	for _, a := range c.articles {
		known[a.Path] = true
		if a.Article.Date.IsZero() {
			known["undated/"] = true
			continue
		}
		d := content.DateDir(a.Article.Date)
		known[d[:5]], known[d[:8]], known[d+"/"] = true, true, true
	}
	for _, p := range c.entities {
		known[p] = true
	}
	return known
}

// defined reports whether the content alone defines whether a page exists
// at the folder path p: an article's, a date's or an entity's address.
func defined(p string) bool {
	segs := strings.Split(strings.TrimSuffix(p, "/"), "/")
	if !strings.HasSuffix(p, "/") {
		return false
	}
	switch {
	case segs[0] == "undated":
		return len(segs) <= 2
	case isEntitySection(segs[0]):
		return len(segs) == 2 && segs[1] != "by-letter" && segs[1] != "page"
	case isDigits(segs[0], 4):
		return len(segs) <= 4 && (len(segs) < 2 || isDigits(segs[1], 2)) && (len(segs) < 3 || isDigits(segs[2], 2))
	}
	return false
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// link is a link of a page at a line.
type link struct {
	href string
	line int
}

// bodyLinks checks the links of every article's Markdown body.
func (c *checker) bodyLinks(ctx context.Context) error {
	var todo []build.Article
	for _, a := range c.articles {
		if b := a.Article.Body; strings.Contains(b, "](") || strings.Contains(b, "]:") {
			todo = append(todo, a)
		}
	}
	known := c.addresses()
	c.inBody = map[string]bool{}
	byFile := map[string]build.Article{}
	for _, a := range c.articles {
		byFile[a.File] = a
	}
	unchecked := make([]int, len(todo))
	err := parallel.For(ctx, len(todo), func(i int) error {
		a := todo[i]
		data, err := afero.ReadFile(c.fsys, a.File)
		if err != nil {
			return err
		}
		for _, l := range markdownLinks(data) {
			if !c.bodyLink(a, l, known, byFile) {
				unchecked[i]++
			}
		}
		return nil
	})
	for _, n := range unchecked {
		c.unchecked += n
	}
	return err
}

// bodyLink checks one link of a's body and reports whether it could be
// checked.
func (c *checker) bodyLink(a build.Article, l link, known map[string]bool, byFile map[string]build.Article) bool {
	if u, err := url.Parse(strings.TrimSpace(l.href)); err == nil && u.Scheme == "" && u.Host == "" && strings.EqualFold(path.Ext(u.Path), ".md") {
		c.contentLink(a, l, u.Path, byFile)
		return true
	}
	t, ok, err := c.resolve(a.Path, l.href)
	switch {
	case err != nil:
		c.addBody(a, l, Error, CodeBrokenLink, "link %q is not a valid address: %v", l.href, unwrapURL(err))
		return true
	case !ok:
		return true
	case t.above:
		c.addBody(a, l, Error, CodeBrokenLink, "link %q climbs above the site's root: the article is published at %s", l.href, a.Path)
		return true
	case t.root:
		c.addBody(a, l, Warning, CodeRootLink, "link %q starts at the domain's root: it breaks under a subpath and from disk; write it relative to %s", l.href, a.Path)
	}
	page := folderOf(t.path)
	if known[page] || !strings.HasSuffix(page, "/") && known[page+"/"] {
		return true
	}
	if c.output != nil && c.output.has(t.path) {
		return true
	}
	if c.output == nil && !defined(page) && !defined(page+"/") {
		return false
	}
	c.addBody(a, l, Error, CodeBrokenLink, "link %q leads to %s, which the archive does not have", l.href, display(t.path))
	return true
}

// addBody adds a finding about link l of a's body, and remembers it, so
// that the same link of a's built page is not reported again.
func (c *checker) addBody(a build.Article, l link, sev Severity, code, format string, args ...any) {
	c.add(sev, a.File, l.line, code, format, args...)
	c.mu.Lock()
	c.inBody[a.Path+"\x00"+strings.TrimSpace(l.href)] = true
	c.mu.Unlock()
}

// contentLink reports a link to a content file: content files are not
// published, so the link must lead to the article's page.
func (c *checker) contentLink(a build.Article, l link, p string, byFile map[string]build.Article) {
	var file string
	if strings.HasPrefix(p, "/") {
		file = path.Join(c.opts.Site, "content", p)
	} else {
		file = path.Join(path.Dir(a.File), p)
	}
	b, ok := byFile[file]
	if !ok {
		c.addBody(a, l, Error, CodeBrokenLink, "link %q leads to the content file %s, which does not exist (and content files are not published)", l.href, file)
		return
	}
	rel := strings.Repeat("../", strings.Count(a.Path, "/")) + b.Path + "index.html"
	c.addBody(a, l, Error, CodeBrokenLink, "link %q leads to the content file %s, which is not published: link to its page, %q", l.href, file, rel)
}

// unwrapURL drops the "parse URL:" wrapping of a url.Error.
func unwrapURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// markdownParser finds links as the build's renderer does: the
// extensions it adds (tables, strikethrough) change no link. It is safe
// for concurrent use.
var markdownParser = goldmark.DefaultParser()

// markdownLinks returns the links and images of a page's Markdown body,
// with their lines in the page.
func markdownLinks(data []byte) []link {
	p, err := content.Parse(data)
	if err != nil {
		return nil
	}
	src := strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\ufeff"))), "\r\n", "\n")
	rows := strings.SplitAfterN(src, "\n", p.BodyLine)
	if len(rows) < p.BodyLine {
		return nil
	}
	body := []byte(rows[p.BodyLine-1])
	doc := markdownParser.Parse(text.NewReader(body))
	var links []link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest = n.Destination
		default:
			return ast.WalkContinue, nil
		}
		line := p.BodyLine + bytes.Count(body[:offset(n)], []byte("\n"))
		links = append(links, link{string(dest), line})
		return ast.WalkContinue, nil
	})
	return links
}

// offset returns the position in the source of an inline node: that of
// its first text, else that of its block's first line.
func offset(n ast.Node) int {
	var at = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			at = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if at >= 0 {
		return at
	}
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return b.Lines().At(0).Start
		}
	}
	return 0
}
