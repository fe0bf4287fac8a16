package browsertest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// ServeDir serves the directory dir under the URL path prefix (such as
// "/archive/") on a test HTTP server, the way GitHub Pages serves a project
// site, and returns the base URL of the site, ending in the prefix. The server
// stops when the test ends.
//
// Like GitHub Pages, it answers a directory with its index.html, redirects a
// directory without its final slash to the slashed path, serves
// ".../index.html" as it is (no redirect), lists no directory, answers an
// address under the prefix that names no file with the site's 404.html (and
// the status 404) when the site has one, and answers 404 for everything
// outside the prefix. The directory is read at each request, so it may be
// filled after ServeDir returns: a site can be built for the address it
// will be served at.
func ServeDir(t testing.TB, dir, prefix string) (baseURL string) {
	t.Helper()
	if !strings.HasPrefix(prefix, "/") {
		prefix = "/" + prefix
	}
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	srv := httptest.NewServer(siteHandler(dir, prefix))
	t.Cleanup(srv.Close)
	return srv.URL + prefix
}

func siteHandler(dir, prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		urlPath := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && urlPath != "/" {
			urlPath += "/"
		}
		if urlPath == strings.TrimSuffix(prefix, "/") {
			redirect(w, r, prefix)
			return
		}
		rest, ok := strings.CutPrefix(urlPath, prefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		name := filepath.Join(dir, filepath.FromSlash(rest))
		fi, err := os.Stat(name)
		if err != nil {
			notFound(w, r, dir)
			return
		}
		if fi.IsDir() {
			if !strings.HasSuffix(urlPath, "/") {
				redirect(w, r, urlPath+"/")
				return
			}
			name = filepath.Join(name, "index.html")
			if fi, err = os.Stat(name); err != nil || fi.IsDir() {
				notFound(w, r, dir)
				return
			}
		}
		f, err := os.Open(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		// ServeContent, not ServeFile: ServeFile redirects
		// ".../index.html" to ".../", which GitHub Pages does not do.
		http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
	})
}

// notFound answers with the site's 404.html, or a plain 404 without one.
func notFound(w http.ResponseWriter, r *http.Request, dir string) {
	page, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(page)
	}
}

func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusMovedPermanently)
}

// FileURL returns the file:// URL of the file at path, made absolute.
func FileURL(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = p
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}
