package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/scalebench"
	"github.com/annals-archive/annals/internal/synth"
)

// scaleCmd measures annals import and build at several archive sizes,
// against Hugo and Pagefind on the same content.
func scaleCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("annals-bench scale", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: annals-bench scale [flags]\n\n"+
			"For each archive size N, writes N raw articles (as the corpus command does),\n"+
			"then runs annals init, import and build as subprocesses and measures each:\n"+
			"wall and CPU time, peak RSS, files and bytes written. At the sizes of\n"+
			"-compare it also builds the same content/ with Hugo and indexes Hugo's\n"+
			"output with Pagefind. Progress goes to standard error, the Markdown table to\n"+
			"standard output.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	sizes := fs.String("n", "1000,10000,100000", "the archive `sizes` to measure, comma-separated")
	compare := fs.String("compare", "10000,100000", "the `sizes` at which Hugo and Pagefind build the same content too (\"\" for none)")
	work := fs.String("work", "", "the work `folder` (default: a new temporary folder)")
	keep := fs.Bool("keep", false, "keep the work folder's sites, outputs and binary")
	annals := fs.String("annals", "", "the annals `binary` (default: go build ./cmd/annals into the work folder)")
	hugo := fs.String("hugo", defaultHugo(), "the Hugo v0.165.0 `binary`")
	pagefind := fs.String("pagefind", defaultPagefind(), "the Pagefind 1.6.0 `binary` (npm install pagefind@1.6.0); for npm's script, the platform binary it starts is measured")
	incremental := fs.Bool("incremental", false, "also rebuild after adding one article and after editing one")
	out := fs.String("out", "", "also write the table as Markdown to this `file`")
	dir := fs.String("corpora", "", "the shared corpora `folder` (default: $ANNALS_CORPORA, or shared/corpora beside the module root)")
	seed := fs.Uint64("seed", 1, "the random seed of the articles")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := scalebench.Config{
		Incremental: *incremental, Keep: *keep, Annals: *annals,
		Hugo: *hugo, Pagefind: *pagefind, Seed: *seed, Log: os.Stderr,
	}
	var err error
	if cfg.Sizes, err = scalebench.ParseSizes(*sizes); err == nil {
		cfg.Compare, err = scalebench.ParseSizes(*compare)
	}
	if err == nil && len(cfg.Sizes) == 0 {
		err = errors.New("-n names no size")
	}
	if err != nil || fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "annals-bench scale: %v\n\n", usageProblem(err, fs.Args()))
		fs.Usage()
		return errUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if cfg.Corpora, err = loadCorpora(*dir); err != nil {
		return err
	}
	cfg.Work, err = workFolder(*work)
	if err != nil {
		return err
	}
	res, runErr := scalebench.Run(ctx, cfg)
	switch {
	case *keep:
		fmt.Fprintf(os.Stderr, "kept the sites, their outputs and the binary in %s\n", cfg.Work)
	case *work == "":
		os.RemoveAll(cfg.Work)
	}
	if res != nil && len(res.Rows) > 0 {
		if err := writeTable(res, stdout, *out); err != nil {
			return err
		}
	}
	return runErr
}

// usageProblem says what is wrong with the command line.
func usageProblem(err error, rest []string) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("scale takes no arguments, got %q", rest)
}

// loadCorpora reads the research corpora the articles are drawn from.
func loadCorpora(dir string) (*synth.Corpora, error) {
	if dir == "" {
		d, err := corpus.Dir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	start := time.Now()
	c, err := synth.Load(dir)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "read the corpora in %s in %s\n", dir, time.Since(start).Round(time.Millisecond))
	return c, nil
}

// workFolder returns the work folder: dir, or a new temporary folder.
func workFolder(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return os.MkdirTemp("", "annals-scale-")
}

// writeTable prints the table and, when file is not "", writes it there.
func writeTable(res *scalebench.Result, stdout io.Writer, file string) error {
	table := scalebench.Table(res)
	fmt.Fprint(stdout, table)
	if file == "" {
		return nil
	}
	return os.WriteFile(file, []byte(table), 0o644)
}

// defaultHugo is the Hugo that go install puts in ~/go/bin, else the
// first hugo on PATH.
func defaultHugo() string {
	home, _ := os.UserHomeDir()
	gobin := filepath.Join(home, "go", "bin", "hugo")
	if _, err := os.Stat(gobin); err == nil {
		return gobin
	}
	if p, err := exec.LookPath("hugo"); err == nil {
		return p
	}
	return gobin
}
