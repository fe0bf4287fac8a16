package corpus

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// ReutersDoc is one article of Reuters-21578.
type ReutersDoc struct {
	NewID    string
	Date     string // as written, e.g. " 26-FEB-1987 15:01:01.79"
	Title    string
	Dateline string
	Body     string
	Type     string // NORM, BRIEF or UNPROC
	Places   []string
	People   []string
	Orgs     []string
	Topics   []string
}

var ctrlRE = regexp.MustCompile(`&#(\d+);`)

// Reuters reads the 21,578 articles of Reuters-21578, in NEWID order.
// The files are Latin-1 SGML, not XML; numeric references to control
// characters are dropped and &lt; and &amp; decoded.
func Reuters(dir string) ([]ReutersDoc, error) {
	var docs []ReutersDoc
	for i := 0; i <= 21; i++ {
		name := filepath.Join(dir, "reuters21578", fmt.Sprintf("reut2-%03d.sgm", i))
		raw, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		text, err := charmap.ISO8859_1.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rest := string(text)
		for {
			start := strings.Index(rest, "<REUTERS")
			if start < 0 {
				break
			}
			rest = rest[start:]
			end := strings.Index(rest, "</REUTERS>")
			if end < 0 {
				return nil, fmt.Errorf("%s: a <REUTERS> element is not closed", name)
			}
			attrs, inner, _ := strings.Cut(rest[:end], ">")
			rest = rest[end:]
			d := ReutersDoc{
				Date:     tag(inner, "DATE"),
				Title:    tag(inner, "TITLE"),
				Dateline: tag(inner, "DATELINE"),
				Body:     tag(inner, "BODY"),
				Places:   list(inner, "PLACES"),
				People:   list(inner, "PEOPLE"),
				Orgs:     list(inner, "ORGS"),
				Topics:   list(inner, "TOPICS"),
				Type:     "NORM",
			}
			d.NewID = attr(attrs, "NEWID")
			if i := strings.Index(inner, "<TEXT"); i >= 0 {
				if tag, _, _ := strings.Cut(inner[i:], ">"); attr(tag, "TYPE") != "" {
					d.Type = attr(tag, "TYPE")
				}
			}
			docs = append(docs, d)
		}
	}
	return docs, nil
}

// tag returns the decoded text of the first <name>…</name>.
func tag(s, name string) string {
	i := strings.Index(s, "<"+name+">")
	if i < 0 {
		return ""
	}
	s = s[i+len(name)+2:]
	j := strings.Index(s, "</"+name+">")
	if j < 0 {
		return ""
	}
	return decode(s[:j])
}

// attr returns the value of name="value" in an opening tag.
func attr(s, name string) string {
	_, v, ok := strings.Cut(s, name+`="`)
	if !ok {
		return ""
	}
	v, _, _ = strings.Cut(v, `"`)
	return v
}

func list(s, name string) []string {
	var out []string
	rest := tag(s, name)
	for {
		_, after, ok := strings.Cut(rest, "<D>")
		if !ok {
			return out
		}
		var d string
		d, rest, _ = strings.Cut(after, "</D>")
		out = append(out, d)
	}
}

func decode(s string) string {
	if strings.Contains(s, "&#") {
		s = ctrlRE.ReplaceAllString(s, "")
	}
	return html.UnescapeString(s)
}
