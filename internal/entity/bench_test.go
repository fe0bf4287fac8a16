package entity

import (
	"testing"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/examples"
	"github.com/annals-archive/annals/internal/ner"
)

// BenchmarkResolve resolves the mentions the tagger finds in the example
// archive's articles with the built-in table, one article at a time, as
// import does:
//
//	go test -run '^$' -bench Resolve ./internal/entity/
func BenchmarkResolve(b *testing.B) {
	type doc struct {
		text string
		ms   []Mention
	}
	var docs []doc
	var size int64
	for _, text := range examples.Bodies(b) {
		d := doc{text: text}
		for _, m := range ner.Recognize(d.text) {
			d.ms = append(d.ms, Mention{Start: m.Start, End: m.End, Kind: article.Kind(m.Kind)})
		}
		docs = append(docs, d)
		size += int64(len(d.text))
	}
	t := Builtin()
	t.phrases()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			t.Resolve(d.text, d.ms)
		}
	}
}
