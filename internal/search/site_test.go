package search_test

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/graph"
	"github.com/annals-archive/annals/internal/search"
)

// The site driver measures graph.New and search.Write on a real archive,
// loaded as annals build loads it:
//
//	ANNALS_BENCH_SITE=/tmp/bench10k/site go test ./internal/search -run TestSite -v
//
// TestSiteGraph times graph.New and then every query the build makes of
// the graph, and prints a digest of every answer; TestSiteSearch times
// the index write. The digests let a change meant to keep the output be
// checked on archives too large to build twice. ANNALS_BENCH_OUT=folder
// writes the index's files there and ANNALS_BENCH_DIGEST=1 prints a
// digest of them (either adds its cost to the write's).
// ANNALS_BENCH_RUNS=n measures each step n times. Without
// ANNALS_BENCH_SITE the tests are skipped.

// site is an archive loaded as the build loads it: pages newest first.
type site struct {
	names *entity.Table
	pages []sitePage
}

type sitePage struct {
	article article.Article
	path    string
}

var (
	siteOnce sync.Once
	loaded   *site
	loadErr  error
)

// benchSite loads the archive ANNALS_BENCH_SITE names, once per test
// binary, or skips the test.
func benchSite(t *testing.T) *site {
	t.Helper()
	dir := os.Getenv("ANNALS_BENCH_SITE")
	if dir == "" {
		t.Skip("ANNALS_BENCH_SITE names no archive to measure")
	}
	siteOnce.Do(func() {
		start := time.Now()
		loaded, loadErr = loadSite(afero.NewOsFs(), dir)
		if loadErr == nil {
			t.Logf("loaded %d articles in %v", len(loaded.pages), time.Since(start).Round(time.Millisecond))
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

// loadSite reads and parses every article of dir/content/articles, in
// parallel, keeping those the build would publish, newest first.
func loadSite(fsys afero.Fs, dir string) (*site, error) {
	names, err := entity.Load(fsys, dir)
	if err != nil {
		return nil, err
	}
	root := path.Join(dir, "content", content.ArticlesDir)
	var files []string
	err = afero.Walk(fsys, root, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() && strings.HasPrefix(info.Name(), ".") && p != root {
			return filepath.SkipDir
		}
		if !info.IsDir() && strings.EqualFold(path.Ext(p), ".md") && !strings.HasPrefix(info.Name(), "_") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	pages := make([]*sitePage, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(files); i += workers {
				pages[i], errs[i] = loadPage(fsys, files[i], names)
			}
		})
	}
	wg.Wait()
	s := &site{names: names}
	for i, p := range pages {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if p != nil {
			s.pages = append(s.pages, *p)
		}
	}
	slices.SortFunc(s.pages, newestFirst)
	return s, nil
}

// loadPage parses one page as the build does; it returns nil for a page
// the build would reject.
func loadPage(fsys afero.Fs, file string, names *entity.Table) (*sitePage, error) {
	data, err := afero.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	p, err := content.Parse(data)
	if err != nil {
		return nil, nil
	}
	a := p.Article
	if strings.TrimSpace(a.Title) == "" {
		return nil, nil
	}
	slug := a.Slug
	if slug == "" {
		slug = strings.TrimSuffix(path.Base(filepath.ToSlash(file)), path.Ext(file))
	}
	if a.Slug = article.Slug(slug); a.Slug == "" {
		return nil, nil
	}
	a.Entities = canonical(a.Entities, names)
	return &sitePage{article: a, path: content.DateDir(a.Date) + "/" + a.Slug + "/"}, nil
}

func canonical(es []article.Entity, names *entity.Table) []article.Entity {
	out := es[:0]
	seen := map[string]bool{}
	for _, e := range es {
		name, kind, keep := names.Canonical(e.Name, e.Kind)
		if !keep || seen[string(kind)+"\x00"+name] {
			continue
		}
		seen[string(kind)+"\x00"+name] = true
		e.Name, e.Kind = name, kind
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y article.Entity) int { return strings.Compare(x.Name, y.Name) })
	return out
}

func newestFirst(a, b sitePage) int {
	ad, bd := a.article.Date, b.article.Date
	if ad.IsZero() != bd.IsZero() {
		if ad.IsZero() {
			return 1
		}
		return -1
	}
	return cmp.Or(bd.Compare(ad), cmp.Compare(a.path, b.path))
}

// plainText is a Markdown body as plain text, as the build makes it.
func plainText(body string) string {
	var b strings.Builder
	for para := range strings.SplitSeq(body, "\n\n") {
		b.WriteString(unescape(strings.TrimLeft(para, "# ")))
		b.WriteString("\n\n")
	}
	return b.String()
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]<>()#+-.!|~\"'&", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// graphDocs are the docs the build gives graph.New.
func (s *site) graphDocs() []graph.Doc {
	docs := make([]graph.Doc, len(s.pages))
	for i := range s.pages {
		a := &s.pages[i].article
		docs[i] = graph.Doc{Date: a.Date, Source: a.Source, Entities: a.Entities, Text: a.Title + "\n\n" + plainText(a.Body)}
	}
	return docs
}

var kinds = []struct {
	kind   article.Kind
	folder string
}{{article.Person, "people"}, {article.Place, "places"}, {article.Organization, "organizations"}}

// entityPaths gives every entity its page folder, as the build does.
func entityPaths(g *graph.Graph) map[graph.EntityKey]string {
	paths := map[graph.EntityKey]string{}
	for _, k := range kinds {
		used := map[string]bool{"by-letter": true, "page": true}
		for _, e := range g.Entities(k.kind) {
			base := cmp.Or(article.Slug(e.Name), "entity")
			slug := base
			for n := 2; used[slug]; n++ {
				slug = fmt.Sprintf("%s-%d", base, n)
			}
			used[slug] = true
			paths[e] = k.folder + "/" + slug + "/"
		}
	}
	return paths
}

// searchDocs are the docs the build gives search.Write.
func (s *site) searchDocs(paths map[graph.EntityKey]string) []search.Doc {
	docs := make([]search.Doc, len(s.pages))
	for i := range s.pages {
		p := &s.pages[i]
		a := &p.article
		d := search.Doc{Path: p.path, Title: a.Title, Date: a.Date, Source: a.Source, Text: strings.TrimSpace(plainText(a.Body))}
		for _, e := range a.Entities {
			path, ok := paths[graph.EntityKey{Kind: e.Kind, Name: e.Name}]
			if !ok {
				continue
			}
			folder, key, _ := strings.Cut(strings.TrimSuffix(path, "/"), "/")
			d.Entities = append(d.Entities, search.Name{Kind: folder, Key: key, Name: e.Name, Aliases: s.forms(e)[1:]})
		}
		docs[i] = d
	}
	return docs
}

// forms lists an entity's name, its mentions, its aliases and a person's
// surname, as the build does.
func (s *site) forms(e article.Entity) []string {
	forms := append([]string{e.Name}, e.Mentions...)
	if entry, ok := s.names.Lookup(e.Name); ok {
		forms = append(forms, entry.Aliases...)
	}
	if w := strings.Fields(e.Name); e.Kind == article.Person && len(w) > 1 {
		forms = append(forms, w[len(w)-1])
	}
	return forms
}

// usage is the cost of a step: wall time, CPU time of the process, and
// the bytes and objects it allocated.
type usage struct {
	wall, cpu     time.Duration
	bytes, allocs uint64
}

// measure runs f and returns its cost.
func measure(f func()) usage {
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c0, t0 := cpuTime(), time.Now()
	f()
	wall, cpu := time.Since(t0), cpuTime()-c0
	runtime.ReadMemStats(&m1)
	return usage{wall, cpu, m1.TotalAlloc - m0.TotalAlloc, m1.Mallocs - m0.Mallocs}
}

func (u usage) String() string {
	return fmt.Sprintf("wall %v, CPU %v, %.1f MB in %d allocations",
		u.wall.Round(time.Millisecond), u.cpu.Round(time.Millisecond), float64(u.bytes)/1e6, u.allocs)
}

// benchRuns is the number of times a step is measured:
// ANNALS_BENCH_RUNS, or 1.
func benchRuns() int {
	n, err := strconv.Atoi(os.Getenv("ANNALS_BENCH_RUNS"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestSiteGraph(t *testing.T) {
	s := benchSite(t)
	docs := s.graphDocs()
	var g *graph.Graph
	for run := range benchRuns() {
		g = nil
		before := heapInUse()
		t.Logf("graph.New, run %d: %v", run+1, measure(func() { g = graph.New(docs) }))
		t.Logf("graph retained: %.1f MB", float64(heapInUse()-before)/1e6)
	}
	var sum graphSum
	t.Logf("queries of the build: %v", measure(func() { sum = graphDigest(g) }))
	t.Logf("graph digest: %x", sum.h.Sum(nil))
	t.Logf("same-story pairs: %d, related links: %d", sum.same/2, sum.related)
	runtime.KeepAlive(docs)
	runtime.KeepAlive(g)
}

// graphSum hashes the answers of a graph.
type graphSum struct {
	h             hash.Hash
	same, related int
	scratch       []byte
}

func (s *graphSum) ints(tag string, v ...int) {
	s.scratch = append(s.scratch[:0], tag...)
	s.scratch = binary.AppendUvarint(s.scratch, uint64(len(v)))
	for _, x := range v {
		s.scratch = binary.AppendVarint(s.scratch, int64(x))
	}
	s.h.Write(s.scratch)
}

// graphDigest asks g every question the build asks and hashes the
// answers.
func graphDigest(g *graph.Graph) graphSum {
	s := graphSum{h: sha256.New()}
	for i := range g.Len() {
		same, rel := g.SameStory(i), g.Related(i, 5)
		s.same += len(same)
		s.related += len(rel)
		s.ints("same", same...)
		s.ints("related", rel...)
		s.ints("onthisday", g.OnThisDay(i)...)
	}
	for _, y := range g.Years() {
		s.ints("year", y, len(g.OnDate(y, 0, 0)))
		for _, m := range g.Months(y) {
			s.ints("month", int(m), len(g.OnDate(y, m, 0)))
			for _, d := range g.Days(y, m) {
				s.ints("day", g.OnDate(y, m, d)...)
			}
		}
	}
	s.ints("undated", g.Undated()...)
	for _, k := range kinds {
		for _, e := range g.Entities(k.kind) {
			s.h.Write([]byte(e.Name + "\x00"))
			s.ints("articles", g.Articles(e)...)
			first, last := g.FirstLast(e)
			s.h.Write([]byte(first.String() + last.String()))
			for _, c := range g.CoMentioned(e, 10) {
				s.h.Write([]byte(string(c.Entity.Kind) + c.Entity.Name))
				s.ints("co", c.Count)
			}
			for _, mc := range g.Timeline(e) {
				s.ints("tl", mc.Year, int(mc.Month), mc.Count)
			}
		}
	}
	return s
}

func TestSiteSearch(t *testing.T) {
	s := benchSite(t)
	g := graph.New(s.graphDocs())
	docs := s.searchDocs(entityPaths(g))
	g = nil
	var mu sync.Mutex
	sums := map[string][32]byte{}
	write := func(string, []byte) error { return nil }
	digest, out := os.Getenv("ANNALS_BENCH_DIGEST") != "", os.Getenv("ANNALS_BENCH_OUT")
	switch {
	case out != "":
		write = func(name string, data []byte) error {
			p := filepath.Join(out, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			return os.WriteFile(p, data, 0o644)
		}
	case digest:
		write = func(name string, data []byte) error {
			sum := sha256.Sum256(data)
			mu.Lock()
			defer mu.Unlock()
			if _, dup := sums[name]; dup {
				return fmt.Errorf("%s written twice", name)
			}
			sums[name] = sum
			return nil
		}
	}
	var st search.Stats
	for run := range benchRuns() {
		clear(sums)
		var err error
		t.Logf("search.Write, run %d: %v", run+1, measure(func() { st, err = search.Write(context.Background(), docs, write) }))
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("index: %d docs, %d terms, %d shards, %d files, %.1f MB", st.Docs, st.Terms, st.Shards, st.Files, float64(st.Bytes)/1e6)
	if digest && out == "" {
		h := sha256.New()
		for _, name := range slices.Sorted(maps.Keys(sums)) {
			sum := sums[name]
			h.Write([]byte(name + "\x00"))
			h.Write(sum[:])
		}
		t.Logf("index digest: %x", h.Sum(nil))
	}
}
