package importer

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/parallel"
	"github.com/annals-archive/annals/internal/progress"
)

// Item is one extracted article with the input it came from.
type Item struct {
	Raw     article.Raw
	Article article.Article
	key     string // textKey of Article.Body, once computed
	path    string // the input's path as given, for diagnostics
}

// textKey returns the textKey of the item's body.
func (it *Item) textKey() string {
	if it.key == "" {
		it.key = textKey(it.Article.Body)
	}
	return it.key
}

// Extract reads and extracts every article of paths, in input order,
// writing nothing. Diagnostics go to diags.
func Extract(ctx context.Context, fsys afero.Fs, paths []string, fields config.Fields, diags *diag.List) ([]Item, error) {
	var items []Item
	if err := each(ctx, fsys, paths, fields, diags, func(it Item) { items = append(items, it) }); err != nil {
		return nil, err
	}
	return items, nil
}

// Summary counts what an import did.
type Summary struct {
	Imported   int // new pages
	Updated    int // pages rewritten with a fresher extraction
	Unchanged  int // inputs already in the archive as they are
	Duplicates int // inputs recorded as another origin of an existing article
	Conflicts  int // pages left alone because they were edited by hand
}

// entry is one article page of the archive, existing or new. Once its
// page is on disk, an entry holds only what later inputs are matched
// against and what a refresh keeps: an existing page's article without its
// body, a new page's title and origins. So memory grows with the number of
// articles, not with their text; a page written again is read back first
// (see reload).
type entry struct {
	path     string // content-relative
	article  article.Article
	stored   bool     // the page on disk holds the article: see reload
	disk     [32]byte // SHA-256 of the page on disk; zero when there is none yet
	writable bool     // written by import and not edited since
	dirty    bool     // to be written at the end of the import
	fresh    bool     // created by this import
}

// archive indexes the pages of content/.
type archive struct {
	fsys     afero.Fs
	dir      string      // the content/ folder
	writer   *pageWriter // writes every page of the import
	pages    *spool      // writes new pages while the inputs are read
	entries  []*entry
	bySHA    map[string]*entry
	byText   map[string]*entry
	byPath   map[string]*entry
	occupied map[string]bool // content-relative paths of every file
	run      *progress.Run   // told of each page written; nil for none
}

// Import imports paths into the archive at site. It reports problems as
// diagnostics and returns an error only when it could not read or write the
// archive itself.
func Import(ctx context.Context, fsys afero.Fs, site string, paths []string, cfg config.Config, diags *diag.List) (Summary, error) {
	return ImportFollowed(ctx, fsys, site, paths, cfg, diags, nil)
}

// ImportFollowed is Import with its stages followed by run: archive (the
// pages already in content/), extract (counting articles; a new article's
// page is written as soon as its path is decided) and write (the pages
// that changed after that, or that existed before).
func ImportFollowed(ctx context.Context, fsys afero.Fs, site string, paths []string, cfg config.Config, diags *diag.List, run *progress.Run) (Summary, error) {
	var sum Summary
	run.Stage("archive", 0)
	ar, err := openArchive(fsys, path.Join(site, "content"), diags)
	if err != nil {
		return sum, err
	}
	ar.run = run
	// Each item is matched as soon as it is extracted, and a new article's
	// page is written at once: only the archive's metadata is held, not
	// the raw inputs nor the texts.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ar.pages = newSpool(ar.writer, run, cancel)
	bar := run.Stage("extract", 0)
	err = each(ctx, fsys, paths, cfg.Import.Fields, diags, func(it Item) {
		ar.add(it, &sum, diags)
		bar.Add(1)
	})
	// A failed page write ends the reading, and is the error to report.
	if werr := ar.pages.close(); werr != nil {
		return sum, werr
	}
	if err != nil {
		return sum, err
	}
	run.Stage("write", 0)
	return sum, ar.write(&sum, diags)
}

func openArchive(fsys afero.Fs, dir string, diags *diag.List) (*archive, error) {
	ar := &archive{
		fsys: fsys, dir: dir, writer: &pageWriter{fsys: fsys, made: map[string]bool{}},
		bySHA: map[string]*entry{}, byText: map[string]*entry{},
		byPath: map[string]*entry{}, occupied: map[string]bool{},
	}
	root := path.Join(dir, content.ArticlesDir)
	if _, err := fsys.Stat(root); err != nil {
		return ar, nil
	}
	var files, pages []string // as walked, and content-relative
	err := afero.Walk(fsys, root, func(file string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, file)
		rel = filepath.ToSlash(rel)
		if info.IsDir() {
			return nil
		}
		ar.occupied[strings.ToLower(rel)] = true
		if path.Ext(file) == ".md" {
			files, pages = append(files, file), append(pages, rel)
		}
		return nil
	})
	if err != nil {
		return ar, err
	}
	// Pages are read and parsed on all cores, then indexed in walk order.
	entries := make([]*entry, len(pages))
	keys := make([]string, len(pages))
	err = parallel.For(context.Background(), len(pages), func(i int) error {
		file := files[i]
		data, err := afero.ReadFile(fsys, file)
		if err != nil {
			return err
		}
		p, perr := content.Parse(data)
		if perr != nil {
			line := 0
			if ce, ok := perr.(*content.Error); ok {
				line = ce.Line
			}
			diags.Warnf(file, line, "left alone: %v", perr)
			return nil
		}
		keys[i] = textKey(p.Article.Body)
		p.Article.Body = ""
		entries[i] = &entry{path: pages[i], article: p.Article, stored: true, disk: sha256.Sum256(data), writable: p.Imported && !p.Edited}
		return nil
	})
	for i, e := range entries {
		if e != nil {
			ar.index(e, keys[i])
		}
	}
	return ar, err
}

// index adds e, whose body has the given textKey, to the archive.
func (ar *archive) index(e *entry, key string) {
	ar.entries = append(ar.entries, e)
	ar.byPath[e.path] = e
	ar.occupied[strings.ToLower(e.path)] = true
	for _, o := range e.article.Origins {
		if _, ok := ar.bySHA[o.SHA256]; !ok && o.SHA256 != "" {
			ar.bySHA[o.SHA256] = e
		}
	}
	if key != "" {
		if _, ok := ar.byText[key]; !ok {
			ar.byText[key] = e
		}
	}
}

// place is where an input's diagnostics point: its path and line.
type place struct {
	file string
	line int
}

func (ar *archive) add(it Item, sum *Summary, diags *diag.List) {
	origin := it.Raw.Origin
	at := place{it.path, it.Raw.Line}
	if at.file == "" {
		at.file = origin.String()
	}
	if e := ar.bySHA[origin.SHA256]; e != nil {
		if !hasOrigin(e.article.Origins, origin) {
			ar.addOrigin(e, origin, it.Article.Title, sum, diags, at)
			return
		}
		if e.fresh || e.article.Origins[0] != origin {
			// The same input named twice on one command line, or a
			// duplicate: only an article's first origin refreshes it.
			sum.Unchanged++
			return
		}
		ar.refresh(e, it.Article, sum, diags, at)
		return
	}
	key := it.textKey()
	if e := ar.byText[key]; e != nil {
		ar.addOrigin(e, origin, it.Article.Title, sum, diags, at)
		return
	}
	a := it.Article
	a.Origins = []article.Origin{origin}
	e := &entry{article: a, writable: true, fresh: true}
	e.path = ar.freePath(&e.article)
	ar.index(e, key)
	sum.Imported++
	data := content.Marshal(&e.article, true)
	e.disk = sha256.Sum256(data)
	// A new article is never refreshed by this import (see above), only
	// given other origins: its entry keeps its title, in a string of its
	// own (extraction cuts titles from the texts it works on), and its
	// origins.
	e.article, e.stored = article.Article{Title: strings.Clone(a.Title), Origins: a.Origins}, true
	ar.pages.write(path.Join(ar.dir, e.path), data)
}

// addOrigin records origin as another source of e's article, with the
// title it gave when that differs.
func (ar *archive) addOrigin(e *entry, origin article.Origin, title string, sum *Summary, diags *diag.List, at place) {
	sum.Duplicates++
	if !e.writable {
		diags.Warnf(at.file, at.line, "duplicate of %s, which was edited by hand: this origin is not recorded there", ar.show(e))
		return
	}
	// Origins stay in import order: the first is the input the page was
	// made from.
	if title != e.article.Title {
		origin.Title = title
	}
	e.article.Origins = append(e.article.Origins, origin)
	e.dirty = true
	ar.bySHA[origin.SHA256] = e
}

// refresh updates an existing page from a new extraction of its first
// origin, keeping its path, slug and date and its origins.
func (ar *archive) refresh(e *entry, fresh article.Article, sum *Summary, diags *diag.List, at place) {
	a := fresh
	a.Slug, a.Date, a.Origins = e.article.Slug, e.article.Date, e.article.Origins
	if len(e.article.Entities) > 0 && len(a.Entities) == 0 {
		a.Entities = e.article.Entities
	}
	page := content.Marshal(&a, true)
	if sha256.Sum256(page) == e.disk || e.dirty {
		sum.Unchanged++
		return
	}
	if !e.writable {
		sum.Conflicts++
		diags.Warnf(at.file, at.line, "%s was edited by hand: left as it is", ar.show(e))
		return
	}
	e.article, e.stored = a, false
	e.dirty = true
	sum.Updated++
}

// freePath gives a new article the first free path for its date and slug,
// renaming its slug to slug-2, slug-3, … when taken. Paths are compared
// without case, so an archive can live on a case-insensitive disk.
func (ar *archive) freePath(a *article.Article) string {
	base := a.Slug
	if base == "" {
		base = "article"
	}
	for n := 1; ; n++ {
		a.Slug = base
		if n > 1 {
			suffix := "-" + strconv.Itoa(n)
			a.Slug = article.TrimSlug(base, article.MaxSlugLen-len(suffix)) + suffix
		}
		p := content.Path(a)
		if !ar.occupied[strings.ToLower(p)] {
			return p
		}
	}
}

func (ar *archive) show(e *entry) string {
	return path.Join(ar.dir, e.path)
}

// write writes every page changed since it was last written (an existing
// page refreshed or given another origin, a new page given another
// origin), each atomically, on all cores. After a failure it starts no
// more pages and returns the error.
func (ar *archive) write(sum *Summary, diags *diag.List) error {
	var pages []*entry
	for _, e := range ar.entries {
		if e.dirty && e.writable {
			pages = append(pages, e)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return parallel.For(ctx, len(pages), func(i int) error {
		e := pages[i]
		if err := ar.reload(e); err != nil {
			cancel()
			return err
		}
		data := content.Marshal(&e.article, true)
		if sha256.Sum256(data) == e.disk {
			return nil
		}
		if err := ar.writer.write(path.Join(ar.dir, e.path), data); err != nil {
			cancel()
			return err
		}
		ar.run.Wrote(len(data))
		return nil
	})
}

// reload gives an entry whose body was let go its article back from its
// page, with the origins recorded since: the only change import makes to
// a page it does not refresh. A page that is no longer what import read or
// wrote (changed by hand during the import) is an error, not overwritten.
func (ar *archive) reload(e *entry) error {
	if !e.stored {
		return nil
	}
	name := path.Join(ar.dir, e.path)
	data, err := afero.ReadFile(ar.fsys, name)
	if err != nil {
		return err
	}
	if sha256.Sum256(data) != e.disk {
		return fmt.Errorf("%s changed during the import: import again to record the origins found for it", name)
	}
	p, err := content.Parse(data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	p.Article.Origins = e.article.Origins
	e.article, e.stored = p.Article, false
	return nil
}

// pageWriter writes pages atomically, making each folder once. It is safe
// for concurrent use.
type pageWriter struct {
	fsys afero.Fs
	mu   sync.Mutex
	made map[string]bool // folders known to exist
}

// write writes data to a temporary file beside name and renames it into
// place, so a reader never sees half a page.
func (w *pageWriter) write(name string, data []byte) error {
	if err := w.mkdirAll(path.Dir(name)); err != nil {
		return err
	}
	tmp := name + ".tmp"
	if err := afero.WriteFile(w.fsys, tmp, data, 0o644); err != nil {
		return err
	}
	if err := w.fsys.Rename(tmp, name); err != nil {
		w.fsys.Remove(tmp)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

func (w *pageWriter) mkdirAll(dir string) error {
	w.mu.Lock()
	made := w.made[dir]
	w.mu.Unlock()
	if made {
		return nil
	}
	if err := w.fsys.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	w.mu.Lock()
	w.made[dir] = true
	w.mu.Unlock()
	return nil
}

func hasOrigin(origins []article.Origin, o article.Origin) bool {
	for _, x := range origins {
		if x.File == o.File && x.Record == o.Record && x.SHA256 == o.SHA256 {
			return true
		}
	}
	return false
}

// textKey identifies an article's text up to case, punctuation, markup and
// spacing: two bodies with the same key are the same article. The key is
// the SHA-256 of the body's letters and digits, lower-cased, its words
// separated by single spaces; "" when it has none.
func textKey(body string) string {
	h := sha256.New()
	var buf [4096]byte
	n := 0
	written, space := false, false
	word := func(r rune) {
		if n+1+utf8.UTFMax > len(buf) {
			h.Write(buf[:n])
			n = 0
		}
		if space && written {
			buf[n] = ' '
			n++
		}
		space, written = false, true
		n += utf8.EncodeRune(buf[n:], r)
	}
	for i := 0; i < len(body); {
		if c := body[i]; c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				word(rune(c))
			case c >= 'A' && c <= 'Z':
				word(rune(c + 'a' - 'A'))
			default:
				space = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(body[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			word(unicode.ToLower(r))
		} else {
			space = true
		}
		i += size
	}
	if !written {
		return ""
	}
	h.Write(buf[:n])
	return string(h.Sum(nil))
}
