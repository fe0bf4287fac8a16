package publish

import (
	"testing"

	"github.com/spf13/afero"
)

func TestCommitSwapsInTheNewBuild(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "site/build/old.html", []byte("old"), 0o644)
	w, err := Begin(fsys, "site/build")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"index.html": "home", "2024/01/02/a/index.html": "a"} {
		if err := w.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	// Until Commit, the old build is what readers see.
	if ok, _ := afero.Exists(fsys, "site/build/index.html"); ok {
		t.Error("a staged file is visible before Commit")
	}
	stats, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if stats.Files != 2 || stats.Bytes != 5 {
		t.Errorf("stats = %+v, want 2 files, 5 bytes", stats)
	}
	for name, want := range map[string]bool{
		"site/build/index.html": true, "site/build/2024/01/02/a/index.html": true,
		"site/build/old.html": false, "site/build.new": false, "site/build.old": false,
	} {
		if ok, _ := afero.Exists(fsys, name); ok != want {
			t.Errorf("%s exists: %v, want %v", name, ok, want)
		}
	}
}

func TestAbortKeepsTheOldBuild(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "build/index.html", []byte("old"), 0o644)
	w, _ := Begin(fsys, "build")
	w.Write("index.html", []byte("new"))
	w.Abort()
	if data, _ := afero.ReadFile(fsys, "build/index.html"); string(data) != "old" {
		t.Errorf("build/index.html = %q after Abort, want the old build", data)
	}
	if ok, _ := afero.Exists(fsys, "build.new"); ok {
		t.Error("Abort left the staging folder")
	}
}

func TestBeginRecoversAnInterruptedSwap(t *testing.T) {
	fsys := afero.NewMemMapFs()
	// A swap cut short between its two renames leaves only build.old.
	afero.WriteFile(fsys, "build.old/index.html", []byte("previous"), 0o644)
	afero.WriteFile(fsys, "build.new/index.html", []byte("half"), 0o644)
	if _, err := Begin(fsys, "build"); err != nil {
		t.Fatal(err)
	}
	if data, _ := afero.ReadFile(fsys, "build/index.html"); string(data) != "previous" {
		t.Errorf("build/index.html = %q, want the previous build restored", data)
	}
}

func TestWriteRefusesEscapingNames(t *testing.T) {
	fsys := afero.NewMemMapFs()
	w, _ := Begin(fsys, "site/build")
	for _, name := range []string{
		"", "/etc/passwd", "../outside.html", "a/../../outside.html", "a/./b.html",
		"a\\b.html", "nul\x00.html", "dir/", "..",
	} {
		if err := w.Write(name, []byte("x")); err == nil {
			t.Errorf("Write(%q) was accepted", name)
		}
	}
	if err := w.Write("ok.html", nil); err != nil {
		t.Errorf("Write(ok.html) = %v", err)
	}
	if err := w.Write("ok.html", nil); err == nil {
		t.Error("writing one name twice was accepted")
	}
	if ok, _ := afero.Exists(fsys, "site/outside.html"); ok {
		t.Error("a file was written outside the output")
	}
}
