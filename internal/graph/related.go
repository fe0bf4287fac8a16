package graph

import (
	"math"
	"slices"
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
// the candidates found otherwise, through a set of its docs (docset.go):
// an entity in half the articles adds ln 2, next to about 10 for one in a
// handful of 100,000. Such a term is never one of a doc's top terms, which
// are the words that set it apart.
const (
	relatedTerms      = 12  // top terms kept per doc
	relatedMaxPosting = 128 // longer posting lists are not walked
	relatedKeep       = 16  // related docs computed by New for each doc
)

// scorer is the scratch state for ranking the related docs of one doc at a
// time. Between rankings its scores are all zero and its bitset empty.
type scorer struct {
	g       *Graph
	score   []float64 // by doc
	scored  []uint64  // bitset by doc: the docs with a score in this ranking
	touched []int32   // the same docs, as first scored
	commons []int32   // the entities of the doc ranked too common to walk, ascending
	cands   []scored  // the docs that may be among the best
	top     []scored  // best first
}

// relatedGraph adds what scoring needs beyond the indexes.
type relatedGraph struct {
	idf     []float64 // by entity id
	common  []docSet  // by entity id: the docs of an entity too common to walk
	limit   int
	textWgt float64
	prune   bool // false only in tests: rank every candidate in full
}

func (g *Graph) newScorer() *scorer {
	return &scorer{g: g, score: make([]float64, g.n), scored: make([]uint64, (g.n+63)/64)}
}

func (g *Graph) prepareRelated() relatedGraph {
	r := relatedGraph{
		idf:     make([]float64, len(g.keys)),
		common:  make([]docSet, len(g.keys)),
		limit:   relatedMaxPosting,
		textWgt: math.Log(float64(max(g.n, 1))),
		prune:   true,
	}
	for id := range g.keys {
		r.idf[id] = math.Log(float64(g.n) / float64(len(g.post.row(id))))
	}
	parallel(len(g.keys), 64, func(lo, hi int) {
		for id := lo; id < hi; id++ {
			if docs := g.post.row(id); len(docs) > r.limit {
				r.common[id] = newDocSet(docs, g.n)
			}
		}
	})
	return r
}

// add adds v to the score of doc j.
func (s *scorer) add(j int32, v float64) {
	if w, bit := &s.scored[j/64], uint64(1)<<(j%64); *w&bit == 0 {
		*w |= bit
		s.touched = append(s.touched, j)
	}
	s.score[j] += v
}

// exclude takes doc j out of the ranking.
func (s *scorer) exclude(j int32) {
	if s.scored[j/64]&(1<<(j%64)) != 0 {
		s.score[j] = math.Inf(-1)
	}
}

// reset empties the scores for the next ranking.
func (s *scorer) reset() {
	for _, j := range s.touched {
		s.score[j] = 0
		s.scored[j/64] = 0
	}
	s.touched, s.commons = s.touched[:0], s.commons[:0]
}

// rank appends to dst the k best related docs of doc i, best first.
func (s *scorer) rank(r *relatedGraph, i, k int, dst []int32) []int32 {
	g := s.g
	defer s.reset()
	for _, e := range g.docEnt.row(i) {
		docs := g.post.row(int(e))
		if len(docs) > r.limit {
			s.commons = append(s.commons, e)
			continue
		}
		for _, j := range docs {
			s.add(j, r.idf[e])
		}
	}
	for k := g.text.docTerms.off[i]; k < g.text.docTerms.off[i+1]; k++ {
		t, wi := g.text.docTerms.val[k], float64(g.text.docW[k])
		lo, hi := g.text.post.off[t], g.text.post.off[t+1]
		for p := lo; p < hi; p++ {
			s.add(g.text.post.val[p], r.textWgt*wi*float64(g.text.postW[p]))
		}
	}

	// Leave out i and its same-story docs.
	s.exclude(int32(i))
	for _, j := range g.same.row(i) {
		s.exclude(j)
	}

	// The common entities add at most bonus. A doc whose walked score plus
	// bonus is below the k-th best walked score cannot be among the k best,
	// so only the others are checked for common entities.
	var bonus float64
	for _, e := range s.commons {
		bonus += r.idf[e]
	}
	floor := math.Inf(-1)
	if r.prune && len(s.commons) > 0 && len(s.touched) > k {
		s.top = s.top[:0]
		for _, j := range s.touched {
			s.top = keepTop(s.top, k, scored{j, s.score[j]})
		}
		floor = s.top[k-1].score
	}

	s.cands = s.cands[:0]
	for _, j := range s.touched {
		score := s.score[j]
		if math.IsInf(score, -1) || score+bonus < floor {
			continue
		}
		s.cands = append(s.cands, scored{j, score})
	}
	// Entity by entity, ascending, as a walk of the entities would add
	// them to each doc's score.
	for _, e := range s.commons {
		r.common[e].addTo(s.cands, r.idf[e])
	}
	s.top = s.top[:0]
	for _, c := range s.cands {
		if c.score > 0 {
			s.top = keepTop(s.top, k, c)
		}
	}
	for _, c := range s.top {
		dst = append(dst, c.doc)
	}
	return dst
}

type scored struct {
	doc   int32
	score float64
}

func (a scored) better(b scored) bool {
	return a.score > b.score || a.score == b.score && a.doc < b.doc
}

// keepTop inserts c into top, kept sorted best first, if it is among the k
// best seen.
func keepTop(top []scored, k int, c scored) []scored {
	n := len(top)
	if n == k {
		if !c.better(top[n-1]) {
			return top
		}
		n--
	} else {
		top = append(top, c)
	}
	for ; n > 0 && c.better(top[n-1]); n-- {
		top[n] = top[n-1]
	}
	top[n] = c
	return top
}

// allRelated ranks the relatedKeep best related docs of every doc.
func (g *Graph) allRelated() csr {
	r := g.prepareRelated()
	g.relGraph = &r
	n := g.n
	val := make([]int32, n*relatedKeep)
	count := make([]int32, n)
	parallelWith(n, 256, g.newScorer, func(s *scorer, lo, hi int) {
		for i := lo; i < hi; i++ {
			row := s.rank(&r, i, relatedKeep, val[i*relatedKeep:i*relatedKeep])
			count[i] = int32(len(row))
		}
	})
	out := csr{off: make([]int32, n+1)}
	w := int32(0)
	for i := range n {
		w += int32(copy(val[w:], val[i*relatedKeep:i*relatedKeep+int(count[i])]))
		out.off[i+1] = w
	}
	out.val = slices.Clip(val[:w])
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
	s, _ := g.scorers.Get().(*scorer)
	if s == nil {
		s = g.newScorer()
	}
	defer g.scorers.Put(s)
	return ints(s.rank(g.relGraph, i, n, nil))
}
