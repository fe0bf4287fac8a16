package graph

import "math/bits"

// wordCounts counts word hashes: an open-addressing hash table whose
// entries are kept dense, in the order they were added, so that they can
// be walked and cleared without visiting empty slots.
type wordCounts struct {
	slots  []int32  // entry index + 1; 0 when empty
	keys   []uint64 // by entry
	counts []int32  // by entry
	shift  uint     // 64 - log2(len(slots))
}

// newWordCounts returns a table sized for about n words.
func newWordCounts(n int) *wordCounts {
	t := &wordCounts{}
	t.resize(max(16, 2*n))
	return t
}

// resize makes room for at least size slots and puts every entry back.
func (t *wordCounts) resize(size int) {
	b := bits.Len(uint(size - 1))
	t.slots, t.shift = make([]int32, 1<<b), uint(64-b)
	for e, h := range t.keys {
		t.slots[t.find(h)] = int32(e + 1)
	}
}

// find returns the slot of h: the one holding it, or the empty one where
// it would go.
func (t *wordCounts) find(h uint64) int {
	mask := len(t.slots) - 1
	s := int((h * 0x9E3779B97F4A7C15) >> t.shift)
	for {
		e := t.slots[s]
		if e == 0 || t.keys[e-1] == h {
			return s
		}
		s = (s + 1) & mask
	}
}

// add adds c to the count of h.
func (t *wordCounts) add(h uint64, c int32) {
	s := t.find(h)
	if e := t.slots[s]; e != 0 {
		t.counts[e-1] += c
		return
	}
	t.keys = append(t.keys, h)
	t.counts = append(t.counts, c)
	t.slots[s] = int32(len(t.keys))
	if 2*len(t.keys) > len(t.slots) {
		t.resize(2 * len(t.slots))
	}
}

// get returns the count of h, 0 when it has none.
func (t *wordCounts) get(h uint64) int32 {
	if e := t.slots[t.find(h)]; e != 0 {
		return t.counts[e-1]
	}
	return 0
}

// reset empties the table, keeping its memory unless an unusually long
// text made it large.
func (t *wordCounts) reset() {
	if len(t.keys) == 0 {
		return
	}
	t.keys, t.counts = t.keys[:0], t.counts[:0]
	if len(t.slots) > resetSlots {
		t.resize(resetSlots)
		return
	}
	clear(t.slots)
}

// resetSlots is the most slots a reset table keeps: enough for the
// distinct words of a long article.
const resetSlots = 1 << 13
