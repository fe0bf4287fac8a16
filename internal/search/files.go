package search

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/parallel"
)

// sourceKind is the folder of sources' document sets.
const sourceKind = "sources"

// A facet is one person, place, organization or source and its documents.
type facet struct {
	kind, key, name string
	ids             []uint32
}

// facets writes every name's set of documents and, per kind, the list of
// names the filters offer.
func (ix *indexer) facets(ctx context.Context) error {
	type facetKey struct{ kind, key string } // kinds and keys have no "/"
	byKey := map[facetKey]*facet{}
	var all []*facet
	add := func(kind, key, name string, id int) {
		f := byKey[facetKey{kind, key}]
		if f == nil {
			f = &facet{kind: kind, key: key, name: name}
			byKey[facetKey{kind, key}] = f
			all = append(all, f)
		}
		if n := len(f.ids); n == 0 || f.ids[n-1] != uint32(id) {
			f.ids = append(f.ids, uint32(id))
		}
	}
	sourceKeys := map[string]string{} // a source's name → its key
	for id := range ix.docs {
		d := &ix.docs[id]
		for _, e := range d.Entities {
			add(e.Kind, e.Key, e.Name, id)
		}
		key, ok := sourceKeys[d.Source]
		if !ok {
			key = article.Slug(d.Source)
			sourceKeys[d.Source] = key
		}
		if key != "" {
			add(sourceKind, key, d.Source, id)
		}
	}
	slices.SortFunc(all, func(x, y *facet) int {
		return cmp.Or(strings.Compare(x.kind, y.kind), cmp.Compare(len(y.ids), len(x.ids)), strings.Compare(x.key, y.key))
	})
	err := parallel.For(ctx, len(all), func(i int) error {
		f := all[i]
		set := string(appendSet(nil, f.ids, len(ix.docs)))
		return ix.write("e/"+f.kind+"/"+FileKey(f.key)+".js", call("postings", f.kind+"/"+f.key, map[string]string{"all": set}))
	})
	if err != nil {
		return err
	}
	ix.lists = map[string][][]any{}
	for _, f := range all {
		if l := ix.lists[f.kind]; len(l) < facetLimit {
			ix.lists[f.kind] = append(l, []any{f.name, f.key, len(f.ids)})
		}
	}
	for _, kind := range []string{"people", "places", "organizations"} {
		if err := ix.write("facets/"+kind+".js", call("facets", kind, orEmpty(ix.lists[kind]))); err != nil {
			return err
		}
	}
	return nil
}

func orEmpty(l [][]any) [][]any {
	if l == nil {
		return [][]any{}
	}
	return l
}

// meta writes meta.js, read before any query, and days.js, read for date
// filters.
func (ix *indexer) meta(context.Context) error {
	undated := 0
	for undated < len(ix.docs) && ix.docs[undated].Date.IsZero() {
		undated++
	}
	months := [][]any{}
	var counts []byte
	var first article.Date
	for id := undated; id < len(ix.docs); {
		d := ix.docs[id].Date
		if first.IsZero() {
			first = d
		}
		end := id
		for end < len(ix.docs) && ix.docs[end].Date.Year == d.Year && ix.docs[end].Date.Month == d.Month {
			end++
		}
		months = append(months, []any{d.Format("2006-01"), id, end - id})
		id = end
	}
	if !first.IsZero() {
		day, id := first.Time(), undated
		for id < len(ix.docs) {
			n := 0
			for id < len(ix.docs) && ix.docs[id].Date == article.DateOf(day) {
				n, id = n+1, id+1
			}
			counts = appendVarint(counts, uint32(n))
			day = day.AddDate(0, 0, 1)
		}
	}
	facets := map[string]int{}
	for _, kind := range []string{"people", "places", "organizations"} {
		facets[kind] = len(ix.lists[kind])
	}
	sources := ix.lists[sourceKind]
	if len(sources) > 200 {
		sources = sources[:200]
	}
	meta := map[string]any{
		"v": 1, "n": len(ix.docs), "undated": undated, "shards": ix.shardKeys,
		"months": months, "sources": orEmpty(sources), "facets": facets,
	}
	if err := ix.write("meta.js", call("meta", meta)); err != nil {
		return err
	}
	days := map[string]string{"first": "", "counts": string(counts)}
	if !first.IsZero() {
		days["first"] = first.String()
	}
	return ix.write("days.js", call("days", days))
}
