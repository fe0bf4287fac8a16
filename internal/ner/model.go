package ner

import (
	"bufio"
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
	index     map[uint64]int32 // feature hash -> row of weights
	weights   []float32        // nClasses per row
	gaz       map[uint64]uint8 // gazKey of lower-cased words -> GMB type bits
	gazMax    int              // longest gazetteer entry, in words
	caseStats map[uint64]uint8 // lower-cased word hash -> capitalisation bucket
	clusters  map[uint64]uint16
}

// scratch is the per-call working memory of the tagger.
type scratch struct {
	forms  []string
	infos  []info
	feats  []uint64
	tags   []int
	scores [nClasses]float32
}

// tag tags one sentence greedily, left to right, and returns the tags.
func (m *Model) tag(forms []string, h history, s *scratch) []int {
	s.infos = m.infos(forms, s.infos)
	caps := capsSentence(forms)
	s.tags = s.tags[:0]
	prev1, prev2 := 0, 0
	for i := range s.infos {
		s.feats = staticFeatures(s.feats[:0], s.infos, i, caps)
		s.feats = dynamicFeatures(s.feats, s.infos, i, prev1, prev2, h)
		m.score(s.feats, &s.scores)
		best := bestAllowed(&s.scores, prev1)
		s.tags = append(s.tags, best)
		prev2, prev1 = prev1, best
	}
	fixEnd(s.tags)
	h.remember(s.infos, s.tags)
	return s.tags
}

func (m *Model) score(feats []uint64, out *[nClasses]float32) {
	*out = [nClasses]float32{}
	for _, f := range feats {
		row, ok := m.index[f]
		if !ok {
			continue
		}
		w := m.weights[int(row)*nClasses : int(row)*nClasses+nClasses]
		for c := range out {
			out[c] += w[c]
		}
	}
}

func bestAllowed(scores *[nClasses]float32, prev int) int {
	best := -1
	for c := range scores {
		if allowed(prev, c) && (best < 0 || scores[c] > scores[best]) {
			best = c
		}
	}
	return best
}

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
//	"NER1", nClasses, scale (float32 bits), nFeatures,
//	per feature (sorted by hash): hash delta, class mask, zigzag weights / scale,
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

	const scale = 1000
	type row struct {
		h uint64
		w []float32
	}
	var rows []row
	for h, r := range m.index {
		ws := m.weights[int(r)*nClasses : int(r)*nClasses+nClasses]
		keep := false
		for _, x := range ws {
			if abs32(x) >= prune && math.Round(float64(x)*scale) != 0 {
				keep = true
			}
		}
		if keep {
			rows = append(rows, row{h, ws})
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return cmpU64(a.h, b.h) })
	bw.WriteString(magic)
	uv(nClasses)
	uv(uint64(math.Float32bits(scale)))
	uv(uint64(len(rows)))
	last := uint64(0)
	for _, r := range rows {
		uv(r.h - last)
		last = r.h
		mask := uint64(0)
		var q [nClasses]int64
		for c, x := range r.w {
			if abs32(x) >= prune {
				q[c] = int64(math.Round(float64(x) * scale))
			}
			if q[c] != 0 {
				mask |= 1 << c
			}
		}
		uv(mask)
		for c := range q {
			if q[c] != 0 {
				sv(q[c])
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
	writeSet(widen(m.gaz))
	uv(uint64(m.gazMax))
	writeSet(widen(m.caseStats))
	writeSet(m.clusters)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
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
	scale := math.Float32frombits(uint32(uv()))
	n := int(uv())
	if rerr != nil || n < 0 || n > 1<<26 {
		return nil, fmt.Errorf("ner: bad model header: %v", rerr)
	}
	m := &Model{
		index:   make(map[uint64]int32, n),
		weights: make([]float32, n*nClasses),
	}
	h := uint64(0)
	for i := range n {
		h += uv()
		m.index[h] = int32(i)
		mask := uv()
		for c := range nClasses {
			if mask&(1<<c) != 0 {
				x, err := binary.ReadVarint(br)
				if err != nil {
					return nil, err
				}
				m.weights[i*nClasses+c] = float32(x) / scale
			}
		}
		if rerr != nil {
			return nil, rerr
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
	m.gaz = narrow(readSet())
	m.gazMax = int(uv())
	m.caseStats = narrow(readSet())
	m.clusters = readSet()
	if rerr != nil {
		return nil, rerr
	}
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
