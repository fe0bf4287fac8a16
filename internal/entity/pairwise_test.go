package entity

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/article"
)

// TestResolveStepsAsBefore compares acronyms, surnames and shortForms, which
// index the mentions so that an article of a million mentions resolves in
// time, with the simple forms they had, which compare every pair of
// mentions, on random articles.
func TestResolveStepsAsBefore(t *testing.T) {
	tb := testTable(t)
	names := []string{
		"Anselm Halvorsen", "Halvorsen", "Anselm", "Halvorsen Anselm", "Kim", "Kim Jong Un", "Kim Yo Jong", "Jong",
		"Putin", "Vladimir Putin", "Ilya Dorn", "Dorn", "Dorn Dorn", "Selva", "Selva River", "Selva Bay", "Kestrel",
		"Kestrel Federation", "North Korea", "Toriva", "KCNA", "K.C.N.A.", "ACNA", "A.C.N.A.", "Arvenian Central News Agency",
		"Korean Central News Agency", "WHO", "World Health Organization", "AC", "Arvenian Council", "Kestrel  Bay", "",
	}
	kinds := []article.Kind{article.Person, article.Place, article.Organization}
	texts := []string{
		"The Arvenian Central News Agency (ACNA) reported.",
		"Officials of the Arvenian Council (AC) met; the World Health Organization (WHO) spoke.",
		"Nothing is defined here.",
	}
	rng := rand.New(rand.NewPCG(8, 13))
	for n := range 3000 {
		var fs []*found
		start := 0
		for range rng.IntN(24) {
			name := names[rng.IntN(len(names))]
			f := &found{surface: name, name: name, kind: kinds[rng.IntN(len(kinds))], start: start}
			if rng.IntN(3) == 0 {
				if e := tb.lookup(name); e != nil {
					f.name, f.kind, f.entry = e.Name, e.Kind, e
				}
			}
			start += rng.IntN(3) * 10 // mentions may share a start
			fs = append(fs, f)
		}
		text := texts[rng.IntN(len(texts))]
		for _, step := range []struct {
			name      string
			now, then func([]*found)
		}{
			{"acronyms", func(fs []*found) { tb.acronyms(text, fs) }, func(fs []*found) { tb.pairwiseAcronyms(text, fs) }},
			{"surnames", tb.surnames, tb.pairwiseSurnames},
			{"shortForms", shortForms, pairwiseShortForms},
		} {
			now, then := copyFound(fs), copyFound(fs)
			step.now(now)
			step.then(then)
			if got, want := showFound(now), showFound(then); got != want {
				t.Fatalf("article %d, %s of\n%s\ngives\n%s\nwant\n%s", n, step.name, showFound(fs), got, want)
			}
		}
	}
}

func copyFound(fs []*found) []*found {
	out := make([]*found, len(fs))
	for i, f := range fs {
		c := *f
		out[i] = &c
	}
	return out
}

func showFound(fs []*found) string {
	var b strings.Builder
	for _, f := range fs {
		entry := "-"
		if f.entry != nil {
			entry = f.entry.Name
		}
		fmt.Fprintf(&b, "%d %q %s %s\n", f.start, f.name, f.kind, entry)
	}
	return b.String()
}

// The steps as they were, comparing every pair of mentions.
func pairwiseShortForms(fs []*found) {
	for _, f := range fs {
		if f.entry != nil || f.kind == article.Person || f.name == "" || strings.Contains(f.name, " ") {
			continue
		}
		for _, g := range fs {
			if g != f && g.kind == f.kind && strings.HasPrefix(g.name, f.name+" ") && g.name != "" {
				f.name, f.entry = g.name, g.entry
				break
			}
		}
	}
}
func (t *Table) pairwiseAcronyms(text string, fs []*found) {
	var defined map[string]string
	for _, f := range fs {
		if f.entry != nil || !isAcronym(f.name) {
			continue
		}
		want := strings.ReplaceAll(f.name, ".", "")
		if i := slices.IndexFunc(fs, func(g *found) bool {
			return g != f && g.kind != article.Person && initials(g.name) == want
		}); i >= 0 {
			f.name, f.kind, f.entry = fs[i].name, fs[i].kind, fs[i].entry
			continue
		}
		if defined == nil {
			defined = definitions(text)
		}
		if long, ok := defined[want]; ok {
			f.name = long
			if e := t.lookup(long); e != nil {
				f.name, f.kind, f.entry = e.Name, e.Kind, e
			} else {
				f.kind = kindByNouns(long, f.kind)
			}
		}
	}
}
func (t *Table) pairwiseSurnames(fs []*found) {
	var full []*found
	for _, f := range fs {
		if f.kind == article.Person && countFields(f.name) >= 2 {
			full = append(full, f)
		}
	}
	for _, f := range fs {
		if f.kind != article.Person || countFields(f.name) != 1 || f.entry != nil && countFields(f.entry.Name) > 1 && !pairwiseAmbiguousIn(f, full) {
			continue
		}
		if g := pairwiseFullFor(f, full); g != nil {
			f.name, f.entry = g.name, g.entry
			continue
		}
		if f.entry == nil {
			f.name = "" // a bare surname: not an entity
		}
	}
}
func pairwiseAmbiguousIn(f *found, full []*found) bool {
	for _, g := range full {
		if g.name != f.name && hasNamePart(g.name, f.name) {
			return true
		}
	}
	return false
}
func pairwiseFullFor(f *found, full []*found) *found {
	var best *found
	count := map[string]int{}
	for _, g := range full {
		if hasNamePart(g.name, f.name) {
			count[g.name]++
			if g.start < f.start {
				best = g // the nearest earlier one, as full is in text order
			}
		}
	}
	if best != nil || len(count) == 0 {
		return best
	}
	var top string
	for n, c := range count {
		if c > count[top] || c == count[top] && n < top {
			top = n
		}
	}
	for _, g := range full {
		if g.name == top {
			return g
		}
	}
	return nil
}
