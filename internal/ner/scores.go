package ner

// The tagger adds up the weights of about twenty features per token. Most
// of them depend on one word only (the token itself, or one neighbour) or
// on a handful of values (the previous tags, the gazetteer bits), so their
// sums are looked up once, per word in the scratch cache and per model in
// fixedScores, rather than once per token. Integer sums do not depend on
// the order of their terms: the scores are exactly those of adding each
// feature's weights one by one, as training defines them.

// vector is the scores of one or more features, one per tag.
type vector = [nClasses]int32

func addTo(sum, v *vector) {
	for c := range sum {
		sum[c] += v[c]
	}
}

// wordScores caches, by the hash of a word's form, what decoding needs of
// its info and the sums of the features that depend on that word alone:
// its own (selfFeatures) and those it gives the tokens one and two places
// after and before it (see contextFeatures).
type wordScores struct {
	form         uint64 // 0: empty
	lower, short uint64
	upper        bool
	self         vector
	prev1, prev2 vector // as the previous word, and the one before it
	next1, next2 vector // as the next word, and the one after it
}

// cacheSize is the number of words a scratch caches, two for each hash
// of a word (the one used last stays): a power of two, large enough that
// few tokens of running news text miss it (about 12 MB).
const cacheSize = 32768

// fixedScores holds the sums of the features that take few values.
type fixedScores struct {
	prev1, prev2 vector // the neighbour features of a sentence's start
	next1, next2 vector // and of its end
	gaz          [gazTypes * 4]vector
	tags         [nClasses][nClasses]vector // by the tag before the previous one, then the previous one
	history      [nTypes]vector
}

// vectorOf returns the sum of the weights of feats.
func (m *Model) vectorOf(feats ...uint64) vector {
	var v vector
	m.sum(feats, &v)
	return v
}

// fixedScores computes the model's fixedScores.
func (m *Model) fixedScores() *fixedScores {
	f := &fixedScores{
		prev1: m.vectorOf(mix(fPrev1Lower, hBOS), mix(fPrevShort, hBOS), mix(fPrevCluster, noCluster)),
		prev2: m.vectorOf(mix(fPrev2Lower, hBOS)),
		next1: m.vectorOf(mix(fNext1Lower, hEOS), mix(fNextShort, hEOS), mix(fNextCluster, noCluster)),
		next2: m.vectorOf(mix(fNext2Lower, hEOS)),
	}
	for bit := range f.gaz {
		f.gaz[bit] = m.vectorOf(mix(fGaz, uint64(bit)))
	}
	for p1 := range nClasses {
		for p2 := range nClasses {
			f.tags[p2][p1] = m.vectorOf(mix(fPrevTag, uint64(p1)), mix(mix(fPrev2Tags, uint64(p2)), uint64(p1)))
		}
	}
	for typ := range f.history {
		f.history[typ] = m.vectorOf(mix(fHistory, uint64(typ)))
	}
	return f
}

// word returns the cached scores of the word with form f.
func (m *Model) word(s *scratch, f string) *wordScores {
	if s.owner != m {
		s.owner = m
		s.cache = make([]wordScores, cacheSize)
		s.recent = make([]uint8, cacheSize/2)
	}
	h := hashString(f) | 1
	set := h & (cacheSize/2 - 1)
	pair := s.cache[2*set : 2*set+2]
	for k := range pair {
		if pair[k].form == h {
			s.recent[set] = uint8(k)
			return &pair[k]
		}
	}
	k := 1 - s.recent[set] // the one used less recently
	s.recent[set] = k
	c := &pair[k]
	t := m.wordInfo(f)
	c.form, c.lower, c.short, c.upper = h, t.lower, t.short, t.upper
	s.feats = selfFeatures(s.feats[:0], &t)
	c.self = m.vectorOf(s.feats...)
	c.prev1 = m.vectorOf(mix(fPrev1Lower, t.lower), mix(fPrevShort, t.short), mix(fPrevCluster, uint64(t.cluster)))
	c.prev2 = m.vectorOf(mix(fPrev2Lower, t.lower))
	c.next1 = m.vectorOf(mix(fNext1Lower, t.lower), mix(fNextShort, t.short), mix(fNextCluster, uint64(t.cluster)))
	c.next2 = m.vectorOf(mix(fNext2Lower, t.lower))
	return c
}

// staticScores sets s.infos to what decoding needs of the infos of the
// sentence's tokens (upper, lower and short, and the gazetteer bits) and
// s.sums to the scores of their static features (selfFeatures and
// contextFeatures).
func (m *Model) staticScores(forms []string, s *scratch) {
	n := len(forms)
	s.infos = s.infos[:0]
	if cap(s.sums) < n {
		s.sums = make([]vector, n)
	}
	s.sums = s.sums[:n]
	clear(s.sums)
	if n == 0 {
		return
	}
	for i, f := range forms {
		c := m.word(s, f)
		s.infos = append(s.infos, info{lower: c.lower, short: c.short, upper: c.upper})
		addTo(&s.sums[i], &c.self)
		if i+1 < n {
			addTo(&s.sums[i+1], &c.prev1)
		}
		if i+2 < n {
			addTo(&s.sums[i+2], &c.prev2)
		}
		if i >= 1 {
			addTo(&s.sums[i-1], &c.next1)
		}
		if i >= 2 {
			addTo(&s.sums[i-2], &c.next2)
		}
	}
	fx := m.fixed
	addTo(&s.sums[0], &fx.prev1)
	addTo(&s.sums[0], &fx.prev2)
	addTo(&s.sums[n-1], &fx.next1)
	addTo(&s.sums[n-1], &fx.next2)
	if n > 1 {
		addTo(&s.sums[1], &fx.prev2)
		addTo(&s.sums[n-2], &fx.next2)
	}
	if len(m.gaz) > 0 {
		m.markGazetteer(s.infos)
	}
	caps := capsSentence(forms)
	for i := range s.infos {
		s.feats = pairFeatures(s.feats[:0], s.infos, i, caps)
		m.sum(s.feats, &s.sums[i])
		for g := s.infos[i].gaz; g != 0; g &= g - 1 {
			addTo(&s.sums[i], &fx.gaz[lowestBit(g)])
		}
	}
}

func lowestBit(g uint32) int {
	bit := 0
	for g>>bit&1 == 0 {
		bit++
	}
	return bit
}

// pairFeatures appends the static features of token i that depend on
// more than one word, or on the token's place in the sentence: the rest of
// contextFeatures but the gazetteer bits.
func pairFeatures(dst []uint64, in []info, i int, caps bool) []uint64 {
	t := &in[i]
	low := func(k int) uint64 {
		switch {
		case k < 0:
			return hBOS
		case k >= len(in):
			return hEOS
		}
		return in[k].lower
	}
	short := func(k int) uint64 {
		switch {
		case k < 0:
			return hBOS
		case k >= len(in):
			return hEOS
		}
		return in[k].short
	}
	dst = append(dst,
		mix(mix(mix(fShort3, short(i-1)), t.short), short(i+1)),
		mix(mix(fBigramL, low(i-1)), t.lower),
		mix(mix(fBigramR, t.lower), low(i+1)),
	)
	if i == 0 {
		dst = append(dst, mix(fFirst, t.short))
	}
	if caps {
		dst = append(dst, mix(fCapsSentence, t.short))
	}
	return dst
}

// addDynamic adds to sum the scores of token i's dynamicFeatures.
func (m *Model) addDynamic(sum *vector, s *scratch, i int, prev1, prev2 int, h history) {
	fx := m.fixed
	t := &s.infos[i]
	addTo(sum, &fx.tags[prev2][prev1])
	s.feats = append(s.feats[:0],
		mix(mix(fPrevTagLower, uint64(prev1)), t.lower),
		mix(mix(fPrevTagShort, uint64(prev1)), t.short),
	)
	if i > 0 {
		s.feats = append(s.feats, mix(mix(fPrevLowerTag, s.infos[i-1].lower), uint64(prev1)))
	}
	m.sum(s.feats, sum)
	if best, ok := h.best(t); ok {
		addTo(sum, &fx.history[best])
	}
}
