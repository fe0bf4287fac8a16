package build

import (
	"context"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
)

// changingFs is a file system on which one file is rewritten, longer, as
// it is opened for the nth time.
type changingFs struct {
	afero.Fs
	name string
	n    int

	mu    sync.Mutex
	opens int
}

func (c *changingFs) Open(name string) (afero.File, error) {
	if name == c.name {
		c.mu.Lock()
		c.opens++
		if c.opens == c.n {
			data, _ := afero.ReadFile(c.Fs, name)
			afero.WriteFile(c.Fs, name, append(data, "\n\nA paragraph added during the build.\n"...), 0o644)
		}
		c.mu.Unlock()
	}
	return c.Fs.Open(name)
}

// TestPageChangedDuringBuild checks that a build, which reads each body
// from its file when a stage needs it, stops with an error naming the
// page when the page changed after it was loaded, whichever stage reads
// it next, and publishes nothing.
func TestPageChangedDuringBuild(t *testing.T) {
	name := roundFile(7)
	// Loading opens the page once; the graph reads it twice, then the
	// article pages and the search index once each.
	for n := 2; n <= 5; n++ {
		fsys := &changingFs{Fs: benchSite(t, 30), name: name, n: n}
		var diags diag.List
		_, err := Build(context.Background(), fsys, Options{Site: "site", Theme: annals.Theme}, &diags)
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "changed while the site was being built") {
			t.Errorf("page changed at its open %d: the build's error is %v, want one naming %s as changed", n, err, name)
		}
		if ok, _ := afero.Exists(fsys, "site/build/index.html"); ok {
			t.Errorf("page changed at its open %d: the build published a site", n)
		}
	}
}

// TestBodiesNotInTheirFilesBytes checks that pages whose bodies parsing
// rewrites (Windows line ends, a byte-order mark), which the build holds
// in memory rather than reading again from their files, give the site
// the same pages with Unix line ends give.
func TestBodiesNotInTheirFilesBytes(t *testing.T) {
	unix := benchSite(t, 30)
	want, _ := run(t, unix, Options{})
	windows := afero.NewMemMapFs()
	afero.Walk(unix, "site", func(p string, info fs.FileInfo, err error) error {
		if info.IsDir() || strings.HasPrefix(p, "site/build") {
			return nil
		}
		data, _ := afero.ReadFile(unix, p)
		text := string(data)
		if strings.HasPrefix(p, "site/content/") {
			text = strings.ReplaceAll(text, "\n", "\r\n")
		}
		if strings.HasSuffix(p, "-3.md") {
			text = "\ufeff" + text
		}
		return afero.WriteFile(windows, p, []byte(text), 0o644)
	})
	for fsys, inFile := range map[afero.Fs]bool{unix: true, windows: false} {
		var diags diag.List
		pages, err := loadArticles(context.Background(), fsys, "site/content", &entity.Table{}, nil, false, &diags, nil)
		if err != nil || len(pages) != 30 {
			t.Fatalf("loaded %d pages: %v", len(pages), err)
		}
		for _, p := range pages {
			held := p.body.held != ""
			if p.body.inFile != inFile || held == inFile || p.article.Body != "" {
				t.Fatalf("%s: body in its file %v, held %d bytes; want in its file %v", p.file, p.body.inFile, len(p.body.held), inFile)
			}
		}
	}
	got, _ := run(t, windows, Options{})
	if got.Pages != want.Pages {
		t.Fatalf("%d pages, want %d", got.Pages, want.Pages)
	}
	a, b := files(t, unix, "site/build"), files(t, windows, "site/build")
	if !maps.Equal(a, b) {
		for _, name := range slices.Sorted(maps.Keys(a)) {
			if a[name] != b[name] {
				t.Errorf("%s differs from the site of the same pages with Unix line ends", name)
			}
		}
	}
}

// countingFs counts the opens of each file.
type countingFs struct {
	afero.Fs
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFs) Open(name string) (afero.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.Fs.Open(name)
}

// TestRebuildReadsOnlyWhatChanged checks that a rebuild with nothing
// changed takes what it knows of each page from the page cache, the graph
// from its state, the article pages from the earlier build and the search
// index from its memory and files, so that it opens no page at all; and
// that after one body changed only the graph reads the other pages, as it
// reads every text to weigh words by how many articles have them.
func TestRebuildReadsOnlyWhatChanged(t *testing.T) {
	mem := benchSite(t, 30)
	old := time.Now().Add(-time.Hour)
	afero.Walk(mem, "site/content", func(p string, info fs.FileInfo, err error) error {
		return mem.Chtimes(p, old, old)
	})
	// The first build fills the state; the second stages into an empty
	// spare; the third into the first's tree.
	for range 2 {
		run(t, mem, Options{})
	}
	fsys := &countingFs{Fs: mem, opens: map[string]int{}}
	res, _ := run(t, fsys, Options{})
	if res.Reused != res.Pages || res.Written != 0 {
		t.Fatalf("nothing changed, yet %d of %d pages made and %d files written", res.Pages-res.Reused, res.Pages, res.Written)
	}
	for i := range 30 {
		if n := fsys.opens[roundFile(i)]; n != 0 {
			t.Errorf("nothing changed, yet %s opened %d times", roundFile(i), n)
		}
	}

	data, _ := afero.ReadFile(mem, roundFile(7))
	afero.WriteFile(mem, roundFile(7), append(data, "\nA sentence more.\n"...), 0o644)
	fsys.opens = map[string]int{}
	run(t, fsys, Options{})
	for i := range 30 {
		n := fsys.opens[roundFile(i)]
		if i == 7 && n < 3 || i != 7 && n != 2 {
			t.Errorf("after a body changed, %s opened %d times", roundFile(i), n)
		}
	}
}
