// Package preview is the HTTP side of annals serve: it serves a built site
// from its output folder, under a base path as GitHub Pages serves a
// project site, and makes the pages that are open in a browser follow the
// builds.
//
// Contract:
//
//   - [Server] answers as GitHub Pages does: a folder with its index.html,
//     a folder without its final slash with a redirect to the slashed
//     address, ".../index.html" as it is, the site's 404.html (status 404)
//     for an address that names no file, and no folder listings. With a
//     base path such as "/repo/", the site is served only under it, and "/"
//     redirects there. Every answer says "Cache-Control: no-store", so a
//     reload always shows the newest build.
//   - The HTML it serves gets one extra element, a script from the server
//     ([ScriptPath]) that listens to the server's build events
//     ([EventsPath], server-sent events), and the page's
//     Content-Security-Policy is widened just enough to let it run and
//     connect ('self' in script-src and connect-src). The files on disk
//     are never written: they stay byte for byte what annals build writes.
//   - [Server.Built] tells the open pages that a build succeeded: each
//     reloads itself. [Server.Failed] tells them that a build failed: they
//     keep the previous build and show the message over the page until a
//     build succeeds. A page in a hidden tab closes its stream (browsers
//     open only a few connections to one server) and, shown again, learns
//     the state at once and reloads if it missed a build.
//
// The paths under "/_annals/" belong to the server, whatever the base path.
// A Server reads its files through an afero.Fs; it is safe for concurrent
// use, and Built and Failed may be called while it serves.
package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"
)

// The server's own addresses, outside any base path.
const (
	ScriptPath = "/_annals/livereload.js"
	EventsPath = "/_annals/events"
)

//go:embed livereload.js
var script []byte

// keepAlive is how often an idle event stream gets a comment, so that
// proxies and browsers keep it open.
const keepAlive = 30 * time.Second

// Server serves a built site for preview. Create it with [New].
type Server struct {
	fs    afero.Fs
	root  string // the output folder
	base  string // "/" or "/repo/"
	epoch string // tells this server's builds from an earlier server's

	mu      sync.Mutex
	builds  int    // successful builds so far
	failure string // the last build's errors, when it failed
	waiting map[chan struct{}]struct{}
	done    chan struct{} // closed by Close
	closed  bool
}

// State is what the event stream tells the pages: the build they should
// show and, when the last build failed, why.
type State struct {
	Build string `json:"build"`
	Error string `json:"error,omitempty"`
}

// New returns a server of the site built into the folder root of fsys,
// under basePath (as cleaned by [CleanBasePath]).
func New(fsys afero.Fs, root, basePath string) *Server {
	return &Server{
		fs:      fsys,
		root:    root,
		base:    basePath,
		epoch:   strconv.FormatInt(time.Now().UnixNano(), 36),
		waiting: make(map[chan struct{}]struct{}),
		done:    make(chan struct{}),
	}
}

// CleanBasePath returns the URL path p as a base path: beginning and
// ending with "/" ("repo" gives "/repo/", "" gives "/"). It rejects paths
// with "..", ".", empty segments or characters that need escaping in a URL.
func CleanBasePath(p string) (string, error) {
	trimmed := strings.Trim(p, "/")
	if trimmed == "" {
		return "/", nil
	}
	for _, seg := range strings.Split(trimmed, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("base path %q: every segment must be a name (no //, . or ..)", p)
		}
		for _, r := range seg {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~", r)) {
				return "", fmt.Errorf("base path %q: %q is not allowed; use letters, digits and - . _ ~", p, r)
			}
		}
	}
	return "/" + trimmed + "/", nil
}

// Built tells the open pages that a build succeeded: they reload.
func (s *Server) Built() {
	s.mu.Lock()
	s.builds++
	s.failure = ""
	s.mu.Unlock()
	s.wakeAll()
}

// Failed tells the open pages that a build failed, with its messages:
// they keep showing the previous build, with the messages over it.
func (s *Server) Failed(msg string) {
	s.mu.Lock()
	s.failure = msg
	s.mu.Unlock()
	s.wakeAll()
}

// Close ends the event streams, so that an http.Server can shut down
// (register it with RegisterOnShutdown). The server answers no events
// after it; files it still serves.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// State returns what the event stream says now.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return State{Build: s.buildID(), Error: s.failure}
}

// Listening returns how many pages follow the builds now: the open event
// streams.
func (s *Server) Listening() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.waiting)
}

func (s *Server) buildID() string { return s.epoch + "-" + strconv.Itoa(s.builds) }

func (s *Server) wakeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.waiting {
		select {
		case c <- struct{}{}:
		default: // already woken; it will read the newest state
		}
	}
}

// ServeHTTP serves the site, the reload script and the build events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(script)
		return
	case EventsPath:
		s.events(w, r)
		return
	}

	urlPath := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && urlPath != "/" {
		urlPath += "/"
	}
	if urlPath == "/" && s.base != "/" {
		// Not permanent: the next serve may have another base path.
		http.Redirect(w, r, s.base, http.StatusFound)
		return
	}
	if urlPath+"/" == s.base {
		redirect(w, r, s.base)
		return
	}
	rest, ok := strings.CutPrefix(urlPath, s.base)
	if !ok {
		s.notFound(w, r)
		return
	}
	name := path.Join(s.root, rest)
	info, err := s.fs.Stat(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if info.IsDir() {
		if !strings.HasSuffix(urlPath, "/") {
			redirect(w, r, urlPath+"/")
			return
		}
		name = path.Join(name, "index.html")
		if info, err = s.fs.Stat(name); err != nil || info.IsDir() {
			s.notFound(w, r)
			return
		}
	}
	s.serveFile(w, r, name)
}

// redirect sends the browser to the slashed address, as GitHub Pages does.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusMovedPermanently)
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	f, err := s.fs.Open(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !isHTML(name) {
		// No modification time: with Cache-Control: no-store there is
		// nothing to revalidate.
		http.ServeContent(w, r, name, time.Time{}, f)
		return
	}
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(s.inject(page)))
}

// notFound answers 404 with the site's 404.html, or a page of its own
// while the site has none (before the first successful build).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	page, err := afero.ReadFile(s.fs, path.Join(s.root, "404.html"))
	if err != nil {
		page = []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
			`<link rel="icon" href="data:,"><title>Not found</title></head><body>` +
			`<h1>Not found</h1><p>There is no page at ` + html.EscapeString(r.URL.Path) +
			`. The site is served at <a href="` + html.EscapeString(s.base) + `">` +
			html.EscapeString(s.base) + `</a>.</p></body></html>`)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(s.inject(page))
	}
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// inject adds the reload script to a page, naming the build it shows.
func (s *Server) inject(page []byte) []byte {
	s.mu.Lock()
	id := s.buildID()
	s.mu.Unlock()
	return Inject(page, `<script src="`+ScriptPath+`" data-build="`+id+`" defer></script>`)
}

// events streams the server's State to one page, once when it connects
// and again after every change, until the page goes away or the server
// closes.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	wake := make(chan struct{}, 1)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	s.waiting[wake] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.waiting, wake)
		s.mu.Unlock()
	}()

	w.Header().Set("Content-Type", "text/event-stream")
	// Reconnect quickly after a restart of the server.
	fmt.Fprint(w, "retry: 500\n\n")
	var sent State
	first := true
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		if st := s.State(); first || st != sent {
			data, _ := json.Marshal(st)
			if _, err := fmt.Fprintf(w, "event: state\ndata: %s\n\n", data); err != nil {
				return
			}
			sent, first = st, false
		}
		flusher.Flush()
		select {
		case <-wake:
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": still here\n\n"); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}
