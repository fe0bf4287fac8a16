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

var (
	reutersRE = regexp.MustCompile(`(?s)<REUTERS([^>]*)>(.*?)</REUTERS>`)
	newidRE   = regexp.MustCompile(`NEWID="(\d+)"`)
	typeRE    = regexp.MustCompile(`<TEXT(?: TYPE="(\w+)")?>`)
	dRE       = regexp.MustCompile(`<D>(.*?)</D>`)
	ctrlRE    = regexp.MustCompile(`&#(\d+);`)
)

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
		for _, m := range reutersRE.FindAllStringSubmatch(string(text), -1) {
			attrs, inner := m[1], m[2]
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
			if id := newidRE.FindStringSubmatch(attrs); id != nil {
				d.NewID = id[1]
			}
			if t := typeRE.FindStringSubmatch(inner); t != nil && t[1] != "" {
				d.Type = t[1]
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

func list(s, name string) []string {
	var out []string
	for _, m := range dRE.FindAllStringSubmatch(tag(s, name), -1) {
		out = append(out, m[1])
	}
	return out
}

func decode(s string) string {
	s = ctrlRE.ReplaceAllString(s, "")
	return html.UnescapeString(s)
}
