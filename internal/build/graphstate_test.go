package build

import (
	"fmt"
	"io"
	"maps"
	"path"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/graph"
	"github.com/annals-archive/annals/internal/publish"
)

// TestGraphState checks that a build keeps its graph under the key of
// its articles, and that a state that is damaged, or that holds under the
// right key what is not a graph of these articles, is ignored: the graph
// is computed again, the site is a fresh build's, and the state is whole
// again.
func TestGraphState(t *testing.T) {
	fsys := benchSite(t, 40)
	name := path.Join(publish.StateDir("site/build"), graphStateFile)
	keyed := func() bool {
		t.Helper()
		data := readState(fsys, name, graphStateHeader)
		return data != nil
	}
	sameAsFresh := func(step string) {
		t.Helper()
		run(t, fsys, Options{Out: "fresh"})
		if got, want := files(t, fsys, "site/build"), files(t, fsys, "fresh"); !maps.Equal(got, want) {
			t.Errorf("%s: the build differs from a fresh one", step)
		}
		if !keyed() {
			t.Errorf("%s: no graph state after the build", step)
		}
	}
	run(t, fsys, Options{})
	if !keyed() {
		t.Fatal("a build kept no graph state")
	}

	data, _ := afero.ReadFile(fsys, name)
	data[len(data)/2] ^= 1
	afero.WriteFile(fsys, name, data, 0o644)
	if keyed() {
		t.Fatal("a damaged graph state was read")
	}
	run(t, fsys, Options{})
	sameAsFresh("after a damaged state")

	// Under this archive's key, the graph of other docs.
	res, diags := run(t, fsys, Options{})
	if diags.HasErrors() || res.Articles != 40 {
		t.Fatalf("%d articles, %v", res.Articles, diags.Sorted())
	}
	data = readState(fsys, name, graphStateHeader)
	other, _ := graph.New(make([]graph.Doc, 3)).AppendBinary(nil)
	writeState(fsys, name, graphStateHeader, func(w io.Writer) error {
		_, err := w.Write(append(data[:32:32], other...))
		return err
	})
	run(t, fsys, Options{})
	sameAsFresh("after the graph of other docs")

}

// TestGraphKey checks that the key of the graph's state changes with
// everything the graph reads of the articles, and only with that.
func TestGraphKey(t *testing.T) {
	pages := func() []*page {
		var out []*page
		for i := range 3 {
			p := &page{file: fmt.Sprint("a", i)}
			p.article = article.Article{
				Title: fmt.Sprint("Title ", i), Date: article.DateOf(time.Date(2024, 3, 10+i, 0, 0, 0, 0, time.UTC)),
				Source: "Gazette", Entities: []article.Entity{{Kind: article.Person, Name: "Ilse Marran"}, {Kind: article.Place, Name: "Toriva"}},
			}
			p.body.sum = fingerprint.Of("body", i)
			out = append(out, p)
		}
		return out
	}
	base := graphKey(pages())
	if graphKey(pages()) != base {
		t.Fatal("the same articles give two keys")
	}
	for _, c := range []struct {
		what   string
		change func([]*page) []*page
		same   bool
	}{
		{"a body", func(ps []*page) []*page { ps[1].body.sum = fingerprint.Of("other"); return ps }, false},
		{"a title", func(ps []*page) []*page { ps[1].article.Title += "!"; return ps }, false},
		{"a date", func(ps []*page) []*page { ps[1].article.Date = article.Date{}; return ps }, false},
		{"an entity's name", func(ps []*page) []*page { ps[1].article.Entities[1].Name = "Vask"; return ps }, false},
		{"an entity's kind", func(ps []*page) []*page { ps[1].article.Entities[1].Kind = article.Organization; return ps }, false},
		{"an entity more", func(ps []*page) []*page {
			ps[1].article.Entities = append(ps[1].article.Entities, article.Entity{Kind: article.Place, Name: "Vask"})
			return ps
		}, false},
		{"a title's end moved into the next field", func(ps []*page) []*page {
			ps[0].article.Title, ps[0].article.Entities[0].Name = "Title", " 0Ilse Marran"
			return ps
		}, false},
		{"the order", func(ps []*page) []*page { ps[0], ps[1] = ps[1], ps[0]; return ps }, false},
		{"an article less", func(ps []*page) []*page { return ps[:2] }, false},
		{"the source", func(ps []*page) []*page { ps[1].article.Source = "Other"; return ps }, true},
		{"the file", func(ps []*page) []*page { ps[1].file = "moved"; return ps }, true},
	} {
		if got := graphKey(c.change(pages())) == base; got != c.same {
			t.Errorf("%s changed: same key %v, want %v", c.what, got, c.same)
		}
	}
}
