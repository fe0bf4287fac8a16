package search

import (
	"context"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/parallel"
)

// docChunk is how many documents one task of the document pass takes.
const docChunk = 64

// docPostings are a document's terms with their impacts, each packed as
// term id << 6 | impact.
type docPostings []uint32

// documents reads every document once, or recalls it: it finds the
// impacts of its terms and writes its result file. It returns each
// document's postings, by id.
func (ix *indexer) documents(ctx context.Context) ([]docPostings, error) {
	out := make([]docPostings, len(ix.docs))
	if m := ix.mem; m != nil {
		m.next = &Memory{keys: make([]fingerprint.Sum, len(ix.docs)), names: make([]string, len(ix.docs))}
		if m.old.Len() > 0 {
			m.remap = make([]int32, len(m.old.terms))
			for i, t := range m.old.terms {
				m.remap[i] = ix.vocab.id(t)
			}
		}
	}
	// parallel.For calls at most GOMAXPROCS functions at a time.
	workers := make(chan *docIndexer, runtime.GOMAXPROCS(0))
	for range cap(workers) {
		workers <- newDocIndexer(ix)
	}
	chunks := (len(ix.docs) + docChunk - 1) / docChunk
	err := parallel.For(ctx, chunks, func(c int) error {
		d := <-workers
		defer func() { workers <- d }()
		for id := c * docChunk; id < min((c+1)*docChunk, len(ix.docs)); id++ {
			ps, err := d.document(id)
			if err != nil {
				return err
			}
			out[id] = ps
			ix.docs[id].Text = "" // read once; freed as the index goes (Write)
		}
		return nil
	})
	return out, err
}

// docIndexer is one worker's state in the document pass. Its slices are
// indexed by term id and stamped with the document they hold values for,
// so they are never cleared.
type docIndexer struct {
	ix    *indexer
	cache *termCache
	stamp int32         // the document being indexed, + 1
	seen  []int32       // stamp when f holds the term's count in the document
	f     []float64     // the term's weighted count in the document
	have  []int32       // stamp when the term is in the title or the result's text
	terms []int32       // the ids of the document's terms, as first met
	names []*cachedName // the document's source, then its entities' names and aliases
	buf   []byte
}

func newDocIndexer(ix *indexer) *docIndexer {
	return &docIndexer{ix: ix, cache: newTermCache(ix.vocab)}
}

// document returns the postings of document id, from the memory of an
// earlier index when it has them, and writes its result file, or keeps
// the earlier index's.
func (d *docIndexer) document(id int) (docPostings, error) {
	doc := &d.ix.docs[id]
	m := d.ix.mem
	var key, from fingerprint.Sum
	var ps docPostings
	var names string
	recalled := false
	if m != nil && !doc.TextKey.IsZero() {
		// Known without the text, which is read only when needed.
		key = d.ix.memoryKey(doc)
		from = resultFrom(id, key)
		if ps, names, recalled = m.old.recall(key, m.remap); recalled {
			if kept, err := d.ix.keep(resultFile(id), from); err != nil || kept {
				m.next.keys[id], m.next.names[id] = key, names
				m.reused.Add(1)
				return ps, err
			}
		}
	}
	if doc.Read != nil {
		text, err := doc.Read()
		if err != nil {
			return nil, err
		}
		doc.Text, doc.Read = text, nil
	}
	if m == nil {
		ps, _, err := d.index(id, from)
		return ps, err
	}
	if key.IsZero() {
		key = d.ix.memoryKey(doc)
		ps, names, recalled = m.old.recall(key, m.remap)
	}
	m.next.keys[id] = key
	if recalled {
		m.reused.Add(1)
		m.next.names[id] = names
		x, _ := cutText(strings.TrimSpace(doc.Text), textLimit)
		return ps, d.writeResult(id, doc, x, names, from)
	}
	ps, names, err := d.index(id, from)
	m.next.names[id] = names
	return ps, err
}

// memoryKey is what a Memory knows a document by: all of it, with its
// TextKey for its text when it has one. The names of entities, which
// many documents share, are fingerprinted once each.
func (ix *indexer) memoryKey(doc *Doc) fingerprint.Sum {
	k := *doc
	k.Read = nil
	if !k.TextKey.IsZero() {
		k.Text = ""
	}
	return ix.names.Of(k)
}

// resultFrom is what a result file is made from: this program, the
// document's id and its memory key.
func resultFrom(id int, key fingerprint.Sum) fingerprint.Sum {
	return fingerprint.Of(fingerprint.Program(), "result", id, key)
}

// resultFile names the result file of document id.
func resultFile(id int) string {
	return "f/" + strconv.Itoa(id/perFolder) + "/" + strconv.Itoa(id) + ".js"
}

// index reads document id: it returns its postings and the names its
// result file lists besides its text, and writes that file.
func (d *docIndexer) index(id int, from fingerprint.Sum) (docPostings, string, error) {
	doc := &d.ix.docs[id]
	d.stamp = int32(id + 1)
	d.terms = d.terms[:0]
	dl := 0
	for sc := (wordScanner{s: doc.Title}); ; {
		start, end := sc.next()
		if start == end {
			break
		}
		if t := d.cache.word(doc.Title[start:end]); t >= 0 {
			d.add(t, titleWeight)
			d.have[t] = d.stamp
			dl++
		}
	}
	// The result's text is the body cut at cutAt; the terms of the body
	// before seenUpTo are those of the result's text up to there.
	text := strings.TrimSpace(doc.Text)
	x, cutAt := cutText(text, textLimit)
	seenUpTo := lastSpace(text, cutAt)
	for sc := (wordScanner{s: text}); ; {
		start, end := sc.next()
		if start == end {
			break
		}
		if t := d.cache.word(text[start:end]); t >= 0 {
			d.add(t, bodyWeight)
			if start < seenUpTo {
				d.have[t] = d.stamp
			}
			dl++
		}
	}
	d.markWords(text[seenUpTo:cutAt])
	// The source, then each entity's name and aliases, as names lists
	// them; an entity's names that differ only in case count once.
	d.names = append(d.names[:0], d.cache.name(doc.Source))
	for _, t := range d.names[0].ids {
		d.add(t, entityWeight)
	}
	for _, e := range doc.Entities {
		first := len(d.names)
		for k := -1; k < len(e.Aliases); k++ {
			s := e.Name
			if k >= 0 {
				s = e.Aliases[k]
			}
			n := d.cache.name(s)
			if !slices.ContainsFunc(d.names[first:], func(m *cachedName) bool { return m.lower == n.lower }) {
				for _, t := range n.ids {
					d.add(t, entityWeight)
				}
			}
			d.names = append(d.names, n)
		}
	}

	norm := k1 * (1 - b + b*float64(dl)/refLen)
	ps := make(docPostings, len(d.terms))
	for k, t := range d.terms {
		tf := d.f[t]
		ps[k] = uint32(t)<<6 | uint32(impact(tf*(k1+1)/(tf+norm)))
	}
	names := d.otherNames()
	return ps, names, d.writeResult(id, doc, x, names, from)
}

// add adds w to the weighted count of term t.
func (d *docIndexer) add(t int32, w float64) {
	d.grow(t)
	if d.seen[t] != d.stamp {
		d.seen[t] = d.stamp
		d.f[t] = 0
		d.terms = append(d.terms, t)
	}
	d.f[t] += w
}

// grow makes room for term t in the slices indexed by term.
func (d *docIndexer) grow(t int32) {
	if int(t) < len(d.seen) {
		return
	}
	n := max(2*len(d.seen), int(t)+1, 1024)
	d.seen = append(d.seen, make([]int32, n-len(d.seen))...)
	d.f = append(d.f, make([]float64, n-len(d.f))...)
	d.have = append(d.have, make([]int32, n-len(d.have))...)
}

// markWords marks the terms of text as in the result's text.
func (d *docIndexer) markWords(text string) {
	for sc := (wordScanner{s: text}); ; {
		start, end := sc.next()
		if start == end {
			return
		}
		if t := d.cache.word(text[start:end]); t >= 0 {
			d.grow(t)
			d.have[t] = d.stamp
		}
	}
}

// writeResult writes the result file of document id, whose text cut for
// the result is x and whose other names are names.
func (d *docIndexer) writeResult(id int, doc *Doc, x, names string, from fingerprint.Sum) error {
	date := ""
	if !doc.Date.IsZero() {
		date = doc.Date.String()
	}
	b := append(d.buf[:0], "annalsSearch.doc("...)
	b = strconv.AppendInt(b, int64(id), 10)
	// The keys in the order encoding/json writes a map's.
	for _, f := range [...]struct{ key, value string }{
		{`,{"d":`, date}, {`,"n":`, names}, {`,"s":`, doc.Source},
		{`,"t":`, doc.Title}, {`,"u":`, doc.Path}, {`,"x":`, x},
	} {
		b = append(b, f.key...)
		b = appendJSONString(b, f.value)
	}
	b = append(b, "});\n"...)
	d.buf = b
	return d.ix.writeFrom(resultFile(id), b, from)
}

// otherNames lists the index terms of the document's source and of the
// names and aliases of its people, places and organizations that its
// title and result text do not have, separated by spaces: the query side
// checks a result's words against them and its text.
func (d *docIndexer) otherNames() string {
	var out []byte
	for _, n := range d.names {
		for _, t := range n.ids {
			if d.grow(t); d.have[t] == d.stamp {
				continue
			}
			d.have[t] = d.stamp
			if len(out) > 0 {
				out = append(out, ' ')
			}
			out = append(out, d.ix.vocab.term(t)...)
		}
	}
	return string(out)
}

// cutText shortens text to at most n bytes, at a space when there is one
// in the last tenth, and returns it with the length of text it keeps.
func cutText(text string, n int) (string, int) {
	if len(text) <= n {
		return text, len(text)
	}
	i := n
	for i > 0 && text[i]&0xC0 == 0x80 {
		i--
	}
	if j := strings.LastIndexFunc(text[:i], unicode.IsSpace); j > n*9/10 {
		i = j
	}
	return strings.TrimSpace(text[:i]) + "…", i
}

// lastSpace returns i when text[i] is white space or i is the end of
// text, else the offset of the last white space before i, or 0. No word
// spans white space nor looks past it, so the words of text[:i] are those
// of text that start before lastSpace(text, i), then those of the rest.
func lastSpace(text string, i int) int {
	if i == len(text) {
		return i
	}
	if j := strings.LastIndexFunc(text[:i+1], unicode.IsSpace); j >= 0 {
		return j
	}
	return 0
}
