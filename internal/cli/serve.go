package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals"
	"github.com/annals-archive/annals/internal/build"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/preview"
	"github.com/annals-archive/annals/internal/progress"
)

var serveCmd = &Command{
	Name:    "serve",
	Args:    "",
	Summary: "Build the site, serve it locally and rebuild when the archive changes.",
	Help: `Builds the site into the output folder, exactly as annals build does,
serves it over HTTP and watches content/, templates/, static/, annals.toml
and entities.toml. After a change it rebuilds, and the pages open in a
browser reload themselves. When a build fails, its errors are printed and
shown over the open pages, which keep the previous build until the errors
are fixed.

The script that reloads the pages is added to them as they are served,
never to the files in the output folder, which stay exactly as annals build
writes them. The script and its event stream are served under /_annals/.

--base-path serves the site under a path, as GitHub Pages serves a project
site at https://OWNER.github.io/REPO/: "--base-path /REPO/", or
"--base-path auto" for the path of the base URL (--base-url or base_url in
annals.toml). The address / then redirects there.

It listens on 127.0.0.1, so that only this computer can open the site,
unless --addr names another address (0.0.0.0:1313 for every network
interface). Stop it with Ctrl-C.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		site := fs.String("site", ".", "the archive's `folder`")
		out := fs.String("out", "", "the output `folder` (default SITE/build)")
		addr := fs.String("addr", "127.0.0.1:1313", "the `host:port` to listen on")
		baseURL := fs.String("base-url", "", "the `URL` the site is published at (overrides annals.toml)")
		basePath := fs.String("base-path", "/", "serve the site under this URL `path`, or auto for the base URL's path")
		open := fs.Bool("open", false, "open the site in the default browser")
		return func(env *Env, args []string) int {
			if len(args) != 0 {
				return usageError(env, "serve", "serve takes no arguments, got %q", args)
			}
			if code, bad := badBaseURL(env, "serve", *baseURL); bad {
				return code
			}
			opts := build.Options{Site: *site, Out: *out, BaseURL: *baseURL}
			if opts.Out == "" {
				opts.Out = path.Join(*site, "build")
			}
			base, err := servePath(env, opts, *basePath)
			if err != nil {
				return usageError(env, "serve", "%v", err)
			}
			return serve(env, opts, *addr, base, *open)
		}
	},
}

// servePath resolves the --base-path flag: a path, or "auto" for the path
// of the base URL.
func servePath(env *Env, opts build.Options, flagValue string) (string, error) {
	if flagValue != "auto" {
		return preview.CleanBasePath(flagValue)
	}
	baseURL := opts.BaseURL
	if baseURL == "" {
		cfg, err := config.Load(env.Fs, opts.Site)
		if err != nil {
			return "", err
		}
		baseURL = cfg.BaseURL
	}
	if baseURL == "" {
		return "", fmt.Errorf("--base-path auto takes the path of the base URL, but none is set: use --base-url or base_url in %s", path.Join(opts.Site, config.FileName))
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", fmt.Errorf("base URL %q: %v", baseURL, err)
	}
	return preview.CleanBasePath(u.Path)
}

// The watch's timing. A change is seen within one poll (pollInterval, or
// pollFactor times as long as a look at every file takes, for large
// archives), and built once the files have stayed as they are for
// settleTime, so that a save in several writes makes one build. After a
// build the files are looked at again after settleTime, so that a change
// saved during the build is built next.
const (
	pollInterval = 50 * time.Millisecond
	pollFactor   = 4
	settleTime   = 40 * time.Millisecond
	settleMax    = 2 * time.Second
)

func serve(env *Env, opts build.Options, addr, basePath string, open bool) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return failure(env, "serve", err)
	}
	site := preview.New(env.Fs, opts.Out, basePath)
	srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(site.Close)

	last := snapshot(env.Fs, opts.Site)
	serveBuild(env, opts, site, nil)
	if env.Ctx.Err() != nil {
		ln.Close()
		return ExitOK
	}

	url, warning := siteURL(ln.Addr(), basePath)
	fmt.Fprintf(env.Stdio.Out, "Serving %s at %s — Ctrl-C to stop\n", opts.Out, url)
	if warning != "" {
		fmt.Fprintf(env.Stdio.Err, "annals serve: %s\n", warning)
	}
	if open {
		if err := openInBrowser(url); err != nil {
			fmt.Fprintf(env.Stdio.Err, "annals serve: could not open a browser (%v)\n", err)
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	timer := time.NewTimer(pollInterval)
	defer timer.Stop()
	for {
		select {
		case <-env.Ctx.Done():
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			srv.Shutdown(ctx)
			return ExitOK
		case err := <-errc:
			if errors.Is(err, http.ErrServerClosed) {
				return ExitOK
			}
			return failure(env, "serve", err)
		case <-timer.C:
		}
		start := time.Now()
		now := snapshot(env.Fs, opts.Site)
		wait := max(pollInterval, pollFactor*time.Since(start))
		if len(changed(last, now)) > 0 {
			now = settle(env, opts.Site, now)
			if changes := changed(last, now); len(changes) > 0 {
				last = now
				serveBuild(env, opts, site, changes)
				wait = settleTime
			}
		}
		timer.Reset(wait)
	}
}

// settle waits until the watched files of site stay as they are for
// settleTime (at most settleMax), and returns their last state.
func settle(env *Env, site string, now map[string]stamp) map[string]stamp {
	deadline := time.Now().Add(settleMax)
	for time.Now().Before(deadline) {
		select {
		case <-env.Ctx.Done():
			return now
		case <-time.After(settleTime):
		}
		next := snapshot(env.Fs, site)
		if len(changed(now, next)) == 0 {
			return next
		}
		now = next
	}
	return now
}

// serveBuild builds the site and tells the open pages: they reload after
// a successful build and show the errors of a failed one. changes are the
// files that made this build, for the messages (none for the first build,
// which draws progress bars on a terminal).
func serveBuild(env *Env, opts build.Options, site *preview.Server, changes []string) {
	start := time.Now()
	opts.Theme = annals.Theme
	what, cause := "built", ""
	if len(changes) > 0 {
		cause = describeChanges(opts.Site, changes) + ": "
		what = cause + "rebuilt"
	} else {
		opts.Progress = progress.New("build", env.Stdio.Err)
	}
	var diags diag.List
	res, err := build.Build(env.Ctx, env.Fs, opts, &diags)
	opts.Progress.Done()
	if env.Ctx.Err() != nil {
		return // stopping
	}
	var problems []string
	for _, d := range diags.Sorted() {
		problems = append(problems, d.String())
		fmt.Fprintln(env.Stdio.Err, d)
	}
	if err == nil && diags.HasErrors() {
		err = errors.New(counted(diags.Count(diag.Error), "error"))
	} else if err != nil {
		problems = append(problems, err.Error())
	}
	if err != nil {
		fmt.Fprintf(env.Stdio.Err, "annals serve: %sthe build failed (%v); the pages show the previous build and the errors\n", cause, err)
		site.Failed(strings.Join(problems, "\n"))
		return
	}
	fmt.Fprintf(env.Stdio.Out, "%s %s, %d pages in %s (%d files written, %d removed)\n",
		what, counted(res.Articles, "article"), res.Pages, time.Since(start).Round(time.Millisecond), res.Written, res.Removed)
	site.Built()
}

// counted is "1 article" or "N articles".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// describeChanges names up to three changed files, relative to the site.
func describeChanges(site string, changes []string) string {
	const shown = 3
	names := make([]string, 0, shown)
	for _, p := range changes[:min(len(changes), shown)] {
		if rel, ok := strings.CutPrefix(p, site+"/"); ok {
			p = rel
		}
		names = append(names, p)
	}
	s := strings.Join(names, ", ")
	if len(changes) > shown {
		s += fmt.Sprintf(" and %d more", len(changes)-shown)
	}
	return s + " changed"
}

// siteURL is the address to open for a listener and base path, and a
// warning when the listener is reachable from other computers.
func siteURL(addr net.Addr, basePath string) (url, warning string) {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + basePath, ""
	}
	ip := net.ParseIP(host)
	switch {
	case ip != nil && ip.IsUnspecified():
		warning = fmt.Sprintf("listening on every network interface (%s): other computers can open the site", addr)
		host = "localhost"
	case ip != nil && !ip.IsLoopback():
		warning = fmt.Sprintf("listening on %s: other computers can open the site", addr)
	}
	return "http://" + net.JoinHostPort(host, port) + basePath, warning
}

// A stamp is what the watch knows of a file.
type stamp struct {
	size    int64
	modTime time.Time
}

// watched are the files and folders of an archive that a build reads.
var watched = []string{"content", "templates", "static", config.FileName, entity.FileName}

// snapshot returns the stamp of every file a build reads, by path.
func snapshot(fsys afero.Fs, site string) map[string]stamp {
	files := make(map[string]stamp)
	for _, name := range watched {
		afero.Walk(fsys, path.Join(site, name), func(p string, info fs.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				files[p] = stamp{info.Size(), info.ModTime()}
			}
			return nil
		})
	}
	return files
}

// changed returns the paths whose stamps differ between old and now,
// sorted.
func changed(old, now map[string]stamp) []string {
	var paths []string
	for p, st := range now {
		if o, ok := old[p]; !ok || o != st {
			paths = append(paths, p)
		}
	}
	for p := range old {
		if _, ok := now[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths
}
