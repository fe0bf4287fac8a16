package ner

import (
	"cmp"
	"math"
	"slices"
)

// Word classes by the predictive exchange algorithm (Uszkoreit and Brants
// 2008): words are moved between classes to maximise the likelihood of the
// text under P(word | class of the previous word). Words seen fewer than
// minClusterCount times get no class.
const minClusterCount = 3

// buildClusters assigns up to nClasses classes to the words (case kept,
// digits folded) of the sentences. Deterministic: words are ordered by
// count, then bytes; ties keep the current class.
func buildClusters(sents [][]string, nClasses, iterations int) map[uint64]uint16 {
	if nClasses <= 0 || len(sents) == 0 {
		return nil
	}
	count := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			count[fold(w, false)]++
		}
	}
	words := make([]string, 0, len(count))
	for w, n := range count {
		if n >= minClusterCount {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	// Ids: 0 is the sentence boundary, 1 every rare word, then the words.
	id := make(map[string]int32, len(words))
	for i, w := range words {
		id[w] = int32(i + 2)
	}
	V := len(words) + 2
	// Successor counts per word.
	succ := make([]map[int32]int32, V)
	for _, s := range sents {
		prev := int32(0)
		for k := 0; k <= len(s); k++ {
			cur := int32(0)
			if k < len(s) {
				if x, ok := id[fold(s[k], false)]; ok {
					cur = x
				} else {
					cur = 1
				}
			}
			if succ[prev] == nil {
				succ[prev] = map[int32]int32{}
			}
			succ[prev][cur]++
			prev = cur
		}
	}
	type pair struct{ w, n int32 }
	next := make([][]pair, V)
	total := make([]int64, V)
	for v, m := range succ {
		for w, n := range m {
			next[v] = append(next[v], pair{w, n})
			total[v] += int64(n)
		}
		slices.SortFunc(next[v], func(a, b pair) int { return cmp.Compare(a.w, b.w) })
	}
	// Classes: C and C+1 hold the boundary and the rare words, fixed.
	C := nClasses
	class := make([]int, V)
	class[0], class[1] = C, C+1
	for v := 2; v < V; v++ {
		class[v] = (v - 2) % C
	}
	N := make([]int64, (C+2)*V) // N[c*V+w]: w follows a word of class c
	Nc := make([]int64, C+2)
	for v := range V {
		for _, p := range next[v] {
			N[class[v]*V+int(p.w)] += int64(p.n)
		}
		Nc[class[v]] += total[v]
	}
	// f(x) = x log x, from a table for small x.
	xlogx := make([]float64, 1<<16)
	for x := 1; x < len(xlogx); x++ {
		xlogx[x] = float64(x) * math.Log(float64(x))
	}
	f := func(x int64) float64 {
		if x < int64(len(xlogx)) {
			return xlogx[max(x, 0)]
		}
		return float64(x) * math.Log(float64(x))
	}
	for range iterations {
		moved := 0
		for v := 2; v < V; v++ {
			a := class[v]
			for _, p := range next[v] {
				N[a*V+int(p.w)] -= int64(p.n)
			}
			Nc[a] -= total[v]
			best, bestGain := a, math.Inf(-1)
			for c := range C {
				row := N[c*V : (c+1)*V]
				gain := 0.0
				for _, p := range next[v] {
					x := row[p.w]
					gain += f(x+int64(p.n)) - f(x)
				}
				gain -= f(Nc[c]+total[v]) - f(Nc[c])
				if gain > bestGain+1e-9 || c == a && gain >= bestGain-1e-9 {
					best, bestGain = c, gain
				}
			}
			for _, p := range next[v] {
				N[best*V+int(p.w)] += int64(p.n)
			}
			Nc[best] += total[v]
			if best != a {
				class[v] = best
				moved++
			}
		}
		if moved == 0 {
			break
		}
	}
	out := make(map[uint64]uint16, len(words))
	for i, w := range words {
		out[hashString(w)] = uint16(class[i+2])
	}
	return out
}
