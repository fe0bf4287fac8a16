package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/build"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/graph"
)

// Severity says whether a finding fails the check.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Codes of findings; the package doc says what each means.
const (
	CodeConfig           = "config"
	CodePage             = "page"
	CodeDuplicateAddress = "duplicate-address"
	CodeUndated          = "undated"
	CodeKindConflict     = "kind-conflict"
	CodeOverrides        = "overrides"
	CodeBrokenLink       = "broken-link"
	CodeRootLink         = "root-link"
	CodeUnpublished      = "unpublished"
)

// Finding is one problem in one place of the archive.
type Finding struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file"`           // as reached from the site folder given
	Line     int      `json:"line,omitempty"` // 1-based; 0 when the problem has no line
	Code     string   `json:"code"`
	Message  string   `json:"message"`
}

// String formats f as "file:line: severity: message", as build and import
// print their diagnostics.
func (f Finding) String() string {
	return diag.Diagnostic{Severity: f.diagSeverity(), File: f.File, Line: f.Line, Message: f.Message}.String()
}

func (f Finding) diagSeverity() diag.Severity {
	if f.Severity == Error {
		return diag.Error
	}
	return diag.Warning
}

// Options says what to check.
type Options struct {
	Site string // the archive's folder
	// Out is the built output to check; Site/build when empty. An output
	// folder that does not exist is not checked.
	Out string
	// BaseURL overrides annals.toml's base_url: absolute links under it
	// are links of the site.
	BaseURL string
}

// Report is the outcome of a check.
type Report struct {
	Site     string `json:"site"`
	Output   string `json:"output"`   // the output folder checked; "" when there was none
	Articles int    `json:"articles"` // valid article pages
	Pages    int    `json:"pages"`    // HTML pages of the output checked
	// Unchecked counts links of article bodies that could be checked
	// only against an output, when there was none.
	Unchecked int       `json:"unchecked_links"`
	Errors    int       `json:"errors"`
	Warnings  int       `json:"warnings"`
	Findings  []Finding `json:"findings"`
}

// Run checks the archive at opts.Site. Problems of the archive are
// findings; the returned error is for failures of I/O.
func Run(ctx context.Context, fsys afero.Fs, opts Options) (*Report, error) {
	if info, err := fsys.Stat(opts.Site); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("%s is not an archive folder (create one with annals init)", opts.Site)
	}
	if opts.Out == "" {
		opts.Out = path.Join(opts.Site, "build")
	}
	c := &checker{fsys: fsys, opts: opts}
	if err := c.run(ctx); err != nil {
		return nil, err
	}
	return c.report(), nil
}

// checker holds what the checks share.
type checker struct {
	fsys afero.Fs
	opts Options

	cfg      config.Config
	names    *entity.Table
	articles []build.Article
	loaded   map[string]bool            // the article pages the build reads, valid or not
	entities map[graph.EntityKey]string // entity → address of its page
	output   *output                    // nil when there is none

	unchecked int
	inBody    map[string]bool // article address + "\x00" + link: reported in its Markdown
	pages     int

	mu       sync.Mutex
	findings []Finding
}

func (c *checker) add(sev Severity, file string, line int, code, format string, args ...any) {
	c.mu.Lock()
	c.findings = append(c.findings, Finding{sev, file, line, code, fmt.Sprintf(format, args...)})
	c.mu.Unlock()
}

func (c *checker) run(ctx context.Context) error {
	c.loadConfig()
	var pages, addresses diag.List
	arts, err := build.LoadArticles(ctx, c.fsys, c.opts.Site, &pages)
	if err != nil {
		return err
	}
	build.CheckAddresses(arts, &addresses)
	c.loaded = map[string]bool{}
	for _, a := range arts {
		c.loaded[a.File] = true
	}
	for _, d := range pages.Sorted() {
		c.loaded[d.File] = true
	}
	c.addDiags(&pages, CodePage)
	c.addDiags(&addresses, CodeDuplicateAddress)
	// Checks report in file order, whatever order the build keeps.
	slices.SortFunc(arts, func(a, b build.Article) int { return strings.Compare(a.File, b.File) })
	c.articles = arts
	c.entities = build.EntityPaths(arts, c.names)

	c.undated()
	if err := c.kinds(); err != nil {
		return err
	}
	if err := c.contentFiles(); err != nil {
		return err
	}
	if c.output, err = readOutput(c.fsys, c.opts.Out); err != nil {
		return err
	}
	if err := c.bodyLinks(ctx); err != nil {
		return err
	}
	if c.output != nil {
		return c.outputLinks(ctx)
	}
	return nil
}

// loadConfig reads annals.toml and entities.toml; a file that cannot be
// read is a finding, and the defaults stand in for it.
func (c *checker) loadConfig() {
	cfg, err := config.Load(c.fsys, c.opts.Site)
	if err != nil {
		c.addFileError(path.Join(c.opts.Site, config.FileName), err)
		cfg = config.Default()
	}
	if c.opts.BaseURL != "" {
		cfg.BaseURL = c.opts.BaseURL
	}
	if cfg.BaseURL != "" && !strings.HasSuffix(cfg.BaseURL, "/") {
		cfg.BaseURL += "/"
	}
	c.cfg = cfg
	names, err := entity.Load(c.fsys, c.opts.Site)
	if err != nil {
		c.addFileError(path.Join(c.opts.Site, entity.FileName), err)
		names = entity.Builtin()
	}
	c.names = names
}

// addFileError adds err about file: the messages of config and entity
// start with "file:line:" or "file:", which become the finding's place.
func (c *checker) addFileError(file string, err error) {
	msg, line := err.Error(), 0
	if rest, ok := strings.CutPrefix(msg, file+":"); ok {
		msg = strings.TrimSpace(rest)
		if n, after, ok := strings.Cut(msg, ":"); ok {
			if l, convErr := strconv.Atoi(n); convErr == nil {
				line, msg = l, strings.TrimSpace(after)
			}
		}
	}
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	c.add(Error, file, line, CodeConfig, "%s", msg)
}

// addDiags adds the build's diagnostics under code.
func (c *checker) addDiags(l *diag.List, code string) {
	for _, d := range l.Sorted() {
		sev := Warning
		if d.Severity == diag.Error {
			sev = Error
		}
		c.add(sev, d.File, d.Line, code, "%s", d.Message)
	}
}

// undated warns about every article without a date.
func (c *checker) undated() {
	for _, a := range c.articles {
		if a.Article.Date.IsZero() {
			c.add(Warning, a.File, 0, CodeUndated, "has no date: it is published at %s, outside the archive by date; add a date line to its front matter once the date is known", a.Path)
		}
	}
}

func (c *checker) report() *Report {
	r := &Report{Site: c.opts.Site, Articles: len(c.articles), Pages: c.pages, Unchecked: c.unchecked, Findings: c.findings}
	if c.output != nil {
		r.Output = c.opts.Out
	}
	slices.SortFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			strings.Compare(a.Code, b.Code), strings.Compare(a.Message, b.Message))
	})
	r.Findings = slices.Compact(r.Findings)
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	for _, f := range r.Findings {
		if f.Severity == Error {
			r.Errors++
		} else {
			r.Warnings++
		}
	}
	return r
}
