package importer

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/diag"
)

// importedBodies runs pages through import's reading and extraction (HTML
// extraction, then cleaning) and returns each page's article, by index.
func importedBodies(t *testing.T, pages []corpus.HTMLPage) []Item {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for _, p := range pages {
		afero.WriteFile(fsys, "pages/"+p.ID+".html", p.HTML, 0o644)
	}
	var diags diag.List
	items, err := Extract(context.Background(), fsys, []string{"pages"}, config.Default().Import.Fields, &diags)
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]Item{}
	for _, it := range items {
		byFile[it.Raw.Origin.File] = it
	}
	out := make([]Item, len(pages))
	for i, p := range pages {
		out[i] = byFile[p.ID+".html"]
	}
	return out
}

// TestZyteImportedBodies scores the bodies import writes for the pages of
// the article-extraction benchmark against its gold article text:
//
//	go test -run TestZyteImportedBodies -v ./internal/importer/
func TestZyteImportedBodies(t *testing.T) {
	dir := corporaDir(t)
	pages, err := corpus.Zyte(dir)
	if err != nil {
		t.Fatal(err)
	}
	items := importedBodies(t, pages)
	ms := make([]corpus.Match, len(pages))
	for i, p := range pages {
		ms[i] = corpus.ShingleMatch(p.Body, items[i].Article.Body)
	}
	precision, recall, f1 := corpus.Scores(ms)
	t.Logf("Zyte, %d pages, imported bodies: precision %.3f recall %.3f F1 %.3f", len(pages), precision, recall, f1)
	if f1 < 0.96 {
		t.Errorf("F1 %.3f, want >= 0.96", f1)
	}
}

// TestL3SImportedBodies reports body F1 and headline accuracy of import on
// L3S-GN1's news pages.
func TestL3SImportedBodies(t *testing.T) {
	dir := corporaDir(t)
	pages, err := corpus.L3S(dir)
	if err != nil {
		t.Fatal(err)
	}
	items := importedBodies(t, pages)
	ms := make([]corpus.Match, len(pages))
	withHeadline, titleOK := 0, 0
	for i, p := range pages {
		ms[i] = corpus.ShingleMatch(p.Body, items[i].Article.Body)
		if p.Headline == "" {
			continue
		}
		withHeadline++
		for line := range strings.SplitSeq(p.Headline, "\n") {
			if sameWords(items[i].Article.Title, line) {
				titleOK++
				break
			}
		}
	}
	precision, recall, f1 := corpus.Scores(ms)
	accuracy := float64(titleOK) / float64(withHeadline)
	t.Logf("L3S-GN1, %d pages, imported bodies: precision %.3f recall %.3f F1 %.3f; headline accuracy %.3f (%d of %d)",
		len(pages), precision, recall, f1, accuracy, titleOK, withHeadline)
	// Floors: measured values less a margin.
	if f1 < 0.90 || accuracy < 0.75 {
		t.Errorf("body F1 %.3f (floor 0.90), headline accuracy %.3f (floor 0.75)", f1, accuracy)
	}
}

// sameWords compares two titles by their words, without regard to case;
// L3S turned characters outside Latin-1 into "?", which match any word
// character.
func sameWords(got, gold string) bool {
	g, w := strings.Fields(strings.ToLower(got)), strings.Fields(strings.ToLower(gold))
	if len(g) != len(w) {
		return false
	}
	for i := range g {
		a, b := []rune(g[i]), []rune(w[i])
		if len(a) != len(b) {
			return false
		}
		for j := range a {
			if a[j] != b[j] && b[j] != '?' {
				return false
			}
		}
	}
	return true
}
