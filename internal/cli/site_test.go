package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// copyDir copies the OS folder src into dst on fsys.
func copyDir(t *testing.T, fsys afero.Fs, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return afero.WriteFile(fsys, filepath.ToSlash(filepath.Join(dst, rel)), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sharedDir returns a folder of ../shared beside the repository, or skips
// the test where it is absent.
func sharedDir(t *testing.T, elem ...string) string {
	t.Helper()
	dir := filepath.Join(append([]string{"..", "..", "..", "shared"}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("skipping: %s is absent (the shared corpora sit beside the repository in CI)", dir)
	}
	return dir
}

// runCLI runs the command line on fsys and returns its exit status and
// output.
func runCLI(t *testing.T, fsys afero.Fs, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, Stdio{Out: &out, Err: &errOut}, fsys)
	return code, out.String(), errOut.String()
}

func mustRun(t *testing.T, fsys afero.Fs, args ...string) string {
	t.Helper()
	code, out, errOut := runCLI(t, fsys, args...)
	if code != ExitOK {
		t.Fatalf("annals %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// articlePages lists the article pages of a build: every index.html under
// a year folder or under undated/.
func articlePages(t *testing.T, fsys afero.Fs, out string) []string {
	t.Helper()
	var pages []string
	afero.Walk(fsys, out, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Name() != "index.html" {
			return err
		}
		rel := strings.TrimPrefix(p, out+"/")
		parts := strings.Split(rel, "/")
		if len(parts) == 5 && len(parts[0]) == 4 || len(parts) == 3 && parts[0] == "undated" {
			pages = append(pages, rel)
		}
		return nil
	})
	slices.Sort(pages)
	return pages
}

func TestExampleArchiveInMemory(t *testing.T) {
	fsys := afero.NewMemMapFs()
	copyDir(t, fsys, filepath.Join("..", "..", "examples", "raw"), "raw")
	mustRun(t, fsys, "init", "site")
	out := mustRun(t, fsys, "import", "--site", "site", "raw")
	if !strings.Contains(out, "imported 17, updated 0, unchanged 0, duplicates 1") {
		t.Errorf("import summary: %s", out)
	}
	mustRun(t, fsys, "build", "--site", "site")
	pages := articlePages(t, fsys, "site/build")
	if len(pages) != 17 {
		t.Errorf("%d article pages, want 17: %v", len(pages), pages)
	}
	for _, p := range []string{
		"2023/02/14/arvenia-and-kestrel-open-talks-on-a-cross-border-railway/index.html",
		"2023/06/09/dorn-proposes-a-rail-bridge-over-the-selva-at-merrin/index.html",
		"2023/09/21/surveyors-map-the-route-between-toriva-and-vaske/index.html",
		"2024/05/17/grey-sea-fisheries-council-opens-spring-session-in-toriva/index.html",
		"undated/what-the-selva-bridge-means-for-merrin/index.html",
	} {
		if !slices.Contains(pages, p) {
			t.Errorf("no article page %s", p)
		}
	}
	home, _ := afero.ReadFile(fsys, "site/build/index.html")
	if n := strings.Count(string(home), `<a class="title"`); n != 17 {
		t.Errorf("home page lists %d articles, want 17", n)
	}
}

// TestRepositoryContentIsCurrent checks that content/ is exactly what
// importing examples/raw into an empty archive gives, so the example
// archive never drifts from its inputs or from the importer.
func TestRepositoryContentIsCurrent(t *testing.T) {
	fsys := afero.NewMemMapFs()
	copyDir(t, fsys, filepath.Join("..", "..", "examples", "raw"), "raw")
	mustRun(t, fsys, "import", "--site", "site", "raw")
	want := map[string]string{}
	afero.Walk(fsys, "site/content", func(p string, info fs.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := afero.ReadFile(fsys, p)
			want[strings.TrimPrefix(p, "site/content/")] = string(data)
		}
		return nil
	})
	got := map[string]string{}
	root := filepath.Join("..", "..", "content")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			got[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	for name, data := range want {
		if got[name] != data {
			t.Errorf("content/%s differs from a fresh import of examples/raw", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("content/%s is not what importing examples/raw gives", name)
		}
	}
	if t.Failed() {
		t.Log("regenerate it: rm -r content/articles && go run ./cmd/annals import examples/raw")
	}
}

func TestSeedsBuildFiveArticles(t *testing.T) {
	seeds := sharedDir(t, "seeds")
	fsys := afero.NewMemMapFs()
	copyDir(t, fsys, seeds, "seeds")
	mustRun(t, fsys, "init", "site")
	mustRun(t, fsys, "import", "--site", "site", "seeds")
	mustRun(t, fsys, "build", "--site", "site")
	if pages := articlePages(t, fsys, "site/build"); len(pages) != 5 {
		t.Errorf("%d article pages from the five seeds, want 5: %v", len(pages), pages)
	}
}
