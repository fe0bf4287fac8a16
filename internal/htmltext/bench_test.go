package htmltext

import "testing"

// BenchmarkExtract runs Extract over a few pages of the article-extraction
// benchmark and reports throughput in input bytes.
//
//	go test -run '^$' -bench Extract -benchmem ./internal/htmltext/
func BenchmarkExtract(b *testing.B) {
	pages := zytePages(b)
	pages = pages[:min(8, len(pages))]
	var size int64
	for _, p := range pages {
		size += int64(len(p.HTML))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Extract(p.HTML, p.URL); err != nil {
				b.Fatalf("%s: %v", p.ID, err)
			}
		}
	}
}
