package clean

import (
	"testing"

	"github.com/annals-archive/annals/internal/examples"
)

// BenchmarkText cleans the example archive's raw articles, one body at a
// time, as import does:
//
//	go test -run '^$' -bench 'Text$' ./internal/clean/
func BenchmarkText(b *testing.B) {
	texts := examples.Bodies(b)
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Text(t)
		}
	}
}
