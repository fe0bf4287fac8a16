package importer

import (
	"context"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

const (
	railway = "Arvenia and Kestrel Sign Railway Accord\n\nToriva, March 4 (ACNA) -- President Anselm Halvorsen and President Ilya Dorn signed the railway accord on Monday.\n\nThe line will run 412 kilometres between the capitals.\n"
	ferry   = "New Ferry Crosses the Grey Sea\n\n date 2024-05-02 The first ferry between Toriva and Port Orlen sailed on Thursday with 300 passengers.\n\nThe crossing takes nine hours.\n"
)

func newSite(t *testing.T, files map[string]string) afero.Fs {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for name, data := range files {
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

func importPaths(t *testing.T, fsys afero.Fs, paths ...string) (Summary, *diag.List) {
	t.Helper()
	var diags diag.List
	sum, err := Import(context.Background(), fsys, "site", paths, config.Default(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	return sum, &diags
}

// pages returns content path → page text of every article page.
func pages(t *testing.T, fsys afero.Fs) map[string]string {
	t.Helper()
	out := map[string]string{}
	afero.Walk(fsys, "site/content", func(p string, info fs.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := afero.ReadFile(fsys, p)
			out[strings.TrimPrefix(p, "site/content/")] = string(data)
		}
		return nil
	})
	return out
}

func TestImportIsIdempotent(t *testing.T) {
	fsys := newSite(t, map[string]string{"raw/railway.txt": railway, "raw/ferry.txt": ferry})
	sum, diags := importPaths(t, fsys, "raw")
	if sum.Imported != 2 || diags.HasErrors() {
		t.Fatalf("first import: %+v, %v", sum, diags.Sorted())
	}
	before := pages(t, fsys)
	if _, ok := before["articles/2024/05/02/new-ferry-crosses-the-grey-sea.md"]; !ok {
		t.Errorf("ferry page not at its dated path; pages: %v", slices.Sorted(maps.Keys(before)))
	}
	sum, _ = importPaths(t, fsys, "raw")
	if sum != (Summary{Unchanged: 2}) {
		t.Errorf("re-import: %+v, want 2 unchanged", sum)
	}
	if after := pages(t, fsys); !maps.Equal(before, after) {
		t.Error("re-importing the same inputs changed content/")
	}
}

func TestDuplicatesBecomeOneArticle(t *testing.T) {
	fsys := newSite(t, map[string]string{
		"raw/a.txt":         railway,
		"raw/topic/b.txt":   strings.ReplaceAll(railway, "Monday.", "Monday. "), // same text, other bytes
		"raw/copy-of-a.txt": railway,                                            // same bytes, other name
	})
	sum, _ := importPaths(t, fsys, "raw")
	if sum.Imported != 1 || sum.Duplicates != 2 {
		t.Fatalf("import: %+v, want 1 imported and 2 duplicates", sum)
	}
	all := pages(t, fsys)
	if len(all) != 1 {
		t.Fatalf("%d pages, want 1", len(all))
	}
	for _, page := range all {
		for _, origin := range []string{"file: a.txt", "file: topic/b.txt", "file: copy-of-a.txt"} {
			if !strings.Contains(page, origin) {
				t.Errorf("page does not record origin %q:\n%s", origin, page)
			}
		}
	}
}

func TestSameTitleAndDateBothKept(t *testing.T) {
	other := strings.Replace(ferry, "300 passengers", "a cargo of timber", 1)
	other = strings.Replace(other, "nine hours", "eleven hours", 1)
	fsys := newSite(t, map[string]string{"raw/1.txt": ferry, "raw/2.txt": other})
	sum, _ := importPaths(t, fsys, "raw")
	if sum.Imported != 2 {
		t.Fatalf("import: %+v, want 2 imported", sum)
	}
	all := pages(t, fsys)
	for _, p := range []string{
		"articles/2024/05/02/new-ferry-crosses-the-grey-sea.md",
		"articles/2024/05/02/new-ferry-crosses-the-grey-sea-2.md",
	} {
		if _, ok := all[p]; !ok {
			t.Errorf("missing %s; pages: %v", p, slices.Sorted(maps.Keys(all)))
		}
	}
	// The second keeps its address on re-import.
	importPaths(t, fsys, "raw")
	if !maps.Equal(all, pages(t, fsys)) {
		t.Error("re-import moved or changed a page")
	}
}

func TestHandEditIsNeverOverwritten(t *testing.T) {
	fsys := newSite(t, map[string]string{"raw/ferry.txt": ferry})
	importPaths(t, fsys, "raw")
	name := "site/content/articles/2024/05/02/new-ferry-crosses-the-grey-sea.md"
	data, _ := afero.ReadFile(fsys, name)
	edited := strings.Replace(string(data), "nine hours", "nine hours (corrected: ten)", 1)
	afero.WriteFile(fsys, name, []byte(edited), 0o644)

	// The input changes too, so import would refresh the page.
	afero.WriteFile(fsys, "raw/ferry.txt", []byte(ferry+"\nMore text.\n"), 0o644)
	sum, diags := importPaths(t, fsys, "raw")
	got, _ := afero.ReadFile(fsys, name)
	if string(got) != edited {
		t.Error("import overwrote a page edited by hand")
	}
	// The changed input is a new input; it is kept as its own article
	// (its text differs), and nothing is lost.
	if sum.Imported+sum.Conflicts+sum.Duplicates == 0 {
		t.Errorf("summary %+v: the changed input was neither imported nor reported", sum)
	}
	_ = diags
}

func TestHandEditConflictReported(t *testing.T) {
	fsys := newSite(t, map[string]string{"raw/ferry.txt": ferry})
	importPaths(t, fsys, "raw")
	name := "site/content/articles/2024/05/02/new-ferry-crosses-the-grey-sea.md"
	data, _ := afero.ReadFile(fsys, name)
	// A hand edit of the title only: the same input, re-imported, would
	// write another title back.
	edited := strings.Replace(string(data), "title: New Ferry Crosses the Grey Sea", "title: Ferry Service Opens", 1)
	afero.WriteFile(fsys, name, []byte(edited), 0o644)
	sum, diags := importPaths(t, fsys, "raw")
	if got, _ := afero.ReadFile(fsys, name); string(got) != edited {
		t.Error("import overwrote a page edited by hand")
	}
	if sum.Conflicts != 1 {
		t.Errorf("summary %+v, want 1 conflict", sum)
	}
	if !strings.Contains(diags.String(), "edited by hand") {
		t.Errorf("diagnostics do not report the conflict: %s", diags.String())
	}
}

func TestBadFilesReportedOthersImported(t *testing.T) {
	fsys := newSite(t, map[string]string{
		"raw/good.txt":     ferry,
		"raw/empty.txt":    "",
		"raw/binary.txt":   "\x00\x01\x02binary",
		"raw/cut.json":     `[{"title": "One", "date": "2024-01-02", "text": "A whole record."}, {"title": "Two", "te`,
		"raw/lines.jsonl":  "{\"title\": \"Fine\", \"date\": \"2024-01-03\", \"body\": \"A fine line.\"}\n{not json}\n",
		"raw/notes.pdf":    "%PDF",
		"raw/bad-fm.md":    "---\ntitle: [unclosed\n---\nBody.\n",
		"raw/no-text.json": `[{"title": "Empty"}]`,
	})
	sum, diags := importPaths(t, fsys, "raw")
	if sum.Imported != 3 {
		t.Errorf("imported %d, want 3 (good.txt, cut.json#1, lines.jsonl#1)", sum.Imported)
	}
	got := diags.String()
	for _, want := range []string{
		"raw/empty.txt: error: skipped: the file is empty",
		"raw/binary.txt: error: skipped: binary data",
		"raw/cut.json:1: error: record 2: the file ends in the middle of a record",
		"raw/lines.jsonl:2: error:",
		"raw/notes.pdf: warning: skipped: not a known input format",
		"raw/bad-fm.md:2: error:",
		"raw/no-text.json:1: warning: record 1: skipped: no article text",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q; got:\n%s", want, got)
		}
	}
}

func TestLongSlugsStayDistinct(t *testing.T) {
	title := strings.Repeat("Grey Sea Fisheries Council Session ", 4)
	one := title + "\n\n date 2024-05-02 The council met in Toriva on Thursday to set the herring quotas for the spring.\n"
	two := title + "\n\n date 2024-05-02 A second and quite different report on the meeting, about the cod quotas instead.\n"
	fsys := newSite(t, map[string]string{"raw/1.txt": one, "raw/2.txt": two})
	importPaths(t, fsys, "raw")
	slugs := map[string]bool{}
	for name := range pages(t, fsys) {
		slug := strings.TrimSuffix(name[strings.LastIndex(name, "/")+1:], ".md")
		if len(slug) > article.MaxSlugLen || article.Slug(slug) != slug {
			t.Errorf("slug %q is longer than %d bytes or not stable", slug, article.MaxSlugLen)
		}
		slugs[slug] = true
	}
	if len(slugs) != 2 {
		t.Errorf("slugs %v: want two distinct ones", slugs)
	}
}
