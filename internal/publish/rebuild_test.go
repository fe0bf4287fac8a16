package publish

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/fingerprint"
)

// build runs one build of files into out and returns its stats.
func build(t *testing.T, fsys afero.Fs, out string, files map[string]string) Stats {
	t.Helper()
	w, err := Begin(fsys, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := w.Write(name, []byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	st, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// tree reads every file under dir, and lists its empty folders.
func tree(t *testing.T, fsys afero.Fs, dir string) (files map[string]string, empty []string) {
	t.Helper()
	files = map[string]string{}
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel := p[len(dir):]
		if len(rel) > 0 {
			rel = rel[1:]
		}
		if info.IsDir() {
			if entries, _ := afero.ReadDir(fsys, p); len(entries) == 0 {
				empty = append(empty, rel)
			}
			return nil
		}
		data, err := afero.ReadFile(fsys, p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, empty
}

func assertTree(t *testing.T, fsys afero.Fs, dir string, want map[string]string) {
	t.Helper()
	got, empty := tree(t, fsys, dir)
	if !maps.Equal(got, want) {
		t.Errorf("%s holds %v, want %v", dir, got, want)
	}
	if len(empty) > 0 {
		t.Errorf("%s has empty folders %q", dir, empty)
	}
}

func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	// In memory, and on disk, where folders are exchanged in one step.
	for _, c := range []struct {
		fsys afero.Fs
		root string
	}{{afero.NewMemMapFs(), "site"}, {afero.NewOsFs(), t.TempDir()}} {
		fsys, out := c.fsys, path.Join(c.root, "build")
		v1 := map[string]string{"index.html": "home 1", "a/index.html": "a", "b/c/index.html": "c", "css/x.css": "x"}
		v2 := map[string]string{"index.html": "home 2", "a/index.html": "a", "css/x.css": "x", "d/index.html": "d"}
		v3 := map[string]string{"index.html": "home 3", "a/index.html": "a2", "css/x.css": "x", "d/index.html": "d"}
		if st := build(t, fsys, out, v1); st.Written != 4 || st.Files != 4 {
			t.Errorf("first build: %+v", st)
		}
		assertTree(t, fsys, out, v1)
		// No spare yet: everything is written.
		if st := build(t, fsys, out, v2); st.Written != 4 || st.Removed != 0 {
			t.Errorf("second build: %+v", st)
		}
		assertTree(t, fsys, out, v2)
		// The spare holds v1: write home, a and d; remove b/c and its folders.
		st := build(t, fsys, out, v3)
		if st.Written != 3 || st.Removed != 1 || st.Files != 4 {
			t.Errorf("third build: %+v, want 3 written, 1 removed, 4 files", st)
		}
		assertTree(t, fsys, out, v3)
		// The spare now holds v2; an unchanged rebuild writes only the
		// files v2 and v3 differ in.
		if st := build(t, fsys, out, v3); st.Written != 2 || st.Removed != 0 {
			t.Errorf("fourth build: %+v, want 2 written", st)
		}
		assertTree(t, fsys, out, v3)
		if st := build(t, fsys, out, v3); st.Written != 0 {
			t.Errorf("fifth build: %+v, want nothing written", st)
		}
		assertTree(t, fsys, out, v3)
		assertTree(t, fsys, path.Join(StateDir(out), spareDir), v3)
	}
}

func TestBadManifestMeansWriteEverything(t *testing.T) {
	files := map[string]string{"index.html": "home", "a/index.html": "a"}
	for name, damage := range map[string]func(string) string{
		"cut short": func(s string) string { return s[:len(s)/2] },
		"edited":    func(s string) string { return s[:len(manifestHeader)] + "0" + s[len(manifestHeader)+1:] },
		"other":     func(s string) string { return "annals manifest 0\n" + s[len(manifestHeader):] },
		"empty":     func(string) string { return "" },
		// A longer sum under a trailer that matches it.
		"long sum": func(s string) string {
			body := s[:strings.LastIndex(s, "end ")]
			body = body[:len(manifestHeader)] + "00" + body[len(manifestHeader):]
			return body + fmt.Sprintf("end 2 %x\n", sha256.Sum256([]byte(body)))
		},
	} {
		t.Run(name, func(t *testing.T) {
			fsys := afero.NewMemMapFs()
			build(t, fsys, "build", files)
			build(t, fsys, "build", files)
			// The spare is complete and its manifest valid: nothing to write.
			m := path.Join(StateDir("build"), spareManifest)
			data, _ := afero.ReadFile(fsys, m)
			afero.WriteFile(fsys, m, []byte(damage(string(data))), 0o644)
			// A hand edit in the spare goes unnoticed with a valid
			// manifest; with a damaged one everything is written again.
			afero.WriteFile(fsys, path.Join(StateDir("build"), spareDir, "a/index.html"), []byte("stale"), 0o644)
			if st := build(t, fsys, "build", files); st.Written != 2 {
				t.Errorf("%+v, want both files written", st)
			}
			assertTree(t, fsys, "build", files)
		})
	}
}

func TestAbandonedBuildLeavesOutputAndSpareUsable(t *testing.T) {
	fsys := afero.NewMemMapFs()
	v1 := map[string]string{"index.html": "v1", "a/index.html": "a"}
	build(t, fsys, "build", v1)
	build(t, fsys, "build", v1)
	// A build killed after writing part of its files.
	w, err := Begin(fsys, "build")
	if err != nil {
		t.Fatal(err)
	}
	w.Write("index.html", []byte("half"))
	w.Write("z/index.html", []byte("half"))
	assertTree(t, fsys, "build", v1)
	// The next build starts over and gives exactly its own files.
	v2 := map[string]string{"index.html": "v2", "a/index.html": "a"}
	if st := build(t, fsys, "build", v2); st.Written != 2 {
		t.Errorf("%+v: the abandoned staging folder's files were trusted", st)
	}
	assertTree(t, fsys, "build", v2)
}

func TestBeginRestoresOutputFromAStepwiseSwap(t *testing.T) {
	fsys := afero.NewMemMapFs()
	// Cut short after renaming the output aside.
	afero.WriteFile(fsys, path.Join(StateDir("build"), swapDir, "index.html"), []byte("previous"), 0o644)
	if _, err := Begin(fsys, "build"); err != nil {
		t.Fatal(err)
	}
	assertTree(t, fsys, "build", map[string]string{"index.html": "previous"})
}

// madeBuild runs one build of files, each made from the input named in
// from, reusing the spare's copy where its input is unchanged; it returns
// the names it had to make and the stats.
func madeBuild(t *testing.T, fsys afero.Fs, out string, files, from map[string]string) ([]string, Stats) {
	t.Helper()
	w, err := Begin(fsys, out)
	if err != nil {
		t.Fatal(err)
	}
	var made []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fp := fingerprint.Of(from[name])
		ok, err := w.Reuse(name, fp)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			continue
		}
		made = append(made, name)
		if err := w.WriteFrom(name, []byte(files[name]), fp); err != nil {
			t.Fatal(err)
		}
	}
	st, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return made, st
}

func TestReuseSkipsFilesMadeFromTheSameInputs(t *testing.T) {
	fsys, out := afero.NewMemMapFs(), "site/build"
	files := map[string]string{"index.html": "home: a, b", "a/index.html": "a", "b/index.html": "b"}
	from := map[string]string{"index.html": "a b", "a/index.html": "a", "b/index.html": "b"}
	all := slices.Sorted(maps.Keys(files))

	if made, _ := madeBuild(t, fsys, out, files, from); !slices.Equal(made, all) {
		t.Fatalf("a first build made %v, want everything", made)
	}
	// The second build has no spare, but the output holds every file.
	made, st := madeBuild(t, fsys, out, files, from)
	if len(made) != 0 || st.Reused != 3 || st.Written != 3 {
		t.Errorf("the second build made %v; stats %+v, want every file copied from the output", made, st)
	}
	assertTree(t, fsys, out, files)
	made, st = madeBuild(t, fsys, out, files, from)
	if len(made) != 0 || st.Reused != 3 || st.Written != 0 || st.Files != 3 || st.Bytes != int64(len("home: a, ba"+"b")) {
		t.Errorf("an unchanged build made %v; stats %+v", made, st)
	}
	assertTree(t, fsys, out, files)

	// b changes: b and the home page are made, a is reused; the output is
	// what writing everything would give.
	files["b/index.html"], from["b/index.html"] = "b2", "b2"
	files["index.html"], from["index.html"] = "home: a, b2", "a b2"
	made, _ = madeBuild(t, fsys, out, files, from)
	if want := []string{"b/index.html", "index.html"}; !slices.Equal(made, want) {
		t.Errorf("after a change, made %v, want %v", made, want)
	}
	assertTree(t, fsys, out, files)

	// The next build stages into the tree from before the change: what
	// changed since is copied from the output, not made again.
	made, st = madeBuild(t, fsys, out, files, from)
	if len(made) != 0 || st.Reused != 3 || st.Written != 2 {
		t.Errorf("the build after the change made %v; stats %+v, want b and the home page copied", made, st)
	}
	assertTree(t, fsys, out, files)
	if made, st := madeBuild(t, fsys, out, files, from); len(made) != 0 || st.Written != 0 {
		t.Errorf("a third unchanged build made %v, wrote %d files", made, st.Written)
	}

	// Every input's fingerprint changes, not the bytes (as with a new
	// version of annals): everything is made once, and the next build
	// keeps the spare's copies, which have the same bytes, without
	// writing them.
	for name := range from {
		from[name] += " v2"
	}
	if made, st := madeBuild(t, fsys, out, files, from); !slices.Equal(made, all) || st.Written != 0 {
		t.Errorf("new fingerprints: made %v, wrote %d files; want everything made, nothing written", made, st.Written)
	}
	if made, st := madeBuild(t, fsys, out, files, from); len(made) != 0 || st.Written != 0 || st.Reused != 3 {
		t.Errorf("the build after new fingerprints made %v; stats %+v", made, st)
	}
	assertTree(t, fsys, out, files)

	// A hand edit of the output is not copied: the page is made again.
	files["b/index.html"], from["b/index.html"] = "b3", "b3"
	madeBuild(t, fsys, out, files, from)
	if err := afero.WriteFile(fsys, path.Join(out, "b/index.html"), []byte("b!"), 0o644); err != nil {
		t.Fatal(err)
	}
	if made, _ := madeBuild(t, fsys, out, files, from); !slices.Equal(made, []string{"b/index.html"}) {
		t.Errorf("after a hand edit of the output, made %v, want b", made)
	}
	assertTree(t, fsys, out, files)

	// Files written without a fingerprint are never reused.
	w, _ := Begin(fsys, out)
	if ok, _ := w.Reuse("a/index.html", fingerprint.Sum{}); ok {
		t.Error("Reuse accepted the zero fingerprint")
	}
	if ok, err := w.Reuse("../a/index.html", fingerprint.Of("a")); ok || err == nil {
		t.Errorf("Reuse of an escaping name: %v, %v", ok, err)
	}
	w.Abort()
}
