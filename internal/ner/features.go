package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tags: O, then B-, I-, L-, U- (begin, inside, last, unit) of each type.
const (
	nTypes   = 4 // PER, LOC, ORG, MISC
	nClasses = 1 + 4*nTypes
)

const (
	posB = iota
	posI
	posL
	posU
)

func tagOf(typ, pos int) int { return 1 + typ*4 + pos }
func tagType(tag int) int    { return (tag - 1) / 4 }
func tagPos(tag int) int     { return (tag - 1) % 4 }

// bio selects the BIO scheme (B and I only) instead of BILOU.
var bio = false

// allowed reports whether tag may follow prev.
func allowed(prev, tag int) bool {
	if tag == 0 {
		return bio || prev == 0 || tagPos(prev) == posL || tagPos(prev) == posU
	}
	p := tagPos(tag)
	if bio {
		if p == posI {
			return prev > 0 && tagType(prev) == tagType(tag)
		}
		return p == posB
	}
	inside := prev > 0 && (tagPos(prev) == posB || tagPos(prev) == posI)
	if inside {
		return tagType(tag) == tagType(prev) && (p == posI || p == posL)
	}
	return p == posB || p == posU
}

// Feature templates: each feature is a hash of its template and values.
const (
	fBias uint64 = iota + 1
	fWord
	fLower
	fShape
	fShort
	fPre
	fSuf
	fPrev1Lower
	fNext1Lower
	fPrev2Lower
	fNext2Lower
	fPrevShort
	fNextShort
	fShort3
	fBigramL
	fBigramR
	fFirst
	fCapsSentence
	fGaz
	fCaseStat
	fPrevTag
	fPrev2Tags
	fPrevTagLower
	fHistory
	fHistoryCap
	fPrevTagShort
	fPrevLowerTag
	fCluster
	fPrevCluster
	fNextCluster
	fClusterShort
)

// fmix is the murmur3 64-bit finaliser.
func fmix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

func mix(a, b uint64) uint64 { return fmix(a*0x9e3779b97f4a7c15 ^ b) }

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return fmix(h)
}

// Sentinel values for positions outside the sentence.
var (
	hBOS = hashString("<s>")
	hEOS = hashString("</s>")
)

// noCluster is the word class of positions outside the sentence.
const noCluster = 0xffff

// info holds what the features need from one token, computed once.
type info struct {
	word, lower  uint64 // digits folded to 0; lower also case-folded
	shape, short uint64
	pre, suf     [4]uint64 // 1..4 bytes of the lower form, 0 when shorter
	upper        bool      // starts with an upper-case letter
	gaz          uint32    // gazetteer bits: type*4 + position
	caseStat     uint8     // bucket of how often the word is capitalised elsewhere
	hasCaseStat  bool
	cluster      uint16 // word class + 1, 0 when none
}

// fold lower-cases s and maps every digit to 0.
func fold(s string, lower bool) string {
	need := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= '0' && c <= '9' || lower && c >= 'A' && c <= 'Z' {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			r = '0'
		case lower:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// appendFold appends s lower-cased (if lower) with every digit mapped to 0,
// as fold does.
func appendFold(dst []byte, s string, lower bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return append(dst, fold(s[i:], lower)...)
		}
		switch {
		case c >= '0' && c <= '9':
			c = '0'
		case lower && c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return fmix(h)
}

// appendShapes appends to long the word shape (X for upper, x for lower, d
// for digit, other ASCII as it is, ~ otherwise; at most 12 runes) and to
// short the same with runs collapsed (at most 48).
func appendShapes(long, short []byte, s string) ([]byte, []byte) {
	n := 0
	var last byte
	for _, r := range s {
		var c byte
		switch {
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '~'
		}
		if n < 12 {
			long = append(long, c)
		}
		n++
		if c != last && len(short) < 48 {
			short = append(short, c)
		}
		last = c
	}
	return long, short
}

// infos computes the per-token information of a sentence.
func (m *Model) infos(forms []string, out []info) []info {
	out = out[:0]
	for _, f := range forms {
		out = append(out, m.wordInfo(f))
	}
	if m != nil && len(m.gaz) > 0 {
		m.markGazetteer(out)
	}
	return out
}

// wordInfo computes the information of one word, without gazetteer bits.
func (m *Model) wordInfo(f string) info {
	var wb, lb, sb1, sb2 [64]byte
	{
		w := appendFold(wb[:0], f, false)
		lw := appendFold(lb[:0], f, true)
		long, short := appendShapes(sb1[:0], sb2[:0], f)
		in := info{
			word:  hashBytes(w),
			lower: hashBytes(lw),
			shape: hashBytes(long),
			short: hashBytes(short),
		}
		for k := 1; k <= 4; k++ {
			if len(lw) > k {
				in.pre[k-1] = hashBytes(lw[:k])
				in.suf[k-1] = hashBytes(lw[len(lw)-k:])
			}
		}
		r, _ := utf8.DecodeRuneInString(f)
		in.upper = unicode.IsUpper(r)
		if m != nil && m.caseStats != nil {
			in.caseStat, in.hasCaseStat = m.caseStats[in.lower]
		}
		if m != nil && m.clusters != nil {
			if c, ok := m.clusters[in.word]; ok {
				in.cluster = c + 1
			} else if in.upper && len(f) > 1 && strings.ToUpper(f) == f {
				// A word in capitals: try it title-cased ("JAPAN" as "Japan").
				_, n := utf8.DecodeRuneInString(f)
				title := appendFold(append(wb[:0], f[:n]...), f[n:], true)
				if c, ok := m.clusters[hashBytes(title)]; ok {
					in.cluster = c + 1
				}
			}
		}
		return in
	}
}

// markGazetteer sets the gazetteer bits of the tokens covered by the
// longest gazetteer entry starting at each capitalised token.
func (m *Model) markGazetteer(in []info) {
	for i := range in {
		if !in[i].upper {
			continue
		}
		h := uint64(0)
		var best, bestLen int
		for n := 1; n <= m.gazMax && i+n <= len(in); n++ {
			h = mix(h, in[i+n-1].lower)
			if bits, ok := m.gaz[h]; ok {
				best, bestLen = int(bits), n
			}
		}
		for t := 0; best != 0 && t < gazTypes; t++ {
			if best&(1<<t) == 0 {
				continue
			}
			for k := i; k < i+bestLen; k++ {
				pos := posI
				switch {
				case bestLen == 1:
					pos = posU
				case k == i:
					pos = posB
				case k == i+bestLen-1:
					pos = posL
				}
				in[k].gaz |= 1 << (t*4 + pos)
			}
		}
	}
}

// gazKey is the gazetteer hash of lower-cased forms.
func gazKey(lowers []uint64) uint64 {
	h := uint64(0)
	for _, l := range lowers {
		h = mix(h, l)
	}
	return h
}

// capsSentence reports whether a sentence is set in capitals (a headline).
func capsSentence(forms []string) bool {
	up, low := 0, 0
	for _, f := range forms {
		for _, r := range f {
			if unicode.IsUpper(r) {
				up++
			} else if unicode.IsLower(r) {
				low++
			}
		}
	}
	return up >= 4 && low*10 < up
}

// staticFeatures appends the features of token i that do not depend on
// earlier decisions.
func staticFeatures(dst []uint64, in []info, i int, caps bool) []uint64 {
	dst = selfFeatures(dst, &in[i])
	return contextFeatures(dst, in, i, caps)
}

// selfFeatures appends the features of a token on its own. They depend
// only on info.word (the word with digits folded), so their scores can be
// cached by it.
func selfFeatures(dst []uint64, t *info) []uint64 {
	dst = append(dst,
		fBias,
		mix(fWord, t.word),
		mix(fLower, t.lower),
		mix(fShape, t.shape),
		mix(fShort, t.short),
		mix(fCluster, uint64(t.cluster)),
		mix(mix(fClusterShort, uint64(t.cluster)), t.short),
	)
	for k := range 4 {
		if t.pre[k] != 0 {
			dst = append(dst, mix(fPre, t.pre[k]), mix(fSuf, t.suf[k]))
		}
	}
	if t.hasCaseStat {
		dst = append(dst, mix(fCaseStat, uint64(t.caseStat)), mix(mix(fCaseStat, uint64(t.caseStat)), t.short))
	}
	return dst
}

// contextFeatures appends the static features that look at the sentence:
// neighbours, position, headline capitals and gazetteer matches.
func contextFeatures(dst []uint64, in []info, i int, caps bool) []uint64 {
	t := &in[i]
	at := func(k int) *info {
		if k < 0 || k >= len(in) {
			return nil
		}
		return &in[k]
	}
	low := func(k int) uint64 {
		if p := at(k); p != nil {
			return p.lower
		}
		if k < 0 {
			return hBOS
		}
		return hEOS
	}
	short := func(k int) uint64 {
		if p := at(k); p != nil {
			return p.short
		}
		if k < 0 {
			return hBOS
		}
		return hEOS
	}
	cl := func(k int) uint64 {
		if p := at(k); p != nil {
			return uint64(p.cluster)
		}
		return noCluster
	}
	dst = append(dst,
		mix(fPrev1Lower, low(i-1)),
		mix(fNext1Lower, low(i+1)),
		mix(fPrev2Lower, low(i-2)),
		mix(fNext2Lower, low(i+2)),
		mix(fPrevShort, short(i-1)),
		mix(fNextShort, short(i+1)),
		mix(mix(mix(fShort3, short(i-1)), t.short), short(i+1)),
		mix(mix(fBigramL, low(i-1)), t.lower),
		mix(mix(fBigramR, t.lower), low(i+1)),
		mix(fPrevCluster, cl(i-1)),
		mix(fNextCluster, cl(i+1)),
	)
	if i == 0 {
		dst = append(dst, mix(fFirst, t.short))
	}
	if caps {
		dst = append(dst, mix(fCapsSentence, t.short))
	}
	for g := t.gaz; g != 0; g &= g - 1 {
		bit := uint64(0)
		for g>>bit&1 == 0 {
			bit++
		}
		dst = append(dst, mix(fGaz, bit))
	}
	return dst
}

// history counts, per lower-cased word, the entity types the tagger gave
// its capitalised occurrences earlier in the same document.
type history map[uint64]*[nTypes]int32

// dynamicFeatures appends the features that depend on the tags already
// chosen: the previous two tags and the document history.
func dynamicFeatures(dst []uint64, in []info, i int, prev1, prev2 int, h history) []uint64 {
	t := &in[i]
	dst = append(dst,
		mix(fPrevTag, uint64(prev1)),
		mix(mix(fPrev2Tags, uint64(prev2)), uint64(prev1)),
		mix(mix(fPrevTagLower, uint64(prev1)), t.lower),
		mix(mix(fPrevTagShort, uint64(prev1)), t.short),
	)
	if i > 0 {
		dst = append(dst, mix(mix(fPrevLowerTag, in[i-1].lower), uint64(prev1)))
	}
	if best, ok := h.best(t); ok {
		dst = append(dst, mix(fHistory, uint64(best)))
	}
	return dst
}

// best returns the type the tagger gave t's word most often earlier in
// the document, when t is capitalised and the word was tagged before.
func (h history) best(t *info) (int, bool) {
	c := h[t.lower]
	if c == nil || !t.upper {
		return 0, false
	}
	best, n := 0, int32(0)
	for k, v := range c {
		if v > n {
			best, n = k, v
		}
	}
	return best, n > 0
}

// remember adds a sentence's predicted entities to the history.
func (h history) remember(in []info, tags []int) {
	for i, tag := range tags {
		if tag == 0 || !in[i].upper {
			continue
		}
		c := h[in[i].lower]
		if c == nil {
			c = new([nTypes]int32)
			h[in[i].lower] = c
		}
		c[tagType(tag)]++
	}
}
