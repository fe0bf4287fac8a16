package build

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/parallel"
	"github.com/annals-archive/annals/internal/progress"
)

// page is one loaded article.
type page struct {
	file    string          // path on the file system, for diagnostics
	article article.Article // without its body (see body); cleared once indexed: later stages read the summaries
	path    string          // site path of its page: YYYY/MM/DD/slug/ or undated/slug/
	lead    string          // the body's first paragraph, for its summary
	body    bodyRef
}

// bodyRef tells where an article's body is while the build runs: in its
// file, at the bytes where loading found it, or in memory when it is not
// a plain part of the file's bytes (line ends or a byte-order mark that
// parsing rewrote). The build reads a body from its file each time a
// stage needs it, so that a large archive's bodies are never all held at
// once.
type bodyRef struct {
	inFile        bool
	at            [2]int          // the body is the file's bytes at[0]:at[1]
	size, modTime int64           // of the file as loaded
	held          string          // the body, when not inFile
	sum           fingerprint.Sum // of the body, which stands for it in fingerprints
}

// readBody returns the article's body. It is an error naming the file
// when the file is no longer the one loaded.
func (p *page) readBody(fsys afero.Fs) (string, error) {
	if !p.body.inFile {
		return p.body.held, nil
	}
	f, err := fsys.Open(p.file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	if info.Size() != p.body.size || info.ModTime().UnixNano() != p.body.modTime {
		return "", fmt.Errorf("%s changed while the site was being built; build again", p.file)
	}
	buf := make([]byte, p.body.at[1]-p.body.at[0])
	if _, err := f.ReadAt(buf, int64(p.body.at[0])); err != nil {
		return "", fmt.Errorf("%s: %w", p.file, err)
	}
	return string(buf), nil
}

// readText returns the article's body as plain text, read as readBody
// reads it.
func (p *page) readText(fsys afero.Fs) (string, error) {
	body, err := p.readBody(fsys)
	return plainBody(body), err
}

// loadArticles reads every article page under dir/articles, in parallel,
// and returns those that are valid, sorted newest first. Their bodies are
// left in their files (see bodyRef) unless holdBodies is set, when each
// page's article keeps its body.
func loadArticles(ctx context.Context, fsys afero.Fs, dir string, names *entity.Table, cache *pageCache, holdBodies bool, diags *diag.List, bar *progress.Bar) ([]*page, error) {
	type file struct {
		name string
		info fs.FileInfo
	}
	var files []file
	root := path.Join(dir, content.ArticlesDir)
	if _, err := fsys.Stat(root); err != nil {
		return nil, nil
	}
	err := afero.Walk(fsys, root, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() && strings.HasPrefix(info.Name(), ".") && p != root {
			return filepath.SkipDir
		}
		if !info.IsDir() && strings.EqualFold(path.Ext(p), ".md") && !strings.HasPrefix(info.Name(), "_") {
			files = append(files, file{p, info})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	pages := make([]*page, len(files))
	bar.SetTotal(len(files))
	err = parallel.For(ctx, len(files), func(i int) error {
		defer bar.Add(1)
		f := files[i]
		a, ld, body, err := cache.load(fsys, f.name, f.info, holdBodies)
		p := checkPage(f.name, a, err, names, diags)
		if p == nil {
			return nil
		}
		p.lead, p.body = ld, body
		pages[i] = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	pages = slices.DeleteFunc(pages, func(p *page) bool { return p == nil })
	slices.SortFunc(pages, newestFirst)
	return pages, nil
}

// checkPage validates one content page, given what parsing it gave; it
// returns nil after reporting why a page cannot be built.
func checkPage(file string, a article.Article, err error, names *entity.Table, diags *diag.List) *page {
	if err != nil {
		if ce, ok := err.(*content.Error); ok {
			diags.Errorf(file, ce.Line, "%s", ce.Msg)
		} else {
			diags.Errorf(file, 0, "%v", err)
		}
		return nil
	}
	if strings.TrimSpace(a.Title) == "" {
		diags.Errorf(file, 2, "title is missing")
		return nil
	}
	slug := a.Slug
	if slug == "" {
		slug = strings.TrimSuffix(path.Base(filepath.ToSlash(file)), path.Ext(file))
	}
	a.Slug = article.Slug(slug)
	if a.Slug == "" {
		diags.Errorf(file, 0, "slug %q has no letter or digit to make an address of", slug)
		return nil
	}
	if a.Slug != slug {
		diags.Warnf(file, 0, "slug %q is not a clean address: published as %q", slug, a.Slug)
	}
	a.Entities = canonical(a.Entities, names)
	return &page{file: file, article: a, path: content.DateDir(a.Date) + "/" + a.Slug + "/"}
}

// canonical maps stored entities through the site's table, so that its
// entities.toml takes effect without re-importing: renamed and merged
// names meet under one name, re-kinded ones change lists, ignored ones go.
// It returns a new slice: es may be the page cache's, which must keep the
// names as the page gives them for the next build's table.
func canonical(es []article.Entity, names *entity.Table) []article.Entity {
	out := make([]article.Entity, 0, len(es))
	// An article names a few dozen entities: a scan finds those merged
	// into one sooner than a map, which only a page naming hundreds needs.
	type key struct {
		name string
		kind article.Kind
	}
	var seen map[key]bool
	if len(es) > 64 {
		seen = make(map[key]bool, len(es))
	}
	for _, e := range es {
		name, kind, keep := names.Canonical(e.Name, e.Kind)
		if !keep {
			continue
		}
		k := key{name, kind}
		if seen != nil && seen[k] || seen == nil && slices.ContainsFunc(out, func(o article.Entity) bool { return o.Name == name && o.Kind == kind }) {
			continue
		}
		if seen != nil {
			seen[k] = true
		}
		e.Name, e.Kind = name, kind
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y article.Entity) int { return strings.Compare(x.Name, y.Name) })
	return out
}

// newestFirst orders dated articles newest first, then undated ones, with
// ties broken by path, then file, so the order is total.
func newestFirst(a, b *page) int {
	ad, bd := a.article.Date, b.article.Date
	if ad.IsZero() != bd.IsZero() {
		if ad.IsZero() {
			return 1
		}
		return -1
	}
	return cmp.Or(bd.Compare(ad), cmp.Compare(a.path, b.path), cmp.Compare(a.file, b.file))
}
