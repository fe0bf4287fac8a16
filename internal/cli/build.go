package cli

import (
	"bytes"
	"flag"
	"fmt"
	"path"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals"
	"github.com/annals-archive/annals/internal/build"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/progress"
)

var buildCmd = &Command{
	Name:    "build",
	Args:    "",
	Summary: "Build the static site from content/ into build/.",
	Help: `Renders every article of content/ with the site's templates/ and
static/ over the built-in theme. The new site is assembled beside the output
folder and replaces it only when the whole build succeeded: on any error
nothing is written and the previous build stays as it was.

Internal links are relative, so the output works at a domain root, under a
subpath and opened from disk; --base-url sets only canonical addresses.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		site := fs.String("site", ".", "the archive's `folder`")
		out := fs.String("out", "", "the output `folder` (default SITE/build)")
		baseURL := fs.String("base-url", "", "the `URL` the site is published at (overrides annals.toml)")
		open := fs.Bool("open", false, "open the built site's home page in the default browser")
		report := fs.String("report", "", "also write what each stage cost as JSON to `file`")
		return func(env *Env, args []string) int {
			if len(args) != 0 {
				return usageError(env, "build", "build takes no arguments, got %q", args)
			}
			if code, bad := badBaseURL(env, "build", *baseURL); bad {
				return code
			}
			opts := build.Options{Site: *site, Out: *out, BaseURL: *baseURL}
			if opts.Out == "" {
				opts.Out = path.Join(opts.Site, "build")
			}
			code := runBuild(env, opts, *report)
			if code == ExitOK && *open {
				if err := openInBrowser(path.Join(opts.Out, "index.html")); err != nil {
					fmt.Fprintf(env.Stdio.Err, "annals build: could not open a browser (%v): open %s yourself\n", err, path.Join(opts.Out, "index.html"))
				}
			}
			return code
		}
	},
}

// runBuild builds, shows progress bars on a terminal, and closes with a
// summary of each stage; with reportFile, also as JSON.
func runBuild(env *Env, opts build.Options, reportFile string) int {
	start := time.Now()
	opts.Theme = annals.Theme
	opts.Progress = progress.New("build", env.Stdio.Err)
	var diags diag.List
	res, err := build.Build(env.Ctx, env.Fs, opts, &diags)
	rep := opts.Progress.Done()
	report(env.Stdio.Err, &diags)
	if err != nil {
		return failure(env, "build", err)
	}
	if diags.HasErrors() {
		fmt.Fprintf(env.Stdio.Err, "annals build: %d errors: nothing was written\n", diags.Count(diag.Error))
		return ExitFailure
	}
	fmt.Fprintf(env.Stdio.Out, "built %d articles: %d pages, %d files, %.1f MB in %s (%d files written, %d removed, the others unchanged; %d pages kept from an earlier build, their inputs unchanged), in %s\n",
		res.Articles, res.Pages, res.Files, float64(res.Bytes)/1e6, opts.Out, res.Written, res.Removed, res.Reused, time.Since(start).Round(time.Millisecond))
	rep.Summary(env.Stdio.Out)
	if reportFile != "" {
		rep.Articles, rep.Pages = res.Articles, res.Pages
		if err := writeReport(env, reportFile, rep); err != nil {
			return failure(env, "build", err)
		}
	}
	return ExitOK
}

// writeReport writes a run's report as JSON to file.
func writeReport(env *Env, file string, rep progress.Report) error {
	var b bytes.Buffer
	if err := rep.WriteJSON(&b); err != nil {
		return err
	}
	if err := afero.WriteFile(env.Fs, file, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}
