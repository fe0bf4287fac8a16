package search

import (
	"context"
	"strings"
	"testing"
)

// benchText is a news paragraph, repeated to article length.
var benchText = strings.Repeat("The Grey Sea Fisheries Council opened its spring session in Toriva on Wednesday, where delegates from Arvenia and the Kestrel Federation congratulated the chair on the new herring quotas and argued over the closure of the northern grounds. ", 12)

func BenchmarkTokens(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Tokens(benchText)
	}
}

func BenchmarkWrite(b *testing.B) {
	docs := make([]Doc, 1000)
	for i := range docs {
		docs[i] = fixture()[i%13]
		docs[i].Path += strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/"
		docs[i].Text = benchText
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(docs) * len(benchText)))
	for b.Loop() {
		if _, err := Write(context.Background(), docs, func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
