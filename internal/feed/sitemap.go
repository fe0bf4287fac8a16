package feed

import (
	"bytes"
	"encoding/xml"
	"strconv"

	"github.com/annals-archive/annals/internal/article"
)

// A URL is one page listed in a sitemap.
type URL struct {
	Loc     string       // absolute URL; entries with an empty Loc are skipped
	LastMod article.Date // omitted when zero
}

// MaxURLs is the most URLs one sitemap file may list.
const MaxURLs = 50000

// MaxBytes is the largest size of one sitemap file, uncompressed.
const MaxBytes = 50 * 1024 * 1024

// A File is one generated file: its name relative to the site root and its
// contents.
type File struct {
	Name string
	Data []byte
}

const (
	sitemapNS   = "http://www.sitemaps.org/schemas/sitemap/0.9"
	urlsetOpen  = xml.Header + `<urlset xmlns="` + sitemapNS + `">` + "\n"
	urlsetClose = "</urlset>\n"
	indexOpen   = xml.Header + `<sitemapindex xmlns="` + sitemapNS + `">` + "\n"
	indexClose  = "</sitemapindex>\n"
)

// Sitemaps returns the sitemap files for urls, in the order given.
//
// When the URLs fit in one file (at most MaxURLs URLs and MaxBytes bytes) the
// result is the single file "sitemap.xml". Otherwise it is "sitemap.xml", a
// sitemap index, followed by "sitemap-1.xml", "sitemap-2.xml", … in order;
// the index points at them with absolute URLs under baseURL (a trailing slash
// is added when missing) and gives each the newest LastMod it lists.
func Sitemaps(baseURL string, urls []URL) []File {
	return sitemaps(baseURL, urls, MaxURLs, MaxBytes)
}

func sitemaps(baseURL string, urls []URL, maxURLs, maxBytes int) []File {
	// Encode every entry once, then pack them greedily into files.
	type part struct {
		buf     bytes.Buffer
		n       int
		lastMod article.Date
	}
	room := maxBytes - len(urlsetOpen) - len(urlsetClose)
	parts := []*part{{}}
	var entry bytes.Buffer
	for _, u := range urls {
		loc := xmlText(u.Loc)
		if loc == "" {
			continue
		}
		entry.Reset()
		entry.WriteString("  <url><loc>")
		escape(&entry, loc)
		entry.WriteString("</loc>")
		if !u.LastMod.IsZero() {
			entry.WriteString("<lastmod>" + u.LastMod.String() + "</lastmod>")
		}
		entry.WriteString("</url>\n")

		p := parts[len(parts)-1]
		if p.n > 0 && (p.n >= maxURLs || p.buf.Len()+entry.Len() > room) {
			p = &part{}
			parts = append(parts, p)
		}
		p.buf.Write(entry.Bytes())
		p.n++
		if u.LastMod.Compare(p.lastMod) > 0 {
			p.lastMod = u.LastMod
		}
	}

	if len(parts) == 1 {
		return []File{{Name: "sitemap.xml", Data: wrap(urlsetOpen, &parts[0].buf, urlsetClose)}}
	}
	files := make([]File, 1, len(parts)+1)
	var index bytes.Buffer
	root := base(baseURL)
	for i, p := range parts {
		name := "sitemap-" + strconv.Itoa(i+1) + ".xml"
		files = append(files, File{Name: name, Data: wrap(urlsetOpen, &p.buf, urlsetClose)})
		index.WriteString("  <sitemap><loc>")
		escape(&index, root+name)
		index.WriteString("</loc>")
		if !p.lastMod.IsZero() {
			index.WriteString("<lastmod>" + p.lastMod.String() + "</lastmod>")
		}
		index.WriteString("</sitemap>\n")
	}
	files[0] = File{Name: "sitemap.xml", Data: wrap(indexOpen, &index, indexClose)}
	return files
}

func escape(b *bytes.Buffer, s string) {
	// xml.EscapeText fails only when the writer does; bytes.Buffer does not.
	_ = xml.EscapeText(b, []byte(s))
}

func wrap(head string, body *bytes.Buffer, tail string) []byte {
	out := make([]byte, 0, len(head)+body.Len()+len(tail))
	out = append(out, head...)
	out = append(out, body.Bytes()...)
	return append(out, tail...)
}

// Robots returns a robots.txt that allows every crawler everything and, when
// baseURL is not empty, names the sitemap at <baseURL>sitemap.xml.
func Robots(baseURL string) []byte {
	b := []byte("User-agent: *\nAllow: /\n")
	if root := base(baseURL); root != "" {
		b = append(b, "\nSitemap: "+root+"sitemap.xml\n"...)
	}
	return b
}
