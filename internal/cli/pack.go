package cli

import (
	"flag"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/build"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/pack"
)

var packCmd = &Command{
	Name:    "pack",
	Args:    "",
	Summary: "Build the site and pack it into one .zip to read offline.",
	Help: `Builds the site into SITE/build as annals build does, then packs it into
one .zip file whose single top folder is named after the file. Unpacked
anywhere, that folder's index.html opens in a browser from disk: the pages,
the archive by date, the pages of people, places and organizations, and
search all work without a server or a network. A README.txt at the top of
the folder says so.

Every entry of the zip is dated the day of the newest article, so two packs
of the same archive are byte-identical.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		site := fs.String("site", ".", "the archive's `folder`")
		out := fs.String("out", "", "the zip `file` to write (default NAME.zip in the current folder, NAME being the archive's folder)")
		return func(env *Env, args []string) int {
			if len(args) != 0 {
				return usageError(env, "pack", "pack takes no arguments, got %q", args)
			}
			zipFile := *out
			if zipFile == "" {
				zipFile = archiveName(*site) + ".zip"
			}
			if !strings.EqualFold(path.Ext(zipFile), ".zip") {
				return usageError(env, "pack", "--out must name a .zip file, not %q", zipFile)
			}
			opts := build.Options{Site: *site, Out: path.Join(*site, "build")}
			if inside(zipFile, opts.Out) {
				return usageError(env, "pack", "--out %s is inside the output folder %s", zipFile, opts.Out)
			}
			if code := runBuild(env, opts, ""); code != ExitOK {
				return code
			}
			if err := writeZip(env, opts.Site, opts.Out, zipFile); err != nil {
				return failure(env, "pack", err)
			}
			return ExitOK
		}
	},
}

// writeZip packs the built site in out into zipFile, which appears only
// when it is complete.
func writeZip(env *Env, site, out, zipFile string) error {
	cfg, err := config.Load(env.Fs, site)
	if err != nil {
		return err
	}
	folder := strings.TrimSuffix(path.Base(filepath.ToSlash(zipFile)), path.Ext(zipFile))
	opts := pack.Options{Folder: folder, Title: cfg.Title, Modified: newestDay(env.Fs, path.Join(site, "content", "articles"))}
	if err := env.Fs.MkdirAll(filepath.Dir(zipFile), 0o755); err != nil {
		return err
	}
	tmp, err := afero.TempFile(env.Fs, filepath.Dir(zipFile), "."+path.Base(filepath.ToSlash(zipFile))+".*")
	if err != nil {
		return err
	}
	st, err := pack.Write(tmp, env.Fs, out, opts)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = env.Fs.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = env.Fs.Rename(tmp.Name(), zipFile)
	}
	if err != nil {
		env.Fs.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", zipFile, err)
	}
	info, err := env.Fs.Stat(zipFile)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdio.Out, "packed %d files (%.1f MB) into %s (%.1f MB): unpack it and open %s/index.html\n",
		st.Files, float64(st.Bytes)/1e6, zipFile, float64(info.Size())/1e6, folder)
	return nil
}

// archiveName names an archive after its folder, "archive" when the
// folder has no name of its own (the root).
func archiveName(site string) string {
	abs, err := filepath.Abs(site)
	if err != nil {
		abs = site
	}
	switch name := filepath.Base(abs); name {
	case ".", "..", string(filepath.Separator), "":
		return "archive"
	default:
		return name
	}
}

// inside reports whether file lies within the folder dir.
func inside(file, dir string) bool {
	f, err1 := filepath.Abs(file)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, f)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// newestDay returns the day of the newest dated article, read from the
// folders of content/articles (YYYY/MM/DD/<slug>.md), or the zero time
// when no article has a date.
func newestDay(fsys afero.Fs, articles string) time.Time {
	for _, y := range numbered(fsys, articles, 4, 9999) {
		for _, m := range numbered(fsys, path.Join(articles, y.name), 2, 12) {
			for _, d := range numbered(fsys, path.Join(articles, y.name, m.name), 2, 31) {
				if hasArticle(fsys, path.Join(articles, y.name, m.name, d.name)) {
					return time.Date(y.n, time.Month(m.n), d.n, 0, 0, 0, 0, time.UTC)
				}
			}
		}
	}
	return time.Time{}
}

type numberedFolder struct {
	name string
	n    int
}

// numbered lists the subfolders of dir named by a number of the given
// width from 1 to most, largest first.
func numbered(fsys afero.Fs, dir string, width, most int) []numberedFolder {
	entries, _ := afero.ReadDir(fsys, dir)
	var out []numberedFolder
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err == nil && e.IsDir() && len(e.Name()) == width && n >= 1 && n <= most {
			out = append(out, numberedFolder{e.Name(), n})
		}
	}
	slices.SortFunc(out, func(a, b numberedFolder) int { return b.n - a.n })
	return out
}

// hasArticle reports whether dir holds a page (a .md file).
func hasArticle(fsys afero.Fs, dir string) bool {
	entries, _ := afero.ReadDir(fsys, dir)
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".md" {
			return true
		}
	}
	return false
}
