package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/corpus"
)

// corpusInputs returns the KCNA corpus file and the seeds folder
// (../shared/seeds beside the corpora folder), or skips the test when
// either is absent.
func corpusInputs(t testing.TB) (kcna, seeds string) {
	t.Helper()
	dir, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipped: %v", err)
	}
	kcna = filepath.Join(dir, filepath.FromSlash(corpus.KCNAFile))
	seeds = filepath.Join(filepath.Dir(dir), "seeds")
	for _, p := range []string{kcna, seeds} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("skipped: the shared corpora folder %s lacks %s: %v", dir, p, err)
		}
	}
	return kcna, seeds
}

// seedsSite makes a new archive and imports the seeds into it.
func seedsSite(t testing.TB) string {
	t.Helper()
	_, seeds := corpusInputs(t)
	site := filepath.Join(t.TempDir(), "site")
	annals(t, "init", site)
	annals(t, "import", "--site", site, seeds)
	return site
}

// TestCorpusSiteLinks walks every link of an archive imported from the
// KCNA corpus and the seeds, as TestSiteLinks does for the example archive.
// The archive is imported once and built twice: without and with a base URL.
func TestCorpusSiteLinks(t *testing.T) {
	kcna, seeds := corpusInputs(t)
	site := filepath.Join(t.TempDir(), "site")
	annals(t, "init", site)
	annals(t, "import", "--site", site, kcna, seeds)

	for _, tc := range []struct{ name, baseURL string }{
		{"kcna", ""},
		{"kcna-with-base-url", "https://archive.example/kcna/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkBuild(t, site, tc.baseURL)
		})
	}
}

// TestSeedsSameStory imports the five seeds, two of which (000 and 003)
// report the same event, and checks that only their pages link each other
// under "Same story, other reports".
func TestSeedsSameStory(t *testing.T) {
	site := seedsSite(t)
	c := newChecker(t, buildAt(t, site), "")
	byOrigin := map[string]string{} // seed file name prefix → page
	articles := contentPages(t, site)
	for _, cp := range articles {
		for _, o := range cp.article.Origins {
			id, _, _ := strings.Cut(filepath.Base(o.File), "_")
			byOrigin[id] = cp.page
		}
	}
	if len(articles) != 5 {
		t.Errorf("the five seeds made %d articles, want 5", len(articles))
	}
	a, b := byOrigin["000"], byOrigin["003"]
	if a == "" || b == "" || a == b {
		t.Fatalf("seeds 000 and 003 made the pages %q and %q; want two articles", a, b)
	}
	want := map[string]string{a: b, b: a}
	for _, cp := range articles {
		var got []string
		for _, l := range c.pages[cp.page].sameStory {
			if target, _, internal, err := c.resolve(l); err == nil && internal {
				got = append(got, target)
			}
		}
		if w, ok := want[cp.page]; ok {
			if !slices.Equal(got, []string{w}) {
				t.Errorf("%s: section.samestory links to %q, want only %s", cp.page, got, w)
			}
		} else if c.pages[cp.page].hasSameStory {
			t.Errorf("%s: has a section.samestory linking to %q, want none", cp.page, got)
		}
	}
	t.Logf("seed 000 is %s, seed 003 is %s", a, b)
}
