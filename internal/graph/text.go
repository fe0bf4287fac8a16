package graph

import (
	"math"
	"slices"
	"sync"
)

// The text of every doc is read twice: once for the document frequencies
// of its terms, then once for its shingles (same-story windows, see
// samestory.go) and its top terms together, which need the frequencies.

// textIndex holds each doc's top terms and the term → docs index.
type textIndex struct {
	docTerms csr       // doc → term ids, by weight
	docW     []float32 // weights, parallel to docTerms.val; unit length per doc
	post     csr       // term id → docs, ascending
	postW    []float32 // weights, parallel to post.val
}

// texts gives the graph the text of each doc: its Title and Text, or
// its Title and what read returns. After a failed read, every text is
// empty and failed returns the first error.
type texts struct {
	docs []Doc
	read func(i int) (string, error) // nil when the docs hold their texts

	mu  sync.Mutex
	err error
}

// parts returns the text of doc i in the parts it is read in, in order.
func (t *texts) parts(i int) [2]string {
	d := &t.docs[i]
	if t.read == nil {
		return [2]string{d.Title, d.Text}
	}
	if t.failed() != nil {
		return [2]string{}
	}
	text, err := t.read(i)
	if err != nil {
		t.mu.Lock()
		if t.err == nil {
			t.err = err
		}
		t.mu.Unlock()
		return [2]string{}
	}
	return [2]string{d.Title, text}
}

func (t *texts) failed() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// docFrequencies counts, for every term, the docs that have it.
func docFrequencies(t *texts) *wordCounts {
	docs := t.docs
	var mu sync.Mutex
	var parts []*wordCounts
	type state struct{ doc, df *wordCounts }
	newState := func() state {
		s := state{newWordCounts(1024), newWordCounts(1 << 16)}
		mu.Lock()
		parts = append(parts, s.df)
		mu.Unlock()
		return s
	}
	parallelWith(len(docs), 256, newState, func(s state, lo, hi int) {
		for i := lo; i < hi; i++ {
			s.doc.reset()
			for _, part := range t.parts(i) {
				sc := wordScanner{s: part}
				for h, ok := sc.nextTerm(); ok; h, ok = sc.nextTerm() {
					s.doc.add(h, 1)
				}
			}
			for _, h := range s.doc.keys {
				s.df.add(h, 1)
			}
		}
	})
	if len(parts) == 0 {
		return newWordCounts(0)
	}
	df := parts[0]
	for _, p := range parts[1:] {
		for k, h := range p.keys {
			df.add(h, p.counts[k])
		}
	}
	return df
}

// termPicker picks the top terms of each doc from the counts of its terms.
// Its pick may be called for different docs at once.
type termPicker struct {
	ids   *wordCounts // term id + 1 by hash, for the terms that can be top terms
	idf   []float32   // by term id
	logTF [64]float32 // 1 + ln tf
	top   []termWeight
	count []int // by doc: its top terms are top[i*relatedTerms:][:count[i]]
}

// newTermPicker prepares to pick the top terms of n docs whose terms are
// in docs as df counts. The terms that can be top terms are in 2 to
// relatedMaxPosting docs; their ids follow the order of their hashes.
func newTermPicker(df *wordCounts, n int) *termPicker {
	var eligible []uint64
	for k, h := range df.keys {
		if c := df.counts[k]; c >= 2 && c <= relatedMaxPosting {
			eligible = append(eligible, h)
		}
	}
	slices.Sort(eligible)
	p := &termPicker{
		ids:   newWordCounts(len(eligible)),
		idf:   make([]float32, len(eligible)),
		top:   make([]termWeight, n*relatedTerms),
		count: make([]int, n),
	}
	logN := math.Log(float64(n))
	for id, h := range eligible {
		p.ids.add(h, int32(id+1))
		p.idf[id] = float32(logN - math.Log(float64(df.get(h))))
	}
	for tf := 1; tf < len(p.logTF); tf++ {
		p.logTF[tf] = float32(1 + math.Log(float64(tf)))
	}
	return p
}

// pick chooses the top terms of doc i from the counts of its terms, by
// weight (1+ln tf)·idf, and scales their weights to unit length.
func (p *termPicker) pick(i int, tf *wordCounts) {
	best := p.top[i*relatedTerms : i*relatedTerms : (i+1)*relatedTerms]
	for k, h := range tf.keys {
		id := p.ids.get(h) - 1
		if id < 0 {
			continue
		}
		w := p.idf[id]
		if c := int(tf.counts[k]); c < len(p.logTF) {
			w *= p.logTF[c]
		} else {
			w *= float32(1 + math.Log(float64(c)))
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
	p.count[i] = len(best)
}

// index returns the text index of the picked terms.
func (p *termPicker) index() textIndex {
	n, terms := len(p.count), len(p.idf)
	var x textIndex
	x.docTerms.off = make([]int32, n+1)
	postOff := make([]int32, terms+1)
	for i := range n {
		for _, t := range p.top[i*relatedTerms : i*relatedTerms+p.count[i]] {
			x.docTerms.val = append(x.docTerms.val, t.id)
			x.docW = append(x.docW, t.w)
			postOff[t.id+1]++
		}
		x.docTerms.off[i+1] = int32(len(x.docTerms.val))
	}
	for id := range terms {
		postOff[id+1] += postOff[id]
	}
	x.post.off = postOff
	x.post.val = make([]int32, len(x.docTerms.val))
	x.postW = make([]float32, len(x.docTerms.val))
	fill := slices.Clone(postOff[:terms])
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

// termWeight is a term of a doc with its weight.
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

// readText scans doc i's text once: it appends its shingles to sh and,
// when tf is not nil, counts its terms in tf.
func (t *texts) readText(i int, sh []uint64, tf *wordCounts) []uint64 {
	return readParts(t.parts(i), sh, tf)
}

// readParts is readText of a text in parts, read in order as one text: a
// part ends a word, and the shingles run on from one part to the next.
func readParts(parts [2]string, sh []uint64, tf *wordCounts) []uint64 {
	var ring shingleRing
	for _, s := range parts {
		sc := wordScanner{s: s}
		for {
			h, n, letter := sc.next()
			if n == 0 {
				break
			}
			if x, ok := ring.add(h); ok {
				sh = append(sh, x)
			}
			if tf != nil && n >= 3 && letter {
				tf.add(h, 1)
			}
		}
	}
	return sh
}
