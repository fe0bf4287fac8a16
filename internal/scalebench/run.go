package scalebench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/synth"
)

// Config says what Run measures and where.
type Config struct {
	Sizes []int // archive sizes, in the order to measure them
	// Compare lists the sizes at which Hugo and Pagefind build the same
	// content too, right after annals build; sizes not in Sizes are
	// ignored.
	Compare []int
	// Incremental adds rebuilds after adding one article and after
	// editing one.
	Incremental bool
	Work        string // the work folder, created when absent
	Keep        bool   // keep what Run writes in Work
	// Annals is the annals binary; when "", Run builds one into
	// Work/bin/annals from the module around the working directory.
	Annals   string
	Hugo     string // the hugo binary, needed when Compare meets Sizes
	Pagefind string // the pagefind binary, or the npm package's script
	Corpora  *synth.Corpora
	Seed     uint64    // the synth seed: the same seed, the same articles
	Log      io.Writer // progress lines; nil discards them
}

// ParseSizes parses a comma-separated list of archive sizes, such as
// "1000,10000,100000"; "" is the empty list.
func ParseSizes(s string) ([]int, error) {
	var sizes []int
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a number of articles (a whole number above 0)", strings.TrimSpace(f))
		}
		if slices.Contains(sizes, n) {
			return nil, fmt.Errorf("%d is listed twice", n)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// Run measures every size of cfg in turn and returns the rows measured,
// also when it stops at an error.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	r := &runner{cfg: cfg, log: cfg.Log}
	if r.log == nil {
		r.log = io.Discard
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Work, 0o755); err != nil {
		return nil, err
	}
	bin, err := r.annalsBinary(ctx)
	if err != nil {
		return nil, err
	}
	if cfg.Annals == "" && !cfg.Keep {
		defer os.RemoveAll(filepath.Dir(bin))
	}
	r.annals = &annalsBin{path: bin}
	var hugo string
	if r.comparing() {
		hugo, r.pagefind = cfg.Hugo, NativePagefind(cfg.Pagefind)
	}
	res := &Result{Machine: ReadMachine(ctx, hugo, r.pagefind)}
	r.logf("machine: %s", res.Machine)
	for _, n := range cfg.Sizes {
		rows, err := r.size(ctx, n)
		res.Rows = append(res.Rows, rows...)
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// runner holds what one Run needs across sizes.
type runner struct {
	cfg      Config
	log      io.Writer
	annals   *annalsBin
	pagefind string // the binary measured, "" when not comparing
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.log, format+"\n", args...)
}

// check reports what is missing from the configuration.
func (r *runner) check() error {
	c := r.cfg
	switch {
	case len(c.Sizes) == 0:
		return errors.New("no archive sizes to measure")
	case c.Work == "":
		return errors.New("no work folder")
	case c.Corpora == nil:
		return errors.New("no corpora to generate articles from")
	}
	for _, n := range c.Sizes {
		if n <= 0 {
			return fmt.Errorf("%d is not a number of articles", n)
		}
	}
	if !r.comparing() {
		return nil
	}
	for _, bin := range []struct{ name, path string }{{"hugo", c.Hugo}, {"pagefind", c.Pagefind}} {
		if bin.path == "" {
			return fmt.Errorf("comparing with Hugo and Pagefind needs the %s binary", bin.name)
		}
		if _, err := exec.LookPath(bin.path); err != nil {
			return fmt.Errorf("comparing with Hugo and Pagefind: %w", err)
		}
	}
	return nil
}

// comparing tells whether Hugo and Pagefind run at some size.
func (r *runner) comparing() bool {
	for _, n := range r.cfg.Sizes {
		if slices.Contains(r.cfg.Compare, n) {
			return true
		}
	}
	return false
}

// annalsBinary returns the annals binary to run, building it when the
// configuration names none.
func (r *runner) annalsBinary(ctx context.Context) (string, error) {
	if r.cfg.Annals != "" {
		return r.cfg.Annals, nil
	}
	bin := filepath.Join(r.cfg.Work, "bin", "annals")
	r.logf("building annals into %s", bin)
	start := time.Now()
	if err := BuildAnnals(ctx, bin); err != nil {
		return "", err
	}
	r.logf("built annals in %s", time.Since(start).Round(time.Millisecond))
	return bin, nil
}

// size measures one archive size in the folder Work/n<N>, which it
// removes at the end unless told to keep it.
func (r *runner) size(ctx context.Context, n int) (rows []Row, err error) {
	dir := filepath.Join(r.cfg.Work, fmt.Sprintf("n%d", n))
	if err := emptyDir(dir); err != nil {
		return nil, err
	}
	if !r.cfg.Keep {
		defer func() {
			if rmErr := os.RemoveAll(dir); rmErr != nil && err == nil {
				err = rmErr
			}
		}()
	}
	if err := r.corpus(dir, n); err != nil {
		return nil, err
	}
	rows, build, err := r.annalsSteps(ctx, dir, n)
	if err != nil {
		return rows, err
	}
	if slices.Contains(r.cfg.Compare, n) {
		peers, err := r.peers(ctx, dir, n, build)
		rows = append(rows, peers...)
		if err != nil {
			return rows, err
		}
	}
	if r.cfg.Incremental {
		rebuilds, err := r.rebuilds(ctx, filepath.Join(dir, "site"), n)
		rows = append(rows, rebuilds...)
		if err != nil {
			return rows, err
		}
	}
	return rows, nil
}

// emptyDir creates dir, or checks that it is empty.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: remove it or choose another work folder", dir)
	}
	return os.MkdirAll(dir, 0o755)
}

// corpus writes n raw articles into dir/raw.
func (r *runner) corpus(dir string, n int) error {
	start := time.Now()
	raw := filepath.Join(dir, "raw")
	files, err := synth.Write(afero.NewOsFs(), raw, r.cfg.Corpora, synth.Options{N: n, Seed: r.cfg.Seed})
	if err != nil {
		return err
	}
	var size int64
	for _, f := range files {
		size += f.Bytes
	}
	r.logf("n=%d corpus: wrote %d articles (%.1f MB) in %d files to %s in %s",
		n, n, mb(size), len(files), raw, time.Since(start).Round(time.Millisecond))
	return nil
}

// annalsSteps runs annals init, import and build on dir/raw, into the
// site dir/site, and returns their rows and the build's measure.
func (r *runner) annalsSteps(ctx context.Context, dir string, n int) ([]Row, Measure, error) {
	site := filepath.Join(dir, "site")
	if _, _, err := r.annals.run(ctx, "init", "", site); err != nil {
		return nil, Measure{}, err
	}
	imp, impReport, err := r.measureAnnals(ctx, n, "import", filepath.Join(dir, "import-report.json"),
		filepath.Join(site, "content"), "--site", site, filepath.Join(dir, "raw"))
	if err != nil {
		return nil, Measure{}, err
	}
	r.logStages(n, impReport)
	rows := []Row{{N: n, Stage: StageImport, M: imp}}
	build, buildReport, err := r.measureAnnals(ctx, n, "build", filepath.Join(dir, "build-report.json"),
		filepath.Join(site, "build"), "--site", site)
	if err != nil {
		return rows, Measure{}, err
	}
	r.logStages(n, buildReport)
	rows = append(rows, Row{N: n, Stage: StageBuild, M: build}, searchRow(n, buildReport))
	return rows, build, nil
}

// measureAnnals runs an annals command, asking for a report when report
// is not "", and measures it with the files of out.
func (r *runner) measureAnnals(ctx context.Context, n int, command, report, out string, args ...string) (Measure, *Report, error) {
	p, rep, err := r.annals.run(ctx, command, report, args...)
	if err != nil {
		return Measure{}, nil, err
	}
	m, err := r.finish(n, "annals "+command, p, out)
	return m, rep, err
}

// finish adds the files of out to a finished step's measure and logs it.
func (r *runner) finish(n int, step string, p Proc, out string) (Measure, error) {
	m := p.Measure
	var err error
	if m.Files, m.Bytes, err = DirUsage(out); err != nil {
		return m, err
	}
	r.logf("n=%d %s: %s", n, step, m)
	if s := strings.TrimSpace(string(p.Stderr)); s != "" {
		r.logf("n=%d %s printed on standard error:\n%s", n, step, s)
	}
	return m, nil
}

// logStages logs every stage of a report.
func (r *runner) logStages(n int, rep *Report) {
	if rep == nil {
		return
	}
	for _, s := range rep.Stages {
		r.logf("n=%d   %s stage %s: %s (peak RSS so far)", n, rep.Command, s.Name, s.Measure())
	}
}

// searchRow is the row of the search stage of annals build, from its
// report (nil when annals has no --report).
func searchRow(n int, rep *Report) Row {
	row := Row{N: n, Stage: StageSearch}
	if rep == nil {
		row.Absent = "annals build has no --report flag: no stage numbers."
		return row
	}
	s, ok := rep.Stage(SearchStage)
	if !ok {
		row.Absent = fmt.Sprintf("the report of annals build has no stage named %q.", SearchStage)
		return row
	}
	row.M = s.Measure()
	return row
}

// peers builds the annals site's content with Hugo into dir/public and
// indexes that with Pagefind, and returns their rows and the ratio to the
// annals build.
func (r *runner) peers(ctx context.Context, dir string, n int, build Measure) ([]Row, error) {
	hugoSite, public := filepath.Join(dir, "hugo"), filepath.Join(dir, "public")
	if err := WriteHugoSite(hugoSite, filepath.Join(dir, "site", "content")); err != nil {
		return nil, err
	}
	p, err := runHugo(ctx, r.cfg.Hugo, hugoSite, public, filepath.Join(dir, "hugo-cache"))
	if err != nil {
		return nil, err
	}
	hugo, err := r.finish(n, "hugo", p, public)
	if err != nil {
		return nil, err
	}
	rows := []Row{{N: n, Stage: StageHugo, M: hugo}}
	p, err = runProc(ctx, r.pagefind, append([]string{"--site", public}, pagefindArgs...)...)
	if err != nil {
		return rows, err
	}
	pagefind, err := r.finish(n, "pagefind", p, filepath.Join(public, "pagefind"))
	if err != nil {
		return rows, err
	}
	both := combine(hugo, pagefind)
	rows = append(rows,
		Row{N: n, Stage: StagePagefind, M: pagefind},
		Row{N: n, Stage: StageHugoPagefind, M: both},
		ratioRow(n, build, both))
	r.logf("n=%d annals build / (hugo+pagefind): %s wall, %s CPU", n, ratio(rows[3].WallRatio), ratio(rows[3].CPURatio))
	return rows, nil
}

// rebuilds builds site once more, unmeasured, so that the tree the next
// build stages into is a complete earlier build; then it measures a
// rebuild with nothing changed, one after adding an article and one after
// editing an article.
func (r *runner) rebuilds(ctx context.Context, site string, n int) ([]Row, error) {
	content := filepath.Join(site, "content")
	if _, _, err := r.measureAnnals(ctx, n, "build", "", filepath.Join(site, "build"), "--site", site); err != nil {
		return nil, err
	}
	var rows []Row
	for _, step := range []struct {
		stage  string
		change func(string) (string, error)
	}{{StageUnchanged, nil}, {StageAdded, AddArticle}, {StageEdited, EditArticle}} {
		if step.change != nil {
			page, err := step.change(content)
			if err != nil {
				return rows, err
			}
			r.logf("n=%d %s: %s", n, step.stage, page)
		}
		m, _, err := r.measureAnnals(ctx, n, "build", "", filepath.Join(site, "build"), "--site", site)
		if err != nil {
			return rows, err
		}
		rows = append(rows, Row{N: n, Stage: step.stage, M: m})
	}
	return rows, nil
}
