package ner

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Model is a trained tagger: perceptron weights by feature hash, the
// gazetteer and the capitalisation statistics. A loaded Model is read-only
// and safe for concurrent use.
type Model struct {
	index     map[uint64]int32  // in training: feature hash -> row of weights
	weights   []float32         // in training: nClasses per row
	table     []slot            // feature hash -> quantised weights, an open-addressing table
	keys      []uint64          // the feature hash of each weighted slot, for Save
	slots     []uint32          // the slot of each of keys
	present   []uint64          // a bit per (hash >> 40) & presentMask: some feature may have it
	gaz       map[uint64]uint16 // gazKey of lower-cased words -> type bits (GMB types, then CoNLL types)
	gazMax    int               // longest gazetteer entry, in words
	caseStats map[uint64]uint8  // lower-cased word hash -> capitalisation bucket
	clusters  map[uint64]uint16
	fixed     *fixedScores // the scores of features with few values, once the weights are final
}

// scratch is the per-call working memory of the tagger.
type scratch struct {
	toks  []token   // the text's tokens
	sents [][]token // its sentences, views of toks
	forms []string
	infos []info
	feats []uint64
	tags  []int

	// The scores of words by form, for the model owner.
	owner  *Model
	cache  []wordScores
	recent []uint8           // per pair of cache entries, the one used last
	sums   [][nClasses]int32 // per token: the scores of its static features
}

// tag tags one sentence greedily, left to right, and returns the tags.
func (m *Model) tag(forms []string, h history, s *scratch) []int {
	m.staticScores(forms, s)
	s.tags = s.tags[:0]
	prev1, prev2 := 0, 0
	for i := range s.infos {
		sum := s.sums[i]
		m.addDynamic(&sum, s, i, prev1, prev2, h)
		best := bestAllowedSum(&sum, prev1)
		s.tags = append(s.tags, best)
		prev2, prev1 = prev1, best
	}
	fixEnd(s.tags)
	h.remember(s.infos, s.tags)
	return s.tags
}

// scale is the quantisation step of the weights: a weight is stored as
// round(w*scale) in an int16.
const scale = 10

// slot is one entry of the weight table: a fingerprint of the feature
// hash (its high 32 bits, low bit set; 0: empty) and its weights, side by
// side so that a lookup reads one place in memory. The table is indexed by
// the low bits of the hash, so a lookup compares about 50 bits of it: a
// stray match is a one in billions event.
type slot struct {
	tag uint32
	w   [nClasses]int16
}

func fingerprint(key uint64) uint32 { return uint32(key>>32) | 1 }

// newTable makes an empty table for n features, at most half full.
func newTable(n int) []slot {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return make([]slot, size)
}

// presentBits is the size of the present filter: small enough to stay in
// cache, large enough that few absent features pass it.
const presentBits = 1 << 21

func presentBit(key uint64) uint64 { return (key >> 40) & (presentBits - 1) }

// add adds a feature (it must not be there yet).
func (m *Model) add(key uint64, w [nClasses]int16) {
	if m.present == nil {
		m.present = make([]uint64, presentBits/64)
	}
	b := presentBit(key)
	m.present[b/64] |= 1 << (b % 64)
	mask := uint64(len(m.table) - 1)
	i := key & mask
	for m.table[i].tag != 0 {
		i = (i + 1) & mask
	}
	m.table[i] = slot{fingerprint(key), w}
	m.keys = append(m.keys, key)
	m.slots = append(m.slots, uint32(i))
}

func quantise(x float32) int16 {
	return int16(math.Round(math.Max(math.MinInt16, math.Min(math.MaxInt16, float64(x)*scale))))
}

// freeze builds the weight table from the training index.
func (m *Model) freeze() {
	m.table = newTable(len(m.index))
	for k, r := range m.index {
		var q [nClasses]int16
		for c := range q {
			q[c] = quantise(m.weights[int(r)*nClasses+c])
		}
		if q != [nClasses]int16{} {
			m.add(k, q)
		}
	}
	m.fixed = m.fixedScores()
}

// sum adds the quantised weights of the features to sum. It finds the
// slots of a batch of features before it adds any weights: the lookups do
// not depend on each other, so the processor overlaps their cache misses.
func (m *Model) sum(feats []uint64, sum *[nClasses]int32) {
	if m.present == nil {
		return // no features
	}
	var found [32]*slot
	for len(feats) > 0 {
		batch := feats[:min(len(feats), len(found))]
		feats = feats[len(batch):]
		n := 0
		for _, f := range batch {
			if s := m.lookup(f); s != nil {
				found[n] = s
				n++
			}
		}
		for _, s := range found[:n] {
			for c := range sum {
				sum[c] += int32(s.w[c])
			}
		}
	}
}

// lookup returns the slot of feature f, or nil.
func (m *Model) lookup(f uint64) *slot {
	if b := presentBit(f); m.present[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	mask := uint64(len(m.table) - 1)
	tag := fingerprint(f)
	for i := f & mask; ; i = (i + 1) & mask {
		s := &m.table[i]
		if s.tag == tag {
			return s
		}
		if s.tag == 0 {
			return nil
		}
	}
}

// bestAllowed returns the tag with the highest score of those allowed
// after prev; of equal scores, the first.
func bestAllowed(scores *[nClasses]float32, prev int) int {
	best := -1
	for _, c := range allowedAfter[prev] {
		if best < 0 || scores[c] > scores[best] {
			best = int(c)
		}
	}
	return best
}

// bestAllowedSum is bestAllowed on integer scores. A token's features are
// few (under a hundred) and their weights int16, so its scores are exact
// as float32 and compare the same either way.
func bestAllowedSum(sum *[nClasses]int32, prev int) int {
	best := -1
	for _, c := range allowedAfter[prev] {
		if best < 0 || sum[c] > sum[best] {
			best = int(c)
		}
	}
	return best
}

// allowedAfter lists, for each tag, the tags allowed to follow it (see
// allowed; bio is fixed when the program starts).
var allowedAfter = func() (after [nClasses][]uint8) {
	for prev := range after {
		for c := range nClasses {
			if allowed(prev, c) {
				after[prev] = append(after[prev], uint8(c))
			}
		}
	}
	return after
}()

// fixEnd closes an entity left open at the end of the sentence.
func fixEnd(tags []int) {
	if n := len(tags); n > 0 && tags[n-1] > 0 && !bio {
		t := tags[n-1]
		switch tagPos(t) {
		case posB:
			tags[n-1] = tagOf(tagType(t), posU)
		case posI:
			tags[n-1] = tagOf(tagType(t), posL)
		}
	}
}

// span is an entity over tokens [start, end) of a sentence.
type span struct{ start, end, typ int }

// spans turns tags into entity spans: B and U start an entity, I and L of
// the same type continue it.
func spans(tags []int, out []span) []span {
	open := -1
	for i, t := range tags {
		continues := t > 0 && open >= 0 && (tagPos(t) == posI || tagPos(t) == posL) && tagType(t) == tagType(tags[open])
		if !continues && open >= 0 {
			out = append(out, span{open, i, tagType(tags[open])})
			open = -1
		}
		if t > 0 && !continues {
			open = i
		}
	}
	if open >= 0 {
		out = append(out, span{open, len(tags), tagType(tags[open])})
	}
	return out
}

// The model file: a gzip stream of
//
//	"NER1", nClasses, scale, nFeatures,
//	per feature (sorted by hash): hash delta, class mask, zigzag weights (in steps of 1/scale),
//	nGaz, gazMax, per entry (sorted): hash delta, type bits,
//	nCase, per entry (sorted): hash delta, bucket,
//	nClusters, per entry (sorted): hash delta, class;
//
// all integers as unsigned varints.
const magic = "NER1"

// write writes the model, pruning weights whose magnitude is below prune
// (features left with no weight are dropped) and quantising the rest to
// 1/scale steps. The bytes depend only on the model.
func (m *Model) write(w io.Writer, prune float32) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	sv := func(x int64) { bw.Write(buf[:binary.PutVarint(buf[:], x)]) }

	type row struct {
		h uint64
		w [nClasses]int16
	}
	var rows []row
	q := int16(math.Round(float64(prune) * scale))
	for k, key := range m.keys {
		r := row{h: key}
		for c, x := range m.table[m.slots[k]].w {
			if x >= q || x <= -q {
				r.w[c] = x
			}
		}
		if r.w != [nClasses]int16{} {
			rows = append(rows, r)
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a.h, b.h) })
	bw.WriteString(magic)
	uv(nClasses)
	uv(scale)
	uv(uint64(len(rows)))
	last := uint64(0)
	for _, r := range rows {
		uv(r.h - last)
		last = r.h
		mask := uint64(0)
		for c, x := range r.w {
			if x != 0 {
				mask |= 1 << c
			}
		}
		uv(mask)
		for _, x := range r.w {
			if x != 0 {
				sv(int64(x))
			}
		}
	}
	writeSet := func(set map[uint64]uint16) {
		keys := make([]uint64, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		uv(uint64(len(keys)))
		last := uint64(0)
		for _, k := range keys {
			uv(k - last)
			last = k
			uv(uint64(set[k]))
		}
	}
	writeSet(m.gaz)
	uv(uint64(m.gazMax))
	writeSet(widen(m.caseStats))
	writeSet(m.clusters)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// readModel reads a model written by write.
func readModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(zr)
	var head [len(magic)]byte
	if _, err := io.ReadFull(br, head[:]); err != nil || string(head[:]) != magic {
		return nil, errors.New("ner: not a model file")
	}
	var rerr error
	uv := func() uint64 {
		x, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return x
	}
	if n := uv(); n != nClasses {
		return nil, fmt.Errorf("ner: model has %d classes, want %d", n, nClasses)
	}
	if sc := uv(); sc != scale {
		return nil, fmt.Errorf("ner: model weights in steps of 1/%d, want 1/%d", sc, scale)
	}
	n := int(uv())
	if rerr != nil || n < 0 || n > 1<<21 {
		return nil, fmt.Errorf("ner: bad model header: %v", rerr)
	}
	m := &Model{table: newTable(n)}
	h := uint64(0)
	for range n {
		h += uv()
		mask := uv()
		var w [nClasses]int16
		for c := range nClasses {
			if mask&(1<<c) != 0 {
				x, err := binary.ReadVarint(br)
				if err != nil {
					return nil, err
				}
				w[c] = int16(x)
			}
		}
		if rerr != nil {
			return nil, rerr
		}
		if h != 0 && w != [nClasses]int16{} {
			m.add(h, w)
		}
	}
	readSet := func() map[uint64]uint16 {
		n := int(uv())
		if rerr != nil || n > 1<<26 {
			return nil
		}
		set := make(map[uint64]uint16, n)
		k := uint64(0)
		for range n {
			k += uv()
			set[k] = uint16(uv())
		}
		return set
	}
	m.gaz = readSet()
	m.gazMax = int(uv())
	m.caseStats = narrow(readSet())
	m.clusters = readSet()
	if rerr != nil {
		return nil, rerr
	}
	m.fixed = m.fixedScores()
	return m, nil
}

func widen(m map[uint64]uint8) map[uint64]uint16 {
	out := make(map[uint64]uint16, len(m))
	for k, v := range m {
		out[k] = uint16(v)
	}
	return out
}

func narrow(m map[uint64]uint16) map[uint64]uint8 {
	out := make(map[uint64]uint8, len(m))
	for k, v := range m {
		out[k] = uint8(v)
	}
	return out
}
