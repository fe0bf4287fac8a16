package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/annals-archive/annals/internal/article"
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

// BenchmarkWrite writes the index of the fixture's documents repeated, and
// of synthetic archives with a vocabulary, names and sources of a real
// archive's sizes.
func BenchmarkWrite(b *testing.B) {
	fixed := make([]Doc, 1000)
	for i := range fixed {
		fixed[i] = fixture()[i%13]
		fixed[i].Path += strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/"
		fixed[i].Text = benchText
	}
	for _, bc := range []struct {
		name string
		docs []Doc
	}{
		{"fixture-1000", fixed},
		{"synthetic-10000", synthetic(10_000, 1)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var bytes int64
			for _, d := range bc.docs {
				bytes += int64(len(d.Text))
			}
			b.ReportAllocs()
			b.SetBytes(bytes)
			for b.Loop() {
				if _, err := Write(context.Background(), slices.Clone(bc.docs), func(string, []byte) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// synthetic returns n documents: titles of about 8 words and texts of
// about 300 drawn Zipf-like from a vocabulary of 30,000, 3–10 names each
// from a pool of 5,000 with two aliases each, 40 sources, dates over five
// years and one document in fifty undated.
func synthetic(n int, seed uint64) []Doc {
	r := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 30000)
	for k := range vocab {
		w := make([]byte, 3+r.IntN(8))
		for j := range w {
			w[j] = byte('a' + r.IntN(26))
		}
		vocab[k] = string(w)
	}
	words := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	text := func(n int) string {
		var b strings.Builder
		for k := range n {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[words.Uint64()])
		}
		return b.String()
	}
	kinds := []string{"people", "places", "organizations"}
	names := make([]*Name, 5000)
	for k := range names {
		name := text(2)
		names[k] = &Name{Kind: kinds[k%3], Key: article.Slug(name), Name: name, Aliases: []string{text(1), text(3)}}
	}
	pick := rand.NewZipf(r, 1.1, 1, uint64(len(names)-1))
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]Doc, n)
	for i := range docs {
		d := &docs[i]
		d.Title = text(5 + r.IntN(6))
		d.Text = text(250 + r.IntN(100))
		d.Source = fmt.Sprint("Source ", r.IntN(40))
		d.Path = fmt.Sprintf("undated/%s-%d/", article.Slug(d.Title), i)
		if r.IntN(50) > 0 {
			d.Date = article.DateOf(start.AddDate(0, 0, r.IntN(5*365)))
			d.Path = d.Date.Format("2006/01/02/") + d.Path[len("undated/"):]
		}
		for range 3 + r.IntN(8) {
			d.Entities = append(d.Entities, names[pick.Uint64()])
		}
	}
	return docs
}
