package build

import (
	"context"
	"path"
	"slices"
	"strings"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/graph"
)

// The functions of this file let other commands see an archive as Build
// sees it, through the same code, without rendering or writing anything.

// An Article is a valid article page as Build loads it.
type Article struct {
	File    string          // the page's file
	Path    string          // its address in the site: YYYY/MM/DD/<slug>/ or undated/<slug>/
	Article article.Article // with the entities the page lists, as it lists them
}

// LoadArticles reads every article page of the archive at site, in
// parallel, as Build does, and reports the same diagnostics about each
// page. It returns the valid pages, newest first. Their entities are the
// names and kinds the pages list: no table is applied (see EntityPaths).
func LoadArticles(ctx context.Context, fsys afero.Fs, site string, diags *diag.List) ([]Article, error) {
	// The zero Table knows no name, so every entity keeps the name and
	// kind its page gives.
	pages, err := loadArticles(ctx, fsys, path.Join(site, "content"), &entity.Table{}, nil, true, diags, nil)
	if err != nil {
		return nil, err
	}
	out := make([]Article, len(pages))
	for i, p := range pages {
		out[i] = Article{File: p.file, Path: p.path, Article: p.article}
	}
	return out, nil
}

// CheckAddresses reports articles that would be published at the same
// address, as Build does. Of the pages that share one, every page but
// the first in file order is reported.
func CheckAddresses(articles []Article, diags *diag.List) {
	pages := make([]*page, len(articles))
	for i, a := range articles {
		pages[i] = &page{file: a.File, path: a.Path}
	}
	slices.SortFunc(pages, func(a, b *page) int { return strings.Compare(a.file, b.file) })
	checkAddresses(pages, diags)
}

// EntityPaths returns the address Build gives the page of every entity of
// articles (people/<slug>/, places/<slug>/, organizations/<slug>/), by
// kind and canonical name under the table names.
func EntityPaths(articles []Article, names *entity.Table) map[graph.EntityKey]string {
	docs := make([]graph.Doc, len(articles))
	for i, a := range articles {
		docs[i] = graph.Doc{Date: a.Article.Date, Entities: canonical(slices.Clone(a.Article.Entities), names)}
	}
	return entityPaths(graph.New(docs))
}
