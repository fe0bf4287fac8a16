// Package pack writes a built site as one .zip file to read offline: every
// file of the output folder under a single top folder, and a README.txt at
// its top that says to open index.html (unless the site has a README.txt of
// its own). The built site needs no server: its links are relative and its
// search loads as classic scripts, so the unpacked folder works from disk.
//
// The zip is deterministic: entries in path order, every one dated
// Options.Modified, folders 0755 and files 0644, each file compressed the
// same way every time. Two zips of the same folder with the same options
// are byte-identical.
//
// Write reads through an afero.Fs and writes only to the io.Writer it is
// given; it is safe for concurrent use on different writers.
package pack

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/afero"
)

// Options says how to pack a site.
type Options struct {
	// Folder is the single top folder of the zip, such as "my-archive".
	Folder string
	// Title is the archive's title, the first line of README.txt.
	Title string
	// Modified dates every entry of the zip. Zip dates start in 1980;
	// earlier times are written as 1980-01-01.
	Modified time.Time
}

// Stats counts what a zip holds.
type Stats struct {
	Files int   // files, README.txt included
	Bytes int64 // their size before compression
}

// Readme is the name of the pointer to index.html at the top of the zip.
const Readme = "README.txt"

// zipEpoch is the earliest date a zip entry can carry.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write packs the folder dir of fsys into a zip written to w.
func Write(w io.Writer, fsys afero.Fs, dir string, opts Options) (Stats, error) {
	var st Stats
	top := opts.Folder
	if top == "" || top == "." || top == ".." || strings.ContainsAny(top, `/\`) {
		return st, fmt.Errorf("pack: %q cannot be the top folder of a zip", top)
	}
	mod := opts.Modified.UTC()
	if mod.Before(zipEpoch) {
		mod = zipEpoch
	}
	if info, err := fsys.Stat(dir); err != nil {
		return st, err
	} else if !info.IsDir() {
		return st, fmt.Errorf("%s is not a folder", dir)
	}
	zw := zip.NewWriter(w)
	if _, err := create(zw, top+"/", fs.ModeDir|0o755, mod); err != nil {
		return st, err
	}
	readme := true
	err := afero.Walk(fsys, dir, func(name string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case info.IsDir():
			_, err := create(zw, top+"/"+rel+"/", fs.ModeDir|0o755, mod)
			return err
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s is not a regular file: a zip of the site holds only files and folders", name)
		}
		if rel == Readme {
			readme = false
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		fw, err := create(zw, top+"/"+rel, 0o644, mod)
		if err != nil {
			return err
		}
		n, err := io.Copy(fw, f)
		if err != nil {
			return fmt.Errorf("packing %s: %w", name, err)
		}
		st.Files++
		st.Bytes += n
		return nil
	})
	if err != nil {
		return st, err
	}
	if readme {
		text := readmeText(opts.Title)
		fw, err := create(zw, top+"/"+Readme, 0o644, mod)
		if err != nil {
			return st, err
		}
		if _, err := io.WriteString(fw, text); err != nil {
			return st, err
		}
		st.Files++
		st.Bytes += int64(len(text))
	}
	return st, zw.Close()
}

// create adds an entry: a folder when name ends in "/".
func create(zw *zip.Writer, name string, mode fs.FileMode, mod time.Time) (io.Writer, error) {
	h := &zip.FileHeader{Name: name, Modified: mod, Method: zip.Deflate}
	if strings.HasSuffix(name, "/") || stored[strings.ToLower(path.Ext(name))] {
		h.Method = zip.Store
	}
	h.SetMode(mode)
	return zw.CreateHeader(h)
}

// stored lists the extensions of files that are compressed already.
var stored = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".woff": true, ".woff2": true, ".gz": true, ".br": true, ".zst": true, ".zip": true,
	".mp3": true, ".mp4": true, ".webm": true, ".ogg": true,
}

// readmeText is the README.txt of a zip: what the folder is and how to
// open it. Lines end in CRLF so that every system's plain editor shows them.
func readmeText(title string) string {
	if title = strings.TrimSpace(title); title == "" {
		title = "News archive"
	}
	lines := []string{
		title,
		"",
		"An offline copy of this archive. Open index.html in a web browser:",
		"the articles, the archive by date, the pages of people, places and",
		"organizations, and search all work from this folder, without a server",
		"and without a network. Keep the folder whole: the pages link to each",
		"other by their places in it.",
		"",
		"Made with annals.",
	}
	return strings.Join(lines, "\r\n") + "\r\n"
}
