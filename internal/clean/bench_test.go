package clean

import (
	"os"
	"path/filepath"
	"testing"
)

// exampleTexts returns the raw text articles of the example archive.
func exampleTexts(b *testing.B) []string {
	b.Helper()
	files, _ := filepath.Glob("../../examples/raw/*.txt")
	if len(files) == 0 {
		b.Skip("skipping: no example articles in ../../examples/raw")
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	return texts
}

// BenchmarkText cleans the example archive's raw articles, one body at a
// time, as import does:
//
//	go test -run '^$' -bench 'Text$' ./internal/clean/
func BenchmarkText(b *testing.B) {
	texts := exampleTexts(b)
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
