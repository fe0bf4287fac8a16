package search

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/parallel"
)

// A Doc is one article as the index sees it.
type Doc struct {
	Path     string // the folder of its page in the site, ending in "/"
	Title    string
	Date     article.Date
	Source   string
	Text     string  // the body as plain text
	Entities []*Name // which documents that name an entity alike may share
	// Read, when set, returns the body as plain text in place of Text,
	// for a caller that does not hold every text: the index calls it
	// once, when it reads the document, from several goroutines at once.
	Read func() (string, error)
	// TextKey, when not zero, stands for the text in what WriteRemembering
	// remembers of the document: the sum of what its text is made from,
	// which must change whenever the text does. A document the memory has
	// under the same key is then not read at all, and its result file is
	// kept from the earlier index (Files.Keep).
	TextKey fingerprint.Sum
}

// Files is where WriteRemembering puts an index's files, named relative
// to the index folder. Its methods are called from several goroutines at
// once. A document's result file is written with WriteFrom and the sum of
// what it is made from; Keep keeps the file an earlier index wrote from
// the same sum, and reports whether there was one. publish.Writer, under
// a folder, is such.
type Files interface {
	Write(name string, data []byte) error
	WriteFrom(name string, data []byte, from fingerprint.Sum) error
	Keep(name string, from fingerprint.Sum) (bool, error)
}

// writeFunc is Files that writes every file with a function and keeps
// none.
type writeFunc func(name string, data []byte) error

func (f writeFunc) Write(name string, data []byte) error { return f(name, data) }
func (f writeFunc) WriteFrom(name string, data []byte, _ fingerprint.Sum) error {
	return f(name, data)
}
func (writeFunc) Keep(string, fingerprint.Sum) (bool, error) { return false, nil }

// A Name is a person, place or organization of a document.
type Name struct {
	Kind    string // "people", "places" or "organizations": the folder of its page
	Key     string // the name of its page's folder
	Name    string
	Aliases []string // other names it goes by, found by searches too
}

// limits size the index's files.
type limits struct {
	shard  int // bytes of a term shard before its key is split
	inline int // characters of postings kept inside a shard
	top    int // postings with impacts kept for a frequent term
}

// defaults are the limits of real sites (format.md).
var defaults = limits{shard: 3 << 10, inline: 400, top: 1000}

// Sizes and weights of the index (format.md).
const (
	textLimit  = 2500 // bytes of body text in a result's file
	facetLimit = 1000 // names listed per kind for the filters
	perFolder  = 1000 // result files per folder

	titleWeight   = 3
	entityWeight  = 2
	bodyWeight    = 1
	k1, b, refLen = 1.2, 0.75, 300
)

// Stats tells what an index holds.
type Stats struct {
	Docs, Terms, Shards, Files int
	Bytes                      int64 // of the files written, not of those kept
	Remembered                 int   // documents whose terms came from a Memory
	Kept                       int   // result files kept from an earlier index, among Files
}

// Write builds the index of docs and hands each file, named relative to
// the index folder, to write, which must be safe for concurrent use. The
// files depend only on docs, not on their order.
//
// docs is the index's to change: Write sorts it into the order of the
// index's ids, and clears each Doc's Text once it has read it, so that
// the texts of a large archive are freed as the index goes rather than
// held to its end. A caller that needs docs again passes a copy.
func Write(ctx context.Context, docs []Doc, write func(name string, data []byte) error) (Stats, error) {
	st, _, err := writeWith(ctx, defaults, docs, writeFunc(write), nil)
	return st, err
}

// WriteRemembering is Write that takes from mem, what an earlier index
// remembered (nil for nothing), the terms of the documents it has, and
// reads only the others. It returns what this index remembers, for the
// next. The files are those Write gives, put in out, and docs is changed
// as Write changes it.
func WriteRemembering(ctx context.Context, docs []Doc, out Files, mem *Memory) (Stats, *Memory, error) {
	return writeWith(ctx, defaults, docs, out, &remembering{old: mem})
}

// remembering is what an index remembers across runs: the documents an
// earlier index read, and what this one reads, for the next.
type remembering struct {
	old    *Memory
	remap  []int32 // the old memory's term ids → the vocabulary's
	next   *Memory
	reused atomic.Int64 // documents taken from old
}

func writeWith(ctx context.Context, lim limits, docs []Doc, out Files, mem *remembering) (Stats, *Memory, error) {
	ix := &indexer{docs: docs, lim: lim, vocab: newVocab(), mem: mem, out: out, names: fingerprint.NewMemo((*Name)(nil))}
	slices.SortFunc(ix.docs, docOrder)
	ix.st.Docs = len(ix.docs)
	per, err := ix.documents(ctx)
	if err != nil {
		return ix.st, nil, err
	}
	var next *Memory
	if mem != nil {
		// terms drops the postings of each document as it goes; the
		// memory keeps them.
		mem.next.terms = ix.vocab.terms
		mem.next.postings = slices.Clone(per)
		mem.next.index()
		next = mem.next
		ix.st.Remembered = int(mem.reused.Load())
	}
	if err := ix.terms(ctx, per); err != nil {
		return ix.st, nil, err
	}
	for _, step := range []func(context.Context) error{ix.facets, ix.meta} {
		if err := step(ctx); err != nil {
			return ix.st, nil, err
		}
	}
	return ix.st, next, nil
}

// docOrder orders documents as ids are given: undated first, then by date,
// ties by path.
func docOrder(a, b Doc) int {
	if a.Date.IsZero() != b.Date.IsZero() {
		if a.Date.IsZero() {
			return -1
		}
		return 1
	}
	return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Path, b.Path))
}

type indexer struct {
	lim   limits
	docs  []Doc
	mem   *remembering      // nil when the index remembers nothing
	names *fingerprint.Memo // of the documents' names, for memoryKey
	vocab *vocab
	out   Files
	mu    sync.Mutex
	st    Stats

	shardKeys []string
	lists     map[string][][]any // names offered by the filters, by kind
}

// write writes a file of the index.
func (ix *indexer) write(name string, data []byte) error {
	return ix.writeFrom(name, data, fingerprint.Sum{})
}

// writeFrom writes a file made from what from sums (zero for unknown).
func (ix *indexer) writeFrom(name string, data []byte, from fingerprint.Sum) error {
	ix.mu.Lock()
	ix.st.Files++
	ix.st.Bytes += int64(len(data))
	ix.mu.Unlock()
	if from.IsZero() {
		return ix.out.Write(name, data)
	}
	return ix.out.WriteFrom(name, data, from)
}

// keep keeps the file an earlier index made from what from sums, if any.
func (ix *indexer) keep(name string, from fingerprint.Sum) (bool, error) {
	ok, err := ix.out.Keep(name, from)
	if ok {
		ix.mu.Lock()
		ix.st.Files++
		ix.st.Kept++
		ix.mu.Unlock()
	}
	return ok, err
}

// impact quantises a term's BM25 weight in a document to 1 … 63.
func impact(w float64) uint8 {
	return uint8(max(1, min(63, math.Round(w/(k1+1)*63))))
}

// terms writes the term shards and the postings of frequent terms, from
// each document's postings.
func (ix *indexer) terms(ctx context.Context, per []docPostings) error {
	inv := invert(per, len(ix.vocab.terms))
	var entries []*termEntry
	for t, term := range ix.vocab.terms {
		if lo, hi := inv.off[t], inv.off[t+1]; hi > lo {
			entries = append(entries, &termEntry{term: term, docs: inv.docs[lo:hi], imps: inv.imps[lo:hi]})
		}
	}
	slices.SortFunc(entries, func(x, y *termEntry) int { return strings.Compare(x.term, y.term) })
	ix.st.Terms = len(entries)
	var big []*termEntry
	for _, e := range entries {
		// Each posting takes two characters at least.
		if 2*len(e.docs) <= ix.lim.inline {
			e.inline = appendPostings(nil, e.docs, e.imps)
		}
		if e.inline == nil || len(e.inline) > ix.lim.inline {
			e.inline = nil
			big = append(big, e)
		}
	}
	shards := split("", entries, ix.lim.shard)
	ix.shardKeys = make([]string, len(shards))
	for i, s := range shards {
		ix.shardKeys[i] = s.key
	}
	err := parallel.For(ctx, len(shards), func(i int) error {
		return ix.write("t/"+FileKey(shards[i].key)+".js", shards[i].file())
	})
	if err != nil {
		return err
	}
	ix.st.Shards = len(shards)
	return parallel.For(ctx, len(big), func(i int) error {
		return ix.frequent(big[i])
	})
}

// inverted holds the postings of every term, in compressed rows: the
// documents of term t, ascending, are docs[off[t]:off[t+1]], with their
// impacts in imps.
type inverted struct {
	off  []int32
	docs []uint32
	imps []uint8
}

// invert turns the postings of each document into those of each of the
// terms terms, dropping per's as it goes.
func invert(per []docPostings, terms int) inverted {
	off := make([]int32, terms+1)
	for _, ps := range per {
		for _, p := range ps {
			off[p>>6+1]++
		}
	}
	for t := range terms {
		off[t+1] += off[t]
	}
	inv := inverted{off: off, docs: make([]uint32, off[terms]), imps: make([]uint8, off[terms])}
	fill := slices.Clone(off[:terms])
	for id, ps := range per {
		for _, p := range ps {
			t := p >> 6
			inv.docs[fill[t]] = uint32(id)
			inv.imps[fill[t]] = uint8(p & 63)
			fill[t]++
		}
		per[id] = nil
	}
	return inv
}

// A termEntry is a term with its postings, inline when they are short.
type termEntry struct {
	term   string
	docs   []uint32 // ascending
	imps   []uint8  // the term's impact in each of docs
	inline []byte   // nil when the postings have a file of their own
}

// size is about the bytes of e in a shard file.
func (e *termEntry) size() int { return len(e.term) + len(e.inline) + 16 }

type shard struct {
	key     string // where its range of terms starts
	entries []*termEntry
	size    int
}

// split groups entries, all starting with prefix, into shards of at most
// about limit bytes: one group per next character, each split further
// while it is too large, then neighbouring groups packed together while
// they fit. A term equal to prefix starts a group of its own. Whether a
// group splits depends only on the terms under its prefix, so a new term
// changes the shards of its prefix only.
func split(prefix string, entries []*termEntry, limit int) []shard {
	size := 0
	for _, e := range entries {
		size += e.size()
	}
	if prefix != "" && size <= limit {
		return []shard{{prefix, entries, size}}
	}
	var groups []shard
	for i := 0; i < len(entries); {
		rest := entries[i].term[len(prefix):]
		if rest == "" {
			groups = append(groups, shard{prefix, entries[i : i+1], entries[i].size()})
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(rest)
		key := prefix + rest[:n]
		j := i + 1
		for j < len(entries) && strings.HasPrefix(entries[j].term, key) {
			j++
		}
		groups = append(groups, split(key, entries[i:j], limit)...)
		i = j
	}
	var out []shard
	for _, g := range groups {
		if n := len(out); n > 0 && out[n-1].size+g.size <= limit {
			out[n-1].entries = out[n-1].entries[:len(out[n-1].entries):len(out[n-1].entries)]
			out[n-1].entries = append(out[n-1].entries, g.entries...)
			out[n-1].size += g.size
			continue
		}
		out = append(out, g)
	}
	return out
}

// file is a shard's script.
func (s shard) file() []byte {
	var b bytes.Buffer
	b.WriteString("annalsSearch.terms(")
	b.Write(jsonOf(s.key))
	b.WriteString(",[")
	for i, e := range s.entries {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "[%s,%d,", jsonOf(e.term), len(e.docs))
		if e.inline == nil {
			b.WriteByte('0')
		} else {
			b.WriteByte('"')
			b.Write(e.inline)
			b.WriteByte('"')
		}
		b.WriteByte(']')
	}
	b.WriteString("]);\n")
	return b.Bytes()
}

// frequent writes the postings of a frequent term: the postings with the
// highest impacts, and when there are more, the set of all its documents
// in a file of its own, which queries load only when they need it.
func (ix *indexer) frequent(e *termEntry) error {
	docs, imps := e.docs, e.imps
	rest := 0
	name := "p/" + FileKey(e.term)
	if top := ix.lim.top; len(docs) > top {
		if err := ix.write(name+".all.js", call("all", e.term, string(appendSet(nil, e.docs, len(ix.docs))))); err != nil {
			return err
		}
		docs, imps, rest = topPostings(docs, imps, top)
	}
	return ix.write(name+".js", call("postings", e.term, map[string]any{"top": string(appendPostings(nil, docs, imps)), "rest": rest}))
}

// topPostings returns the k postings with the highest impacts (ties to
// lower ids), in id order, and the mean impact of the others, rounded and
// at least 1. len(docs) must exceed k.
func topPostings(docs []uint32, imps []uint8, k int) ([]uint32, []uint8, int) {
	// Impacts are 1 … 63: all those above the threshold are kept, and
	// the first of those at the threshold.
	var count [64]int
	for _, im := range imps {
		count[im]++
	}
	threshold, above := uint8(63), 0
	for ; above+count[threshold] < k; threshold-- {
		above += count[threshold]
	}
	atThreshold := k - above
	topDocs, topImps := make([]uint32, 0, k), make([]uint8, 0, k)
	sum := 0
	for i, im := range imps {
		if im > threshold || im == threshold && atThreshold > 0 {
			if im == threshold {
				atThreshold--
			}
			topDocs, topImps = append(topDocs, docs[i]), append(topImps, im)
			continue
		}
		sum += int(im)
	}
	return topDocs, topImps, max(1, int(math.Round(float64(sum)/float64(len(docs)-k))))
}

// call is the script that calls annalsSearch.fn with args as JSON.
func call(fn string, args ...any) []byte {
	var b bytes.Buffer
	b.WriteString("annalsSearch." + fn + "(")
	for i, a := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonOf(a))
	}
	b.WriteString(");\n")
	return b.Bytes()
}

func jsonOf(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings, numbers, slices and maps of them
	}
	return data
}
