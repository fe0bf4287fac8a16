package publish

import (
	"slices"
	"strings"

	"github.com/spf13/afero"
)

// swap puts the folder staged in place of out, and out's old content in
// staged. On the operating system's file system it exchanges the two in
// one step where the system can (exchangeFolders); elsewhere it renames
// out aside to via, staged to out, and via to staged: a swap cut short
// between the first two renames leaves out missing and via complete, and
// Begin restores it.
func swap(fsys afero.Fs, staged, out, via string) error {
	if _, ok := fsys.(*afero.OsFs); ok {
		if err := exchangeFolders(staged, out); err == nil {
			return nil
		}
	}
	if err := fsys.Rename(out, via); err != nil {
		return err
	}
	if err := fsys.Rename(staged, out); err != nil {
		fsys.Rename(via, out)
		return err
	}
	return fsys.Rename(via, staged)
}

// sortDeepestFirst orders folder paths so that every folder comes before
// its parent.
func sortDeepestFirst(dirs []string) {
	slices.SortFunc(dirs, func(a, b string) int {
		if d := strings.Count(b, "/") - strings.Count(a, "/"); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
}
