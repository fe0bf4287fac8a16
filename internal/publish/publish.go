// Package publish is the only writer of an archive's output folder. A
// build stages every file in a folder beside the output and, only when the
// whole build succeeded, swaps it in for the old output; a failed or
// abandoned build leaves the previous output as it was.
//
// Builds are double-buffered so that a rebuild writes only what changed.
// The state lives in a hidden folder beside the output (.build.annals/ for
// build/): the previous output, kept as a spare after each swap, and a
// manifest of each tree (every file's name, size and SHA-256). A build
// stages into the spare: a file whose bytes equal the spare's copy is not
// written again, a file the build no longer produces is removed, and the
// result is byte for byte what writing every file afresh would give. A
// file may also be recorded with the fingerprint of what it was made from
// (WriteFrom); a later build that finds a copy made from the same inputs,
// in the spare or in the output the last build left, keeps it without
// making it again (Reuse). A spare without a valid manifest — after a
// crash, a hand edit of the state, or a format change — is discarded and
// every file is written.
// The trees in the state folder and build/ itself belong to annals: a
// hand edit inside them is not detected.
//
// Write refuses any name that could leave the staging folder (absolute
// paths, "..", backslashes, NUL), so no input can make a build write
// elsewhere. A Writer is safe for concurrent use.
package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/fingerprint"
)

// Writer stages the files of one build.
type Writer struct {
	fsys    afero.Fs
	out     string
	state   string // the state folder beside out
	staging string

	spare manifest // what the staging folder held when the build began
	// current is what the output folder holds where it differs from the
	// spare, read in the background from its manifest (nil when it has
	// none): Keep takes a file from there when the spare's copy is older.
	// What it leaves out is in the spare alike.
	current func() manifest

	files   atomic.Int64
	bytes   atomic.Int64
	written atomic.Int64
	reused  atomic.Int64
	big     struct {
		sync.Mutex
		name string
		size int
	}

	// OnWrite, when set before the first Write, is told the size of each
	// file of the build, written or found unchanged.
	OnWrite func(n int)

	mu   sync.Mutex
	dirs map[string]*folder
	made manifest // the files of this build
}

// Names inside the state folder.
const (
	stagingDir    = "new"
	spareDir      = "spare"
	outManifest   = "manifest"       // describes the output folder
	spareManifest = "spare.manifest" // describes the spare
	swapDir       = "old"            // the old output during a swap by two renames
)

// StateDir returns the folder that holds the state of builds into out.
func StateDir(out string) string {
	out = path.Clean(out)
	return path.Join(path.Dir(out), "."+path.Base(out)+".annals")
}

// Begin starts a build of the folder out. It first recovers from a swap
// that was cut short, then takes the spare as the staging folder when its
// manifest is valid, and starts from an empty one otherwise.
func Begin(fsys afero.Fs, out string) (*Writer, error) {
	out = path.Clean(out)
	state := StateDir(out)
	w := &Writer{fsys: fsys, out: out, state: state, staging: path.Join(state, stagingDir),
		dirs: map[string]*folder{}, made: manifest{}}
	if err := recoverSwap(fsys, out, state); err != nil {
		return nil, err
	}
	if err := fsys.MkdirAll(state, 0o755); err != nil {
		return nil, err
	}
	// A staging folder left by an abandoned build is in an unknown state.
	if err := fsys.RemoveAll(w.staging); err != nil {
		return nil, err
	}
	spare, err := readManifest(fsys, path.Join(state, spareManifest), nil)
	// Read before the spare is taken, if at all, as the staging folder.
	w.current = sync.OnceValue(func() manifest {
		m, _ := readManifest(fsys, path.Join(state, outManifest), w.spare)
		return m
	})
	// From here the spare is being changed: its manifest no longer holds.
	if rmErr := removeFile(fsys, path.Join(state, spareManifest)); rmErr != nil {
		return nil, rmErr
	}
	sparePath := path.Join(state, spareDir)
	if err == nil {
		if err := fsys.Rename(sparePath, w.staging); err == nil {
			w.spare = spare
			w.made = make(manifest, len(spare))
			go w.current()
			return w, nil
		}
	}
	if err := fsys.RemoveAll(sparePath); err != nil {
		return nil, err
	}
	if err := fsys.MkdirAll(w.staging, 0o755); err != nil {
		return nil, err
	}
	go w.current()
	return w, nil
}

// recoverSwap restores the output folder when a swap was cut short between
// its two renames, and removes what builds of earlier versions left.
func recoverSwap(fsys afero.Fs, out, state string) error {
	if _, err := fsys.Stat(out); errors.Is(err, fs.ErrNotExist) {
		for _, prev := range []string{path.Join(state, swapDir), out + ".old"} {
			if _, err := fsys.Stat(prev); err == nil {
				if err := fsys.Rename(prev, out); err != nil {
					return fmt.Errorf("restoring %s from %s: %w", out, prev, err)
				}
				break
			}
		}
	}
	for _, legacy := range []string{out + ".new", out + ".old"} {
		if err := fsys.RemoveAll(legacy); err != nil {
			return err
		}
	}
	return nil
}

// CheckName reports why name may not be an output path, or nil.
func CheckName(name string) error {
	switch {
	case name == "" || strings.HasSuffix(name, "/"):
		return fmt.Errorf("output path %q names no file", name)
	case strings.ContainsAny(name, "\\\x00"):
		return fmt.Errorf("output path %q holds a backslash or NUL", name)
	case path.IsAbs(name) || path.Clean(name) != name || name == ".." || strings.HasPrefix(name, "../"):
		return fmt.Errorf("output path %q is not a clean relative path", name)
	}
	return nil
}

// Write stages the file name (slash-separated, relative to the output).
// Writing the same name twice in one build is an error: two pages would
// claim one address. A file equal to the spare's copy is left as it is.
func (w *Writer) Write(name string, data []byte) error {
	return w.WriteFrom(name, data, fingerprint.Sum{})
}

// WriteFrom is Write for a file made from inputs with the fingerprint
// from, recorded so that a later build can Reuse the file.
func (w *Writer) WriteFrom(name string, data []byte, from fingerprint.Sum) error {
	if err := CheckName(name); err != nil {
		return err
	}
	e := entry{size: int64(len(data)), sum: sha256.Sum256(data), from: from}
	f, err := w.claim(name, e)
	if err != nil {
		return err
	}
	w.count(name, len(data))
	if old, ok := w.spare[name]; ok && old.size == e.size && old.sum == e.sum {
		return nil
	}
	full := path.Join(w.staging, name)
	// Writers of other files in the folder wait until it exists.
	f.once.Do(func() { f.err = w.fsys.MkdirAll(path.Dir(full), 0o755) })
	if f.err != nil {
		return f.err
	}
	if err := afero.WriteFile(w.fsys, full, data, 0o644); err != nil {
		return err
	}
	w.written.Add(1)
	return nil
}

// Reuse reports whether a file name made from inputs with the
// fingerprint from is at hand: in the spare, or in the output folder when
// the last build made it and the spare's copy is older. If so, the file is
// part of this build as it is, and the caller need not make it; if not,
// the caller makes it and calls WriteFrom. A reused file counts in
// Stats.Reused.
func (w *Writer) Reuse(name string, from fingerprint.Sum) (bool, error) {
	ok, err := w.Keep(name, from)
	if ok {
		w.reused.Add(1)
	}
	return ok, err
}

// Keep is Reuse for a file that Stats.Reused does not count: one that is
// not a page, such as a search index's file.
//
// Because builds alternate between two trees, the spare lacks what the
// last build changed: after a first build it is empty, and after a build
// that made every page again (a new version of annals, a template edit)
// it holds the pages as made from the older inputs. The output's manifest
// fills the gap. A manifest's entry says that bytes with that SHA-256 were
// made from those inputs, whichever tree holds them now: a spare's copy
// with that sum is kept as it is, and otherwise the output's copy is
// copied into the staging folder once its bytes are checked against the
// sum, so a hand edit of the output is made again rather than kept.
func (w *Writer) Keep(name string, from fingerprint.Sum) (bool, error) {
	if err := CheckName(name); err != nil {
		return false, err
	}
	if from.IsZero() {
		return false, nil
	}
	old, inSpare := w.spare[name]
	if inSpare && old.from == from {
		return w.keepSpare(name, old)
	}
	// Not in current: the output holds it as the spare does, or not.
	cur, ok := w.current()[name]
	if !ok || cur.from != from {
		return false, nil
	}
	if inSpare && old.size == cur.size && old.sum == cur.sum {
		return w.keepSpare(name, cur)
	}
	data, err := afero.ReadFile(w.fsys, path.Join(w.out, name))
	if err != nil || int64(len(data)) != cur.size || sha256.Sum256(data) != cur.sum {
		return false, nil
	}
	return true, w.WriteFrom(name, data, from)
}

// keepSpare records the spare's copy of name, described by e, as a file
// of this build.
func (w *Writer) keepSpare(name string, e entry) (bool, error) {
	if _, err := w.claim(name, e); err != nil {
		return false, err
	}
	w.count(name, int(e.size))
	return true, nil
}

// claim records name as a file of this build, and returns its folder.
func (w *Writer) claim(name string, e entry) (*folder, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, dup := w.made[name]; dup {
		return nil, fmt.Errorf("two pages would be written to %s", name)
	}
	w.made[name] = e
	dir := path.Dir(name)
	f := w.dirs[dir]
	if f == nil {
		f = &folder{}
		w.dirs[dir] = f
	}
	return f, nil
}

// count adds a file of the build to the statistics.
func (w *Writer) count(name string, n int) {
	w.files.Add(1)
	w.bytes.Add(int64(n))
	if w.OnWrite != nil {
		w.OnWrite(n)
	}
	w.big.Lock()
	if n > w.big.size || n == w.big.size && name < w.big.name {
		w.big.name, w.big.size = name, n
	}
	w.big.Unlock()
}

// A folder of the staged output is made once, by its first file.
type folder struct {
	once sync.Once
	err  error
}

// Stats counts what a build produced.
type Stats struct {
	Files int   // files of the site
	Bytes int64 // their size
	// Written is how many files were written; the others were equal to
	// the copy kept from an earlier build. Reused is how many of those
	// the build did not even make, as their inputs were unchanged (Reuse;
	// Keep keeps a file without counting it).
	// Removed is how many files of that copy the build no longer
	// produced.
	Written, Reused, Removed int
	// Largest is the biggest file (by name, the first of equals), and
	// LargestBytes its size.
	Largest      string
	LargestBytes int64
}

// Commit removes what the build no longer produces, records the manifest
// and swaps the staged build in for the old output, which becomes the
// spare for the next build.
func (w *Writer) Commit() (Stats, error) {
	w.current() // done reading the manifest that is about to move
	removed, err := w.removeStale()
	if err != nil {
		return Stats{}, err
	}
	newManifest := path.Join(w.state, stagingDir+".manifest")
	if err := writeManifest(w.fsys, newManifest, w.made); err != nil {
		return Stats{}, err
	}
	hadOut := true
	if _, err := w.fsys.Stat(w.out); errors.Is(err, fs.ErrNotExist) {
		hadOut = false
	}
	if hadOut {
		if err := swap(w.fsys, w.staging, w.out, path.Join(w.state, swapDir)); err != nil {
			return Stats{}, fmt.Errorf("moving the new build into %s: %w", w.out, err)
		}
		// The staging folder now holds the previous output: the spare,
		// described by the output's manifest once it is in place.
		if err := w.fsys.Rename(w.staging, path.Join(w.state, spareDir)); err != nil {
			return Stats{}, err
		}
		if err := w.fsys.Rename(path.Join(w.state, outManifest), path.Join(w.state, spareManifest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return Stats{}, err
		}
	} else if err := w.fsys.Rename(w.staging, w.out); err != nil {
		return Stats{}, fmt.Errorf("moving the new build into %s: %w", w.out, err)
	}
	if err := w.fsys.Rename(newManifest, path.Join(w.state, outManifest)); err != nil {
		return Stats{}, err
	}
	return Stats{
		Files: int(w.files.Load()), Bytes: w.bytes.Load(),
		Written: int(w.written.Load()), Reused: int(w.reused.Load()), Removed: removed,
		Largest: w.big.name, LargestBytes: int64(w.big.size),
	}, nil
}

// removeStale deletes the spare's files this build did not produce, and
// the folders they leave empty.
func (w *Writer) removeStale() (int, error) {
	n := 0
	dirs := map[string]bool{}
	for name := range w.spare {
		if _, ok := w.made[name]; ok {
			continue
		}
		if err := removeFile(w.fsys, path.Join(w.staging, name)); err != nil {
			return n, err
		}
		n++
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first, so a parent is tried after its children.
	order := make([]string, 0, len(dirs))
	for d := range dirs {
		order = append(order, d)
	}
	sortDeepestFirst(order)
	for _, d := range order {
		full := path.Join(w.staging, d)
		if entries, err := afero.ReadDir(w.fsys, full); err == nil && len(entries) == 0 {
			if err := w.fsys.Remove(full); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// Abort discards the staged build; the next build starts afresh.
func (w *Writer) Abort() {
	w.current()
	w.fsys.RemoveAll(w.staging)
}

func removeFile(fsys afero.Fs, name string) error {
	if err := fsys.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
