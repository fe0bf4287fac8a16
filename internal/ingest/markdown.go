package ingest

import (
	"strings"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/content"
)

// readMarkdown reads a Markdown file with front matter (or none). Front
// matter is read by the content package's rules, so a page from another
// annals archive, or from Hugo, imports with its metadata.
func readMarkdown(text string) (article.Raw, error) {
	raw := article.Raw{Format: article.Markdown}
	if !strings.HasPrefix(text, "---\n") && !strings.HasPrefix(text, "---\r\n") {
		raw.Body = text
		return raw, nil
	}
	p, err := content.Parse([]byte(text))
	if err != nil {
		if ce, ok := err.(*content.Error); ok {
			return raw, &lineError{ce.Line, ce.Msg}
		}
		return raw, err
	}
	a := p.Article
	raw.Title, raw.Source, raw.URL, raw.Author, raw.Body = a.Title, a.Source, a.URL, a.Author, a.Body
	raw.Date = a.Date.String()
	raw.Extra = a.Extra
	raw.Entities = a.Entities
	raw.Line = p.BodyLine
	return raw, nil
}
