package build

import (
	"bytes"
	"encoding/gob"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/publish"
)

// A pageCache keeps what content.Parse made of each article page, keyed
// by the page's file, size and modification time, so that a rebuild
// parses again only the pages that changed. It lives in the output's
// state folder (publish.StateDir). A cache that is missing, cut short,
// corrupt or written by another program is ignored, and the pages are
// parsed.
//
// A page modified within racyWindow before the build began is not kept:
// a second change within the file system's time resolution could leave
// its size and time as they were.
type pageCache struct {
	fsys  afero.Fs
	name  string
	start time.Time

	old map[string]cachedPage

	mu      sync.Mutex
	next    map[string]cachedPage
	changed bool // next differs from old
}

// cachedPage is one page's entry: its file's size and time, its article
// without the body, which the build reads from the file at
// Body[0]:Body[1], and what the build needs of the body without reading
// it: its lead and its sum.
type cachedPage struct {
	Size, ModTime int64
	Article       article.Article
	Body          [2]int
	Lead          string
	Sum           fingerprint.Sum
}

const (
	pageCacheFile   = "pages.cache"
	pageCacheHeader = "annals page cache 2\n"
	racyWindow      = 2 * time.Second
)

// openPageCache reads the cache of the build into out.
func openPageCache(fsys afero.Fs, out string) *pageCache {
	c := &pageCache{fsys: fsys, name: path.Join(publish.StateDir(out), pageCacheFile), start: time.Now(), next: map[string]cachedPage{}}
	body := readState(fsys, c.name, pageCacheHeader)
	if body == nil {
		return c
	}
	var old map[string]cachedPage
	if gob.NewDecoder(bytes.NewReader(body)).Decode(&old) == nil {
		c.old = old
	}
	return c
}

// recall returns the entry of file when the file's size and time are those
// recorded, and keeps it for the next build.
func (c *pageCache) recall(file string, info fs.FileInfo) (cachedPage, bool) {
	if c == nil {
		return cachedPage{}, false
	}
	e, ok := c.old[file]
	if !ok || e.Size != info.Size() || e.ModTime != info.ModTime().UnixNano() ||
		e.Body[0] < 0 || e.Body[0] > e.Body[1] || int64(e.Body[1]) > e.Size {
		return cachedPage{}, false
	}
	c.keep(file, e)
	return e, true
}

// store records e, what parsing file gave, unless the file changed too
// recently to be told apart from a later change.
func (c *pageCache) store(file string, info fs.FileInfo, e cachedPage) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.changed = true
	c.mu.Unlock()
	if info.ModTime().After(c.start.Add(-racyWindow)) {
		return
	}
	e.Article.Body, e.Article.Extra = "", nil
	c.keep(file, e)
}

// bodyAt returns where body, as parsed from data, is in data, unless it
// is not a plain part of data's bytes (line ends or a byte-order mark
// that Parse rewrites).
func bodyAt(data []byte, body string) ([2]int, bool) {
	if bytes.ContainsRune(data, '\r') || bytes.HasPrefix(data, []byte("\ufeff")) {
		return [2]int{}, false
	}
	at := strings.LastIndex(string(data), body)
	if at < 0 {
		return [2]int{}, false
	}
	return [2]int{at, at + len(body)}, true
}

func (c *pageCache) keep(file string, e cachedPage) {
	c.mu.Lock()
	c.next[file] = e
	c.mu.Unlock()
}

// save writes the cache for the next build, when anything changed.
func (c *pageCache) save() error {
	if !c.changed && len(c.next) == len(c.old) {
		return nil
	}
	return writeState(c.fsys, c.name, pageCacheHeader, func(w io.Writer) error {
		return gob.NewEncoder(w).Encode(c.next)
	})
}

// load returns the article of file, without its body unless hold is set,
// its lead and where its body is. When the cache has the file as it is, the
// file is not read: the body stays in it until a stage reads it. Otherwise
// the file is read and parsed, and what parsing gave is stored. A nil cache
// parses every file.
func (c *pageCache) load(fsys afero.Fs, file string, info fs.FileInfo, hold bool) (article.Article, string, bodyRef, error) {
	if e, ok := c.recall(file, info); ok && !hold {
		return e.Article, e.Lead, bodyRef{inFile: true, at: e.Body, size: e.Size, modTime: e.ModTime, sum: e.Sum}, nil
	}
	data, err := afero.ReadFile(fsys, file)
	if err != nil {
		return article.Article{}, "", bodyRef{}, err
	}
	p, err := content.Parse(data)
	if err != nil {
		return article.Article{}, "", bodyRef{}, err
	}
	a := p.Article
	// A short lead may be part of the body, which must not keep the
	// whole text of the file.
	ld := strings.Clone(lead(a.Body, leadSize))
	body := bodyRef{held: a.Body, sum: fingerprint.Of(a.Body)}
	// A file changed since it was listed is read as it is now, but
	// neither cached nor read again (see bodyRef).
	if at, plain := bodyAt(data, a.Body); plain && int64(len(data)) == info.Size() {
		c.store(file, info, cachedPage{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Article: a, Body: at, Lead: ld, Sum: body.sum})
		if !hold {
			body = bodyRef{inFile: true, at: at, size: info.Size(), modTime: info.ModTime().UnixNano(), sum: body.sum}
		}
	}
	if !hold {
		a.Body = ""
	}
	return a, ld, body, nil
}
