package scalebench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/synth"
)

// TestRunProcMeasuresTheProgramNotTheBenchmark checks that a small
// program's peak RSS is its own, not that of the process measuring it,
// however much memory that holds.
func TestRunProcMeasuresTheProgramNotTheBenchmark(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("skipping: peak RSS is measured on Linux")
	}
	held := make([]byte, 256<<20)
	for i := 0; i < len(held); i += 4096 {
		held[i] = 1
	}
	p, err := runProc(context.Background(), "sh", "-c", "echo out; echo err >&2")
	runtime.KeepAlive(held)
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxRSS <= 0 || p.MaxRSS > 64<<20 {
		t.Errorf("sh's peak RSS is %d MB while the test holds 256 MB: want a few MB", p.MaxRSS>>20)
	}
	if string(p.Stdout) != "out\n" || string(p.Stderr) != "err\n" || p.ExitCode != 0 || p.Wall <= 0 {
		t.Errorf("runProc = %+v", p)
	}
}

func TestRunProcFailures(t *testing.T) {
	p, err := runProc(context.Background(), "sh", "-c", "echo first >&2; echo why >&2; exit 3")
	if p.ExitCode != 3 || err == nil || !strings.Contains(err.Error(), "sh -c") || !strings.HasSuffix(err.Error(), "\n\tfirst\n\twhy") {
		t.Errorf("runProc of a failing program = exit %d, %v", p.ExitCode, err)
	}
	missing := filepath.Join(t.TempDir(), "no-such-program")
	if _, err := runProc(context.Background(), missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("runProc of a missing program = %v, want an error naming it", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := runProc(ctx, "sleep", "30"); err == nil || time.Since(start) > 10*time.Second {
		t.Errorf("runProc after the context ended = %v after %s", err, time.Since(start))
	}
}

// hugoBinary finds Hugo v0.165.0 as the -hugo flag does, or skips the
// test: Hugo is not installed in CI.
func hugoBinary(t *testing.T) string {
	t.Helper()
	home, _ := os.UserHomeDir()
	for _, p := range []string{filepath.Join(home, "go", "bin", "hugo"), "hugo"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	t.Skip("skipping the Hugo part: hugo is not installed (CGO_ENABLED=0 go install github.com/gohugoio/hugo@v0.165.0); it is not in CI either")
	return ""
}

// pagefindBinary finds Pagefind where the -pagefind flag of annals-bench
// looks by default, or skips the test.
func pagefindBinary(t *testing.T) string {
	t.Helper()
	home, _ := os.UserHomeDir()
	path := filepath.Join(home, ".cache", "annals-bench", "pagefind", "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(path); err != nil {
		t.Skip("skipping the Pagefind part: pagefind is not installed (in ~/.cache/annals-bench/pagefind: npm install pagefind@1.6.0); it is not in CI either")
	}
	return path
}

// TestHugoTemplates builds a small annals content folder with the
// embedded Hugo site and checks the pages a reader needs, at annals'
// addresses, and that Hugo warns about nothing.
func TestHugoTemplates(t *testing.T) {
	hugo := hugoBinary(t)
	dir := t.TempDir()
	contentDir := filepath.Join(dir, "content")
	for i := range 60 {
		a := testArticle(fmt.Sprintf("Article %02d", i), fmt.Sprintf("article-%02d", i), 2001+i/12, 1+i%12, 1+i%28)
		if i%2 == 1 {
			a.Entities = a.Entities[1:]
		}
		writePage(t, contentDir, a)
	}
	writePage(t, contentDir, testArticle("From the future", "from-the-future", time.Now().Year()+1, 1, 1))
	site, public := filepath.Join(dir, "hugo"), filepath.Join(dir, "public")
	if err := WriteHugoSite(site, contentDir); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hugo, "--source", site, "--destination", public, "--cacheDir", filepath.Join(dir, "cache"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, stderr.Bytes())
	}
	if stderr.Len() > 0 {
		t.Errorf("hugo printed warnings:\n%s", stderr.Bytes())
	}
	page := func(path string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(path), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	article := page("2001/02/02/article-01")
	for _, want := range []string{
		"<h1>Article 01</h1>", `<time datetime="2001-02-02">`, "Toriva Post",
		"<p>First paragraph about Article 01.</p>",
		`<a href="/places/toriva/">Toriva</a>`, `<a href="/organizations/kestrel-railways/">Kestrel Railways</a>`,
		`<a rel="prev" href="/2001/01/01/article-00/"><span>← Earlier</span> Article 00</a>`,
		`<a rel="next" href="/2001/03/03/article-02/"><span>Later →</span> Article 02</a>`,
	} {
		if !strings.Contains(article, want) {
			t.Errorf("the article page lacks %s:\n%s", want, article)
		}
	}
	if strings.Contains(article, "<dt>People</dt>") {
		t.Errorf("the article page links to people it does not name:\n%s", article)
	}
	for path, wants := range map[string][]string{
		"":                     {"From the future", "Article 59"},
		"articles":             {"<h1>All articles</h1>", "Page 1 of 2", `href="/articles/page/2/"`},
		"articles/page/2":      {"Page 2 of 2", "Article 00"},
		"people":               {`<a href="/people/ilya-dorn/">Ilya Dorn</a> (31)`},
		"places":               {`<a href="/places/toriva/">Toriva</a> (61)`},
		"places/toriva":        {"61 articles", "Page 1 of 2", "From the future", `<p class="lead">`},
		"places/toriva/page/2": {"Page 2 of 2", "Article 00"},
	} {
		got := page(path)
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("/%s lacks %s:\n%s", path, want, got)
			}
		}
	}
}

// TestRun runs the whole benchmark at 200 articles with an annals binary
// built from this module, Hugo and Pagefind when they are installed, and
// rebuilds.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: builds annals and runs it on 200 articles")
	}
	dir, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	work := t.TempDir()
	ctx := t.Context()
	bin := filepath.Join(work, "annals")
	built := make(chan error, 1)
	go func() { built <- BuildAnnals(ctx, bin) }()
	corpora, err := synth.Load(dir)
	if err := errors.Join(err, <-built); err != nil {
		t.Fatal(err)
	}
	const n = 200
	cfg := Config{Sizes: []int{n}, Incremental: !raceDetector, Work: work, Keep: true, Annals: bin, Corpora: corpora, Seed: 1, Log: t.Output()}
	if raceDetector {
		t.Log("the race detector makes loading the corpora slow: leaving out the rebuilds")
	}
	var peers string // why Hugo and Pagefind did not run
	t.Run("peers", func(t *testing.T) {
		peers = "skipped"
		cfg.Hugo, cfg.Pagefind = hugoBinary(t), pagefindBinary(t)
		cfg.Compare, peers = []int{n}, ""
	})
	res, err := Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + Table(res))
	rows := map[string]Row{}
	for _, r := range res.Rows {
		if r.N != n {
			t.Errorf("a row for %d articles: %+v", r.N, r)
		}
		rows[r.Stage] = r
	}
	check := func(t *testing.T, stage string, minFiles int) {
		t.Helper()
		r, ok := rows[stage]
		if !ok {
			t.Fatalf("no %s row", stage)
		}
		if m := r.M; m.Wall <= 0 || m.CPU <= 0 || m.MaxRSS < 1<<20 || m.Files < minFiles || m.Bytes < int64(m.Files) {
			t.Errorf("%s: %+v", stage, m)
		}
	}
	t.Run("annals", func(t *testing.T) {
		check(t, StageImport, n)
		check(t, StageBuild, n)
		if cfg.Incremental {
			check(t, StageUnchanged, rows[StageBuild].M.Files)
			check(t, StageAdded, rows[StageBuild].M.Files+1)
			check(t, StageEdited, rows[StageBuild].M.Files+1)
		}
		if s, ok := rows[StageSearch]; !ok || (s.Absent == "" && s.M.Files == 0) {
			t.Errorf("search index row: %+v", s)
		}
		if _, err := os.Stat(filepath.Join(work, fmt.Sprintf("n%d", n), "site", "build", "index.html")); err != nil {
			t.Errorf("kept work folder: %v", err)
		}
	})
	t.Run("hugo and pagefind", func(t *testing.T) {
		if peers != "" {
			t.Skip("skipping: Hugo or Pagefind is not installed (see the peers subtest); they are not in CI")
		}
		check(t, StageHugo, n)
		check(t, StagePagefind, 1)
		check(t, StageHugoPagefind, n)
		hugo, pf, both := rows[StageHugo].M, rows[StagePagefind].M, rows[StageHugoPagefind].M
		if both.Wall != hugo.Wall+pf.Wall || both.Files != hugo.Files+pf.Files {
			t.Errorf("hugo+pagefind %+v is not hugo %+v and pagefind %+v", both, hugo, pf)
		}
		if r := rows[StageRatio]; r.WallRatio <= 0 || r.CPURatio <= 0 {
			t.Errorf("ratio row: %+v", r)
		}
		articles, _ := filepath.Glob(filepath.Join(work, fmt.Sprintf("n%d", n), "public", "[0-9]*", "*", "*", "*", "index.html"))
		if len(articles) != n {
			t.Errorf("Hugo wrote %d article pages, want %d", len(articles), n)
		}
		wantOrder := []string{StageImport, StageBuild, StageSearch, StageHugo, StagePagefind, StageHugoPagefind, StageRatio}
		if cfg.Incremental {
			wantOrder = append(wantOrder, StageUnchanged, StageAdded, StageEdited)
		}
		var order []string
		for _, r := range res.Rows {
			order = append(order, r.Stage)
		}
		if !slices.Equal(order, wantOrder) {
			t.Errorf("rows in the order %q, want %q", order, wantOrder)
		}
	})
}
