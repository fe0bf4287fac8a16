package search

import (
	"encoding/binary"
	"strings"
	"sync"
)

// vocab numbers the terms of an index as they are first met. Ids depend
// on the order in which workers meet terms, so they never reach the
// output: files list terms in code point order and documents by id.
// It is safe for concurrent use.
type vocab struct {
	mu    sync.Mutex
	ids   map[string]int32
	terms []string // by id
}

func newVocab() *vocab { return &vocab{ids: map[string]int32{}} }

// id returns the id of term, giving it one if it has none.
func (v *vocab) id(term string) int32 {
	v.mu.Lock()
	defer v.mu.Unlock()
	id, ok := v.ids[term]
	if !ok {
		id = int32(len(v.terms))
		v.ids[term] = id
		v.terms = append(v.terms, term)
	}
	return id
}

// termCache is one worker's memory of the words it has met: the term id
// of each word as written in a text, and of each name. An archive's
// vocabulary is small beside its text, so nearly every word is found
// here, without folding, stemming or allocating. A word of up to 16 bytes
// is kept inside its slot of an open-addressing table, so that finding it
// reads one cache line; longer ones, rare, are kept in a map.
type termCache struct {
	v     *vocab
	short []shortWord            // open addressing by hash; a power of two long
	shift uint                   // 64 - log2(len(short))
	n     int                    // slots in use
	long  map[string]int32       // words longer than a shortWord holds
	names map[string]*cachedName // a name → its lower case and terms
}

// shortWord is a slot of the table: a word as written and its term id, -1
// when it is no term.
type shortWord struct {
	word [16]byte // padded with zeros
	len  int32    // 0 when the slot is empty: no word is empty
	id   int32
}

func newTermCache(v *vocab) *termCache {
	const lg = 12
	return &termCache{v: v, short: make([]shortWord, 1<<lg), shift: 64 - lg, long: map[string]int32{}, names: map[string]*cachedName{}}
}

// slot is where the search for a short word starts.
func (c *termCache) slot(w *[16]byte) uint64 {
	lo, hi := binary.LittleEndian.Uint64(w[:8]), binary.LittleEndian.Uint64(w[8:])
	h := lo*0x9E3779B97F4A7C15 ^ hi*0xC2B2AE3D27D4EB4F
	return (h ^ h>>31) * 0x9E3779B97F4A7C15 >> c.shift
}

// word returns the term id of a word as wordAt finds it, or -1 for a stop
// word or a word too long to index.
func (c *termCache) word(w string) int32 {
	if len(w) > len(shortWord{}.word) {
		id, ok := c.long[w]
		if !ok {
			id = c.v.termOf(w)
			c.long[strings.Clone(w)] = id
		}
		return id
	}
	var key [16]byte
	copy(key[:], w)
	mask := uint64(len(c.short) - 1)
	k := c.slot(&key)
	for ; c.short[k].len != 0; k = (k + 1) & mask {
		if e := &c.short[k]; e.word == key && int(e.len) == len(w) {
			return e.id
		}
	}
	id := c.v.termOf(w)
	c.short[k] = shortWord{word: key, len: int32(len(w)), id: id}
	if c.n++; 2*c.n > len(c.short) {
		c.grow()
	}
	return id
}

// grow doubles the table of short words.
func (c *termCache) grow() {
	old := c.short
	c.short, c.shift = make([]shortWord, 2*len(old)), c.shift-1
	mask := uint64(len(c.short) - 1)
	for _, e := range old {
		if e.len == 0 {
			continue
		}
		k := c.slot(&e.word)
		for c.short[k].len != 0 {
			k = (k + 1) & mask
		}
		c.short[k] = e
	}
}

// cachedName is a name (of an entity, an alias or a source) lower-cased,
// and the ids of its terms in order, as Terms finds them.
type cachedName struct {
	lower string
	ids   []int32
}

// name returns what the cache knows of name s.
func (c *termCache) name(s string) *cachedName {
	if n, ok := c.names[s]; ok {
		return n
	}
	n := &cachedName{lower: strings.ToLower(s), ids: []int32{}}
	for sc := (wordScanner{s: s}); ; {
		start, end := sc.next()
		if start == end {
			break
		}
		if id := c.word(s[start:end]); id >= 0 {
			n.ids = append(n.ids, id)
		}
	}
	c.names[strings.Clone(s)] = n
	return n
}

// termOf returns the term id of a word as wordAt finds it, giving its
// term one if it has none, or -1 for a stop word or a word too long to
// index.
func (v *vocab) termOf(word string) int32 {
	if w := Normalize(word); w != "" && len(w) <= maxWord {
		if t := Term(w); t != "" {
			return v.id(t)
		}
	}
	return -1
}

// term returns the term of id.
func (v *vocab) term(id int32) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.terms[id]
}
