package ner

import (
	"testing"

	"github.com/annals-archive/annals/internal/examples"
)

// BenchmarkRecognizeArticle tags the example archive's articles, one
// article at a time, as import does:
//
//	go test -run '^$' -bench RecognizeArticle ./internal/ner/
func BenchmarkRecognizeArticle(b *testing.B) {
	texts := examples.Bodies(b)
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	defaultModel()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Recognize(t)
		}
	}
}
