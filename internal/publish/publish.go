// Package publish is the only writer of an archive's output folder. A
// build writes every file into a staging folder beside the output and, only
// when the whole build succeeded, swaps it in for the old output; a failed
// or abandoned build leaves the previous output as it was.
//
// Write refuses any name that could leave the staging folder (absolute
// paths, "..", backslashes, NUL), so no input can make a build write
// elsewhere. A Writer is safe for concurrent use.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/afero"
)

// Writer stages the files of one build.
type Writer struct {
	fsys    afero.Fs
	out     string
	staging string

	files atomic.Int64
	bytes atomic.Int64
	big   struct {
		sync.Mutex
		name string
		size int
	}

	// OnWrite, when set before the first Write, is told the size of each
	// file staged.
	OnWrite func(n int)

	mu   sync.Mutex
	dirs map[string]*folder
	seen map[string]bool
}

// Begin starts a build of the folder out. It first recovers from a swap
// that was cut short, then clears what an abandoned build left.
func Begin(fsys afero.Fs, out string) (*Writer, error) {
	out = path.Clean(out)
	w := &Writer{fsys: fsys, out: out, staging: out + ".new", dirs: map[string]*folder{}, seen: map[string]bool{}}
	old := out + ".old"
	if _, err := fsys.Stat(out); errors.Is(err, fs.ErrNotExist) {
		if _, err := fsys.Stat(old); err == nil {
			if err := fsys.Rename(old, out); err != nil {
				return nil, fmt.Errorf("restoring %s from %s: %w", out, old, err)
			}
		}
	}
	if err := fsys.RemoveAll(w.staging); err != nil {
		return nil, err
	}
	if err := fsys.RemoveAll(old); err != nil {
		return nil, err
	}
	if err := fsys.MkdirAll(w.staging, 0o755); err != nil {
		return nil, err
	}
	return w, nil
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
// claim one address.
func (w *Writer) Write(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	w.mu.Lock()
	if w.seen[name] {
		w.mu.Unlock()
		return fmt.Errorf("two pages would be written to %s", name)
	}
	w.seen[name] = true
	dir := path.Dir(name)
	f := w.dirs[dir]
	if f == nil {
		f = &folder{}
		w.dirs[dir] = f
	}
	w.mu.Unlock()
	full := path.Join(w.staging, name)
	// Writers of other files in the folder wait until it exists.
	f.once.Do(func() { f.err = w.fsys.MkdirAll(path.Dir(full), 0o755) })
	if f.err != nil {
		return f.err
	}
	if err := afero.WriteFile(w.fsys, full, data, 0o644); err != nil {
		return err
	}
	w.files.Add(1)
	w.bytes.Add(int64(len(data)))
	if w.OnWrite != nil {
		w.OnWrite(len(data))
	}
	w.big.Lock()
	if len(data) > w.big.size || len(data) == w.big.size && name < w.big.name {
		w.big.name, w.big.size = name, len(data)
	}
	w.big.Unlock()
	return nil
}

// A folder of the staged output is made once, by its first file.
type folder struct {
	once sync.Once
	err  error
}

// Stats counts what a build wrote.
type Stats struct {
	Files int
	Bytes int64
	// Largest is the biggest file (by name, the first of equals), and
	// LargestBytes its size.
	Largest      string
	LargestBytes int64
}

// Commit swaps the staged build in for the old output.
func (w *Writer) Commit() (Stats, error) {
	old := w.out + ".old"
	if _, err := w.fsys.Stat(w.out); err == nil {
		if err := w.fsys.Rename(w.out, old); err != nil {
			return Stats{}, fmt.Errorf("moving the old %s aside: %w", w.out, err)
		}
	}
	if err := w.fsys.Rename(w.staging, w.out); err != nil {
		w.fsys.Rename(old, w.out)
		return Stats{}, fmt.Errorf("moving the new build into %s: %w", w.out, err)
	}
	if err := w.fsys.RemoveAll(old); err != nil {
		return Stats{}, err
	}
	return Stats{Files: int(w.files.Load()), Bytes: w.bytes.Load(), Largest: w.big.name, LargestBytes: int64(w.big.size)}, nil
}

// Abort discards the staged build.
func (w *Writer) Abort() {
	w.fsys.RemoveAll(w.staging)
}
