package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/examples"
)

// BenchmarkRecordsJSONLines decodes a JSON Lines file of 1,000 articles
// made of the example archive's texts, as import reads a feed:
//
//	go test -run '^$' -bench RecordsJSONLines ./internal/ingest/
func BenchmarkRecordsJSONLines(b *testing.B) {
	const n = 1000
	texts := examples.Bodies(b)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range n {
		enc.Encode(map[string]string{
			"title": fmt.Sprintf("Story %d", i),
			"date":  "2024-03-04",
			"url":   fmt.Sprintf("https://news.example/2024/03/04/story-%d", i),
			"text":  texts[i%len(texts)],
		})
	}
	fsys := afero.NewMemMapFs()
	if err := afero.WriteFile(fsys, "feed.jsonl", buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	in := Input{Path: "feed.jsonl", Name: "feed.jsonl"}
	fields := config.Default().Import.Fields
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.List
		got := 0
		for range Records(fsys, in, fields, &diags) {
			got++
		}
		if got != n {
			b.Fatalf("%d records, want %d: %v", got, n, diags.Sorted())
		}
	}
}
