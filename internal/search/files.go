package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

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
	byKey := map[string]*facet{}
	var all []*facet
	add := func(kind, key, name string, id int) {
		k := kind + "/" + key
		f := byKey[k]
		if f == nil {
			f = &facet{kind: kind, key: key, name: name}
			byKey[k] = f
			all = append(all, f)
		}
		if n := len(f.ids); n == 0 || f.ids[n-1] != uint32(id) {
			f.ids = append(f.ids, uint32(id))
		}
	}
	for id, d := range ix.docs {
		for _, e := range d.Entities {
			add(e.Kind, e.Key, e.Name, id)
		}
		if key := article.Slug(d.Source); key != "" {
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

// fragments writes, for every document, what its result shows.
func (ix *indexer) fragments(ctx context.Context) error {
	return parallel.For(ctx, len(ix.docs), func(id int) error {
		d := &ix.docs[id]
		date := ""
		if !d.Date.IsZero() {
			date = d.Date.String()
		}
		text := cut(d.Text, textLimit)
		frag := map[string]string{"u": d.Path, "t": d.Title, "d": date, "s": d.Source, "x": text, "n": names(d, text)}
		return ix.write(fmt.Sprintf("f/%d/%d.js", id/perFolder, id), call("doc", id, frag))
	})
}

// names lists the index terms of a document's people, places and
// organizations, their aliases and its source that its title and text do
// not have, separated by spaces: the query side checks a result's words
// against them and its text.
func names(d *Doc, text string) string {
	have := map[string]bool{}
	for _, t := range Terms(d.Title + "\n" + text) {
		have[t] = true
	}
	var out []string
	add := func(s string) {
		for _, t := range Terms(s) {
			if !have[t] {
				have[t] = true
				out = append(out, t)
			}
		}
	}
	add(d.Source)
	for _, e := range d.Entities {
		add(e.Name)
		for _, a := range e.Aliases {
			add(a)
		}
	}
	return strings.Join(out, " ")
}

// cut shortens text to at most n bytes, at a space when there is one in
// the last tenth.
func cut(text string, n int) string {
	text = strings.TrimSpace(text)
	if len(text) <= n {
		return text
	}
	i := n
	for i > 0 && text[i]&0xC0 == 0x80 {
		i--
	}
	if j := strings.LastIndexFunc(text[:i], unicode.IsSpace); j > n*9/10 {
		i = j
	}
	return strings.TrimSpace(text[:i]) + "…"
}
