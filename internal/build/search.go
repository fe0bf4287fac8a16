package build

import (
	"context"
	"strings"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/graph"
	"github.com/annals-archive/annals/internal/render"
	"github.com/annals-archive/annals/internal/search"
)

// searchFolder holds the search page and its index.
const searchFolder = "search/"

// search renders the search page and writes the index it reads.
func (s *siteBuild) search(ctx context.Context) error {
	_, err := search.Write(ctx, s.searchDocs(), func(name string, data []byte) error {
		return s.w.Write(searchFolder+name, data)
	})
	if err != nil {
		return err
	}
	return s.page(&render.Page{Kind: render.KindSearch, Title: "Search", Path: searchFolder}, article.Date{})
}

// searchDocs are the articles as the search index reads them: text, and
// the names of their entities with every form they go by.
func (s *siteBuild) searchDocs() []search.Doc {
	docs := make([]search.Doc, len(s.pages))
	for i, p := range s.pages {
		a := &p.article
		d := search.Doc{Path: p.path, Title: a.Title, Date: a.Date, Source: a.Source, Text: strings.TrimSpace(plainText(a.Body))}
		for _, e := range a.Entities {
			path, ok := s.entities[graph.EntityKey{Kind: e.Kind, Name: e.Name}]
			if !ok {
				continue
			}
			folder, key, _ := strings.Cut(strings.TrimSuffix(path, "/"), "/")
			d.Entities = append(d.Entities, search.Name{Kind: folder, Key: key, Name: e.Name, Aliases: s.forms(e)[1:]})
		}
		docs[i] = d
	}
	return docs
}
