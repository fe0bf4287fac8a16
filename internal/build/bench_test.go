package build

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals"
	"github.com/annals-archive/annals/internal/diag"
)

// benchSite writes n fictional articles, a few a day over two years, each
// naming some of a small cast of people, places and organizations, to a
// new in-memory file system.
func benchSite(b testing.TB, n int) afero.Fs {
	b.Helper()
	people := []string{"Ilse Marran", "Tomas Verrin", "Oda Kestrel", "Piet Halvor", "Runa Sell"}
	places := []string{"Toriva", "Port Orlen", "Vask", "Kestrel Bay", "Grey Sea"}
	orgs := []string{"Harbour Board", "Fishers' Union", "Toriva Council", "Coast Guard"}
	fsys := afero.NewMemMapFs()
	for i := range n {
		day := i / 3
		y, m, d := 2023+day/336, 1+day/28%12, 1+day%28
		title := fmt.Sprintf("%s meets %s in %s, round %d", people[i%5], orgs[i%4], places[i%5], i)
		var body strings.Builder
		for p := range 6 {
			fmt.Fprintf(&body, "%s said on day %d that the %s would hear from %s about the catch in %s, paragraph %d of the report.\n\n",
				people[(i+p)%5], day, orgs[(i+p)%4], people[(i+p+1)%5], places[(i+p)%5], p)
		}
		page := fmt.Sprintf("---\ntitle: %q\ndate: %04d-%02d-%02d\nsource: Herring Coast Gazette\npeople: [%q, %q]\nplaces: [%q]\norganizations: [%q]\n---\n\n%s",
			title, y, m, d, people[i%5], people[(i+1)%5], places[i%5], orgs[i%4], body.String())
		name := roundFile(i)
		if err := afero.WriteFile(fsys, name, []byte(page), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	afero.WriteFile(fsys, "site/annals.toml", []byte("title = \"Herring Coast\"\nbase_url = \"https://example.org/herring/\"\n"), 0o644)
	return fsys
}

// roundFile is the content file of benchSite's article i.
func roundFile(i int) string {
	day := i / 3
	return fmt.Sprintf("site/content/articles/%04d/%02d/%02d/round-%d.md", 2023+day/336, 1+day/28%12, 1+day%28, i)
}

// BenchmarkBuild builds a 1,000-article archive in memory: load, graph,
// every page, search index and feeds. The first build writes every file;
// later ones find the files unchanged in the spare.
func BenchmarkBuild(b *testing.B) {
	fsys := benchSite(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.List
		res, err := Build(context.Background(), fsys, Options{Site: "site", Theme: annals.Theme}, &diags)
		if err != nil || diags.HasErrors() {
			b.Fatal(err, diags.Sorted())
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}
