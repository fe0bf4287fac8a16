package e2e

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	theme "github.com/annals-archive/annals"
)

// The markup a page may have: the default theme's elements, the inline SVG
// of its charts, and what the Markdown renderer makes of a body. Anything
// else in a page came from an article.
var allowedElements = set(
	"html", "head", "body", "meta", "title", "link", "script", "noscript",
	"header", "footer", "main", "nav", "article", "section", "figure", "div", "p", "span",
	"h1", "h2", "h3", "h4", "h5", "h6", "a", "time", "ol", "ul", "li", "dl", "dt", "dd",
	"form", "input", "button", "label", "select", "option", "datalist", "details", "summary",
	"svg", "g", "rect", "line", "text",
	"em", "strong", "del", "code", "pre", "blockquote", "hr", "br", "img",
	"table", "thead", "tbody", "tr", "th", "td",
)

// The attributes a page may have; none of them runs script or styles.
var allowedAttrs = set(
	"id", "class", "lang", "charset", "name", "content", "http-equiv", "rel", "type", "title",
	"href", "src", "alt", "action", "method", "role", "for", "list", "value", "placeholder",
	"autocomplete", "spellcheck", "datetime", "start", "align", "data-state", "tabindex",
	"aria-current", "aria-controls", "aria-describedby", "aria-label", "aria-labelledby", "aria-live",
	"xmlns", "viewbox", "width", "height", "x", "y", "x1", "x2", "y1", "y2",
	"fill", "stroke", "stroke-width", "stroke-dasharray", "font-family", "font-size", "text-anchor",
)

// textAttrs hold text a reader may see: anything may be in them, escaped.
var textAttrs = set("title", "alt", "aria-label", "placeholder", "content")

// urlAttrs hold a URL.
var urlAttrs = set("href", "src", "action")

// The scripts and the stylesheet a page may load: the theme's own.
var ownScripts = set("search/text.js", "search/engine.js", "search/ui.js")

const ownStylesheet = "css/annals.css"

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// scanned counts what scanBuild looked at.
type scanned struct {
	pages, elements, feeds, indexFiles, others int
}

// scanBuild checks every file of a build for markup, script or addresses
// that did not come from the theme, and returns what it counted. Each
// problem is a test error naming the file.
func scanBuild(t *testing.T, out, baseURL string) scanned {
	t.Helper()
	var n scanned
	var policy string // the CSP every page must share
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var problems []string
		switch {
		case strings.HasSuffix(rel, ".html"):
			n.pages++
			var csp string
			var elements int
			problems, csp, elements = scanPage(rel, baseURL, data)
			n.elements += elements
			switch {
			case csp == "":
			case policy == "":
				policy = csp
				problems = append(problems, checkPolicy(csp)...)
			case csp != policy:
				problems = append(problems, fmt.Sprintf("its Content-Security-Policy %q differs from the other pages' %q", csp, policy))
			}
		case strings.HasSuffix(rel, ".xml"):
			n.feeds++
			problems = scanXML(data)
		case ownScripts[rel] || rel == ownStylesheet:
			n.others++
			problems = sameAsTheme(rel, data)
		case strings.HasPrefix(rel, "search/") && strings.HasSuffix(rel, ".js"):
			n.indexFiles++
			problems = scanIndexFile(data)
		case rel == "robots.txt":
			n.others++
			problems = scanRobots(data)
		case rel == ".nojekyll":
			n.others++
			if len(data) != 0 {
				problems = []string{"is not empty"}
			}
		default:
			problems = []string{"is a file the build should not write"}
		}
		for _, pr := range problems {
			t.Errorf("%s: %s", rel, pr)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if policy == "" {
		t.Error("no page has a Content-Security-Policy")
	}
	return n
}

// scanPage parses a page as a browser does and returns its problems, its
// Content-Security-Policy and the number of its elements.
func scanPage(rel, baseURL string, data []byte) (problems []string, csp string, elements int) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{err.Error()}, "", 0
	}
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	var cspAt, firstLoad = -1, -1 // element numbers
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		if n.Type == html.ElementNode {
			elements++
			checkElement(rel, baseURL, n, bad)
			switch {
			case n.Data == "head":
				inHead = true
			case n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "content-security-policy"):
				if !inHead {
					bad("a Content-Security-Policy outside <head>")
				} else if csp != "" {
					bad("two Content-Security-Policies")
				}
				csp, cspAt = attr(n, "content"), elements
			case n.Data == "script" || n.Data == "link" || n.Data == "title" && inHead:
				if firstLoad < 0 {
					firstLoad = elements
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
	}
	walk(doc, false)
	switch {
	case csp == "":
		bad("has no Content-Security-Policy <meta>")
	case firstLoad >= 0 && firstLoad < cspAt:
		bad("its Content-Security-Policy comes after its title, a script or a link, which it does not cover")
	}
	return problems, csp, elements
}

// checkElement reports an element or attribute a page may not have, and
// any address that is not the site's own or http(s).
func checkElement(rel, baseURL string, n *html.Node, bad func(string, ...any)) {
	if !allowedElements[n.Data] {
		bad("element <%s> is not the theme's: %s", n.Data, render(n))
		return
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key) // SVG's viewBox
		if a.Namespace != "" {
			key = a.Namespace + ":" + a.Key
		}
		switch {
		case strings.HasPrefix(key, "on") || key == "style" || !allowedAttrs[key]:
			bad("attribute %s on <%s> is not the theme's: %s", key, n.Data, render(n))
		case urlAttrs[key]:
			if err := checkURL(n.Data, key, a.Val, attr(n, "rel")); err != nil {
				bad("%s=%q on <%s>: %v", key, a.Val, n.Data, err)
			}
		case !textAttrs[key] && strings.ContainsAny(a.Val, `<>"'`+"`"):
			bad("attribute %s=%q on <%s> holds markup", key, a.Val, n.Data)
		}
	}
	switch n.Data {
	case "script":
		src := attr(n, "src")
		if n.FirstChild != nil || src == "" {
			bad("an inline script: %s", render(n))
		} else if !ownScripts[sitePath(rel, baseURL, src)] {
			bad("a script that is not the theme's: %s", src)
		}
	case "link":
		switch r := attr(n, "rel"); r {
		case "stylesheet":
			if sitePath(rel, baseURL, attr(n, "href")) != ownStylesheet {
				bad("a stylesheet that is not the theme's: %s", attr(n, "href"))
			}
		case "icon", "canonical", "alternate":
		default:
			bad("a <link rel=%q>", r)
		}
	case "meta":
		switch equiv := strings.ToLower(attr(n, "http-equiv")); equiv {
		case "", "content-security-policy":
		case "refresh":
			// Alias pages send the reader to an entity's page.
			if to := refreshURL(attr(n, "content")); !strings.HasSuffix(to, "/index.html") || strings.Contains(to, ":") {
				bad("a refresh to %q, not to a page of the site", to)
			}
		default:
			bad("a <meta http-equiv=%q>", equiv)
		}
	case "form":
		if a := attr(n, "action"); a != "index.html" && !strings.HasSuffix(a, "search/index.html") {
			bad("a form that is not the search's: action %q", a)
		}
	}
}

// sitePath returns the file of the site that ref, on page rel, names: a
// relative address, or an absolute one under the base URL.
func sitePath(rel, baseURL, ref string) string {
	if baseURL != "" && strings.HasPrefix(ref, baseURL) {
		return strings.TrimPrefix(ref, baseURL)
	}
	if rel == "404.html" && strings.HasPrefix(ref, "/") {
		return ref[1:] // served at any address, it can only name the root
	}
	if schemeRE.MatchString(ref) || strings.HasPrefix(ref, "/") {
		return ""
	}
	return path.Join(path.Dir(rel), ref)
}

// schemeRE finds the scheme of a URL as a browser's URL parser does.
var schemeRE = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)

// rasterData is an inline image of a format that cannot hold script.
var rasterData = regexp.MustCompile(`^(?i)data:image/(png|gif|jpeg|webp)[;,]`)

// checkURL checks a URL the way a browser reads it: trimmed of controls
// and spaces, with tabs and newlines removed. Only http(s), relative
// addresses and the empty icon are allowed, and images of raster formats
// inline.
func checkURL(tag, key, val, rel string) error {
	u := strings.TrimFunc(val, func(r rune) bool { return r <= ' ' })
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	m := schemeRE.FindStringSubmatch(u)
	if m == nil {
		return nil
	}
	switch scheme := strings.ToLower(m[1]); {
	case scheme == "http" || scheme == "https":
		return nil
	case tag == "link" && rel == "icon" && u == "data:,":
		return nil
	case tag == "img" && key == "src" && rasterData.MatchString(u):
		return nil
	default:
		return fmt.Errorf("a %s: address", scheme)
	}
}

// checkPolicy checks a Content-Security-Policy allows scripts and styles
// of the site only, and nothing else that could run or load script.
func checkPolicy(csp string) []string {
	dirs := map[string][]string{}
	for d := range strings.SplitSeq(csp, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			dirs[strings.ToLower(f[0])] = f[1:]
		}
	}
	var problems []string
	want := map[string][]string{
		"default-src": {"'none'"},
		"script-src":  {"'self'"},
		"style-src":   {"'self'"},
		"base-uri":    {"'none'"},
		"form-action": {"'self'"},
	}
	for _, d := range slices.Sorted(maps.Keys(want)) {
		if !slices.Equal(dirs[d], want[d]) {
			problems = append(problems, fmt.Sprintf("Content-Security-Policy %s is %q, want %q", d, dirs[d], want[d]))
		}
	}
	for d, srcs := range dirs {
		for _, s := range srcs {
			if s == "*" || s == "'unsafe-inline'" || s == "'unsafe-eval'" || strings.HasPrefix(s, "'unsafe-") ||
				(s == "data:" && d != "img-src") || strings.HasPrefix(s, "http") {
				problems = append(problems, fmt.Sprintf("Content-Security-Policy %s allows %s", d, s))
			}
		}
	}
	return problems
}

// The elements a feed or a sitemap may have.
var feedElements = set(
	"feed", "id", "title", "subtitle", "updated", "published", "link", "author", "name", "entry",
	"summary", "content", "category", "rights", "generator",
	"urlset", "url", "loc", "lastmod", "sitemapindex", "sitemap",
)

// scanXML checks a feed or a sitemap: well-formed, only the elements of
// Atom and sitemaps, only http(s) links, and any HTML it carries as
// clean as a page's.
func scanXML(data []byte) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	dec := xml.NewDecoder(bytes.NewReader(data))
	var htmlText *strings.Builder // the text of an element of type="html"
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			bad("not well-formed XML: %v", err)
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !feedElements[tok.Name.Local] {
				bad("element <%s> is not Atom's or a sitemap's", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				switch a.Name.Local {
				case "href":
					if err := checkURL("a", "href", a.Value, ""); err != nil {
						bad("<%s href=%q>: %v", tok.Name.Local, a.Value, err)
					}
				case "type":
					if a.Value == "html" || a.Value == "xhtml" {
						htmlText = &strings.Builder{}
					}
				}
			}
		case xml.CharData:
			if htmlText != nil {
				htmlText.Write(tok)
			}
		case xml.EndElement:
			if htmlText != nil {
				nodes, err := html.ParseFragment(strings.NewReader(htmlText.String()), &html.Node{Type: html.ElementNode, Data: "div"})
				if err != nil {
					bad("the HTML of <%s>: %v", tok.Name.Local, err)
				}
				for _, n := range nodes {
					walkElements(n, func(e *html.Node) { checkElement("", "", e, bad) })
				}
				htmlText = nil
			}
		}
	}
	return problems
}

func walkElements(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkElements(c, f)
	}
}

// indexFileRE is the form of every file of the search index: one call of
// the registry with arguments that must be JSON (format.md).
var indexFileRE = regexp.MustCompile(`^annalsSearch\.([a-z]+)\(((?s).*)\);\n?$`)

// scanIndexFile checks a file of the search index is one call of
// annalsSearch with JSON data and nothing that could run.
func scanIndexFile(data []byte) []string {
	m := indexFileRE.FindSubmatch(data)
	if m == nil {
		return []string{fmt.Sprintf("is not one call of annalsSearch: %.80q", data)}
	}
	var args []json.RawMessage
	if err := json.Unmarshal(append(append([]byte("["), m[2]...), ']'), &args); err != nil {
		return []string{fmt.Sprintf("the arguments of annalsSearch.%s are not JSON: %v", m[1], err)}
	}
	// JSON inside a script: "</script" and "<!--" must never appear,
	// whatever loads the file.
	if bytes.Contains(bytes.ToLower(data), []byte("</script")) || bytes.Contains(data, []byte("<!--")) {
		return []string{"holds </script or <!--"}
	}
	return nil
}

// sameAsTheme checks a theme file was copied as it is.
func sameAsTheme(rel string, data []byte) []string {
	want, err := fs.ReadFile(theme.Theme, "static/"+rel)
	if err != nil {
		return []string{err.Error()}
	}
	if !bytes.Equal(data, want) {
		return []string{"differs from the theme's static/" + rel}
	}
	return nil
}

var robotsLine = regexp.MustCompile(`^((User-agent|Allow|Disallow): \S+|Sitemap: https?://\S+|)$`)

func scanRobots(data []byte) []string {
	for l := range strings.SplitSeq(strings.TrimSuffix(string(data), "\n"), "\n") {
		if !robotsLine.MatchString(l) {
			return []string{fmt.Sprintf("line %q", l)}
		}
	}
	return nil
}

// render writes an element's start tag, for messages.
func render(n *html.Node) string {
	var b strings.Builder
	b.WriteString("<" + n.Data)
	for _, a := range n.Attr {
		fmt.Fprintf(&b, " %s=%q", a.Key, a.Val)
	}
	b.WriteString(">")
	return b.String()
}
