package ingest

import (
	"fmt"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/htmltext"
)

// maxHTMLWork bounds the paragraphs times the bytes of a page whose main
// text is looked for: the extractor's work grows with their product, and
// at this bound takes seconds. A page of a few dozen paragraphs may be
// hundreds of megabytes (saved with its images); one of a hundred thousand
// paragraphs is a book or a dump of a forum, not an article.
const maxHTMLWork int64 = 16_000_000_000

// readHTML extracts the article of a saved web page.
func readHTML(data []byte) (article.Raw, error) {
	if n := paragraphs(data); int64(n)*int64(len(data)) > maxHTMLWork {
		return article.Raw{}, fmt.Errorf("skipped: the page has %d paragraphs in %.1f MB, more than its article can be found in (at most %d paragraphs for a page of this size); save the article as text",
			n, float64(len(data))/(1<<20), maxHTMLWork/int64(len(data)))
	}
	p, err := htmltext.Extract(data, "")
	if err != nil {
		return article.Raw{}, err
	}
	return article.Raw{
		Format: article.HTML,
		Title:  p.Title,
		Date:   p.Date,
		Source: p.SiteName,
		URL:    p.URL,
		Author: p.Author,
		Body:   p.Body,
	}, nil
}

// paragraphs counts the <p> tags of an HTML page.
func paragraphs(data []byte) int {
	n := 0
	for i := 0; i+2 < len(data); i++ {
		if data[i] == '<' && data[i+1]|0x20 == 'p' {
			switch data[i+2] {
			case '>', ' ', '\t', '\n', '\r', '\f', '/':
				n++
			}
		}
	}
	return n
}
