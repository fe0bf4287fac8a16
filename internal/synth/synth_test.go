package synth

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/clean"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/importer"
)

var (
	loadOnce sync.Once
	loaded   *Corpora
	loadErr  error
)

// corpora loads the shared corpora once for all tests (under the race
// detector, an eighth of Reuters-21578), or skips the test when the folder
// is absent. corpus.Dir finds it beside the module root (found by walking
// up to go.mod), or at $ANNALS_CORPORA.
func corpora(t *testing.T) *Corpora {
	t.Helper()
	dir, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	loadOnce.Do(func() {
		every := 1
		if raceDetector {
			every = 8
		}
		loaded, loadErr = load(dir, every)
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

// generate writes n articles into raw/ of a new in-memory file system.
func generate(t *testing.T, n int, seed uint64, perFile int) (afero.Fs, []File) {
	t.Helper()
	fsys := afero.NewMemMapFs()
	files, err := Write(fsys, "raw", corpora(t), Options{N: n, Seed: seed, PerFile: perFile})
	if err != nil {
		t.Fatal(err)
	}
	return fsys, files
}

// records reads back every article of files, in order.
func records(t *testing.T, fsys afero.Fs, files []File) []Article {
	t.Helper()
	var out []Article
	for _, f := range files {
		data, err := afero.ReadFile(fsys, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(data)) != f.Bytes {
			t.Errorf("%s: %d bytes, reported %d", f.Path, len(data), f.Bytes)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		n := 0
		for sc.Scan() {
			var a Article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatalf("%s line %d: %v", f.Path, n+1, err)
			}
			out = append(out, a)
			n++
		}
		if n != f.Articles {
			t.Errorf("%s: %d records, reported %d", f.Path, n, f.Articles)
		}
	}
	return out
}

func concat(t *testing.T, fsys afero.Fs, files []File) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, f := range files {
		data, err := afero.ReadFile(fsys, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s\n", f.Path)
		b.Write(data)
	}
	return b.Bytes()
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	n := 500
	if raceDetector {
		n = 90
	}
	fs1, files1 := generate(t, n, 7, n/3)
	fs2, files2 := generate(t, n, 7, n/3)
	fs3, files3 := generate(t, n, 8, n/3)
	a, b, c := concat(t, fs1, files1), concat(t, fs2, files2), concat(t, fs3, files3)
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different bytes")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 7 and 8 gave the same bytes")
	}
	// The file size does not change the articles.
	fs4, files4 := generate(t, n, 7, n)
	if !slices.Equal(records(t, fs1, files1), records(t, fs4, files4)) {
		t.Error("the articles depend on how many a file holds")
	}
}

func TestCountsAndNames(t *testing.T) {
	t.Parallel()
	fsys, files := generate(t, 23, 1, 10)
	want := []File{{Path: "raw/articles-0001.jsonl", Articles: 10}, {Path: "raw/articles-0002.jsonl", Articles: 10}, {Path: "raw/articles-0003.jsonl", Articles: 3}}
	if len(files) != len(want) {
		t.Fatalf("files = %+v", files)
	}
	for i, f := range files {
		if f.Path != want[i].Path || f.Articles != want[i].Articles || f.Bytes == 0 {
			t.Errorf("file %d = %+v, want %s with %d articles", i, f, want[i].Path, want[i].Articles)
		}
	}
	if got := len(records(t, fsys, files)); got != 23 {
		t.Errorf("%d articles, want 23", got)
	}
	entries, _ := afero.ReadDir(fsys, "raw")
	if len(entries) != 3 {
		t.Errorf("raw/ holds %d files, want 3", len(entries))
	}
	if _, files := generate(t, 0, 1, 0); len(files) != 0 {
		t.Errorf("N=0 wrote %d files", len(files))
	}
}

// TestArticles checks uniqueness, dates, sources and noise on a few
// thousand articles.
func TestArticles(t *testing.T) {
	t.Parallel()
	n := 3000
	if raceDetector || testing.Short() {
		n = 300
	}
	fsys, files := generate(t, n, 1, 0)
	arts := records(t, fsys, files)
	if len(arts) != n {
		t.Fatalf("%d articles, want %d", len(arts), n)
	}
	first := time.Date(FirstYear, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(LastYear, 12, 31, 0, 0, 0, 0, time.UTC)
	mid := first.Add(last.Sub(first) / 2)
	raw, cleaned := map[uint64]int{}, map[uint64]int{}
	sources := map[string]int{}
	early, late := 0, 0
	var repeated, prefixed, teased int
	for i, a := range arts {
		d, err := time.Parse(time.DateOnly, a.Date)
		if err != nil || d.Before(first) || d.After(last) {
			t.Errorf("article %d: date %q out of range (%v)", i, a.Date, err)
		}
		if d.Before(mid) {
			early++
		} else {
			late++
		}
		sources[a.Source]++
		if a.Title == "" || strings.TrimSpace(a.Text) == "" || !strings.HasPrefix(a.URL, "https://") {
			t.Errorf("article %d lacks a title, text or URL: %+v", i, a)
		}
		// Bodies differ after case and spacing are normalised, and still
		// after cleaning (TestImport checks that under the race detector).
		k := keyOf([]string{a.Text})
		if j, ok := raw[k]; ok {
			t.Errorf("articles %d and %d have the same text", j, i)
		}
		raw[k] = i
		if !raceDetector {
			k = keyOf([]string{clean.Text(a.Text).Body})
			if j, ok := cleaned[k]; ok {
				t.Errorf("articles %d and %d have the same cleaned text", j, i)
			}
			cleaned[k] = i
		}
		lines := strings.SplitN(a.Text, "\n", 3)
		switch {
		case len(lines) > 1 && lines[0] == a.Title && lines[1] == a.Title:
			repeated++
		case strings.HasSuffix(lines[0], a.Title) && len(lines[0]) > len(a.Title):
			prefixed++
		}
		if strings.Contains(a.Text, "\nAlso Read: ") {
			teased++
		}
	}
	for _, s := range []string{"KCNA", "Reuters", "BBC News"} {
		if sources[s] < n/10 {
			t.Errorf("%d articles from %s of %d: %v", sources[s], s, n, sources)
		}
	}
	if len(sources) != 3 {
		t.Errorf("sources = %v", sources)
	}
	if late <= early {
		t.Errorf("%d articles in the later half of the range, %d in the earlier: want more recent ones", late, early)
	}
	for name, got := range map[string]int{"repeated titles": repeated, "date prefixes": prefixed, "teaser lines": teased} {
		if got < n/100 || got > n/5 {
			t.Errorf("%d of %d articles have %s; want a small share", got, n, name)
		}
	}
}

// TestImport imports generated articles with the real importer: every one
// becomes its own page, with the declared date and source and the noise
// removed.
func TestImport(t *testing.T) {
	t.Parallel()
	const n = 300
	fsys, files := generate(t, n, 3, 100)
	byOrigin := map[string]Article{}
	for i, a := range records(t, fsys, files) {
		byOrigin[fmt.Sprintf("%s#%d", path.Base(files[i/100].Path), i%100+1)] = a
	}
	var diags diag.List
	sum, err := importer.Import(context.Background(), fsys, "site", []string{"raw"}, config.Default(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags.Sorted() {
		t.Errorf("import: %v", d)
	}
	if sum.Imported != n || sum.Duplicates != 0 || sum.Updated != 0 || sum.Unchanged != 0 {
		t.Errorf("import summary = %+v, want %d imported and nothing else", sum, n)
	}
	pages := 0
	err = afero.Walk(fsys, "site/content/articles", func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		pages++
		data, err := afero.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		page, err := content.Parse(data)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		got := page.Article
		if len(got.Origins) != 1 {
			t.Errorf("%s: %d origins", p, len(got.Origins))
			return nil
		}
		want, ok := byOrigin[got.Origins[0].String()]
		if !ok {
			t.Errorf("%s: unknown origin %v", p, got.Origins[0])
			return nil
		}
		if got.Date.String() != want.Date || got.Source != want.Source || got.URL != want.URL {
			t.Errorf("%s: date %s, source %q, URL %q; want %s, %q, %q", p, got.Date, got.Source, got.URL, want.Date, want.Source, want.URL)
		}
		body := clean.Unescape(got.Body)
		if strings.Contains(body, "Also Read") || strings.HasPrefix(body, want.Title) ||
			strings.Contains(body, want.Date) || strings.Contains(body, " -0-") {
			t.Errorf("%s: noise left in the body:\n%s", p, body)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages != n {
		t.Errorf("%d pages written, want %d", pages, n)
	}
}
