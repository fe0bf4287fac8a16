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

// cachedPage is one page's entry: its file's size and time, and its
// article without the body, which the build reads from the file at
// Body[0]:Body[1].
type cachedPage struct {
	Size, ModTime int64
	Article       article.Article
	Body          [2]int
}

const (
	pageCacheFile   = "pages.cache"
	pageCacheHeader = "annals page cache 1\n"
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

// lookup returns the article of file as parsed before, with its body taken
// from data, and where the body is in data, when the file's size and time
// are those recorded.
func (c *pageCache) lookup(file string, info fs.FileInfo, data []byte) (article.Article, [2]int, bool) {
	e, ok := c.old[file]
	if !ok || e.Size != info.Size() || e.ModTime != info.ModTime().UnixNano() || int64(len(data)) != e.Size ||
		e.Body[0] < 0 || e.Body[0] > e.Body[1] || e.Body[1] > len(data) {
		return article.Article{}, [2]int{}, false
	}
	c.keep(file, e)
	a := e.Article
	a.Body = string(data[e.Body[0]:e.Body[1]])
	return a, e.Body, true
}

// store records what parsing file gave, its body at data[at[0]:at[1]],
// unless the file changed too recently to be told apart from a later
// change.
func (c *pageCache) store(file string, info fs.FileInfo, a article.Article, at [2]int) {
	c.mu.Lock()
	c.changed = true
	c.mu.Unlock()
	if info.ModTime().After(c.start.Add(-racyWindow)) {
		return
	}
	e := cachedPage{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Body: at}
	e.Article = a
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

// parseArticle is content.Parse through the cache; a nil cache parses.
// It also returns where the article's body is in data, and whether it is
// there as a plain part of data's bytes.
func (c *pageCache) parseArticle(file string, info fs.FileInfo, data []byte) (article.Article, [2]int, bool, error) {
	if c != nil {
		if a, at, ok := c.lookup(file, info, data); ok {
			return a, at, true, nil
		}
	}
	p, err := content.Parse(data)
	if err != nil {
		return article.Article{}, [2]int{}, false, err
	}
	at, plain := bodyAt(data, p.Article.Body)
	if c != nil && plain {
		c.store(file, info, p.Article, at)
	}
	return p.Article, at, plain, nil
}
