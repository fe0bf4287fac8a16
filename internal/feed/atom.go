package feed

import (
	"encoding/xml"

	"github.com/annals-archive/annals/internal/article"
)

// An Entry is one article in a feed.
type Entry struct {
	Title string
	URL   string // absolute permalink
	// ID identifies the entry for ever: a tag: URI or the permalink. When
	// empty, URL is used.
	ID string
	// Updated is the article's date; when zero, the feed's date is used.
	Updated article.Date
	Summary string // plain text; omitted when empty
	Author  string // optional
}

// A Feed describes one Atom feed.
type Feed struct {
	Title    string
	Subtitle string // optional
	URL      string // the absolute URL of the page the feed describes
	Self     string // the feed's own absolute URL
	// ID identifies the feed for ever; when empty, Self is used, then URL.
	ID string
	// Updated is the feed's date. When zero, the newest entry date is used;
	// when no entry is dated either, 1970-01-01. Never the build time.
	Updated article.Date
	// Author names the feed's author, required by Atom for entries without
	// one; when empty, Title is used.
	Author  string
	Entries []Entry // newest first; written in the order given
}

// Atom returns f as an Atom 1.0 document (RFC 4287) in UTF-8, with an XML
// declaration and a final newline. Dates are written as
// YYYY-MM-DDT00:00:00Z. The output depends only on f.
func Atom(f Feed) []byte {
	updated := f.Updated
	if updated.IsZero() {
		for _, e := range f.Entries {
			if e.Updated.Compare(updated) > 0 {
				updated = e.Updated
			}
		}
	}
	if updated.IsZero() {
		updated = epoch
	}

	doc := atomFeed{
		ID:       xmlText(firstNonEmpty(f.ID, f.Self, f.URL)),
		Title:    xmlText(f.Title),
		Subtitle: xmlText(f.Subtitle),
		Updated:  atomDate(updated),
		Author:   &atomPerson{Name: xmlText(firstNonEmpty(f.Author, f.Title))},
	}
	if f.Self != "" {
		doc.Links = append(doc.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: xmlText(f.Self)})
	}
	if f.URL != "" {
		doc.Links = append(doc.Links, atomLink{Rel: "alternate", Type: "text/html", Href: xmlText(f.URL)})
	}
	doc.Entries = make([]atomEntry, len(f.Entries))
	for i, e := range f.Entries {
		d := e.Updated
		if d.IsZero() {
			d = updated
		}
		ae := atomEntry{
			ID:      xmlText(firstNonEmpty(e.ID, e.URL)),
			Title:   xmlText(e.Title),
			Updated: atomDate(d),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: xmlText(e.URL)},
		}
		if s := xmlText(e.Summary); s != "" {
			ae.Summary = &atomText{Type: "text", Text: s}
		}
		if a := xmlText(e.Author); a != "" {
			ae.Author = &atomPerson{Name: a}
		}
		doc.Entries[i] = ae
	}

	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		// Only plain strings reach the encoder; failing here is a bug.
		panic("feed: marshal Atom: " + err.Error())
	}
	b := make([]byte, 0, len(xml.Header)+len(out)+1)
	b = append(b, xml.Header...)
	b = append(b, out...)
	return append(b, '\n')
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   *atomPerson `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Author  *atomPerson `xml:"author"`
	Summary *atomText   `xml:"summary"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}
