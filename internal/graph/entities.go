package graph

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/annals-archive/annals/internal/article"
)

// EntityKey names an entity: its kind and canonical name.
type EntityKey struct {
	Kind article.Kind
	Name string
}

func (k EntityKey) compare(l EntityKey) int {
	return cmp.Or(strings.Compare(string(k.Kind), string(l.Kind)), strings.Compare(k.Name, l.Name))
}

// MonthCount is the number of articles in one month.
type MonthCount struct {
	Year  int
	Month time.Month
	Count int
}

// Count is an entity with a number of articles.
type Count struct {
	Entity EntityKey
	Count  int
}

// entityIndex is the inverted index entity → docs and its reverse. Entity
// ids are positions in keys, which is sorted by (kind, name), so ids do not
// depend on map order.
type entityIndex struct {
	keys   []EntityKey
	ids    map[EntityKey]int32
	docEnt csr // doc → sorted entity ids
	post   csr // entity id → docs, ascending
}

func newEntityIndex(docs []Doc) entityIndex {
	x := entityIndex{ids: make(map[EntityKey]int32)}
	for i := range docs {
		for _, e := range docs[i].Entities {
			k := EntityKey{e.Kind, e.Name}
			if _, ok := x.ids[k]; !ok && k.Name != "" {
				x.ids[k] = 0
				x.keys = append(x.keys, k)
			}
		}
	}
	slices.SortFunc(x.keys, EntityKey.compare)
	for id, k := range x.keys {
		x.ids[k] = int32(id)
	}

	x.docEnt.off = make([]int32, len(docs)+1)
	df := make([]int32, len(x.keys)+1)
	for i := range docs {
		row := len(x.docEnt.val)
		for _, e := range docs[i].Entities {
			if id, ok := x.ids[EntityKey{e.Kind, e.Name}]; ok {
				x.docEnt.val = append(x.docEnt.val, id)
			}
		}
		r := x.docEnt.val[row:]
		slices.Sort(r)
		r = slices.Compact(r)
		x.docEnt.val = x.docEnt.val[:row+len(r)]
		x.docEnt.off[i+1] = int32(len(x.docEnt.val))
		for _, id := range r {
			df[id+1]++
		}
	}

	// Counting sort into the posting lists, docs ascending.
	for id := range x.keys {
		df[id+1] += df[id]
	}
	x.post.off = df
	x.post.val = make([]int32, len(x.docEnt.val))
	fill := slices.Clone(df[:len(x.keys)])
	for i := range docs {
		for _, id := range x.docEnt.row(i) {
			x.post.val[fill[id]] = int32(i)
			fill[id]++
		}
	}
	return x
}

func (x *entityIndex) docs(e EntityKey) []int32 {
	id, ok := x.ids[e]
	if !ok {
		return nil
	}
	return x.post.row(int(id))
}

// Entities returns all entities of kind, sorted by name.
func (g *Graph) Entities(kind article.Kind) []EntityKey {
	a, _ := slices.BinarySearchFunc(g.keys, EntityKey{Kind: kind}, EntityKey.compare)
	b := a
	for b < len(g.keys) && g.keys[b].Kind == kind {
		b++
	}
	return slices.Clone(g.keys[a:b])
}

// Articles returns the docs mentioning e, in the order given to New.
func (g *Graph) Articles(e EntityKey) []int { return ints(g.docs(e)) }

// Timeline returns the number of dated articles mentioning e in each month
// from the first to the last such month, months without any included.
func (g *Graph) Timeline(e EntityKey) []MonthCount {
	first, last := g.FirstLast(e)
	if first.IsZero() {
		return nil
	}
	month := func(d article.Date) int { return d.Year*12 + int(d.Month) - 1 }
	out := make([]MonthCount, month(last)-month(first)+1)
	for k := range out {
		m := month(first) + k
		out[k] = MonthCount{Year: m / 12, Month: time.Month(m%12 + 1)}
	}
	for _, i := range g.docs(e) {
		if d := g.dates[i]; !d.IsZero() {
			out[month(d)-month(first)].Count++
		}
	}
	return out
}

// FirstLast returns the dates of the earliest and the latest dated article
// mentioning e; both are zero when there is none.
func (g *Graph) FirstLast(e EntityKey) (first, last article.Date) {
	for _, i := range g.docs(e) {
		d := g.dates[i]
		if d.IsZero() {
			continue
		}
		if first.IsZero() || d.Compare(first) < 0 {
			first = d
		}
		if last.IsZero() || d.Compare(last) > 0 {
			last = d
		}
	}
	return first, last
}

// CoMentioned returns the n entities (of any kind) found in the most
// articles together with e, with the number of those articles; ties are
// ordered by name, then kind.
func (g *Graph) CoMentioned(e EntityKey, n int) []Count {
	id, ok := g.ids[e]
	if !ok || n <= 0 {
		return nil
	}
	counts := make(map[int32]int)
	for _, i := range g.post.row(int(id)) {
		for _, f := range g.docEnt.row(int(i)) {
			if f != id {
				counts[f]++
			}
		}
	}
	out := make([]Count, 0, len(counts))
	for f, c := range counts {
		out = append(out, Count{g.keys[f], c})
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Entity.Name, b.Entity.Name),
			strings.Compare(string(a.Entity.Kind), string(b.Entity.Kind)))
	})
	return out[:min(n, len(out))]
}
