package htmltext

import (
	"regexp"
)

// The scoring below is the article-extraction benchmark's evaluate.py
// (scrapinghub/article-extraction-benchmark), as its SOURCE.md describes it:
// word 4-gram shingles with counts, per-page TP/FP/FN normalised to sum to 1,
// precision and recall averaged over pages, F1 from the averages.

// wordRE is Python's Unicode \w+: letters, digits and underscore.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// shingles counts the word 4-grams of text. A text shorter than four words
// is one shingle of all its words; an empty text has none.
func shingles(text string) map[string]int {
	const n = 4
	tokens := wordRE.FindAllString(text, -1)
	counts := map[string]int{}
	for i := 0; i < max(1, len(tokens)-n+1); i++ {
		end := min(i+n, len(tokens))
		if i >= end {
			break
		}
		key := ""
		for j, tok := range tokens[i:end] {
			if j > 0 {
				key += "\x00"
			}
			key += tok
		}
		counts[key]++
	}
	return counts
}

// match is one page's shingle counts, normalised to sum to 1.
type match struct{ tp, fp, fn float64 }

func shingleMatch(truth, pred string) match {
	t, p := shingles(truth), shingles(pred)
	var m match
	for k, tc := range t {
		pc := p[k]
		m.tp += float64(min(tc, pc))
		m.fn += float64(max(0, tc-pc))
	}
	for k, pc := range p {
		m.fp += float64(max(0, pc-t[k]))
	}
	if s := m.tp + m.fp + m.fn; s > 0 {
		m.tp, m.fp, m.fn = m.tp/s, m.fp/s, m.fn/s
	}
	return m
}

func (m match) precision() float64 {
	switch {
	case m.fp == 0 && m.fn == 0:
		return 1
	case m.tp == 0 && m.fp == 0:
		return 0
	}
	return m.tp / (m.tp + m.fp)
}

func (m match) recall() float64 {
	switch {
	case m.fp == 0 && m.fn == 0:
		return 1
	case m.tp == 0 && m.fn == 0:
		return 0
	}
	return m.tp / (m.tp + m.fn)
}

// scores averages precision over pages that predicted something or should
// have (tp+fp > 0), recall over pages with a truth (tp+fn > 0), and returns
// F1 of the two averages.
func scores(ms []match) (precision, recall, f1 float64) {
	var np, nr int
	for _, m := range ms {
		if m.tp+m.fp > 0 {
			precision += m.precision()
			np++
		}
		if m.tp+m.fn > 0 {
			recall += m.recall()
			nr++
		}
	}
	if np > 0 {
		precision /= float64(np)
	}
	if nr > 0 {
		recall /= float64(nr)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}
