package ingest

import (
	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/htmltext"
)

// readHTML extracts the article of a saved web page.
func readHTML(data []byte) (article.Raw, error) {
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
