package e2e

import (
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkFeeds checks the Atom feeds and sitemaps of a build made with a
// base URL: every address in them is one of the site's files, the site
// feed and the sitemap exist, and the sitemaps list every page but the
// alias redirects and 404.html, each once.
func (c *checker) checkFeeds(t *testing.T) {
	t.Helper()
	if c.base == nil {
		t.Fatal("checkFeeds needs a build with a base URL")
	}
	for _, f := range []string{"index.xml", "sitemap.xml"} {
		if c.stat(f) != isFile {
			t.Errorf("built with a base URL, the site has no %s", f)
		}
	}
	listed := map[string]int{} // pages in <urlset> sitemaps
	files, addresses := 0, 0
	err := filepath.WalkDir(c.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xml") {
			return err
		}
		rel, err := filepath.Rel(c.out, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		files++
		dec := xml.NewDecoder(f)
		var stack []string
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: %v", rel, err)
				return nil
			}
			var addr string
			switch tok := tok.(type) {
			case xml.StartElement:
				stack = append(stack, tok.Name.Local)
				if tok.Name.Local == "link" {
					for _, a := range tok.Attr {
						if a.Name.Local == "href" {
							addr = a.Value
						}
					}
				}
			case xml.EndElement:
				stack = stack[:len(stack)-1]
			case xml.CharData:
				if n := len(stack); n >= 2 && stack[n-1] == "loc" {
					addr = strings.TrimSpace(string(tok))
					if stack[n-2] == "url" {
						target, _, _, _ := c.resolve(link{page: rel, val: addr})
						listed[target]++
					}
				}
			}
			if addr == "" {
				continue
			}
			addresses++
			l := link{page: rel, tag: "xml", attr: "address", val: addr}
			target, _, internal, err := c.resolve(l)
			switch {
			case err != nil || !internal:
				t.Errorf("%v: not an address of the site (%v)", l, err)
			case c.stat(target) != isFile:
				t.Errorf("%v: %s is not a file of the build", l, target)
			case c.pages[target].redirect != "":
				t.Errorf("%v: %s is an alias redirect", l, target)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range c.pages {
		switch n := listed[name]; {
		case p.redirect != "" || name == "404.html":
			if n > 0 {
				t.Errorf("the sitemap lists %s, which is not a page to index", name)
			}
		case n != 1:
			t.Errorf("the sitemap lists %s %d times, want once", name, n)
		}
	}
	t.Logf("checked %d addresses in %d feeds and sitemaps; the sitemap lists %d pages", addresses, files, len(listed))
}
