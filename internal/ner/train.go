package ner

import (
	"math/rand/v2"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/annals-archive/annals/internal/ner/gold"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs int    // passes over the training documents
	Seed   uint64 // seed of the per-epoch shuffle

	// Gazetteer sentences give their Raw entity spans (GMB types) as
	// gazetteer entries; only capitalised entries of at most 6 words are
	// kept. The held-out GMB tenth must not be among them.
	Gazetteer []gold.Sentence
	// TrainGazetteer adds the entities of the training documents to the
	// gazetteer. While training, each document sees only the entities of
	// the other nine tenths of the documents (by index % 10), so that the
	// gazetteer is no more complete on the training data than on new text.
	TrainGazetteer bool
	// CaseText is running text (plain text, tokenized here) for the
	// capitalisation statistics.
	CaseText []string
	// Clusters is the number of word classes learnt from CaseText (0: none),
	// in ClusterIterations passes.
	Clusters, ClusterIterations int

	// Dev, when set, is evaluated with the averaged weights after every
	// epoch and reported through Log.
	Dev []gold.Document
	Log func(format string, args ...any)
}

// gazBits numbers the gazetteer types: GMB's, then CoNLL's.
var gazBits = map[string]uint8{
	"per": 0, "geo": 1, "gpe": 2, "org": 3, "tim": 4, "art": 5, "eve": 6, "nat": 7,
	gold.PER: 8, gold.LOC: 9, gold.ORG: 10, gold.MISC: 11,
}

const gazTypes = 12

const maxGazWords = 6

// Train trains a model on documents of gold sentences (CoNLL types PER,
// LOC, ORG, MISC). The result depends only on the inputs and options.
func Train(docs []gold.Document, opt TrainOptions) *Model {
	logf := opt.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	m := &Model{index: map[uint64]int32{}}
	var gazSents []gold.Sentence
	for _, s := range opt.Gazetteer {
		gazSents = append(gazSents, gold.Sentence{Words: s.Words, Entities: s.Raw})
	}
	m.gaz, m.gazMax = buildGazetteer(nil, gazSents)
	folds := make([]map[uint64]uint16, 10)
	if opt.TrainGazetteer {
		var all []gold.Sentence
		for _, d := range docs {
			all = append(all, d...)
		}
		full, n := buildGazetteer(m.gaz, all)
		for k := range folds {
			var rest []gold.Sentence
			for d, doc := range docs {
				if d%10 != k {
					rest = append(rest, doc...)
				}
			}
			folds[k], _ = buildGazetteer(m.gaz, rest)
		}
		m.gaz, m.gazMax = full, max(m.gazMax, n)
	}
	full := m.gaz
	sents := formSentences(opt.CaseText)
	m.caseStats = buildCaseStats(sents)
	logf("gazetteer: %d entries; case statistics: %d words", len(m.gaz), len(m.caseStats))
	m.clusters = buildClusters(sents, opt.Clusters, opt.ClusterIterations)
	logf("clusters: %d words", len(m.clusters))

	// Static features are computed once per token.
	type sentence struct {
		infos []info
		gold  []int
		feats []uint64
		offs  []int32
	}
	prepared := make([][]sentence, len(docs))
	for d, doc := range docs {
		if folds[d%10] != nil {
			m.gaz = folds[d%10]
		}
		for _, s := range doc {
			forms := formsOf(s.Words)
			ps := sentence{infos: m.infos(forms, nil), gold: bilou(s)}
			caps := capsSentence(forms)
			for i := range ps.infos {
				ps.offs = append(ps.offs, int32(len(ps.feats)))
				ps.feats = staticFeatures(ps.feats, ps.infos, i, caps)
			}
			ps.offs = append(ps.offs, int32(len(ps.feats)))
			prepared[d] = append(prepared[d], ps)
		}
	}
	m.gaz = full

	var (
		totals []float64 // sum over time of each weight, via the count-weighted updates
		count  = 1.0
		feats  []uint64
		scores [nClasses]float32
	)
	update := func(fs []uint64, cls int, delta float32) {
		for _, f := range fs {
			row, ok := m.index[f]
			if !ok {
				row = int32(len(m.weights) / nClasses)
				m.index[f] = row
				m.weights = append(m.weights, make([]float32, nClasses)...)
				totals = append(totals, make([]float64, nClasses)...)
			}
			k := int(row)*nClasses + cls
			m.weights[k] += delta
			totals[k] += count * float64(delta)
		}
	}
	average := func() *Model {
		avg := &Model{index: m.index, weights: make([]float32, len(m.weights)), gaz: m.gaz, gazMax: m.gazMax, caseStats: m.caseStats, clusters: m.clusters}
		for k, w := range m.weights {
			avg.weights[k] = w - float32(totals[k]/count)
		}
		avg.freeze()
		return avg
	}

	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5eed))
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, tokens := 0, 0
		for _, d := range order {
			h := history{}
			for _, s := range prepared[d] {
				tags := make([]int, len(s.infos))
				prev1, prev2 := 0, 0
				for i := range s.infos {
					feats = append(feats[:0], s.feats[s.offs[i]:s.offs[i+1]]...)
					feats = dynamicFeatures(feats, s.infos, i, prev1, prev2, h)
					m.scoreTraining(feats, &scores)
					guess := bestAllowed(&scores, prev1)
					if guess != s.gold[i] {
						update(feats, s.gold[i], 1)
						update(feats, guess, -1)
						errs++
					}
					tokens++
					count++
					tags[i] = guess
					prev2, prev1 = prev1, guess
				}
				fixEnd(tags)
				h.remember(s.infos, tags)
			}
		}
		logf("epoch %d: %d features, token errors %.4f", epoch, len(m.index), float64(errs)/float64(tokens))
		if len(opt.Dev) > 0 && (epoch == opt.Epochs || opt.Log != nil) {
			sc := average().Evaluate(opt.Dev)
			_, _, f := sc.Total().PRF()
			logf("epoch %d: dev F1 %.4f", epoch, f)
		}
	}
	return average()
}

// formsOf normalises gold words as the tokenizer does.
func formsOf(words []string) []string {
	forms := make([]string, len(words))
	for i, w := range words {
		forms[i] = tok(w, 0, len(w)).form
	}
	return forms
}

var typeIndex = map[string]int{gold.PER: 0, gold.LOC: 1, gold.ORG: 2, gold.MISC: 3}

// bilou gives the gold tag of every word of a sentence.
func bilou(s gold.Sentence) []int {
	tags := make([]int, len(s.Words))
	for _, e := range s.Entities {
		t, ok := typeIndex[e.Type]
		if !ok {
			continue
		}
		if bio {
			for i := e.Start; i < e.End; i++ {
				tags[i] = tagOf(t, posI)
			}
			tags[e.Start] = tagOf(t, posB)
			continue
		}
		if e.End-e.Start == 1 {
			tags[e.Start] = tagOf(t, posU)
			continue
		}
		for i := e.Start; i < e.End; i++ {
			tags[i] = tagOf(t, posI)
		}
		tags[e.Start] = tagOf(t, posB)
		tags[e.End-1] = tagOf(t, posL)
	}
	return tags
}

// buildGazetteer adds the entities of the sentences (types as in gazBits)
// to a copy of base, and returns it with its longest entry in words.
func buildGazetteer(base map[uint64]uint16, sents []gold.Sentence) (map[uint64]uint16, int) {
	gaz := make(map[uint64]uint16, len(base))
	for k, v := range base {
		gaz[k] = v
	}
	longest := 0
	var lowers []uint64
	for _, s := range sents {
		for _, e := range s.Entities {
			bit, ok := gazBits[e.Type]
			n := e.End - e.Start
			if !ok || n > maxGazWords {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(s.Words[e.Start]); !unicode.IsUpper(r) {
				continue
			}
			lowers = lowers[:0]
			for _, w := range formsOf(s.Words[e.Start:e.End]) {
				lowers = append(lowers, hashString(fold(w, true)))
			}
			gaz[gazKey(lowers)] |= 1 << bit
			longest = max(longest, n)
		}
	}
	return gaz, longest
}

// Capitalisation buckets: how often a word is capitalised when it is not
// first in its sentence, for words seen at least minCaseCount times.
const minCaseCount = 3

func buildCaseStats(sents [][]string) map[uint64]uint8 {
	type counts struct{ up, all int32 }
	c := map[uint64]*counts{}
	for _, s := range sents {
		if capsSentence(s) {
			continue
		}
		for i, w := range s {
			if i == 0 || strings.ContainsAny(s[i-1], "\"':.!?([") {
				continue
			}
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsLetter(r) {
				continue
			}
			k := hashString(fold(w, true))
			x := c[k]
			if x == nil {
				x = &counts{}
				c[k] = x
			}
			x.all++
			if unicode.IsUpper(r) {
				x.up++
			}
		}
	}
	stats := map[uint64]uint8{}
	for k, x := range c {
		if x.all < minCaseCount {
			continue
		}
		ratio := float64(x.up) / float64(x.all)
		var b uint8
		switch {
		case ratio == 0:
			b = 0
		case ratio < 0.1:
			b = 1
		case ratio < 0.5:
			b = 2
		case ratio < 0.9:
			b = 3
		case ratio < 1:
			b = 4
		default:
			b = 5
		}
		stats[k] = b
	}
	return stats
}

// Evaluate runs Recognize on the documents as text (words joined with
// spaces, sentences with blank lines) and scores the mentions against the
// gold PER, LOC and ORG spans (MISC ignored), by exact byte span and type.
func (m *Model) Evaluate(docs []gold.Document) gold.Score {
	type result struct{ goldSpans, pred []gold.Span }
	results := make([]result, len(docs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, doc := range docs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			text, spans := Join(doc)
			var pred []gold.Span
			for _, mt := range m.Recognize(text) {
				pred = append(pred, gold.Span{Start: mt.Start, End: mt.End, Type: conllType(mt.Kind)})
			}
			results[i] = result{spans, pred}
		}()
	}
	wg.Wait()
	sc := gold.Score{}
	for _, r := range results {
		sc.Add(r.goldSpans, r.pred, gold.MISC)
	}
	return sc
}

func conllType(k Kind) string {
	switch k {
	case Person:
		return gold.PER
	case Place:
		return gold.LOC
	}
	return gold.ORG
}

// Join renders a gold document as text (words joined with spaces,
// sentences separated by blank lines) and returns its entities as byte
// spans of that text.
func Join(doc gold.Document) (string, []gold.Span) {
	var b strings.Builder
	var spans []gold.Span
	for k, s := range doc {
		if k > 0 {
			b.WriteString("\n\n")
		}
		starts := make([]int, len(s.Words)+1)
		for i, w := range s.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			starts[i] = b.Len()
			b.WriteString(w)
			starts[i+1] = b.Len()
		}
		for _, e := range s.Entities {
			end := starts[e.End-1] + len(s.Words[e.End-1])
			spans = append(spans, gold.Span{Start: starts[e.Start], End: end, Type: e.Type})
		}
	}
	return b.String(), spans
}

// formSentences tokenizes texts into sentences of forms.
func formSentences(texts []string) [][]string {
	var all [][]string
	for _, t := range texts {
		for _, sent := range splitSentences(t) {
			forms := make([]string, len(sent))
			for i, tk := range sent {
				forms[i] = tk.form
			}
			all = append(all, forms)
		}
	}
	return all
}

// scoreTraining scores with the growing index of a model in training.
func (m *Model) scoreTraining(feats []uint64, out *[nClasses]float32) {
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
