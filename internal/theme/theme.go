// Package theme resolves an archive's templates and static files: the
// site's own templates/ and static/ folders over the default theme that is
// embedded in the binary. A site file shadows the embedded file of the same
// path; every other embedded file stays visible. Nothing else is merged.
//
// A Theme only reads, and is safe for concurrent use.
package theme

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/spf13/afero"
)

// Theme is the union of a site's files over the embedded defaults.
type Theme struct {
	site     afero.Fs // rooted at the site folder; may be nil
	siteRoot string
	defaults fs.FS // holds templates/ and static/
}

// New returns the theme of the site at siteRoot on fsys over defaults.
func New(fsys afero.Fs, siteRoot string, defaults fs.FS) *Theme {
	return &Theme{site: fsys, siteRoot: siteRoot, defaults: defaults}
}

// ReadFile reads name (such as "templates/single.html") from the site, or
// from the defaults when the site has no such file. It also reports whether
// the site's own file was used.
func (t *Theme) ReadFile(name string) (data []byte, fromSite bool, err error) {
	if t.site != nil {
		data, err := afero.ReadFile(t.site, path.Join(t.siteRoot, name))
		if err == nil {
			return data, true, nil
		}
		if !errors.Is(err, fs.ErrNotExist) && !isDirErr(t.site, path.Join(t.siteRoot, name)) {
			return nil, true, err
		}
	}
	data, err = fs.ReadFile(t.defaults, name)
	return data, false, err
}

func isDirErr(fsys afero.Fs, name string) bool {
	info, err := fsys.Stat(name)
	return err == nil && info.IsDir()
}

// Exists reports whether name is in the site or the defaults.
func (t *Theme) Exists(name string) bool {
	if t.site != nil {
		if info, err := t.site.Stat(path.Join(t.siteRoot, name)); err == nil && !info.IsDir() {
			return true
		}
	}
	info, err := fs.Stat(t.defaults, name)
	return err == nil && !info.IsDir()
}

// Files lists every file below dir (such as "static") in the site and the
// defaults, as slash-separated paths relative to dir, sorted and without
// repeats. Hidden files are left out.
func (t *Theme) Files(dir string) ([]string, error) {
	seen := map[string]bool{}
	err := fs.WalkDir(t.defaults, dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return fs.SkipDir
		}
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			seen[strings.TrimPrefix(p, dir+"/")] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if t.site != nil {
		root := path.Join(t.siteRoot, dir)
		if info, err := t.site.Stat(root); err == nil && info.IsDir() {
			err := afero.Walk(t.site, root, func(p string, info fs.FileInfo, err error) error {
				if err != nil {
					return err
				}
				if !info.IsDir() && !strings.HasPrefix(info.Name(), ".") {
					rel := strings.TrimPrefix(strings.TrimPrefix(toSlash(p), toSlash(root)), "/")
					seen[rel] = true
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out, nil
}

func toSlash(p string) string { return strings.ReplaceAll(p, "\\", "/") }
