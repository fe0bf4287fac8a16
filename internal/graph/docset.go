package graph

import "math/bits"

// docSet is a set of docs that answers membership in constant time and
// takes no more memory than twice the posting list it is made from: a
// bitset over all docs when the set holds at least one doc in 64, an
// open-addressing hash table of doc ids otherwise.
type docSet struct {
	bits  []uint64 // bit j is set when j is in the set
	slots []int32  // or doc+1 in its slot, 0 when empty
	shift uint     // 64 - log2(len(slots))
}

// newDocSet returns the set of docs, among n.
func newDocSet(docs []int32, n int) docSet {
	if 64*len(docs) >= n {
		b := make([]uint64, (n+63)/64)
		for _, j := range docs {
			b[j/64] |= 1 << (j % 64)
		}
		return docSet{bits: b}
	}
	lg := bits.Len(uint(2*len(docs) - 1))
	s := docSet{slots: make([]int32, 1<<lg), shift: uint(64 - lg)}
	mask := len(s.slots) - 1
	for _, j := range docs {
		k := s.slot(j)
		for s.slots[k] != 0 {
			k = (k + 1) & mask
		}
		s.slots[k] = j + 1
	}
	return s
}

// slot is where the search for j starts.
func (s *docSet) slot(j int32) int {
	return int((uint64(j) * 0x9E3779B97F4A7C15) >> s.shift)
}

// addTo adds v to the score of the candidates in the set.
func (s *docSet) addTo(cands []scored, v float64) {
	if s.bits != nil {
		for k, c := range cands {
			if s.bits[c.doc/64]&(1<<(c.doc%64)) != 0 {
				cands[k].score += v
			}
		}
		return
	}
	mask := len(s.slots) - 1
	for k, c := range cands {
		for p := s.slot(c.doc); s.slots[p] != 0; p = (p + 1) & mask {
			if s.slots[p] == c.doc+1 {
				cands[k].score += v
				break
			}
		}
	}
}
