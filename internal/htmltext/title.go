package htmltext

import (
	"encoding/json"
	"strings"
	"unicode"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// titleMeta are the <meta> names that state the article's title, in order
// of trust.
var titleMeta = []string{"og:title", "twitter:title", "dc.title", "title", "headline"}

// pageTitle finds the article's title, and the site's name when the
// <title> element names it. The title is, in order:
//
//  1. a title the page states in metadata (og:title, twitter:title, JSON-LD
//     headline, ...), without a trailing " | Site";
//  2. a heading (h1-h3, or an element whose class or id says "headline" or
//     "title") that the <title> element contains, the longest such;
//  3. the longest part of <title> split at separators such as " | " or " - ";
//  4. the first h1.
func pageTitle(doc *html.Node) (title, site string) {
	metas := map[string]string{}
	for _, n := range dom.QuerySelectorAll(doc, "meta[content]") {
		key := strings.ToLower(strings.TrimSpace(metaKey(n)))
		if _, seen := metas[key]; !seen {
			metas[key] = clean(dom.GetAttribute(n, "content"))
		}
	}
	htmlTitle := ""
	if n := dom.QuerySelector(doc, "title"); n != nil {
		htmlTitle = clean(dom.TextContent(n))
	}
	stated := ""
	for _, key := range titleMeta {
		if metas[key] != "" {
			stated = metas[key]
			break
		}
	}
	if stated == "" {
		stated = jsonLDHeadline(doc)
	}
	site = metas["og:site_name"]
	_, titleSite := splitTitle(htmlTitle, site)
	if stated != "" && !sameText(stated, site) {
		title, _ := splitTitle(stated, site)
		return title, titleSite
	}

	headings := headingTexts(doc)
	if htmlTitle != "" {
		titleWords := wordKey(htmlTitle)
		best := ""
		for _, h := range headings {
			key := wordKey(h)
			if strings.Count(key, " ") < 1 || len(key) <= len(best) {
				continue
			}
			if strings.Contains(" "+titleWords+" ", " "+key+" ") {
				best = h
			}
		}
		if best != "" {
			return best, titleSite
		}
		title, _ := splitTitle(htmlTitle, site)
		return title, titleSite
	}
	if len(headings) > 0 {
		return headings[0], ""
	}
	return "", ""
}

// Separators between the headline and the section or site name in a
// title. A weak separator may also be part of a headline ("Mars - the next
// step"), so the title is split there only when the other parts are short.
var (
	strongSeparators = []string{" | ", " || ", " :: ", " » ", " « ", " > ", " -- ", " – ", " — "}
	weakSeparators   = []string{" - ", "- ", " : ", "_"}
)

// splitTitle splits a title that also names the section or the site into
// the headline (the part with the most words) and the name (the last other
// part). A title with no separator is all headline.
func splitTitle(title, site string) (headline, name string) {
	for _, sep := range strongSeparators {
		if parts := strings.Split(title, sep); len(parts) > 1 {
			return pickHeadline(parts)
		}
	}
	for _, sep := range weakSeparators {
		parts := strings.Split(title, sep)
		if len(parts) < 2 {
			continue
		}
		headline, name := pickHeadline(parts)
		split := wordCount(headline) >= 4
		for _, p := range parts {
			if strings.TrimSpace(p) != headline && wordCount(p) > 3 && !sameText(p, site) {
				split = false
			}
		}
		if split {
			return headline, name
		}
	}
	return title, ""
}

// pickHeadline returns the part with the most words (the first of equals)
// and the last of the other parts.
func pickHeadline(parts []string) (headline, name string) {
	best := 0
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if wordCount(parts[i]) > wordCount(parts[best]) {
			best = i
		}
	}
	for i := len(parts) - 1; i >= 0; i-- {
		if i != best && parts[i] != "" {
			name = parts[i]
			break
		}
	}
	return parts[best], name
}

// headingTexts returns the texts of the page's headings in document order,
// leaving out navigation, sidebars and footers.
func headingTexts(doc *html.Node) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "nav", "footer", "aside", "script", "style", "noscript", "select", "form", "title", "head":
				return
			case "h1", "h2", "h3":
				if text := clean(dom.TextContent(n)); text != "" {
					out = append(out, text)
				}
				return
			}
			attrs := strings.ToLower(dom.GetAttribute(n, "class") + " " + dom.GetAttribute(n, "id"))
			if strings.Contains(attrs, "headline") || strings.Contains(attrs, "title") {
				if text := clean(dom.TextContent(n)); text != "" && len(text) < 300 {
					out = append(out, text)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// jsonLDHeadline returns the first headline in the page's JSON-LD.
func jsonLDHeadline(doc *html.Node) string {
	for _, n := range dom.QuerySelectorAll(doc, `script[type="application/ld+json"]`) {
		var v any
		if json.Unmarshal([]byte(dom.TextContent(n)), &v) != nil {
			continue
		}
		if h := clean(jsonLDString(v, "headline")); h != "" {
			return h
		}
	}
	return ""
}

// jsonLDString returns the first string value of key in a decoded JSON-LD
// value, searching objects, arrays and @graph depth first.
func jsonLDString(v any, key string) string {
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v[key].(string); ok && s != "" {
			return s
		}
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
			if s := jsonLDString(v[k], key); s != "" {
				return s
			}
		}
	case []any:
		for _, item := range v {
			if s := jsonLDString(item, key); s != "" {
				return s
			}
		}
	}
	return ""
}

// wordKey is s lower-cased with its words separated by single spaces, so
// that punctuation and case do not stop two titles from matching.
func wordKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}), " ")
}

func wordCount(s string) int {
	return len(strings.Fields(s))
}
