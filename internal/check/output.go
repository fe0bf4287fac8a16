package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/spf13/afero"
	"golang.org/x/net/html"

	"github.com/annals-archive/annals/internal/parallel"
)

// output is a built site.
type output struct {
	files map[string]bool // site path of every file
	pages []string        // site paths of the HTML pages, sorted
}

// readOutput lists the files of the output folder dir; it returns nil when
// there is no such folder.
func readOutput(fsys afero.Fs, dir string) (*output, error) {
	info, err := fsys.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	o := &output{files: map[string]bool{}}
	err = afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, dir+"/")
		o.files[rel] = true
		if ext := strings.ToLower(path.Ext(rel)); ext == ".html" || ext == ".htm" {
			o.pages = append(o.pages, rel)
		}
		return nil
	})
	slices.Sort(o.pages)
	return o, err
}

// has reports whether the site path p names a file of the output; a
// folder names its index.html.
func (o *output) has(p string) bool {
	if p == "" || strings.HasSuffix(p, "/") {
		return o.files[p+"index.html"]
	}
	return o.files[p] || o.files[p+"/index.html"]
}

// problem is a bad link of one page of the output.
type problem struct {
	sev     Severity
	code    string
	key     string // the same key on several pages is one finding
	line    int
	message string
}

// outputLinks checks every link of every HTML page of the output. A
// problem found on several pages is reported once, on the first.
func (c *checker) outputLinks(ctx context.Context) error {
	o := c.output
	found := make([][]problem, len(o.pages))
	err := parallel.For(ctx, len(o.pages), func(i int) error {
		page := o.pages[i]
		data, err := afero.ReadFile(c.fsys, path.Join(c.opts.Out, page))
		if err != nil {
			return err
		}
		dir := path.Dir(page) + "/"
		if dir == "./" {
			dir = ""
		}
		for _, l := range htmlLinks(data) {
			if p, bad := c.outputLink(page, dir, l); bad {
				found[i] = append(found[i], p)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.pages = len(o.pages)
	type group struct {
		first problem
		page  string
		pages int
		last  int // index of the last page counted
	}
	groups := map[string]*group{}
	var order []*group
	for i, ps := range found {
		for _, p := range ps {
			g := groups[p.key]
			if g == nil {
				g = &group{first: p, page: o.pages[i], last: -1}
				groups[p.key] = g
				order = append(order, g)
			}
			if g.last != i {
				g.pages++
				g.last = i
			}
		}
	}
	for _, g := range order {
		msg := g.first.message
		switch g.pages {
		case 1:
		case 2:
			msg += "; 1 other page links to it"
		default:
			msg += fmt.Sprintf("; %d other pages link to it", g.pages-1)
		}
		c.add(g.first.sev, path.Join(c.opts.Out, g.page), g.first.line, g.first.code, "%s", msg)
	}
	return nil
}

// outputLink checks one link of the page at site path page, in folder dir.
// A link of an article's body that was reported in its Markdown is not
// reported again.
func (c *checker) outputLink(page, dir string, l link) (problem, bool) {
	if c.inBody[folderOf(page)+"\x00"+strings.TrimSpace(l.href)] {
		return problem{}, false
	}
	t, ok, err := c.resolve(dir, l.href)
	switch {
	case err != nil:
		return problem{Error, CodeBrokenLink, "invalid\x00" + l.href, l.line,
			fmt.Sprintf("link %q is not a valid address: %v", l.href, unwrapURL(err))}, true
	case !ok:
		return problem{}, false
	case t.above:
		return problem{Error, CodeBrokenLink, "above\x00" + l.href, l.line,
			fmt.Sprintf("link %q climbs above the site's root", l.href)}, true
	case !c.output.has(t.path):
		return problem{Error, CodeBrokenLink, "missing\x00" + t.path, l.line,
			fmt.Sprintf("link %q leads to %s, which is not in the output", l.href, display(t.path))}, true
	case t.root && page != "404.html":
		// The 404 page is served at any address, so it links from the
		// root; every other page must work under a subpath and from disk.
		return problem{Warning, CodeRootLink, "root\x00" + l.href, l.line,
			fmt.Sprintf("link %q starts at the domain's root: it breaks under a subpath and from disk", l.href)}, true
	}
	return problem{}, false
}

// linkAttrs are the attributes whose value is an address.
var linkAttrs = map[string]bool{"href": true, "src": true, "poster": true, "action": true, "xlink:href": true}

// htmlLinks returns the addresses a page links to or loads, with their
// lines: href, src, poster, action, every candidate of a srcset, and the
// address of a <meta http-equiv="refresh">. A <base> is not followed.
func htmlLinks(data []byte) []link {
	var links []link
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links
		}
		at := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		if string(name) == "base" {
			continue
		}
		var refresh bool
		var content string
		for more {
			var key, val []byte
			key, val, more = z.TagAttr()
			k := string(key)
			switch {
			case linkAttrs[k]:
				links = append(links, link{string(val), at})
			case k == "srcset":
				for cand := range strings.SplitSeq(string(val), ",") {
					if f := strings.Fields(cand); len(f) > 0 {
						links = append(links, link{f[0], at})
					}
				}
			case k == "http-equiv":
				refresh = strings.EqualFold(string(val), "refresh")
			case k == "content":
				content = string(val)
			}
		}
		if refresh && string(name) == "meta" {
			if u, ok := refreshURL(content); ok {
				links = append(links, link{u, at})
			}
		}
	}
}

// refreshURL returns the address of a refresh's content, "0; url=x".
func refreshURL(content string) (string, bool) {
	for i := 0; i+4 <= len(content); i++ {
		if strings.EqualFold(content[i:i+4], "url=") {
			return strings.Trim(content[i+4:], `'" `), true
		}
	}
	return "", false
}
