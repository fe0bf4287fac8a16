package htmltext

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// statedTitleMeta are the <meta> names by which a page states its article's
// title, in order of trust; plainTitleMeta are weaker, often the site's name.
var (
	statedTitleMeta = []string{"og:title", "twitter:title"}
	plainTitleMeta  = []string{"dc.title", "title", "headline"}
)

// pageTitle finds the article's title, and the site's name when the
// <title> element names it. The title is, in order:
//
//  1. the title the page states in og:title, twitter:title or JSON-LD
//     headline, without a trailing " | Site";
//  2. the longest heading (h1-h3, or an element whose class or id says
//     "headline" or "title") that the <title> element contains;
//  3. the headline part of <title>, split at separators such as " | ";
//  4. a <meta name="title">, the first h1, the first other heading.
func pageTitle(doc *html.Node, host string) (title, site string) {
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
	site = metas["og:site_name"]
	names := siteNames{site: site, labels: hostLabels(host)}
	headline, titleSite := splitTitle(htmlTitle, names)

	stated := firstOf(metas, statedTitleMeta)
	if stated == "" {
		stated = jsonLDHeadline(doc)
	}
	if stated != "" && !sameText(stated, site) && !sameText(stated, titleSite) {
		names.other = titleSite
		return dropName(stated, names), titleSite
	}

	headings := headingTexts(doc)
	if htmlTitle != "" {
		titleWords := " " + wordKey(htmlTitle) + " "
		best := ""
		for _, h := range headings {
			key := wordKey(h.text)
			if strings.Contains(key, " ") && len(key) > len(wordKey(best)) && strings.Contains(titleWords, " "+key+" ") {
				best = h.text
			}
		}
		if best != "" {
			return best, titleSite
		}
		if brokenTitle(headline) || names.is(headline) {
			headline = ""
		}
		// A headline of one or two words is more often a section's name
		// ("Sports Wire") than the article's.
		if wordCount(headline) >= 3 {
			return headline, titleSite
		}
	}
	if t := firstOf(metas, plainTitleMeta); t != "" && !names.is(t) {
		return t, titleSite
	}
	for level := 1; level <= 4; level++ {
		for _, h := range headings {
			if h.level == level && !names.is(h.text) {
				return h.text, titleSite
			}
		}
	}
	return headline, titleSite
}

// firstOf returns the first non-empty value of keys in metas.
func firstOf(metas map[string]string, keys []string) string {
	for _, key := range keys {
		if metas[key] != "" {
			return metas[key]
		}
	}
	return ""
}

// brokenTitle reports whether a <title> holds markup or script, which
// happens when a crawl lost the closing tag.
func brokenTitle(title string) bool {
	return strings.ContainsAny(title, "{};<>=") || strings.Contains(title, "-->")
}

// dropName removes from a stated title a leading or trailing part that is
// the site's name ("Headline | Site").
func dropName(title string, names siteNames) string {
	for _, sep := range allSeparators {
		parts := strings.Split(title, sep)
		switch {
		case len(parts) < 2:
		case names.is(parts[len(parts)-1]):
			return strings.TrimSpace(strings.Join(parts[:len(parts)-1], sep))
		case names.is(parts[0]):
			return strings.TrimSpace(strings.Join(parts[1:], sep))
		}
	}
	return title
}

// siteNames recognises the parts of a title that name the site rather than
// the article.
type siteNames struct {
	site   string   // og:site_name
	other  string   // the name part of the <title> element
	labels []string // the distinctive labels of the page's host name
}

// is reports whether part is the site's name: equal to a known name, or
// spelling a label of the host name ("NDTV.com" on www.ndtv.com, "The Times
// of India" on timesofindia.indiatimes.com).
func (n siteNames) is(part string) bool {
	part = strings.TrimSpace(part)
	if part == "" {
		return false
	}
	if n.site != "" && sameText(part, n.site) || n.other != "" && sameText(part, n.other) {
		return true
	}
	squashed := strings.ReplaceAll(wordKey(part), " ", "")
	for _, label := range n.labels {
		if strings.Contains(squashed, label) || len(squashed) >= 4 && strings.Contains(label, squashed) {
			return true
		}
	}
	return false
}

// hostLabels returns the labels of host that can name a site: not "www",
// not short, not a top-level or second-level domain such as "com" or "co".
func hostLabels(host string) []string {
	var out []string
	for _, label := range strings.Split(strings.ToLower(host), ".") {
		switch label {
		case "www", "com", "org", "net", "news", "co", "uk", "gov", "edu", "info", "biz":
			continue
		}
		if len(label) >= 4 {
			out = append(out, label)
		}
	}
	return out
}

// Separators between the headline and the section or site name in a
// title. A weak separator may also be part of a headline ("Mars - the next
// step"), so the title is split there only when the other parts are short.
var (
	strongSeparators = []string{" | ", " || ", " :: ", " » ", " « ", " > ", " -- ", " – ", " — "}
	weakSeparators   = []string{" - ", "- ", " : ", "_"}
	// allSeparators also split off a site's name, and only that
	// ("NDTV.com: Headline").
	allSeparators = append(append(slices.Clone(strongSeparators), weakSeparators...), ": ", ", ", " / ")
)

// splitTitle splits a title that also names the section or the site into
// the headline and the name. A part that names the site is dropped first;
// otherwise the headline is the part with the most words and the name the
// last other part. A title with no separator is all headline.
func splitTitle(title string, names siteNames) (headline, name string) {
	for _, sep := range allSeparators {
		parts := strings.Split(title, sep)
		if len(parts) < 2 {
			continue
		}
		if last := strings.TrimSpace(parts[len(parts)-1]); names.is(last) {
			headline, _ := splitTitle(strings.Join(parts[:len(parts)-1], sep), names)
			return headline, last
		}
		if first := strings.TrimSpace(parts[0]); names.is(first) {
			headline, _ := splitTitle(strings.Join(parts[1:], sep), names)
			return headline, first
		}
	}
	for _, sep := range strongSeparators {
		if parts := strings.Split(title, sep); len(parts) > 1 {
			headline, name := pickHeadline(parts)
			headline, _ = splitTitle(headline, names)
			return headline, name
		}
	}
	for _, sep := range weakSeparators {
		parts := strings.Split(title, sep)
		if len(parts) < 2 {
			continue
		}
		headline, name := pickHeadline(parts)
		split := wordCount(headline) >= 3
		for _, p := range parts {
			if p != headline && (wordCount(p) >= wordCount(headline) || wordCount(p) > 3) {
				split = false
			}
		}
		if split {
			headline, _ = splitTitle(headline, names)
			return headline, name
		}
	}
	return strings.TrimSpace(title), ""
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

// heading is a candidate title in the page body: an h1 (level 1), h2, h3,
// or an element named "headline" or "title" by its class or id (level 4).
type heading struct {
	text  string
	level int
}

// headingTexts returns the page's headings in document order, leaving out
// navigation, sidebars and footers.
func headingTexts(doc *html.Node) []heading {
	var out []heading
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "nav", "footer", "aside", "script", "style", "noscript", "select", "form", "title", "head":
				return
			case "h1", "h2", "h3":
				if text := clean(dom.TextContent(n)); text != "" {
					out = append(out, heading{text, int(n.Data[1] - '0')})
				}
				return
			}
			attrs := strings.ToLower(dom.GetAttribute(n, "class") + " " + dom.GetAttribute(n, "id"))
			if strings.Contains(attrs, "headline") || strings.Contains(attrs, "title") {
				if text := clean(dom.TextContent(n)); text != "" && len(text) < 300 {
					out = append(out, heading{text, 4})
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
