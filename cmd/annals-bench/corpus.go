package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/synth"
)

// corpusCmd writes the raw articles of a benchmark archive.
func corpusCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("annals-bench corpus", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: annals-bench corpus -n N -out DIR [-corpora DIR] [-seed S] [-per-file K]\n\n"+
			"Writes N unique raw articles, resampled from the KCNA, Reuters-21578 and BBC\n"+
			"News corpora, as JSON Lines files to DIR/raw/, ready for annals import.\n"+
			"The same seed and N write the same files.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	n := fs.Int("n", 0, "how many articles to write")
	out := fs.String("out", "", "the benchmark `folder`: articles go to its raw/ subfolder, which must be empty or absent")
	dir := fs.String("corpora", "", "the shared corpora `folder` (default: $ANNALS_CORPORA, or shared/corpora beside the module root)")
	seed := fs.Uint64("seed", 1, "the random seed: the same seed writes the same files")
	perFile := fs.Int("per-file", synth.DefaultPerFile, "articles per file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n <= 0 || *out == "" || fs.NArg() > 0 {
		fmt.Fprint(fs.Output(), "annals-bench corpus: -n (at least 1) and -out are required, and take no arguments\n\n")
		fs.Usage()
		return errUsage
	}
	if *dir == "" {
		d, err := corpus.Dir()
		if err != nil {
			return err
		}
		*dir = d
	}
	raw := filepath.Join(*out, "raw")
	if entries, err := os.ReadDir(raw); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: remove it or choose another -out", raw)
	}

	start := time.Now()
	c, err := synth.Load(*dir)
	if err != nil {
		return err
	}
	bases := c.Bases()
	fmt.Fprintf(stdout, "read the corpora in %s: %d KCNA, %d Reuters and %d BBC News base articles\n",
		time.Since(start).Round(time.Millisecond), bases["KCNA"], bases["Reuters"], bases["BBC News"])

	start = time.Now()
	files, err := synth.Write(afero.NewOsFs(), raw, c, synth.Options{N: *n, Seed: *seed, PerFile: *perFile})
	if err != nil {
		return err
	}
	var articles int
	var size int64
	for _, f := range files {
		articles += f.Articles
		size += f.Bytes
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "wrote %d articles (%.1f MB) in %d files to %s in %s (%.0f articles/s)\n",
		articles, float64(size)/1e6, len(files), raw, elapsed.Round(time.Millisecond), float64(articles)/elapsed.Seconds())
	if len(files) > 0 {
		fmt.Fprintf(stdout, "first %s, last %s\n", filepath.Base(files[0].Path), filepath.Base(files[len(files)-1].Path))
	}
	return nil
}
