package extract

import (
	"testing"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/examples"
)

// BenchmarkArticle extracts the KCNA corpus (../shared/corpora), one
// record at a time, end to end: cleaning, title, date, entities.
//
//	go test -run '^$' -bench 'Article$' ./internal/extract/
func BenchmarkArticle(b *testing.B) {
	raws, _ := kcnaRaws(b)
	benchmarkArticles(b, raws)
}

// BenchmarkArticleExamples extracts the example archive's raw text
// articles, one at a time, end to end.
//
//	go test -run '^$' -bench ArticleExamples ./internal/extract/
func BenchmarkArticleExamples(b *testing.B) {
	var raws []article.Raw
	for _, t := range examples.Texts(b) {
		raws = append(raws, article.Raw{Origin: article.Origin{File: t.Name}, Format: article.Text, Body: t.Body})
	}
	benchmarkArticles(b, raws)
}

func benchmarkArticles(b *testing.B, raws []article.Raw) {
	var n int64
	for _, r := range raws {
		n += int64(len(r.Body))
	}
	Article(raws[0]) // load the tagger and the entity table
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range raws {
			Article(r)
		}
	}
}
