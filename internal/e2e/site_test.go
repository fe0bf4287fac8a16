package e2e

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/cli"
)

// moduleRoot returns the folder of go.mod, searching up from the test's
// working directory.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// copySite copies the repository's archive (content/, annals.toml and
// entities.toml) into a temporary site and returns its folder.
func copySite(t testing.TB) string {
	t.Helper()
	root := moduleRoot(t)
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(filepath.Join(site, "content"), os.DirFS(filepath.Join(root, "content"))); err != nil {
		t.Fatalf("copying content/: %v", err)
	}
	for _, name := range []string{"annals.toml", "entities.toml"} {
		if data, err := os.ReadFile(filepath.Join(root, name)); err == nil {
			if err := os.WriteFile(filepath.Join(site, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	return site
}

// buildSite builds a copy of the repository's archive with `annals build`
// and returns the output folder. Extra arguments go to the build command.
func buildSite(t testing.TB, extra ...string) string {
	t.Helper()
	return buildAt(t, copySite(t), extra...)
}

// importExamples makes a new archive with `annals init`, imports the
// example raw articles (examples/raw) into it and returns its folder.
func importExamples(t testing.TB) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	annals(t, "init", site)
	annals(t, "import", "--site", site, filepath.Join(moduleRoot(t), "examples", "raw"))
	return site
}

// buildAt builds the site with `annals build` into a temporary folder and
// returns it.
func buildAt(t testing.TB, site string, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "build")
	annals(t, append([]string{"build", "--site", site, "--out", out}, extra...)...)
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatalf("the build has no home page: %v", err)
	}
	return out
}

// annals runs the command line in-process on the real file system and
// fails the test unless it exits 0.
func annals(t testing.TB, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), args, cli.Stdio{Out: &stdout, Err: &stderr}, afero.NewOsFs())
	if code != 0 {
		t.Fatalf("annals %q exited %d\nstdout:\n%s\nstderr:\n%s", args, code, &stdout, &stderr)
	}
	t.Logf("annals %s: %s%s", args[0], &stdout, &stderr)
}

// articlePath matches the address of an article page relative to the site
// root: YYYY/MM/DD/<slug>/index.html or undated/<slug>/index.html.
var articlePath = regexp.MustCompile(`(^|/)(\d{4}/\d{2}/\d{2}|undated)/[^/]+/index\.html$`)

// articlePages lists the article pages of a build, as slash paths relative
// to its root.
func articlePages(t testing.TB, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); articlePath.MatchString(rel) {
			pages = append(pages, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}
