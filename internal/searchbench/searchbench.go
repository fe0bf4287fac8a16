// Package searchbench measures what searching a built site costs a
// reader: for each query, the requests and bytes the browser transfers and
// the time until the results show, for annals' search page and for
// Pagefind's on the same site, and the size of each index on disk.
//
// Sites are served over HTTP under a subpath, with gzip for text files as
// GitHub Pages serves them, and read by headless Chromium.
package searchbench

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// Prefix is the subpath sites are served under.
const Prefix = "/archive/"

// A Query is what one query cost.
type Query struct {
	Query    string
	Requests int
	Bytes    int64   // transferred: headers and compressed bodies
	Body     int64   // bodies as stored, uncompressed
	Millis   float64 // from the query's start to its results, loading included, timed by the page
	Loaded   float64 // the same once every file it needs is loaded: the search's own time
	Results  int     // results shown (at most ten)
}

// A Report is what an engine's search cost on one site.
type Report struct {
	Engine     string
	IndexFiles int
	IndexBytes int64
	Queries    []Query // the first loads the search page too
}

// Browser is a headless Chromium.
type Browser struct {
	ctx    context.Context
	cancel func()
}

// Launch starts Chromium at path.
func Launch(path string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "searchbench-profile-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.UserDataDir(profile), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return &Browser{ctx: ctx, cancel: func() { cancel(); cancelAlloc(); os.RemoveAll(profile) }}, nil
}

// Close stops the browser.
func (b *Browser) Close() { b.cancel() }

// meter adds up what the server sends: it sees every request, the page's
// and its workers' alike.
type meter struct {
	mu       sync.Mutex
	requests int
	bytes    int64 // bodies as sent, compressed where the server compresses
	body     int64 // bodies uncompressed
	failed   []string
}

func (m *meter) add(path string, status int, sent, body int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests++
	m.bytes += sent
	m.body += body
	if status >= 400 {
		m.failed = append(m.failed, fmt.Sprintf("%s: HTTP %d", path, status))
	}
}

// take returns the traffic since the last take and starts again.
func (m *meter) take() (requests int, bytes, body int64, failed []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	requests, bytes, body, failed = m.requests, m.bytes, m.body, m.failed
	m.requests, m.bytes, m.body, m.failed = 0, 0, 0, nil
	return
}

// tab opens a tab with a fresh cache.
func (b *Browser) tab() (context.Context, func(), error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}

// run measures queries in one tab: the first opens page, which runs the
// query it is given, later ones are typed by next.
func (b *Browser) run(engine string, m *meter, queries []string, first func(q string) string, next, wait string) ([]Query, error) {
	ctx, cancel, err := b.tab()
	if err != nil {
		return nil, err
	}
	defer cancel()
	var out []Query
	for i, q := range queries {
		m.take()
		qj, _ := json.Marshal(q)
		var err error
		if i == 0 {
			err = do(ctx, chromedp.Navigate(first(q)))
		} else {
			_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(next, qj), chromedp.EvalAwaitPromise))
		}
		if err != nil {
			return out, fmt.Errorf("%s: query %q: %w", engine, q, err)
		}
		shown, err := await(ctx, wait, qj)
		if err != nil {
			return out, fmt.Errorf("%s: query %q: %w", engine, q, err)
		}
		// Let the last responses finish.
		time.Sleep(50 * time.Millisecond)
		requests, bytes, body, failed := m.take()
		if len(failed) > 0 {
			return out, fmt.Errorf("%s: query %q: failed requests: %s", engine, q, strings.Join(failed, "; "))
		}
		// Again, with everything loaded: the time the search itself takes.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(next, qj), chromedp.EvalAwaitPromise)); err != nil {
			return out, err
		}
		again, err := await(ctx, wait, qj)
		if err != nil {
			return out, err
		}
		if requests, _, _, _ := m.take(); requests > 0 {
			return out, fmt.Errorf("%s: query %q: repeating it made %d requests", engine, q, requests)
		}
		out = append(out, Query{Query: q, Requests: requests, Bytes: bytes, Body: body, Millis: shown.Ms, Loaded: again.Ms, Results: shown.N})
	}
	return out, nil
}

type shown struct {
	N  int     `json:"n"`
	Ms float64 `json:"ms"`
}

// await runs the script wait for the query q (JSON) and returns what it
// reports.
func await(ctx context.Context, wait string, q []byte) (shown, error) {
	c, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return chromedp.Run(c, chromedp.Evaluate[shown](fmt.Sprintf(wait, q), chromedp.EvalAwaitPromise))
}

func do(ctx context.Context, a chromedp.Action[chromedp.Void]) error {
	c, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return chromedp.Do(c, a)
}

// annalsNext types a query into the search box; annalsWait waits for its
// results and returns how many show.
const (
	annalsNext = `(() => { const q = document.getElementById("search-q"); q.value = %s;
		q.dispatchEvent(new Event("input", {bubbles: true})); return true })()`
	annalsWait = `new Promise((resolve, reject) => { const want = %s;
		const s = document.getElementById("search-status");
		const check = () => {
			if (s.dataset.state === "done" && s.dataset.q === want) {
				resolve({n: document.querySelectorAll("#search-results > li").length, ms: Number(s.dataset.ms)});
				return true;
			}
			if (s.dataset.state === "error") { reject(new Error(s.innerText)); return true; }
			return false;
		};
		if (!check()) new MutationObserver((_, o) => { if (check()) o.disconnect(); }).observe(s, {attributes: true}); })`
)

// Annals measures annals' search page of the site built in dir.
func (b *Browser) Annals(dir string, queries []string) (Report, error) {
	r := Report{Engine: "annals"}
	var err error
	r.IndexFiles, r.IndexBytes, err = du(filepath.Join(dir, "search"))
	if err != nil {
		return r, err
	}
	m := &meter{}
	base, stop, err := serve(dir, m)
	if err != nil {
		return r, err
	}
	defer stop()
	first := func(q string) string { return base + "search/index.html?q=" + urlQuery(q) }
	r.Queries, err = b.run("annals", m, queries, first, annalsNext, annalsWait)
	return r, err
}

// pagefindPage searches with Pagefind's JavaScript API as its docs show,
// and loads the data of the first ten results, as a results page does.
const pagefindPage = `<!DOCTYPE html><meta charset="utf-8"><title>Pagefind</title><link rel="icon" href="data:,">
<p id="status" data-q="">idle</p>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
window.runQuery = async (q) => {
  const s = document.getElementById("status");
  s.dataset.state = "loading";
  const t0 = performance.now();
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  s.dataset.ms = (performance.now() - t0).toFixed(1);
  s.dataset.n = String(data.length);
  s.dataset.q = q;
  s.dataset.state = "done";
};
window.runQuery(new URLSearchParams(location.search).get("q") || "");
</script>`

const (
	pagefindNext = `(window.runQuery(%s), true)`
	pagefindWait = `new Promise((resolve) => { const want = %s;
		const s = document.getElementById("status");
		const check = () => {
			if (s.dataset.state === "done" && s.dataset.q === want) { resolve({n: Number(s.dataset.n), ms: Number(s.dataset.ms)}); return true; }
			return false;
		};
		if (!check()) new MutationObserver((_, o) => { if (check()) o.disconnect(); }).observe(s, {attributes: true}); })`
)

// Pagefind measures Pagefind's index of the site in dir (in dir/pagefind),
// searched from a page at the site's root.
func (b *Browser) Pagefind(dir string, queries []string) (Report, error) {
	r := Report{Engine: "Pagefind"}
	var err error
	r.IndexFiles, r.IndexBytes, err = du(filepath.Join(dir, "pagefind"))
	if err != nil {
		return r, err
	}
	page := filepath.Join(dir, "pagefind-bench.html")
	if err := os.WriteFile(page, []byte(pagefindPage), 0o644); err != nil {
		return r, err
	}
	defer os.Remove(page)
	m := &meter{}
	base, stop, err := serve(dir, m)
	if err != nil {
		return r, err
	}
	defer stop()
	first := func(q string) string { return base + "pagefind-bench.html?q=" + urlQuery(q) }
	r.Queries, err = b.run("Pagefind", m, queries, first, pagefindNext, pagefindWait)
	return r, err
}

func urlQuery(q string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "#", "%23", "+", "%2B", " ", "+", `"`, "%22").Replace(q)
}

// du counts the files and bytes under dir.
func du(dir string) (files int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	return files, bytes, err
}

// serve serves dir under Prefix on a loopback port, compressing text as
// GitHub Pages does, counting what it sends in m, and returns the site's
// address.
func serve(dir string, m *meter) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	files := http.StripPrefix(Prefix, http.FileServer(http.Dir(dir)))
	srv := &http.Server{Handler: counted(gzipText(files), m)}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + Prefix, func() { srv.Close() }, nil
}

// counter counts the bytes of a response body as sent.
type counter struct {
	http.ResponseWriter
	status int
	sent   int64
}

func (c *counter) WriteHeader(code int) {
	c.status = code
	c.ResponseWriter.WriteHeader(code)
}

func (c *counter) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	n, err := c.ResponseWriter.Write(p)
	c.sent += int64(n)
	return n, err
}

func counted(h http.Handler, m *meter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &counter{ResponseWriter: w}
		raw := &rawCounter{}
		h.ServeHTTP(c, r.WithContext(context.WithValue(r.Context(), rawKey{}, raw)))
		m.add(r.URL.Path, c.status, c.sent, raw.n)
	})
}

// rawCounter counts a body's bytes before compression.
type rawCounter struct{ n int64 }

type rawKey struct{}

// compressed are the extensions GitHub Pages serves with gzip.
var compressed = map[string]bool{".html": true, ".js": true, ".css": true, ".json": true, ".xml": true, ".svg": true, ".txt": true, ".mjs": true}

type gzipWriter struct {
	http.ResponseWriter
	w   io.Writer
	raw *rawCounter
}

func (g gzipWriter) Write(p []byte) (int, error) {
	g.raw.n += int64(len(p))
	return g.w.Write(p)
}

// WriteHeader drops the length of the uncompressed file.
func (g gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

type plainWriter struct {
	http.ResponseWriter
	raw *rawCounter
}

func (p plainWriter) Write(b []byte) (int, error) {
	p.raw.n += int64(len(b))
	return p.ResponseWriter.Write(b)
}

func gzipText(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := r.Context().Value(rawKey{}).(*rawCounter)
		if raw == nil {
			raw = &rawCounter{}
		}
		ext := strings.ToLower(filepath.Ext(r.URL.Path))
		if strings.HasSuffix(r.URL.Path, "/") {
			ext = ".html"
		}
		if !compressed[ext] || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(plainWriter{w, raw}, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz, _ := gzip.NewWriterLevel(w, gzip.DefaultCompression)
		defer gz.Close()
		h.ServeHTTP(gzipWriter{ResponseWriter: w, w: gz, raw: raw}, r)
	})
}
