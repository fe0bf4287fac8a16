package build

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/graph"
	"github.com/annals-archive/annals/internal/progress"
	"github.com/annals-archive/annals/internal/search"
)

// The site driver measures graph.New and search.Write on a real archive,
// loaded as annals build loads it:
//
//	ANNALS_BENCH_SITE=/tmp/bench10k/site go test ./internal/build -run TestSite -v
//
// TestSiteGraph times graph.New and then every query the build makes of
// the graph, and prints a digest of every answer; TestSiteSearch times
// the index write. The digests let a change meant to keep the output be
// checked on archives too large to build twice. ANNALS_BENCH_OUT=folder
// writes the index's files there and ANNALS_BENCH_DIGEST=1 prints a
// digest of them (either adds its cost to the write's).
// ANNALS_BENCH_RUNS=n measures each step n times. Without
// ANNALS_BENCH_SITE the tests are skipped.

var (
	siteOnce sync.Once
	loaded   *siteBuild
	loadErr  error
)

// measuredSite loads the archive ANNALS_BENCH_SITE names as the build does,
// once per test binary, or skips the test.
func measuredSite(t *testing.T) *siteBuild {
	t.Helper()
	dir := os.Getenv("ANNALS_BENCH_SITE")
	if dir == "" {
		t.Skip("ANNALS_BENCH_SITE names no archive to measure")
	}
	siteOnce.Do(func() {
		start := time.Now()
		fsys := afero.NewOsFs()
		names, err := entity.Load(fsys, dir)
		if err != nil {
			loadErr = err
			return
		}
		var diags diag.List
		pages, err := loadArticles(context.Background(), fsys, path.Join(dir, "content"), names, nil, true, &diags, nil)
		loaded, loadErr = &siteBuild{names: names, pages: pages}, err
		if err == nil {
			t.Logf("loaded %d articles in %v", len(pages), time.Since(start).Round(time.Millisecond))
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
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
	c0, t0 := progress.CPUTime(), time.Now()
	f()
	wall, cpu := time.Since(t0), progress.CPUTime()-c0
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
	s := measuredSite(t)
	docs := heldDocs(s.pages)
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

// heldDocs are the graph's docs of pages loaded with their bodies held,
// with their texts: the graph's cost without reading files.
func heldDocs(pages []*page) []graph.Doc {
	docs := graphDocs(pages)
	for i, p := range pages {
		docs[i].Text = plainBody(p.body.held)
	}
	return docs
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
	for _, k := range sections {
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
	s := measuredSite(t)
	s.graph = graph.New(heldDocs(s.pages))
	s.linkEntities()
	docs := s.searchDocs()
	s.graph = nil
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
		t.Logf("search.Write, run %d: %v", run+1, measure(func() { st, err = search.Write(context.Background(), slices.Clone(docs), write) }))
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
