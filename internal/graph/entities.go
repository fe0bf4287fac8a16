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
	// Ids in order of first mention, then renumbered in order of keys.
	x := entityIndex{ids: make(map[EntityKey]int32)}
	x.docEnt.off = make([]int32, len(docs)+1)
	for i := range docs {
		for _, e := range docs[i].Entities {
			k := EntityKey{e.Kind, e.Name}
			if k.Name == "" {
				continue
			}
			id, ok := x.ids[k]
			if !ok {
				id = int32(len(x.keys))
				x.ids[k] = id
				x.keys = append(x.keys, k)
			}
			x.docEnt.val = append(x.docEnt.val, id)
		}
		x.docEnt.off[i+1] = int32(len(x.docEnt.val))
	}
	byKey := make([]int32, len(x.keys)) // first-mention ids in order of keys
	for id := range byKey {
		byKey[id] = int32(id)
	}
	slices.SortFunc(byKey, func(a, b int32) int { return x.keys[a].compare(x.keys[b]) })
	renumber := make([]int32, len(x.keys))
	keys := make([]EntityKey, len(x.keys))
	for id, old := range byKey {
		renumber[old] = int32(id)
		keys[id] = x.keys[old]
		x.ids[keys[id]] = int32(id)
	}
	x.keys = keys

	// Each doc's ids, sorted and without repeats.
	df := make([]int32, len(x.keys)+1)
	w := int32(0)
	for i := range docs {
		r := x.docEnt.val[x.docEnt.off[i]:x.docEnt.off[i+1]]
		for k, id := range r {
			r[k] = renumber[id]
		}
		slices.Sort(r)
		r = slices.Compact(r)
		for _, id := range r {
			df[id+1]++
		}
		x.docEnt.off[i] = w
		w += int32(copy(x.docEnt.val[w:], r)) // r may overlap where it goes
	}
	x.docEnt.off[len(docs)] = w
	x.docEnt.val = slices.Clip(x.docEnt.val[:w])

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
	c, _ := g.counters.Get().(*coCounter)
	if c == nil {
		c = &coCounter{count: make([]int32, len(g.keys))}
	}
	defer g.counters.Put(c)
	for _, i := range g.post.row(int(id)) {
		for _, f := range g.docEnt.row(int(i)) {
			if f == id {
				continue
			}
			if c.count[f] == 0 {
				c.touched = append(c.touched, f)
			}
			c.count[f]++
		}
	}
	var out []Count
	for _, f := range c.touched {
		if n <= keepCountMax {
			out = keepCount(out, n, Count{g.keys[f], int(c.count[f])})
		} else {
			out = append(out, Count{g.keys[f], int(c.count[f])})
		}
		c.count[f] = 0
	}
	c.touched = c.touched[:0]
	if n > keepCountMax {
		slices.SortFunc(out, moreMentioned)
		out = out[:min(n, len(out))]
	}
	return out
}

// keepCountMax is the largest n for which CoMentioned keeps its n best
// counts as it goes; it sorts them all for larger n.
const keepCountMax = 64

// coCounter is the scratch state of CoMentioned: counts by entity id, all
// zero between calls, and the ids counted.
type coCounter struct {
	count   []int32
	touched []int32
}

// moreMentioned orders counts by count, descending, then name and kind.
func moreMentioned(a, b Count) int {
	return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Entity.Name, b.Entity.Name),
		strings.Compare(string(a.Entity.Kind), string(b.Entity.Kind)))
}

// keepCount inserts c into top, kept in moreMentioned order, if it is
// among the n first seen.
func keepCount(top []Count, n int, c Count) []Count {
	k := len(top)
	if k == n {
		if moreMentioned(c, top[k-1]) >= 0 {
			return top
		}
		k--
	} else {
		top = append(top, c)
	}
	for ; k > 0 && moreMentioned(c, top[k-1]) < 0; k-- {
		top[k] = top[k-1]
	}
	top[k] = c
	return top
}
