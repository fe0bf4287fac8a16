// Package htmltext extracts the main article text and its metadata from one
// HTML page as saved by a browser or a scraper.
//
// It owns three steps: decoding the page to UTF-8 (whatever charset the bytes
// or the page declare), finding the article with go-trafilatura, and writing
// the article as Markdown-ish plain text (Page.Body). It also reads the
// page's own metadata: title, publication date, author, site name and
// canonical URL. Dates come only from what the page declares about itself
// (meta tags, JSON-LD, <time> marked as the publication time), never from
// dates found in the text or in page furniture.
//
// The package performs no I/O: callers read the file and pass its bytes. It
// keeps no mutable package state and trafilatura's logging is switched off, so
// Extract is safe for concurrent use by multiple goroutines.
package htmltext

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/go-shiori/dom"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// Page is what Extract finds in one HTML page. Fields the page does not
// state are empty.
type Page struct {
	Title    string // page or article title from metadata (og:title, <title> without " | Site", h1)
	Date     string // publication date as YYYY-MM-DD when the page's metadata states it; possibly one that does not exist (2022-02-30), for the caller to report
	Author   string
	SiteName string
	URL      string // canonical URL when the page declares one
	// Body is the main text as Markdown-ish plain text: paragraphs separated
	// by one blank line, subheadings as "## Heading", list items as "- item".
	// It holds no HTML and no page furniture.
	Body string
}

// Errors returned by Extract, to be tested with errors.Is.
var (
	ErrNotHTML = errors.New("htmltext: input is not an HTML page")
	ErrNoText  = errors.New("htmltext: no article text found")
)

// Extract reads one HTML page. pageURL may be "": it is used only to resolve a
// relative canonical link.
func Extract(data []byte, pageURL string) (Page, error) {
	return extract(data, pageURL, options())
}

// extract is Extract with the trafilatura options given, so that tests can
// compare settings.
func extract(data []byte, pageURL string, opts trafilatura.Options) (Page, error) {
	text, err := decode(data)
	if err != nil {
		return Page{}, err
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return Page{}, fmt.Errorf("%w: %v", ErrNotHTML, err)
	}
	base, _ := url.Parse(pageURL)
	if base != nil && !base.IsAbs() {
		base = nil
	}

	// The publication date and the canonical URL are read from the
	// untouched tree: trafilatura changes the tree it is given.
	date := publicationDate(doc)
	canonical := canonicalURL(doc, base)
	host := ""
	if u, err := url.Parse(canonical); err == nil && canonical != "" {
		host = u.Hostname()
	} else if base != nil {
		host = base.Hostname()
	}
	title, titleSite := pageTitle(doc, host)

	opts.OriginalURL = base
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return Page{}, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	if title == "" {
		title = clean(res.Metadata.Title)
	}
	site := clean(res.Metadata.Sitename)
	if titleSite != "" && (site == "" || !strings.Contains(site, " ") && strings.Contains(site, ".")) {
		site = titleSite // a name beats a host name guessed from the URL
	}
	body := renderBody(res.ContentNode, title)
	if strings.TrimSpace(body) == "" {
		return Page{}, ErrNoText
	}
	return Page{
		Title:    title,
		Date:     date,
		Author:   clean(res.Metadata.Author),
		SiteName: site,
		URL:      canonical,
		Body:     body,
	}, nil
}

// options are the trafilatura settings chosen with TestCompareOptions.
// Body F1 on the Zyte benchmark / on L3S-GN1:
//
//	fallback, balanced, tables kept   0.962 / 0.922  (chosen)
//	favour precision                  0.958 / 0.932
//	favour recall                     0.953 / 0.905
//	tables excluded                   0.959 / 0.888
//	no fallback                       0.964 / 0.821
//	no fallback, favour recall        0.966 / 0.821
//
// Old pages are laid out in tables, so excluding tables loses whole
// articles; renderBody keeps only the text cells of layout tables instead.
func options() trafilatura.Options {
	return trafilatura.Options{
		EnableFallback:  true,
		Focus:           trafilatura.Balanced,
		ExcludeComments: true,
		ExcludeTables:   false,
		Deduplicate:     false,
		EnableLog:       false,
		// Dates are read from the page's metadata by publicationDate;
		// htmldate would also guess them from the text.
		HtmlDateMode: trafilatura.Disabled,
	}
}

// canonicalURL returns the page's declared canonical URL: <link
// rel="canonical">, else og:url, made absolute against base.
func canonicalURL(doc *html.Node, base *url.URL) string {
	var candidates []string
	for _, n := range dom.QuerySelectorAll(doc, `link[href]`) {
		for _, rel := range strings.Fields(strings.ToLower(dom.GetAttribute(n, "rel"))) {
			if rel == "canonical" {
				candidates = append(candidates, dom.GetAttribute(n, "href"))
			}
		}
	}
	for _, n := range dom.QuerySelectorAll(doc, `meta[content]`) {
		if strings.EqualFold(strings.TrimSpace(metaKey(n)), "og:url") {
			candidates = append(candidates, dom.GetAttribute(n, "content"))
		}
	}
	for _, c := range candidates {
		u, err := url.Parse(strings.TrimSpace(c))
		if err != nil || c == "" {
			continue
		}
		if !u.IsAbs() {
			if base == nil {
				continue
			}
			u = base.ResolveReference(u)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			continue
		}
		return u.String()
	}
	return ""
}

// metaKey is the name under which a <meta> element states its content.
func metaKey(n *html.Node) string {
	for _, attr := range []string{"property", "name", "itemprop", "http-equiv"} {
		if v := dom.GetAttribute(n, attr); v != "" {
			return v
		}
	}
	return ""
}

// clean collapses runs of white space to one space and trims the ends.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// sameText reports whether a and b are equal after white-space and case
// normalisation.
func sameText(a, b string) bool {
	return strings.EqualFold(clean(a), clean(b))
}
