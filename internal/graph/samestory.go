package graph

import (
	"cmp"
	"slices"
)

// Same story: two dated articles at most a day apart that share running
// text. The measure is the number of distinct five-word shingles the two
// texts share, against a threshold that depends on the shorter text:
//
//	shared ≥ max(sameMinShared, min(⌈sameContainment × smaller⌉, sameShared))
//
// where smaller is the number of distinct shingles of the shorter text. A
// short text must be mostly contained in the other; a long one needs a
// shared passage of about 25 running words (20 shingles), wherever it is.
// The cap on the containment side is what links a newspaper report with
// the agency message it quotes: on the seed texts the report shares 35
// shingles with the agency original (8% of its own, because it adds
// background, and the original carries a long footer of unrelated
// teasers), while unrelated pairs share at most 4.
//
// A shingle found in more than sameMaxDocs articles of a two-day window is
// boilerplate or a stock phrase and does not count; this also bounds the
// work per shingle.
const (
	sameShared      = 20
	sameContainment = 0.5
	sameMinShared   = 3
	sameMaxDocs     = 16
)

// sameThreshold returns the number of shared shingles that makes two texts
// with a and b distinct shingles the same story.
func sameThreshold(a, b int) int {
	t := int(sameContainment*float64(min(a, b)) + 0.999999)
	return max(sameMinShared, min(t, sameShared))
}

// sameBlockDocs is about how many docs one parallel task takes: whole days,
// so that each task recomputes the shingles of one day at most twice.
const sameBlockDocs = 256

// day is the run order[lo:hi] of docs dated on day number dn.
type day struct {
	dn     int64
	lo, hi int
}

// sameStories finds the same-story pairs of docs and returns, for each doc,
// the others of its pairs in ascending order. Reading each text, it also
// has p pick the doc's top terms.
//
// Dated docs are grouped by day; each day is compared with itself and the
// next calendar day. The shingles of a day are computed when it is reached
// and dropped two days later, so memory holds a few days' shingles per
// worker, never the archive's.
func sameStories(t *texts, p *termPicker) csr {
	docs := t.docs
	var order []int32
	dn := make([]int64, len(docs))
	for i := range docs {
		if d := docs[i].Date; !d.IsZero() {
			dn[i] = d.Time().Unix() / 86400
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Or(cmp.Compare(dn[a], dn[b]), cmp.Compare(a, b)) })
	var days []day
	for k, i := range order {
		if len(days) == 0 || days[len(days)-1].dn != dn[i] {
			days = append(days, day{dn: dn[i], lo: k})
		}
		days[len(days)-1].hi = k + 1
	}

	// Blocks of whole days, about sameBlockDocs docs each.
	var blocks []int // first day of each block; a sentinel at the end
	for d, n := 0, 0; d < len(days); d++ {
		if n == 0 {
			blocks = append(blocks, d)
		}
		if n += days[d].hi - days[d].lo; n >= sameBlockDocs {
			n = 0
		}
	}
	blocks = append(blocks, len(days))

	// Tasks: the blocks, then the undated docs in blocks of about as
	// many, whose top terms are picked alone.
	var undated []int32
	for i := range docs {
		if docs[i].Date.IsZero() {
			undated = append(undated, int32(i))
		}
	}
	tasks := len(blocks) - 1 + (len(undated)+sameBlockDocs-1)/sameBlockDocs
	found := make([][][2]int32, len(blocks)-1)
	newWindow := func() *sameWindow { return &sameWindow{tf: newWordCounts(1024)} }
	parallelWith(tasks, 1, newWindow, func(w *sameWindow, lo, hi int) {
		for b := lo; b < hi; b++ {
			if b < len(blocks)-1 {
				found[b] = w.block(t, p, order, days, blocks[b], blocks[b+1])
				continue
			}
			u := (b - len(blocks) + 1) * sameBlockDocs
			for _, i := range undated[u:min(u+sameBlockDocs, len(undated))] {
				w.tf.reset()
				w.cur.sh = t.readText(int(i), w.cur.sh[:0], w.tf)
				p.pick(int(i), w.tf)
			}
		}
	})

	var pairs [][2]int32
	for _, f := range found {
		for _, p := range f {
			pairs = append(pairs, p, [2]int32{p[1], p[0]})
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	out := csr{off: make([]int32, len(docs)+1), val: make([]int32, len(pairs))}
	for k, p := range pairs {
		out.val[k] = p[1]
		out.off[p[0]+1]++
	}
	for i := range docs {
		out.off[i+1] += out.off[i]
	}
	return out
}

// dayText holds the shingles of the docs of one day.
type dayText struct {
	docs []int32
	off  []int // shingles of docs[k] are sh[off[k]:off[k+1]]
	sh   []uint64
}

// load reads the texts of docs idx. When p is not nil, it has p pick
// their top terms, counting terms in tf.
func (t *dayText) load(tx *texts, idx []int32, p *termPicker, tf *wordCounts) {
	t.docs, t.off, t.sh = idx, append(t.off[:0], 0), t.sh[:0]
	for _, i := range idx {
		if p == nil {
			t.sh = tx.readText(int(i), t.sh, nil)
		} else {
			tf.reset()
			t.sh = tx.readText(int(i), t.sh, tf)
			p.pick(int(i), tf)
		}
		t.off = append(t.off, len(t.sh))
	}
}

// sameWindow is the reusable state of one worker: the shingles of two
// consecutive days and an open-addressing hash table from shingle to the
// chain of window docs that have it.
type sameWindow struct {
	cur, nxt dayText
	tf       *wordCounts // the counts of one doc's terms

	slots   []sameSlot
	entries []sameEntry
	start   []int   // entries of window doc x are entries[start[x]:start[x+1]]
	acc     []int32 // shared shingles with the doc being compared, by window doc
	touched []int32
}

type sameSlot struct {
	head int32 // entry index + 1; 0 when empty
	n    int32 // docs in the chain
}

type sameEntry struct {
	key       uint64
	doc, next int32 // window doc; next entry of the chain or -1
	slot      int32
}

// block compares the days [a, b), each with itself and the day after,
// and has p pick the top terms of their docs. Each of the days is read
// once; day b, read as the day after b-1, is the next block's.
func (w *sameWindow) block(t *texts, p *termPicker, order []int32, days []day, a, b int) [][2]int32 {
	var pairs [][2]int32
	w.cur.load(t, order[days[a].lo:days[a].hi], p, w.tf)
	for d := a; d < b; d++ {
		w.nxt.load(t, nil, nil, nil)
		if d+1 < len(days) && days[d+1].dn == days[d].dn+1 {
			owner := p
			if d+1 == b {
				owner = nil
			}
			w.nxt.load(t, order[days[d+1].lo:days[d+1].hi], owner, w.tf)
		}
		pairs = w.compare(pairs)
		switch {
		case len(w.nxt.docs) > 0:
			w.cur, w.nxt = w.nxt, w.cur
		case d+1 < b:
			w.cur.load(t, order[days[d+1].lo:days[d+1].hi], p, w.tf)
		}
	}
	return pairs
}

// compare appends the same-story pairs among the docs of cur and between
// cur and nxt.
func (w *sameWindow) compare(pairs [][2]int32) [][2]int32 {
	nc := len(w.cur.docs)
	m := nc + len(w.nxt.docs)
	size := 16
	for size < 2*(len(w.cur.sh)+len(w.nxt.sh)) {
		size *= 2
	}
	if cap(w.slots) < size {
		w.slots = make([]sameSlot, size)
	}
	w.slots = w.slots[:size]
	clear(w.slots)
	mask := uint64(size - 1)
	w.entries, w.start = w.entries[:0], append(w.start[:0], 0)

	for x := range m {
		t, k := &w.cur, x
		if x >= nc {
			t, k = &w.nxt, x-nc
		}
		for _, h := range t.sh[t.off[k]:t.off[k+1]] {
			s := h & mask
			for w.slots[s].head != 0 && w.entries[w.slots[s].head-1].key != h {
				s = (s + 1) & mask
			}
			sl := &w.slots[s]
			if sl.head != 0 && w.entries[sl.head-1].doc == int32(x) {
				continue // a repeat within the doc
			}
			w.entries = append(w.entries, sameEntry{key: h, doc: int32(x), next: sl.head - 1, slot: int32(s)})
			sl.head = int32(len(w.entries))
			sl.n++
		}
		w.start = append(w.start, len(w.entries))
	}

	if cap(w.acc) < m {
		w.acc = make([]int32, m)
	}
	w.acc = w.acc[:m]
	for x := range nc {
		for _, e := range w.entries[w.start[x]:w.start[x+1]] {
			sl := w.slots[e.slot]
			if sl.n < 2 || sl.n > sameMaxDocs {
				continue
			}
			for c := sl.head - 1; c >= 0; c = w.entries[c].next {
				if y := w.entries[c].doc; y > int32(x) {
					if w.acc[y] == 0 {
						w.touched = append(w.touched, y)
					}
					w.acc[y]++
				}
			}
		}
		slices.Sort(w.touched)
		ux := w.start[x+1] - w.start[x]
		for _, y := range w.touched {
			uy := w.start[y+1] - w.start[y]
			if int(w.acc[y]) >= sameThreshold(ux, uy) {
				pairs = append(pairs, [2]int32{w.docOf(x), w.docOf(int(y))})
			}
			w.acc[y] = 0
		}
		w.touched = w.touched[:0]
	}
	return pairs
}

func (w *sameWindow) docOf(x int) int32 {
	if x < len(w.cur.docs) {
		return w.cur.docs[x]
	}
	return w.nxt.docs[x-len(w.cur.docs)]
}

// SameStory returns the docs reporting the same event as doc i, ascending:
// dated at most a day apart and sharing running text (see sameThreshold).
// The relation is symmetric and never includes i; undated docs have none.
func (g *Graph) SameStory(i int) []int { return ints(g.same.row(i)) }
