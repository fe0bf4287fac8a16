package build

import (
	"bytes"
	"crypto/sha256"
	"io"
	"path"

	"github.com/annals-archive/annals/internal/graph"
)

// The graph's state file keeps what the last build's graph learned from
// the texts (graph.Graph.AppendBinary) under the key of what it was made
// from. A build whose articles give the graph the same key, as after a
// change to templates, settings or static files or no change at all,
// restores the graph from it and reads no text; any other computes it
// anew and keeps the new one.
const (
	graphStateFile   = "graph.state"
	graphStateHeader = "annals graph state\n" // the graph's bytes have their own version
)

// graphKey is the SHA-256 of everything about pages, in order, that the
// graph reads: each article's date, entities and title, and its body,
// which its sum stands for.
func graphKey(pages []*page) [sha256.Size]byte {
	h := sha256.New()
	var k keyHash
	for _, p := range pages {
		a := &p.article
		k.b = k.b[:0]
		k.int(a.Date.Year)
		k.int(int(a.Date.Month))
		k.int(a.Date.Day)
		k.str(a.Title)
		k.sum(p.body.sum)
		k.int(len(a.Entities))
		for _, e := range a.Entities {
			k.str(string(e.Kind))
			k.str(e.Name)
		}
		h.Write(k.b)
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// linkArticles returns the graph of the articles: restored from the state
// when it was made from the same, computed and kept otherwise.
func (s *siteBuild) linkArticles() (*graph.Graph, error) {
	docs := graphDocs(s.pages)
	key := graphKey(s.pages)
	name := path.Join(s.state, graphStateFile)
	if data := readState(s.fsys, name, graphStateHeader); len(data) > len(key) && bytes.Equal(data[:len(key)], key[:]) {
		if g, err := graph.Restore(docs, data[len(key):]); err == nil {
			return g, nil
		}
	}
	g, err := graph.Read(docs, func(i int) (string, error) { return s.pages[i].readText(s.fsys) })
	if err != nil {
		return nil, err
	}
	err = writeState(s.fsys, name, graphStateHeader, func(w io.Writer) error {
		if _, err := w.Write(key[:]); err != nil {
			return err
		}
		data, err := g.AppendBinary(nil)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	return g, err
}
