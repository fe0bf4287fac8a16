package graph

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/progress"
)

// synthetic returns n docs, newest first: dates over five years, 3–10
// entities each drawn Zipf-like from a pool of 5,000, texts of about 300
// words drawn Zipf-like from a vocabulary of 30,000, and one doc in twenty
// a lightly edited copy of an earlier one, dated the same day or the next.
func synthetic(n int, seed uint64) []Doc {
	r := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 30000)
	for k := range vocab {
		b := make([]byte, 3+r.IntN(8))
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		vocab[k] = string(b)
	}
	wordZipf := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	entZipf := rand.NewZipf(r, 1.1, 1, 4999)
	kinds := []article.Kind{article.Person, article.Place, article.Organization}
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]Doc, n)
	for i := range docs {
		d := &docs[i]
		if i > 0 && r.IntN(20) == 0 {
			src := docs[r.IntN(i)]
			ws := strings.Fields(src.Text)
			for range len(ws) / 10 {
				ws[r.IntN(len(ws))] = vocab[wordZipf.Uint64()]
			}
			*d = Doc{Date: article.DateOf(src.Date.Time().AddDate(0, 0, r.IntN(2))), Source: "copy", Entities: src.Entities, Text: strings.Join(ws, " ")}
			continue
		}
		d.Date = article.DateOf(start.AddDate(0, 0, r.IntN(5*365)))
		if r.IntN(50) == 0 {
			d.Date = article.Date{}
		}
		d.Source = fmt.Sprint("source", r.IntN(40))
		for range 3 + r.IntN(8) {
			e := entZipf.Uint64()
			d.Entities = append(d.Entities, article.Entity{Kind: kinds[e%3], Name: fmt.Sprint("Entity ", e)})
		}
		var b strings.Builder
		for range 250 + r.IntN(100) {
			b.WriteString(vocab[wordZipf.Uint64()])
			b.WriteByte(' ')
		}
		d.Text = b.String()
	}
	slices.SortStableFunc(docs, func(a, b Doc) int { return b.Date.Compare(a.Date) })
	return docs
}

func BenchmarkNew(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			docs := synthetic(n, 1)
			b.ReportAllocs()
			cpu := progress.CPUTime()
			for b.Loop() {
				New(docs)
			}
			b.ReportMetric(float64(progress.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
			b.StopTimer()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			g := New(docs)
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(n), "retained-B/doc")
			same := 0
			for i := range n {
				same += len(g.SameStory(i))
			}
			b.ReportMetric(float64(same)/2, "same-pairs")
			runtime.KeepAlive(docs)
			runtime.KeepAlive(g)
		})
	}
}

// BenchmarkRelated asks for the related docs of one doc at a time: up to
// relatedKeep of them are kept by New, more are ranked on demand.
func BenchmarkRelated(b *testing.B) {
	docs := synthetic(10_000, 1)
	g := New(docs)
	for _, n := range []int{5, relatedKeep + 4} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				g.Related(i, n)
				i = (i + 7919) % len(docs)
			}
		})
	}
}

// BenchmarkCoMentioned asks for the ten entities most often mentioned with
// each entity in turn, as entity pages do.
func BenchmarkCoMentioned(b *testing.B) {
	g := New(synthetic(10_000, 1))
	var keys []EntityKey
	for _, k := range []article.Kind{article.Person, article.Place, article.Organization} {
		keys = append(keys, g.Entities(k)...)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.CoMentioned(keys[i], 10)
		i = (i + 1) % len(keys)
	}
}
