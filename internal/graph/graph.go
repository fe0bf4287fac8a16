// Package graph computes the cross-link indexes of an archive once per
// build, from all of its articles: archives by date, entity pages
// (articles, timeline, co-mentions), reports of the same story and related
// articles.
//
// It owns no I/O and no output: New is a pure function of the docs it is
// given (Read, of the docs and the texts a caller's function gives;
// Restore, of the docs and what a graph of them learned from their texts,
// see learned.go), and every answer is a doc index into that slice. Map iteration order never
// reaches a result; ties are broken by index, so the same docs always
// give the same graph. New fans work out over GOMAXPROCS workers; the
// Graph it returns is immutable and safe for concurrent use.
//
// Nothing here compares every article with every other. Same-story reports
// are looked for only among articles dated within a day of each other, with
// a hash table of word shingles per two-day window (see samestory.go);
// related articles are found through inverted indexes of entities and of
// each article's top TF-IDF terms, whose very long posting lists are not
// walked (see related.go). Every text is read twice: once for the
// document frequencies of its words, once for its shingles and top terms
// together (see text.go). Words are hashed, never allocated, and the
// indexes are arrays of int32 in compressed rows.
package graph

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/annals-archive/annals/internal/article"
)

// Doc is what the graph needs of one article.
type Doc struct {
	Date     article.Date     // zero when undated
	Source   string           // the publisher; kept for callers, not used in scoring
	Entities []article.Entity // canonical names and kinds (Mentions may be empty)
	// Title and Text are the article's plain text, for similarity: they
	// are read as one text, the title its first paragraph, so that a
	// caller need not join them into a copy of the body. Text is empty
	// when the graph is made by Read, which reads it when needed.
	Title string
	Text  string
}

// Graph holds the cross-links of docs; index i refers to docs[i] as given to
// New (the build passes them newest first).
type Graph struct {
	n     int
	dates []article.Date

	dateIndex
	entityIndex
	text textIndex

	same     csr // same-story links, by index
	rel      csr // the top relatedKeep related docs of each doc
	relGraph *relatedGraph
	scorers  sync.Pool // of *scorer, for Related beyond relatedKeep
	counters sync.Pool // of *coCounter, for CoMentioned
}

// New computes the graph of docs. It keeps no reference to docs.
func New(docs []Doc) *Graph {
	g, _ := newGraph(&texts{docs: docs})
	return g
}

// Read is New for docs whose texts are not held in memory: text(i)
// returns docs[i].Text. It is called twice for each doc, from several
// goroutines at once, and only one text per goroutine is held at a time.
// When text fails, Read returns its first error and no graph.
func Read(docs []Doc, text func(i int) (string, error)) (*Graph, error) {
	return newGraph(&texts{docs: docs, read: text})
}

func newGraph(t *texts) (*Graph, error) {
	docs := t.docs
	var df *wordCounts
	g := indexed(docs, func() { df = docFrequencies(t) })
	if err := t.failed(); err != nil {
		return nil, err
	}
	p := newTermPicker(df, len(docs))
	df = nil
	g.same = sameStories(t, p)
	if err := t.failed(); err != nil {
		return nil, err
	}
	g.text = p.index()
	g.rel = g.allRelated()
	return g, nil
}

// indexed returns the graph of docs with what comes of their dates and
// entities alone, and runs alongside, if not nil, while it indexes them.
func indexed(docs []Doc, alongside func()) *Graph {
	g := &Graph{n: len(docs), dates: make([]article.Date, len(docs))}
	for i := range docs {
		g.dates[i] = docs[i].Date
	}
	var wg sync.WaitGroup
	wg.Go(func() { g.dateIndex = newDateIndex(g.dates) })
	wg.Go(func() { g.entityIndex = newEntityIndex(docs) })
	if alongside != nil {
		wg.Go(alongside)
	}
	wg.Wait()
	return g
}

// Len returns the number of docs the graph was built from.
func (g *Graph) Len() int { return g.n }

// csr is a list of int32 lists in compressed rows: row i is
// val[off[i]:off[i+1]].
type csr struct {
	off []int32
	val []int32
}

func (c csr) row(i int) []int32 {
	if i < 0 || i+1 >= len(c.off) {
		return nil
	}
	return c.val[c.off[i]:c.off[i+1]]
}

// ints converts a row to the []int the API hands out (a fresh slice, so
// callers may keep or change it).
func ints(r []int32) []int {
	if len(r) == 0 {
		return nil
	}
	out := make([]int, len(r))
	for k, v := range r {
		out[k] = int(v)
	}
	return out
}

// parallel calls work(lo, hi) over [0, n) in chunks of at most chunk items,
// on GOMAXPROCS workers. work must only write state owned by its range.
func parallel(n, chunk int, work func(lo, hi int)) {
	parallelWith(n, chunk, func() struct{} { return struct{}{} }, func(_ struct{}, lo, hi int) { work(lo, hi) })
}

// parallelWith is parallel with scratch state: each worker calls newState
// once and passes the result to each of its calls of work.
func parallelWith[S any](n, chunk int, newState func() S, work func(s S, lo, hi int)) {
	if n <= 0 {
		return
	}
	chunk = max(chunk, 1)
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if workers <= 1 {
		work(newState(), 0, n)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			s := newState()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				work(s, lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
}
