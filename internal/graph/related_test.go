package graph

import (
	"slices"
	"testing"
)

// TestRelatedPruningKeepsTheBest checks that leaving out candidates that
// cannot be among the best gives the lists that ranking every candidate
// in full gives.
func TestRelatedPruningKeepsTheBest(t *testing.T) {
	g := New(synthetic(3000, 13))
	full := *g.relGraph
	full.prune = false
	pruned := g.newScorer()
	every := g.newScorer()
	commons := 0
	for i := range g.Len() {
		for _, k := range []int{1, 5, relatedKeep, 40} {
			got := pruned.rank(g.relGraph, i, k, nil)
			want := every.rank(&full, i, k, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("doc %d, %d best: pruned %v, in full %v", i, k, got, want)
			}
		}
		for _, e := range g.docEnt.row(i) {
			if len(g.post.row(int(e))) > relatedMaxPosting {
				commons++
				break
			}
		}
	}
	if commons < g.Len()/2 {
		t.Fatalf("only %d of %d docs name an entity too common to walk: the test prunes little", commons, g.Len())
	}
}
