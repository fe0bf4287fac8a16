package build

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"html/template"

	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/graph"
	"github.com/annals-archive/annals/internal/parallel"
)

// Most pages are known by a key of what they are made from rather than
// by their view model (pageFrom), so that a rebuild neither builds the
// model of an unchanged page nor walks it by reflection: article pages
// (articleKey) and entity pages (entityKey). A key is written out field
// by field, and must change whenever the page would: the rebuild tests
// check, for every page they build, that one key never stands for two
// view models (checkKey).

// checkKey, set by tests, is told the key and the view model's
// fingerprint of every keyed page, made or not.
var checkKey func(pagePath string, key, model fingerprint.Sum)

// keyHash writes a key: each value with its length, so that no two
// sequences of values write the same bytes, into a buffer hashed once.
type keyHash struct{ b []byte }

func newKeyHash(what string) *keyHash {
	k := &keyHash{b: make([]byte, 0, 512)}
	k.str(what)
	return k
}

func (k *keyHash) str(s string) {
	k.b = binary.AppendUvarint(k.b, uint64(len(s)))
	k.b = append(k.b, s...)
}

func (k *keyHash) int(n int) { k.b = binary.AppendVarint(k.b, int64(n)) }

func (k *keyHash) sum(s fingerprint.Sum) { k.b = append(k.b, s[:]...) }

// sums writes the sums of the articles idx, with their number.
func (k *keyHash) sums(of []fingerprint.Sum, idx []int) {
	k.int(len(idx))
	for _, i := range idx {
		k.b = append(k.b, of[i][:]...)
	}
}

func (k *keyHash) done() fingerprint.Sum {
	full := sha256.Sum256(k.b)
	return fingerprint.Sum(full[:len(fingerprint.Sum{})])
}

// sumArticles fingerprints, once per build, each article's summary and
// all that a list of articles shows or counts of it (listed): its summary,
// and the entities it names with their pages.
func (s *siteBuild) sumArticles() {
	s.summarySums = make([]fingerprint.Sum, len(s.pages))
	s.listed = make([]fingerprint.Sum, len(s.pages))
	parallel.For(context.Background(), len(s.pages), func(i int) error {
		s.summarySums[i] = s.fp.Of(s.summaries[i])
		k := newKeyHash("listed")
		k.sum(s.summarySums[i])
		ents := s.pages[i].article.Entities
		k.int(len(ents))
		for j, e := range ents {
			k.str(string(e.Kind))
			k.str(e.Name)
			if l := s.pageLinks[i][j]; l != nil {
				k.str(l.path)
			} else {
				k.str("")
			}
		}
		s.listed[i] = k.done()
		return nil
	})
}

// entityKey sums up all that the pages of entity e are made from: what
// every page is made with, the entity and its page, and each article that
// mentions it as lists show and count it (listed), which gives the
// co-mentions, the timeline and the chart.
func (s *siteBuild) entityKey(e graph.EntityKey, folder, title, base string, desc template.HTML, feed string, idx []int) fingerprint.Sum {
	k := newKeyHash("entity page")
	k.sum(s.made)
	for _, v := range []string{string(e.Kind), e.Name, folder, title, base, string(desc), feed} {
		k.str(v)
	}
	k.int(s.cfg.PageSize)
	k.sums(s.listed, idx)
	return k.done()
}

// articleKey sums up all that the page of article i is made from, given
// the articles it links to: what every page is made with; the article's
// summary, address, author, origins and body; its entities, the names
// they go by and their pages; and the summaries of the articles it links
// to.
func (s *siteBuild) articleKey(i int, same, related []int, prev, next int) fingerprint.Sum {
	p := s.pages[i]
	a := &p.article
	k := newKeyHash("article page")
	k.sum(s.made)
	k.sum(s.summarySums[i])
	k.str(p.path)
	k.str(a.URL)
	k.str(a.Author)
	k.sum(p.body.sum)
	if len(a.Origins) > 0 {
		k.sum(fingerprint.Of(a.Origins))
	} else {
		k.sum(fingerprint.Sum{})
	}
	k.int(len(a.Entities))
	for j, e := range a.Entities {
		l := s.pageLinks[i][j]
		if l == nil {
			l = &entityLink{}
		}
		k.str(string(e.Kind))
		k.str(e.Name)
		k.str(l.path)
		for _, forms := range [][]string{e.Mentions, l.others} {
			k.int(len(forms))
			for _, f := range forms {
				k.str(f)
			}
		}
	}
	k.sums(s.summarySums, same)
	k.sums(s.summarySums, related)
	k.int(prev)
	k.int(next)
	for _, j := range []int{prev, next} {
		if j >= 0 {
			k.sum(s.summarySums[j])
		}
	}
	return k.done()
}
