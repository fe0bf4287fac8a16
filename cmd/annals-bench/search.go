package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/annals-archive/annals/internal/searchbench"
)

// queries are searches a reader of a news archive makes, in the order a
// session would: the first loads the search page.
var queries = []string{
	"north korea", "kim jong un", "missile launch", "oil prices", "interest rates",
	"football", "election", "pyongyang", "sugar exports", "prime minister", "nuclear talks", "wheat",
}

// pagefindArgs index what annals indexes, the articles' main content:
// article pages only, without the lists of links to other articles.
var pagefindArgs = []string{
	"--glob", "{[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9],undated}/*/index.html",
	"--root-selector", "main",
	"--exclude-selectors", ".crumbs, .prevnext, .related, .samestory, .onthisday, .cite",
}

func searchCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ExitOnError)
	pagefind := fs.String("pagefind", defaultPagefind(), "the pagefind 1.6.0 binary (npm install pagefind@1.6.0)")
	chromium := fs.String("chromium", "/usr/bin/chromium", "headless Chromium")
	out := fs.String("out", "", "also write the report as Markdown to this file")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: annals-bench search [flags] BUILD...\n\n"+
			"Measures search on built sites (folders that annals build wrote): for each\n"+
			"query, the requests and bytes a browser transfers and the time to results,\n"+
			"for annals and for Pagefind indexing a copy of the same site.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.Parse(args)
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("no site given")
	}
	b, err := searchbench.Launch(*chromium)
	if err != nil {
		return err
	}
	defer b.Close()
	var rows []row
	for _, dir := range fs.Args() {
		n, err := countArticles(dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d articles\n", dir, n)
		a, err := b.Annals(dir, queries)
		if err != nil {
			return err
		}
		rows = append(rows, row{n: n, r: a})
		pf, err := pagefindSite(*pagefind, dir)
		if err != nil {
			return err
		}
		p, err := b.Pagefind(pf.dir, queries)
		if err != nil {
			return err
		}
		rows = append(rows, row{n: n, r: p, indexTime: pf.took})
		os.RemoveAll(pf.dir)
	}
	report := markdown(rows)
	fmt.Fprint(stdout, report)
	if *out != "" {
		return os.WriteFile(*out, []byte(report), 0o644)
	}
	return nil
}

type row struct {
	n         int
	r         searchbench.Report
	indexTime time.Duration
}

type indexed struct {
	dir  string
	took time.Duration
}

// pagefindSite copies the site and indexes the copy with Pagefind.
func pagefindSite(bin, dir string) (indexed, error) {
	copyDir, err := os.MkdirTemp("", "annals-bench-pagefind-")
	if err != nil {
		return indexed{}, err
	}
	if err := os.CopyFS(filepath.Join(copyDir, "site"), os.DirFS(dir)); err != nil {
		return indexed{}, err
	}
	site := filepath.Join(copyDir, "site")
	os.RemoveAll(filepath.Join(site, "search"))
	cmd := exec.Command(bin, append([]string{"--site", site}, pagefindArgs...)...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if out, err := cmd.Output(); err != nil {
		return indexed{}, fmt.Errorf("pagefind: %v\n%s", err, out)
	}
	return indexed{dir: site, took: time.Since(start)}, nil
}

func defaultPagefind() string {
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "annals-bench", "pagefind", "node_modules", ".bin", "pagefind")
}

// countArticles counts the article pages of a build.
func countArticles(dir string) (int, error) {
	n := 0
	for _, glob := range []string{"[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html", "undated/*/index.html"} {
		m, err := filepath.Glob(filepath.Join(dir, glob))
		if err != nil {
			return 0, err
		}
		n += len(m)
	}
	if n == 0 {
		return 0, fmt.Errorf("%s has no article pages: is it a folder annals build wrote?", dir)
	}
	return n, nil
}

func kb(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1024) }

// markdown writes the report: a summary table, then every query.
func markdown(rows []row) string {
	var b strings.Builder
	b.WriteString("| articles | engine | index on disk | files | first query: KB transferred (KB of files), requests | later queries: median KB, max KB (max KB of files) | requests, median / max | ms to results, median / max | ms once loaded, median / max |\n")
	b.WriteString("| ---: | --- | ---: | ---: | --- | --- | --- | --- | --- |\n")
	for _, r := range rows {
		q := r.r.Queries
		first, later := q[0], q[1:]
		bytes := func(f func(searchbench.Query) int64) []int64 {
			var out []int64
			for _, x := range later {
				out = append(out, f(x))
			}
			slices.Sort(out)
			return out
		}
		tb := bytes(func(x searchbench.Query) int64 { return x.Bytes })
		bb := bytes(func(x searchbench.Query) int64 { return x.Body })
		req := bytes(func(x searchbench.Query) int64 { return int64(x.Requests) })
		var ms, loaded []float64
		for _, x := range q {
			ms = append(ms, x.Millis)
			loaded = append(loaded, x.Loaded)
		}
		slices.Sort(ms)
		slices.Sort(loaded)
		fmt.Fprintf(&b, "| %d | %s | %.1f MB | %d | %s (%s), %d | %s, %s (%s) | %d / %d | %.0f / %.0f | %.0f / %.0f |\n",
			r.n, r.r.Engine, float64(r.r.IndexBytes)/(1<<20), r.r.IndexFiles,
			kb(first.Bytes), kb(first.Body), first.Requests,
			kb(tb[len(tb)/2]), kb(tb[len(tb)-1]), kb(bb[len(bb)-1]),
			req[len(req)/2], req[len(req)-1], ms[len(ms)/2], ms[len(ms)-1], loaded[len(loaded)/2], loaded[len(loaded)-1])
	}
	b.WriteString("\nEvery query:\n\n| articles | engine | query | results | requests | KB transferred | KB of files | ms | ms once loaded |\n| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range rows {
		for _, x := range r.r.Queries {
			fmt.Fprintf(&b, "| %d | %s | %s | %d | %d | %s | %s | %.0f | %.0f |\n", r.n, r.r.Engine, x.Query, x.Results, x.Requests, kb(x.Bytes), kb(x.Body), x.Millis, x.Loaded)
		}
	}
	return b.String()
}
