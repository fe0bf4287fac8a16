package cli

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strconv"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/build"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/entity"
)

var serveCmd = &Command{
	Name:    "serve",
	Args:    "",
	Summary: "Build the site, serve it locally and rebuild when the archive changes.",
	Help: `Builds the site into the output folder, serves it over HTTP and
watches content/, templates/, static/ and annals.toml, rebuilding after each
change. It listens on 127.0.0.1 unless --addr names another address. Stop it
with Ctrl-C.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		site := fs.String("site", ".", "the archive's `folder`")
		out := fs.String("out", "", "the output `folder` (default SITE/build)")
		addr := fs.String("addr", "127.0.0.1:1313", "the `host:port` to listen on")
		open := fs.Bool("open", false, "open the site in the default browser")
		return func(env *Env, args []string) int {
			if len(args) != 0 {
				return usageError(env, "serve", "serve takes no arguments, got %q", args)
			}
			opts := build.Options{Site: *site, Out: *out}
			if opts.Out == "" {
				opts.Out = path.Join(*site, "build")
			}
			return serve(env, opts, *addr, *open)
		}
	},
}

// pollInterval is how often serve looks for changes.
const pollInterval = 300 * time.Millisecond

func serve(env *Env, opts build.Options, addr string, open bool) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return failure(env, "serve", err)
	}
	runBuild(env, opts, "")
	srv := &http.Server{
		Handler:           http.FileServer(afero.NewHttpFs(env.Fs).Dir(opts.Out)),
		ReadHeaderTimeout: 10 * time.Second,
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(env.Stdio.Out, "Serving %s at %s — Ctrl-C to stop\n", opts.Out, url)
	if open {
		if err := openInBrowser(url); err != nil {
			fmt.Fprintf(env.Stdio.Err, "annals serve: could not open a browser (%v)\n", err)
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	last := fingerprint(env.Fs, opts.Site)
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
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
		case <-tick.C:
			if fp := fingerprint(env.Fs, opts.Site); fp != last {
				last = fp
				runBuild(env, opts, "")
			}
		}
	}
}

// fingerprint summarises the names, sizes and modification times of the
// files a build reads.
func fingerprint(fsys afero.Fs, site string) [sha256.Size]byte {
	h := sha256.New()
	for _, dir := range []string{"content", "templates", "static", config.FileName, entity.FileName} {
		afero.Walk(fsys, path.Join(site, dir), func(p string, info fs.FileInfo, err error) error {
			if err != nil {
				return nil
			}
			fmt.Fprint(h, p, "\x00", strconv.FormatInt(info.Size(), 10), "\x00", info.ModTime().UnixNano(), "\n")
			return nil
		})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}
