package htmltext

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// publishedMeta are the <meta> names that state a publication date, in order
// of trust.
var publishedMeta = []string{
	"article:published_time",
	"og:article:published_time",
	"og:published_time",
	"datepublished",
	"article.published",
	"published_time",
	"publication_date",
	"publish-date",
	"publish_date",
	"publishdate",
	"pubdate",
	"parsely-pub-date",
	"sailthru.date",
	"dc.date.issued",
	"dcterms.issued",
	"dc.date",
	"dcterms.date",
	"dcterms.created",
	"dc.date.created",
	"date",
	"originalpublicationdate",
	"displaydate",
}

// publicationDate returns the date the page states it was published, as
// YYYY-MM-DD, looking in this order at <meta> tags, JSON-LD datePublished
// and <time> elements marked as the publication time (itemprop="datePublished"
// or pubdate). When the page states no date that exists but one that does
// not (2022-02-30), it returns that one as written, so that the extractor
// says why the article has no date. It returns "" when the page states none.
func publicationDate(doc *html.Node) string {
	impossible := ""
	found := func(v string) string {
		d := parseDate(v)
		if d == "" && impossible == "" {
			impossible = impossibleDate(v)
		}
		return d
	}
	metas := map[string]string{}
	for _, n := range dom.QuerySelectorAll(doc, "meta[content]") {
		key := strings.ToLower(strings.TrimSpace(metaKey(n)))
		if _, seen := metas[key]; !seen {
			metas[key] = dom.GetAttribute(n, "content")
		}
	}
	for _, key := range publishedMeta {
		if d := found(metas[key]); d != "" {
			return d
		}
	}
	for _, n := range dom.QuerySelectorAll(doc, `script[type="application/ld+json"]`) {
		var v any
		if json.Unmarshal([]byte(dom.TextContent(n)), &v) != nil {
			continue
		}
		if d := found(jsonLDString(v, "datePublished")); d != "" {
			return d
		}
	}
	for _, n := range dom.QuerySelectorAll(doc, `[itemprop="datePublished"], time[pubdate]`) {
		v := dom.GetAttribute(n, "datetime")
		if v == "" {
			v = dom.GetAttribute(n, "content")
		}
		if d := found(v); d != "" {
			return d
		}
	}
	return impossible
}

// impossibleDate returns the YYYY-MM-DD that s starts with when it names a
// day or month that does not exist, as written, or "".
func impossibleDate(s string) string {
	s = clean(s)
	if len(s) < len(time.DateOnly) || !isoDate.MatchString(s[:len(time.DateOnly)]) ||
		len(s) > len(time.DateOnly) && s[len(time.DateOnly)] != 'T' && s[len(time.DateOnly)] != ' ' {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s[:len(time.DateOnly)]); err != nil && strings.HasSuffix(err.Error(), "out of range") {
		return s[:len(time.DateOnly)]
	}
	return ""
}

var isoDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// dateLayouts are the forms in which pages state dates. A date with a time
// zone keeps the calendar day as written in that zone.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
}

// parseDate turns a stated date into YYYY-MM-DD, or "" when it is not one of
// dateLayouts or lies outside 1900-2100.
func parseDate(s string) string {
	s = clean(s)
	if s == "" {
		return ""
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if t.Year() < 1900 || t.Year() > 2100 {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	// A date-time in a form not listed above still starts with the date.
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		return parseDate(s[:10])
	}
	return ""
}
