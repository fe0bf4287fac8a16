package cli

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
)

// packSite makes an archive with init and three articles, the newest of
// 2024-05-02, one undated, and an empty day folder after them.
func packSite(t *testing.T, fsys afero.Fs) {
	t.Helper()
	mustRun(t, fsys, "init", "grey", "--title", "Grey Sea Archive")
	for name, text := range map[string]string{
		"2023/11/30/harbour-reopens.md":    "---\ntitle: The Harbour Reopens\ndate: 2023-11-30\npeople: [Ilya Dorn]\n---\n\nIlya Dorn opened the harbour of Toriva.\n",
		"2024/05/02/a-new-ferry.md":        "---\ntitle: A New Ferry Crosses the Grey Sea\ndate: 2024-05-02\npeople: [Ilya Dorn]\n---\n\nThe ferry sailed at dawn.\n",
		"undated/what-the-bridge-means.md": "---\ntitle: What the Bridge Means\n---\n\nA bridge is a promise.\n",
	} {
		afero.WriteFile(fsys, "grey/content/articles/"+name, []byte(text), 0o644)
	}
	fsys.MkdirAll("grey/content/articles/2024/06/01", 0o755)
}

func readZip(t *testing.T, fsys afero.Fs, name string) ([]byte, *zip.Reader) {
	t.Helper()
	data, err := afero.ReadFile(fsys, name)
	if err != nil {
		t.Fatalf("no zip: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s does not open as a zip: %v", name, err)
	}
	return data, zr
}

func TestPackWritesTheSiteAsOneZip(t *testing.T) {
	fsys := afero.NewMemMapFs()
	packSite(t, fsys)
	out := mustRun(t, fsys, "pack", "--site", "grey", "--out", "copies/grey-sea.zip")
	if !strings.Contains(out, "built 3 articles") || !strings.Contains(out, "into copies/grey-sea.zip") || !strings.Contains(out, "open grey-sea/index.html") {
		t.Errorf("pack's output does not say what it built and packed:\n%s", out)
	}
	_, zr := readZip(t, fsys, "copies/grey-sea.zip")
	names := map[string]bool{}
	day := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
	for _, f := range zr.File {
		names[f.Name] = true
		if !strings.HasPrefix(f.Name, "grey-sea/") {
			t.Errorf("%s lies outside the zip's one top folder grey-sea/", f.Name)
		}
		if !f.Modified.Equal(day) {
			t.Errorf("%s is dated %v, want the day of the newest article, %v", f.Name, f.Modified, day)
		}
	}
	for _, want := range []string{
		"grey-sea/index.html",
		"grey-sea/README.txt",
		"grey-sea/search/index.html",
		"grey-sea/search/engine.js",
		"grey-sea/archive/index.html",
		"grey-sea/2024/05/02/a-new-ferry/index.html",
		"grey-sea/undated/what-the-bridge-means/index.html",
		"grey-sea/people/ilya-dorn/index.html",
	} {
		if !names[want] {
			t.Errorf("the zip lacks %s", want)
		}
	}
	if info, err := fsys.Stat("copies/grey-sea.zip"); err != nil {
		t.Fatal(err)
	} else if info.Mode().Perm() != 0o644 {
		t.Errorf("the zip's permissions are %v, want -rw-r--r--", info.Mode())
	}
	entries, _ := afero.ReadDir(fsys, "copies")
	if len(entries) != 1 {
		var left []string
		for _, e := range entries {
			left = append(left, e.Name())
		}
		t.Errorf("copies/ holds %q, want only grey-sea.zip", left)
	}
}

// TestPackIsDeterministic packs twice, the second time after a rebuild
// that reuses the first build's state: the zips are byte-identical.
func TestPackIsDeterministic(t *testing.T) {
	fsys := afero.NewMemMapFs()
	packSite(t, fsys)
	mustRun(t, fsys, "pack", "--site", "grey", "--out", "a/grey.zip")
	mustRun(t, fsys, "build", "--site", "grey")
	mustRun(t, fsys, "pack", "--site", "grey", "--out", "b/grey.zip")
	a, _ := readZip(t, fsys, "a/grey.zip")
	b, _ := readZip(t, fsys, "b/grey.zip")
	if !bytes.Equal(a, b) {
		t.Errorf("two packs of the same archive differ (%d and %d bytes)", len(a), len(b))
	}
}

func TestPackNamesTheZipAfterTheArchive(t *testing.T) {
	fsys := afero.NewMemMapFs()
	packSite(t, fsys)
	mustRun(t, fsys, "pack", "--site", "grey")
	_, zr := readZip(t, fsys, "grey.zip")
	if zr.File[0].Name != "grey/" {
		t.Errorf("the zip's first entry is %s, want the folder grey/", zr.File[0].Name)
	}
}

func TestPackErrors(t *testing.T) {
	fsys := afero.NewMemMapFs()
	packSite(t, fsys)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"pack", "--site", "grey", "--out", "grey.tar"}, ExitUsage, "--out must name a .zip file"},
		{[]string{"pack", "--site", "grey", "--out", "grey/build/copy.zip"}, ExitUsage, "inside the output folder grey/build"},
		{[]string{"pack", "--site", "grey", "extra"}, ExitUsage, "pack takes no arguments"},
		{[]string{"pack", "--site", "nowhere", "--out", "nowhere.zip"}, ExitFailure, "nowhere is not an archive folder"},
	} {
		code, _, errOut := runCLI(t, fsys, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("annals %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tc.args, " "), code, errOut, tc.code, tc.want)
		}
	}
	for _, name := range []string{"grey.tar", "grey/build/copy.zip", "nowhere.zip"} {
		if _, err := fsys.Stat(name); err == nil {
			t.Errorf("a failed pack wrote %s", name)
		}
	}
}

func TestNewestDay(t *testing.T) {
	for _, tc := range []struct {
		files []string
		want  string
	}{
		{[]string{"2023/11/30/a.md", "2024/05/02/b.md", "2024/04/30/c.md"}, "2024-05-02"},
		{[]string{"2023/11/30/a.md", "2024/05/02/notes.txt", "2024/06/x/a.md"}, "2023-11-30"},
		{[]string{"2023/01/09/a.md", "2023/01/10/b.md", "undated/c.md", "9999/13/01/d.md"}, "2023-01-10"},
		{[]string{"undated/c.md"}, ""},
		{nil, ""},
	} {
		fsys := afero.NewMemMapFs()
		for _, f := range tc.files {
			afero.WriteFile(fsys, "content/articles/"+f, nil, 0o644)
		}
		got := ""
		if d := newestDay(fsys, "content/articles"); !d.IsZero() {
			got = d.Format(time.DateOnly)
		}
		if got != tc.want {
			t.Errorf("newestDay(%q) = %q, want %q", tc.files, got, tc.want)
		}
	}
}
