package render_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals"
	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/render"
	"github.com/annals-archive/annals/internal/theme"
)

func newRenderer(b *testing.B) *render.Renderer {
	r, err := render.New(theme.New(afero.NewMemMapFs(), "site", annals.Theme))
	if err != nil {
		b.Fatal(err)
	}
	return r
}

var site = &render.Site{Title: "Herring Coast Gazette archive", Language: "en", Stylesheet: "css/annals.css"}

// summaries returns n articles as lists show them.
func summaries(n int) []*render.Summary {
	list := make([]*render.Summary, n)
	for i := range list {
		list[i] = &render.Summary{
			Title:  fmt.Sprintf("Trawler fleet returns to Kestrel Bay with record catch, part %d", i),
			Date:   article.Date{Year: 2024, Month: 3, Day: 1 + i%28},
			Source: "Herring Coast Gazette",
			Path:   fmt.Sprintf("2024/03/%02d/trawler-fleet-returns-%d/", 1+i%28, i),
			Lead:   "The fleet came home on Tuesday with the largest catch of herring since the harbour reopened, the harbour master said.",
		}
	}
	return list
}

// BenchmarkRenderTerm renders an entity page listing one article, the
// most common page of a large archive.
func BenchmarkRenderTerm(b *testing.B) {
	benchTerm(b, 1)
}

// BenchmarkRenderTerm50 renders a full page of an entity's articles.
func BenchmarkRenderTerm50(b *testing.B) {
	benchTerm(b, 50)
}

func benchTerm(b *testing.B, n int) {
	r := newRenderer(b)
	p := &render.Page{
		Kind: render.KindTerm, Section: "places", Title: "Kestrel Bay", Path: "places/kestrel-bay/", Site: site,
		List: summaries(n), Total: n, Pager: &render.Pager{Number: 1, Count: 1},
		Crumbs: []*render.Link{{Text: "Places", Path: "places/"}},
		Entity: &render.Entity{Name: "Kestrel Bay", Kind: "place", Key: "kestrel-bay", Count: n,
			First: article.Date{Year: 2024, Month: 3, Day: 1}, Last: article.Date{Year: 2024, Month: 3, Day: 28}},
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := r.Render(&buf, p); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
