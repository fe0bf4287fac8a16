package graph

import (
	"container/heap"
	"math"
	"runtime"
	"slices"
	"sync"
)

// Related articles: the score of doc j for doc i is
//
//	Σ idf(e) over the entities e both mention + ln(N) × cos(i, j)
//
// where idf(e) = ln(N/df(e)) over the N docs, and cos is the cosine of the
// two docs' vectors of top TF-IDF terms (relatedTerms terms each, weight
// (1+ln tf)·ln(N/df)). ln(N) is about the idf of an entity two articles
// share alone, so a strong textual likeness counts like a rare shared
// entity. The score is symmetric: a follow-up and the story it follows
// score each other alike, whichever came first.
//
// Candidates come from inverted indexes, never from a pass over all docs.
// An entity or term found in more than relatedMaxPosting docs does not make
// candidates: its posting list is not walked, which bounds the work per doc
// whatever the size of the archive. Such an entity still adds its idf to
// the candidates found otherwise, through a bitset of its docs (an entity in half the articles adds
// ln 2, next to about 10 for one in a handful of 100,000); such a term is
// never one of a doc's top terms, which are the words that set it apart.
const (
	relatedTerms      = 12  // top terms kept per doc
	relatedMaxPosting = 128 // longer posting lists are not walked
	relatedKeep       = 16  // related docs computed by New for each doc
)

// textIndex holds each doc's top terms and the term → docs index.
type textIndex struct {
	docTerms csr       // doc → term ids, by weight
	docW     []float32 // weights, parallel to docTerms.val; unit length per doc
	post     csr       // term id → docs, ascending
	postW    []float32 // weights, parallel to post.val
}

type termInfo struct{ df, id int32 }

func newTextIndex(docs []Doc) textIndex {
	n := len(docs)
	// Pass 1: document frequencies, one map per worker, merged.
	workers := max(1, min(runtime.GOMAXPROCS(0), n/64))
	part := make([]map[uint64]termInfo, workers)
	var wg sync.WaitGroup
	for p := range workers {
		wg.Go(func() {
			df := make(map[uint64]termInfo) // id: the last doc counted
			var buf []uint64
			for i := p * n / workers; i < (p+1)*n/workers; i++ {
				buf = terms(docs[i].Text, buf[:0])
				for _, h := range buf {
					if t := df[h]; t.df == 0 || t.id != int32(i) {
						df[h] = termInfo{df: t.df + 1, id: int32(i)}
					}
				}
			}
			part[p] = df
		})
	}
	wg.Wait()
	df := part[0]
	for _, m := range part[1:] {
		for h, c := range m {
			t := df[h]
			t.df += c.df
			df[h] = t
		}
	}
	// Ids for the terms that can be top terms, in hash order; the others
	// get id -1.
	limit := int32(relatedMaxPosting)
	var eligible []uint64
	for h, t := range df {
		if t.df >= 2 && t.df <= limit {
			eligible = append(eligible, h)
		}
	}
	slices.Sort(eligible)
	logN := math.Log(float64(n))
	idf := make([]float32, len(eligible))
	for h, t := range df {
		df[h] = termInfo{t.df, -1}
	}
	for id, h := range eligible {
		t := df[h]
		df[h] = termInfo{t.df, int32(id)}
		idf[id] = float32(logN - math.Log(float64(t.df)))
	}
	var logTF [64]float32
	for tf := 1; tf < len(logTF); tf++ {
		logTF[tf] = float32(1 + math.Log(float64(tf)))
	}

	// Pass 2: each doc's top terms.
	top := make([]termWeight, n*relatedTerms)
	count := make([]int, n)
	parallel(n, 256, func(lo, hi int) {
		var buf []uint64
		for i := lo; i < hi; i++ {
			buf = sortedTerms(docs[i].Text, buf[:0])
			best := top[i*relatedTerms : i*relatedTerms : (i+1)*relatedTerms]
			for k := 0; k < len(buf); {
				h, tf := buf[k], 1
				for k++; k < len(buf) && buf[k] == h; k++ {
					tf++
				}
				id := df[h].id
				if id < 0 {
					continue
				}
				w := idf[id]
				if tf < len(logTF) {
					w *= logTF[tf]
				} else {
					w *= float32(1 + math.Log(float64(tf)))
				}
				best = keepBest(best, termWeight{id, w})
			}
			var norm float64
			for _, c := range best {
				norm += float64(c.w) * float64(c.w)
			}
			norm = math.Sqrt(norm)
			for k := range best {
				best[k].w = float32(float64(best[k].w) / norm)
			}
			count[i] = len(best)
		}
	})

	var x textIndex
	x.docTerms.off = make([]int32, n+1)
	postOff := make([]int32, len(eligible)+1)
	for i := range n {
		for _, t := range top[i*relatedTerms : i*relatedTerms+count[i]] {
			x.docTerms.val = append(x.docTerms.val, t.id)
			x.docW = append(x.docW, t.w)
			postOff[t.id+1]++
		}
		x.docTerms.off[i+1] = int32(len(x.docTerms.val))
	}
	for id := range eligible {
		postOff[id+1] += postOff[id]
	}
	x.post.off = postOff
	x.post.val = make([]int32, len(x.docTerms.val))
	x.postW = make([]float32, len(x.docTerms.val))
	fill := slices.Clone(postOff[:len(eligible)])
	for i := range n {
		for k := x.docTerms.off[i]; k < x.docTerms.off[i+1]; k++ {
			id := x.docTerms.val[k]
			x.post.val[fill[id]] = int32(i)
			x.postW[fill[id]] = x.docW[k]
			fill[id]++
		}
	}
	return x
}

type termWeight struct {
	id int32
	w  float32
}

func (a termWeight) better(b termWeight) bool { return a.w > b.w || a.w == b.w && a.id < b.id }

// keepBest inserts c into best, kept sorted best first, if it is among the
// cap(best) best seen.
func keepBest(best []termWeight, c termWeight) []termWeight {
	k := len(best)
	if k == cap(best) {
		if !c.better(best[k-1]) {
			return best
		}
		k--
	} else {
		best = best[:k+1]
	}
	for ; k > 0 && c.better(best[k-1]); k-- {
		best[k] = best[k-1]
	}
	best[k] = c
	return best
}

func sortedTerms(s string, buf []uint64) []uint64 {
	buf = terms(s, buf)
	slices.Sort(buf)
	return buf
}

// scorer is the scratch state for ranking the related docs of one doc at a
// time.
type scorer struct {
	g       *Graph
	acc     []float64
	stamp   []int32 // i+1 when acc[j] holds a score for doc i
	touched []int32
	common  []int32 // entities of i too common to walk
	top     related
}

// relatedGraph adds what scoring needs beyond the indexes.
type relatedGraph struct {
	idf     []float64  // by entity id
	bits    [][]uint64 // by entity id: the docs of an entity too common to walk
	limit   int
	textWgt float64
}

func (g *Graph) newScorer() *scorer {
	return &scorer{g: g, acc: make([]float64, g.n), stamp: make([]int32, g.n)}
}

func (g *Graph) prepareRelated() relatedGraph {
	r := relatedGraph{
		idf:     make([]float64, len(g.keys)),
		bits:    make([][]uint64, len(g.keys)),
		limit:   relatedMaxPosting,
		textWgt: math.Log(float64(max(g.n, 1))),
	}
	for id := range g.keys {
		docs := g.post.row(id)
		r.idf[id] = math.Log(float64(g.n) / float64(len(docs)))
		if len(docs) > r.limit {
			b := make([]uint64, (g.n+63)/64)
			for _, j := range docs {
				b[j/64] |= 1 << (j % 64)
			}
			r.bits[id] = b
		}
	}
	return r
}

// rank returns the k best related docs of doc i.
func (s *scorer) rank(r *relatedGraph, i, k int) []int32 {
	g := s.g
	mark := int32(i + 1)
	touch := func(j int32, v float64) {
		if s.stamp[j] != mark {
			s.stamp[j] = mark
			s.acc[j] = 0
			s.touched = append(s.touched, j)
		}
		s.acc[j] += v
	}
	s.touched, s.common = s.touched[:0], s.common[:0]
	for _, e := range g.docEnt.row(i) {
		docs := g.post.row(int(e))
		if len(docs) > r.limit {
			s.common = append(s.common, e)
			continue
		}
		for _, j := range docs {
			touch(j, r.idf[e])
		}
	}
	for k := g.text.docTerms.off[i]; k < g.text.docTerms.off[i+1]; k++ {
		t, wi := g.text.docTerms.val[k], float64(g.text.docW[k])
		lo, hi := g.text.post.off[t], g.text.post.off[t+1]
		for p := lo; p < hi; p++ {
			touch(g.text.post.val[p], r.textWgt*wi*float64(g.text.postW[p]))
		}
	}

	// Leave out i and its same-story docs.
	if s.stamp[i] == mark {
		s.acc[i] = math.Inf(-1)
	}
	for _, j := range g.same.row(i) {
		if s.stamp[j] == mark {
			s.acc[j] = math.Inf(-1)
		}
	}

	// The common entities add at most bonus. A doc whose walked score plus
	// bonus is below the k-th best walked score cannot be among the k best,
	// so only the others are checked for common entities.
	var bonus float64
	for _, e := range s.common {
		bonus += r.idf[e]
	}
	floor := math.Inf(-1)
	if len(s.common) > 0 && len(s.touched) > k {
		s.top = s.top[:0]
		for _, j := range s.touched {
			if c := (scored{j, s.acc[j]}); len(s.top) < k {
				heap.Push(&s.top, c)
			} else if c.better(s.top[0]) {
				s.top[0] = c
				heap.Fix(&s.top, 0)
			}
		}
		floor = s.top[0].score
	}

	s.top = s.top[:0]
	for _, j := range s.touched {
		score := s.acc[j]
		if math.IsInf(score, -1) || score+bonus < floor {
			continue
		}
		for _, e := range s.common {
			if r.bits[e][j/64]&(1<<(j%64)) != 0 {
				score += r.idf[e]
			}
		}
		if score <= 0 {
			continue
		}
		c := scored{j, score}
		switch {
		case len(s.top) < k:
			heap.Push(&s.top, c)
		case c.better(s.top[0]):
			s.top[0] = c
			heap.Fix(&s.top, 0)
		}
	}
	out := make([]int32, len(s.top))
	for k := len(out) - 1; k >= 0; k-- {
		out[k] = heap.Pop(&s.top).(scored).doc
	}
	return out
}

type scored struct {
	doc   int32
	score float64
}

func (a scored) better(b scored) bool {
	return a.score > b.score || a.score == b.score && a.doc < b.doc
}

// related is a min-heap of scored docs: the worst on top.
type related []scored

func (h related) Len() int           { return len(h) }
func (h related) Less(a, b int) bool { return h[b].better(h[a]) }
func (h related) Swap(a, b int)      { h[a], h[b] = h[b], h[a] }
func (h *related) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *related) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// allRelated ranks the relatedKeep best related docs of every doc.
func (g *Graph) allRelated() csr {
	r := g.prepareRelated()
	g.relGraph = &r
	rows := make([][]int32, g.n)
	parallelWith(g.n, 256, g.newScorer, func(s *scorer, lo, hi int) {
		for i := lo; i < hi; i++ {
			rows[i] = s.rank(&r, i, relatedKeep)
		}
	})
	out := csr{off: make([]int32, g.n+1)}
	for i, row := range rows {
		out.val = append(out.val, row...)
		out.off[i+1] = int32(len(out.val))
	}
	return out
}

// Related returns up to n docs related to doc i, best first (score, then
// index), leaving out i and its same-story docs.
func (g *Graph) Related(i int, n int) []int {
	if i < 0 || i >= g.n || n <= 0 {
		return nil
	}
	if n <= relatedKeep {
		row := g.rel.row(i)
		return ints(row[:min(n, len(row))])
	}
	return ints(g.newScorer().rank(g.relGraph, i, n))
}
