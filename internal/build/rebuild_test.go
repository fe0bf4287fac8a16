package build

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/publish"
	"github.com/annals-archive/annals/internal/search"
)

// files reads every file under dir, by path relative to it.
func files(t *testing.T, fsys afero.Fs, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(fsys, p)
		out[strings.TrimPrefix(p, dir+"/")] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRebuildReusesUnchangedPages changes an archive step by step and
// checks after each step that the rebuild made only the pages whose
// inputs changed, and that its output is byte for byte a fresh build's.
func TestRebuildReusesUnchangedPages(t *testing.T) {
	checkKeys(t)
	fsys := benchSite(t, 150)
	rebuild := func(step string) Result {
		t.Helper()
		res, diags := run(t, fsys, Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", step, diags.Sorted())
		}
		fresh, _ := run(t, fsys, Options{Out: "fresh/" + strings.ReplaceAll(step, " ", "-")})
		if fresh.Reused != 0 {
			t.Fatalf("%s: a build into a new folder reused %d pages", step, fresh.Reused)
		}
		got, want := files(t, fsys, "site/build"), files(t, fsys, "fresh/"+strings.ReplaceAll(step, " ", "-"))
		if !maps.Equal(got, want) {
			var diff []string
			for name := range maps.Keys(want) {
				if got[name] != want[name] {
					diff = append(diff, name)
				}
			}
			for name := range maps.Keys(got) {
				if _, ok := want[name]; !ok {
					diff = append(diff, name+" (extra)")
				}
			}
			slices.Sort(diff)
			t.Fatalf("%s: the rebuild differs from a fresh build in %d files: %.10q", step, len(diff), diff)
		}
		return res
	}

	// The second build has no spare to stage into: it takes every page
	// from the output instead of making it. Then nothing changed: every
	// page is reused, nothing written.
	rebuild("first")
	if res := rebuild("second"); res.Reused != res.Pages || res.Written != res.Files {
		t.Errorf("second: reused %d of %d pages, wrote %d of %d files", res.Reused, res.Pages, res.Written, res.Files)
	}
	res := rebuild("unchanged")
	if res.Reused != res.Pages || res.Written != 0 {
		t.Errorf("unchanged: reused %d of %d pages, wrote %d files", res.Reused, res.Pages, res.Written)
	}

	// One article's body: its page is made again, and the pages that
	// quote its lead; not the hundreds of others.
	step := func(name string, change func(), minMade, maxMade int) {
		t.Helper()
		change()
		res := rebuild(name)
		if made := res.Pages - res.Reused; made < minMade || made > maxMade {
			t.Errorf("%s: made %d of %d pages, want %d to %d", name, made, res.Pages, minMade, maxMade)
		}
		// The next build stages into the tree from before the change, and
		// copies what changed from the output rather than make it again.
		if res = rebuild(name + " again"); res.Reused != res.Pages {
			t.Errorf("%s, the next build: made %d pages, want none", name, res.Pages-res.Reused)
		}
		if res = rebuild(name + " once more"); res.Reused != res.Pages || res.Written != 0 {
			t.Errorf("%s, a third build: made %d pages and wrote %d files, want none", name, res.Pages-res.Reused, res.Written)
		}
	}
	edit := func(i int, old, new string) func() {
		return func() {
			data, err := afero.ReadFile(fsys, roundFile(i))
			if err != nil || !strings.Contains(string(data), old) {
				t.Fatalf("%s has no %q (%v)", roundFile(i), old, err)
			}
			afero.WriteFile(fsys, roundFile(i), []byte(strings.Replace(string(data), old, new, 1)), 0o644)
		}
	}
	pages := res.Pages
	step("last paragraph edited", edit(40, "paragraph 5 of the report.", "paragraph 5 of the corrected report."), 1, 1)
	step("lead edited", edit(41, "paragraph 0 of the report.", "paragraph 0 of the revised report."), 2, pages/4)
	step("title edited", edit(42, `round 42"`, `round 42, revised"`), 2, pages/4)
	step("article added", func() {
		data, _ := afero.ReadFile(fsys, roundFile(43))
		afero.WriteFile(fsys, "site/content/articles/2023/01/15/extra.md", []byte(strings.Replace(string(data), "round 43", "an extra round", 1)), 0o644)
	}, 2, pages/2)
	step("article removed", func() { fsys.Remove(roundFile(44)) }, 2, pages/2)
	step("entity added", edit(45, `places: ["Toriva"]`, `places: ["Toriva", "Vask"]`), 2, pages/2)
	step("address added", edit(46, "source: Herring Coast Gazette\n", "source: Herring Coast Gazette\noriginal_url: https://example.org/gazette/46\n"), 1, 1)
	step("author added", edit(46, "source: Herring Coast Gazette\n", "source: Herring Coast Gazette\nauthor: A. Netter\n"), 1, 1)
	step("origin added", edit(46, "source: Herring Coast Gazette\n", "source: Herring Coast Gazette\norigin:\n  - file: raw/46.txt\n"), 1, 1)
	step("entity description written", func() {
		afero.WriteFile(fsys, "site/content/people/runa-sell/_index.md", []byte("A skipper of the *Grey Sea* fleet.\n"), 0o644)
	}, 2, 2) // the two pages of Runa Sell's list
	step("template overridden", func() {
		afero.WriteFile(fsys, "site/templates/single.html", []byte(`{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Article.Body }}{{ end }}`), 0o644)
	}, pages, pages)
	step("site title changed", func() {
		afero.WriteFile(fsys, "site/annals.toml", []byte("title = \"Herring Coast Archive\"\nbase_url = \"https://example.org/herring/\"\n"), 0o644)
	}, pages, pages)
	// Lists of 20 instead of 50: more pages, of which those of the lists.
	step("page size changed", func() {
		afero.WriteFile(fsys, "site/annals.toml", []byte("title = \"Herring Coast Archive\"\nbase_url = \"https://example.org/herring/\"\npage_size = 20\n"), 0o644)
	}, 2, 2*pages)
}

// TestPageCache checks that a rebuild reads what it parsed before only
// for pages whose file is unchanged, and that a damaged cache is ignored.
func TestPageCache(t *testing.T) {
	fsys := benchSite(t, 30)
	// The pages were written just now: age them past the window in which
	// a change could go unseen.
	old := time.Now().Add(-time.Hour)
	afero.Walk(fsys, "site/content", func(p string, info fs.FileInfo, err error) error {
		return fsys.Chtimes(p, old, old)
	})
	want, _ := run(t, fsys, Options{Out: "first"})
	cache := openPageCache(fsys, "site/build")
	if len(cache.old) != 0 {
		t.Fatal("a cache before the first build")
	}
	run(t, fsys, Options{})
	cache = openPageCache(fsys, "site/build")
	if len(cache.old) != 30 {
		t.Fatalf("the cache holds %d pages, want 30", len(cache.old))
	}

	// An edit keeping the size and time of the file would go unseen; one
	// that changes either is seen.
	name := roundFile(7)
	data, _ := afero.ReadFile(fsys, name)
	edited := strings.Replace(string(data), "round 7", "round 8", 1)
	afero.WriteFile(fsys, name, []byte(edited), 0o644)
	fsys.Chtimes(name, old, old.Add(time.Second))
	res, _ := run(t, fsys, Options{})
	if res.Pages != want.Pages {
		t.Fatalf("%d pages, want %d", res.Pages, want.Pages)
	}
	if got := files(t, fsys, "site/build"); !strings.Contains(got["2023/01/03/round-7/index.html"], "round 8 · Herring Coast</title>") {
		t.Error("the edited page was not read again")
	}

	// A damaged cache: the build parses every page and gives the same site.
	cacheFile := path.Join(publish.StateDir("site/build"), pageCacheFile)
	data, _ = afero.ReadFile(fsys, cacheFile)
	data[len(data)/2] ^= 1
	afero.WriteFile(fsys, cacheFile, data, 0o644)
	if c := openPageCache(fsys, "site/build"); c.old != nil {
		t.Error("a damaged cache was read")
	}
	afero.WriteFile(fsys, name, data[:0], 0o644) // and a page that no longer parses
	var diags diag.List
	if _, err := Build(context.Background(), fsys, Options{Site: "site", Theme: annals.Theme}, &diags); err != nil || !diags.HasErrors() {
		t.Errorf("an empty page: err %v, diagnostics %v", err, diags.Sorted())
	}
}

// TestFirstBuildOnDisk builds a new archive on the operating system's
// file system, where folders must exist before files are written in them.
func TestFirstBuildOnDisk(t *testing.T) {
	dir := t.TempDir()
	fsys := afero.NewBasePathFs(afero.NewOsFs(), dir)
	mem := benchSite(t, 5)
	afero.Walk(mem, "site", func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, _ := afero.ReadFile(mem, p)
		fsys.MkdirAll(path.Dir(p), 0o755)
		return afero.WriteFile(fsys, p, data, 0o644)
	})
	old := time.Now().Add(-time.Hour)
	afero.Walk(fsys, "site/content", func(p string, info fs.FileInfo, err error) error {
		return fsys.Chtimes(p, old, old)
	})
	for i := range 2 {
		res, diags := run(t, fsys, Options{})
		if diags.HasErrors() || res.Articles != 5 {
			t.Fatalf("build %d: %d articles, %v", i+1, res.Articles, diags.Sorted())
		}
	}
	if c := openPageCache(fsys, "site/build"); len(c.old) != 5 {
		t.Errorf("the cache on disk holds %d pages, want 5", len(c.old))
	}
}

// TestSearchMemory checks that a build keeps what the search index read
// of each article, that a rebuild takes it, and that a damaged memory is
// ignored: the index is then read afresh, and the same.
func TestSearchMemory(t *testing.T) {
	fsys := benchSite(t, 30)
	name := path.Join(publish.StateDir("site/build"), searchMemoryFile)
	memory := func() *search.Memory {
		t.Helper()
		data := readState(fsys, name, searchMemoryHeader)
		if data == nil {
			return nil
		}
		var m search.Memory
		if err := m.UnmarshalBinary(data); err != nil {
			t.Fatalf("the search memory does not decode: %v", err)
		}
		return &m
	}
	run(t, fsys, Options{})
	if m := memory(); m.Len() != 30 {
		t.Fatalf("after a build, the search memory holds %d articles, want 30", m.Len())
	}
	afero.WriteFile(fsys, roundFile(31), []byte("---\ntitle: Herring quota round 31\ndate: 2023-03-01\n---\nThe last round.\n"), 0o644)
	run(t, fsys, Options{})
	if m := memory(); m.Len() != 31 {
		t.Fatalf("after an article is added, the search memory holds %d articles, want 31", m.Len())
	}

	data, _ := afero.ReadFile(fsys, name)
	data[len(data)/2] ^= 1
	afero.WriteFile(fsys, name, data, 0o644)
	if memory() != nil {
		t.Fatal("a damaged search memory was read")
	}
	run(t, fsys, Options{})
	run(t, fsys, Options{Out: "fresh"})
	if got, want := files(t, fsys, "site/build"), files(t, fsys, "fresh"); !maps.Equal(got, want) {
		t.Error("after a damaged search memory, the build differs from a fresh one")
	}
	if m := memory(); m.Len() != 31 {
		t.Errorf("after a damaged one, the search memory holds %d articles, want 31", m.Len())
	}
}

// TestStateWrittenWholeOrNotAtAll checks that a state file whose body
// fails to be written leaves the previous file as it was, and no
// temporary file.
func TestStateWrittenWholeOrNotAtAll(t *testing.T) {
	fsys := afero.NewMemMapFs()
	name := "site/.build.annals/test.state"
	put := func(body string, err error) error {
		return writeState(fsys, name, "test state\n", func(w io.Writer) error {
			w.Write([]byte(body))
			return err
		})
	}
	if err := put("first", nil); err != nil {
		t.Fatal(err)
	}
	broken := errors.New("cut short")
	if err := put(strings.Repeat("second", 1<<15), broken); !errors.Is(err, broken) {
		t.Fatalf("a body that fails: %v, want %v", err, broken)
	}
	if got := readState(fsys, name, "test state\n"); string(got) != "first" {
		t.Errorf("after a failed write the state reads %.20q, want the previous %q", got, "first")
	}
	if ok, _ := afero.Exists(fsys, name+".tmp"); ok {
		t.Error("a failed write left its temporary file")
	}
}

// TestEntityTableChangesReachCachedPages checks that the page cache keeps
// the entities each page names, not what the site's entities.toml made of
// them: a change of the table, undone, reaches pages the cache holds.
func TestEntityTableChangesReachCachedPages(t *testing.T) {
	checkKeys(t)
	fsys := benchSite(t, 30)
	old := time.Now().Add(-time.Hour)
	afero.Walk(fsys, "site/content", func(p string, info fs.FileInfo, err error) error {
		return fsys.Chtimes(p, old, old)
	})
	table := "ignore = [\"Vask\"]\n\n[[person]]\nname = \"Ilse Marran-Tell\"\naliases = [\"Ilse Marran\"]\n"
	// Then an alias only: the names Tomas Verrin goes by in the texts,
	// which his links are found by, change, and nothing else.
	alias := "[[person]]\nname = \"Tomas Verrin\"\naliases = [\"Skipper Verrin\"]\n"
	for _, step := range []string{"renamed", "as written", "alias added"} {
		switch step {
		case "renamed":
			afero.WriteFile(fsys, "site/entities.toml", []byte(table), 0o644)
		case "alias added":
			afero.WriteFile(fsys, "site/entities.toml", []byte(alias), 0o644)
		default:
			fsys.Remove("site/entities.toml")
		}
		for range 2 {
			run(t, fsys, Options{})
		}
		if c := openPageCache(fsys, "site/build"); len(c.old) != 30 {
			t.Fatalf("%s: the cache holds %d pages, want 30", step, len(c.old))
		}
		fresh := "fresh/" + strings.ReplaceAll(step, " ", "-")
		run(t, fsys, Options{Out: fresh})
		got, want := files(t, fsys, "site/build"), files(t, fsys, fresh)
		if !maps.Equal(got, want) {
			t.Errorf("%s: the build with a page cache differs from a fresh build", step)
		}
		_, renamed := got["people/ilse-marran-tell/index.html"]
		_, vask := got["places/vask/index.html"]
		if renamed != (step == "renamed") || vask == (step == "renamed") {
			t.Errorf("%s: page of Ilse Marran-Tell %v, of Vask %v", step, renamed, vask)
		}
	}
}

// checkKeys fails t if, in any build it runs, the key of a page stands
// for two view models: a key that left out something its page is made
// from, so that the page would be kept when it changed.
func checkKeys(t *testing.T) {
	var mu sync.Mutex
	models := map[fingerprint.Sum]string{}
	checkKey = func(pagePath string, key, model fingerprint.Sum) {
		mu.Lock()
		defer mu.Unlock()
		if old, ok := models[key]; ok && old != model.String() {
			t.Errorf("%s: one key, two view models", pagePath)
		}
		models[key] = model.String()
	}
	t.Cleanup(func() { checkKey = nil })
}
