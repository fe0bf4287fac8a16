package importer

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// renameFails is a file system whose renames of pages into place fail
// from the failAt-th on.
type renameFails struct {
	afero.Fs
	failAt int64
	n      atomic.Int64
}

var errDiskFull = errors.New("no space left on device")

func (f *renameFails) Rename(from, to string) error {
	if strings.HasSuffix(from, ".md.tmp") && f.n.Add(1) >= f.failAt {
		return errDiskFull
	}
	return f.Fs.Rename(from, to)
}

// TestFailedWriteStopsTheImport checks that a page that cannot be written
// ends the import with an error naming it, that no half-written page is
// left, and that the inputs after it are not all read and written anyway.
func TestFailedWriteStopsTheImport(t *testing.T) {
	files := map[string]string{}
	const n = 400
	for i := range n {
		files[fmt.Sprintf("raw/%03d.txt", i)] = fmt.Sprintf("Harbour Notice Number %d\n\n date 2024-05-%02d Notice %d: the harbour of Toriva opens berth %d to the herring fleet.\n", i, 1+i%28, i, i)
	}
	fsys := &renameFails{Fs: newSite(t, files), failAt: 5}
	var diags diag.List
	_, err := Import(context.Background(), fsys, "site", []string{"raw"}, config.Default(), &diags)
	if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "site/content/articles/") {
		t.Fatalf("Import = %v, want the rename's error naming the page", err)
	}
	written := 0
	afero.Walk(fsys, "site/content", func(p string, info os.FileInfo, err error) error {
		switch {
		case err != nil || info.IsDir():
		case path.Ext(p) == ".tmp":
			t.Errorf("%s left behind", p)
		default:
			written++
		}
		return nil
	})
	if written >= n/2 {
		t.Errorf("%d of %d pages written after the first failure: the import went on", written, n)
	}
	t.Logf("%d pages written before the import stopped", written)
}

// TestPageChangedDuringImportIsKept checks that a page import must write
// again (here, to record another origin) but which changed on disk since
// import read it is reported, not overwritten.
func TestPageChangedDuringImportIsKept(t *testing.T) {
	fsys := newSite(t, map[string]string{"raw/a.txt": railway})
	importPaths(t, fsys, "raw")
	var name string
	for p := range pages(t, fsys) {
		name = "site/content/" + p
	}
	afero.WriteFile(fsys, "raw/b.txt", []byte(strings.ReplaceAll(railway, "Monday.", "Monday. ")), 0o644)

	var diags diag.List
	ar, err := openArchive(fsys, "site/content", &diags)
	if err != nil {
		t.Fatal(err)
	}
	items, err := Extract(context.Background(), fsys, []string{"raw/b.txt"}, config.Default().Import.Fields, &diags)
	if err != nil || len(items) != 1 {
		t.Fatalf("Extract = %d items, %v", len(items), err)
	}
	var sum Summary
	ar.add(items[0], &sum, &diags)
	if sum.Duplicates != 1 {
		t.Fatalf("add: %+v, want the input recorded as a duplicate", sum)
	}
	edited := "---\ntitle: Railway Accord\n---\n\nRewritten while the import ran.\n"
	afero.WriteFile(fsys, name, []byte(edited), 0o644)
	if err := ar.write(&sum, &diags); err == nil || !strings.Contains(err.Error(), name+" changed during the import") {
		t.Errorf("write = %v, want an error naming %s", err, name)
	}
	if data, _ := afero.ReadFile(fsys, name); string(data) != edited {
		t.Errorf("the page changed during the import was overwritten:\n%s", data)
	}
}

// cancelAfter is a file system that cancels an import once it has put n
// pages in place.
type cancelAfter struct {
	afero.Fs
	n      int64
	cancel func()
	done   atomic.Int64
}

func (f *cancelAfter) Rename(from, to string) error {
	err := f.Fs.Rename(from, to)
	if strings.HasSuffix(from, ".md.tmp") && f.done.Add(1) == f.n {
		f.cancel()
	}
	return err
}

// TestInterruptedImportCompletes cancels an import after some of its pages
// are written, then imports again: content/ ends as one uninterrupted
// import leaves it, duplicates that came after the cut recorded on pages
// written before it.
func TestInterruptedImportCompletes(t *testing.T) {
	files := map[string]string{}
	const n = 300
	for i := range n {
		files[fmt.Sprintf("raw/a%03d.txt", i)] = fmt.Sprintf("Harbour Notice Number %d\n\n date 2024-05-%02d Notice %d: the harbour of Toriva opens berth %d to the herring fleet.\n", i, 1+i%28, i, i)
	}
	// Duplicates of the first notices' texts, read last: other bytes, the
	// same text.
	for i := range 10 {
		files[fmt.Sprintf("raw/z%03d.txt", i)] = fmt.Sprintf("Harbour Notice Number %d\n\n date 2024-05-%02d Notice %d:  the harbour of Toriva opens berth %d to the herring fleet.\n", i, 1+i%28, i, i)
	}
	whole := newSite(t, files)
	importPaths(t, whole, "raw")
	want := pages(t, whole)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cut := &cancelAfter{Fs: newSite(t, files), n: 40, cancel: cancel}
	var diags diag.List
	if _, err := Import(ctx, cut, "site", []string{"raw"}, config.Default(), &diags); !errors.Is(err, context.Canceled) {
		t.Fatalf("Import = %v, want it cancelled", err)
	}
	got := pages(t, cut)
	if len(got) == 0 || len(got) >= len(want) {
		t.Fatalf("the cancelled import left %d of %d pages: the test cut nothing", len(got), len(want))
	}
	// A page written before the cut may lack an origin found after it;
	// its text is whole.
	for name, page := range got {
		if w, ok := want[name]; !ok || pageBody(page) != pageBody(w) {
			t.Errorf("%s is not a page of the uninterrupted import, or not a whole one:\n%s", name, page)
		}
	}
	t.Logf("the cancelled import left %d of %d pages", len(got), len(want))

	sum, _ := importPaths(t, cut, "raw")
	if sum.Unchanged+sum.Imported+sum.Duplicates != n+10 {
		t.Errorf("the import after the cut: %+v, for %d inputs", sum, n+10)
	}
	if after := pages(t, cut); !maps.Equal(after, want) {
		for name := range want {
			if after[name] != want[name] {
				t.Errorf("%s differs from the uninterrupted import's:\n%s\nwant:\n%s", name, after[name], want[name])
				break
			}
		}
	}
}

// pageBody is a page without its front matter.
func pageBody(page string) string {
	_, body, _ := strings.Cut(strings.TrimPrefix(page, "---\n"), "\n---\n")
	return body
}
