package scalebench

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/content"
)

// TestMain lets the test binary serve as the starter that runProc runs.
func TestMain(m *testing.M) {
	RunStarter()
	os.Exit(m.Run())
}

func TestParseSizes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
		err  string
	}{
		{"1000,10000,100000", []int{1000, 10000, 100000}, ""},
		{" 200 , 5 ", []int{200, 5}, ""},
		{"", nil, ""},
		{"  ", nil, ""},
		{"1000,", nil, `"" is not a number`},
		{"10k", nil, `"10k" is not a number`},
		{"0", nil, `"0" is not a number`},
		{"-5", nil, `"-5" is not a number`},
		{"7,7", nil, "7 is listed twice"},
	} {
		got, err := ParseSizes(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseSizes(%q) = %v, %v; want an error with %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseSizes(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

// reportJSON is a report as annals build writes it, with a field this
// package does not know.
const reportJSON = `{"command":"build","articles":10000,"pages":41543,"files":77234,"bytes":662100000,
 "wall_seconds":59.7,"cpu_seconds":67.8,"max_rss_bytes":494904000,"go_version":"go1.26.8",
 "stages":[{"name":"load","wall_seconds":1.2,"cpu_seconds":2.0,"max_rss_bytes":123,"files":0,"bytes":0},
  {"name":"search","wall_seconds":6.5,"cpu_seconds":9.25,"max_rss_bytes":400000000,"files":35689,"bytes":22900000,"shards":812}]}`

func TestReadReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(path, []byte(reportJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadReport(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Command != "build" || r.Articles != 10000 || r.Pages != 41543 || r.Bytes != 662100000 ||
		r.WallSeconds != 59.7 || r.MaxRSSBytes != 494904000 || len(r.Stages) != 2 {
		t.Errorf("read %+v", r)
	}
	s, ok := r.Stage(SearchStage)
	if !ok {
		t.Fatal("no search stage")
	}
	want := Measure{Wall: 6500 * time.Millisecond, CPU: 9250 * time.Millisecond, MaxRSS: 400000000, Files: 35689, Bytes: 22900000}
	if got := s.Measure(); got != want {
		t.Errorf("search stage = %+v, want %+v", got, want)
	}
	if _, ok := r.Stage("render"); ok {
		t.Error("found a stage the report does not have")
	}
}

func TestReadReportErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"command":"build","stages":[{"name":`), 0o644)
	for _, path := range []string{bad, filepath.Join(dir, "absent.json")} {
		if _, err := ReadReport(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("ReadReport(%s) = %v, want an error naming the file", path, err)
		}
	}
}

func TestFlagUndefined(t *testing.T) {
	undefined := []byte("annals build: flag provided but not defined: -report\nRun 'annals build --help' for usage.\n")
	for _, c := range []struct {
		p    Proc
		want bool
	}{
		{Proc{ExitCode: 2, Stderr: undefined}, true},
		{Proc{ExitCode: 1, Stderr: undefined}, false},
		{Proc{ExitCode: 2, Stderr: []byte("annals build: flag provided but not defined: -report")}, true},
		{Proc{ExitCode: 2, Stderr: []byte("annals build: flag provided but not defined: -reporter\n")}, false},
		{Proc{ExitCode: 2, Stderr: []byte("annals build: flag provided but not defined: -open-report\n")}, false},
		{Proc{ExitCode: 2, Stderr: []byte("annals import: name at least one file or folder to import\n")}, false},
	} {
		if got := flagUndefined(c.p, "report"); got != c.want {
			t.Errorf("flagUndefined(exit %d, %q) = %v, want %v", c.p.ExitCode, c.p.Stderr, got, c.want)
		}
	}
}

func TestTable(t *testing.T) {
	s := time.Second
	build := Measure{Wall: 60 * s, CPU: 68 * s, MaxRSS: 494_904_000, Files: 77234, Bytes: 662_100_000}
	hugo := Measure{Wall: 40 * s, CPU: 50 * s, MaxRSS: 600_000_000, Files: 50000, Bytes: 400_000_000}
	pagefind := Measure{Wall: 20 * s, CPU: 30 * s, MaxRSS: 300_000_000, Files: 10000, Bytes: 22_000_000}
	both := combine(hugo, pagefind)
	res := &Result{
		Machine: Machine{CPU: "Test CPU", Cores: 2, Memory: 24_600_000_000, Go: "go1.26.8", Hugo: "hugo v0.165.0", Pagefind: "pagefind 1.6.0"},
		Rows: []Row{
			{N: 1000, Stage: StageImport, M: Measure{Wall: 2500 * time.Millisecond, CPU: 3 * s, MaxRSS: 150_000_000, Files: 1000, Bytes: 2_500_000}},
			{N: 1000, Stage: StageSearch, Absent: "no stage numbers."},
			{N: 10000, Stage: StageBuild, M: build},
			{N: 10000, Stage: StageSearch, Absent: "no stage numbers."},
			{N: 10000, Stage: StageHugoPagefind, M: both},
			ratioRow(10000, build, both),
		},
	}
	got := Table(res)
	for _, want := range []string{
		"Machine: Test CPU, 2 cores, 24.6 GB memory, go1.26.8, hugo v0.165.0, pagefind 1.6.0.\n\n| N | stage | wall s | CPU s | peak RSS MB | files | MB written |\n| ---: | --- |",
		"\n| 1000 | import | 2.50 | 3.00 | 150 | 1000 | 2.5 |\n| 1000 | of which search index | — | — | — | — | — |\n| 10000 | build | 60.0 | 68.0 | 495 | 77234 | 662.1 |\n",
		"\n| 10000 | hugo+pagefind | 60.0 | 80.0 | 600 | 60000 | 422.0 |\n| 10000 | build / (hugo+pagefind) | 1.00× | 0.85× |  |  |  |\n\n",
		"peak RSS is the build process's peak so far at the end of that stage",
		"\n- —: no stage numbers.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks\n%s\nin\n%s", want, got)
		}
	}
	if strings.Contains(got, "Rebuilds:") {
		t.Errorf("the table explains rebuilds it does not have:\n%s", got)
	}
	if n := strings.Count(got, "no stage numbers."); n != 1 {
		t.Errorf("the reason for absent numbers is given %d times, want once:\n%s", n, got)
	}
}

func TestMachineParsing(t *testing.T) {
	cpuinfo := "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R)   Processor @ 2.20GHz\nflags\t\t: fpu\n\nprocessor\t: 1\nmodel name\t: Other\n"
	if got, want := cpuModel([]byte(cpuinfo)), "Intel(R) Xeon(R) Processor @ 2.20GHz"; got != want {
		t.Errorf("cpuModel = %q, want %q", got, want)
	}
	if got := cpuModel([]byte("processor\t: 0\nBogoMIPS\t: 50.00\n")); got != "" {
		t.Errorf("cpuModel without a model name = %q", got)
	}
	meminfo := "MemFree:         1000 kB\nMemTotal:       24678912 kB\n"
	if got, want := memTotal([]byte(meminfo)), int64(24678912*1024); got != want {
		t.Errorf("memTotal = %d, want %d", got, want)
	}
	if got := memTotal([]byte("MemTotal: lots\n")); got != 0 {
		t.Errorf("memTotal of nonsense = %d", got)
	}
	if got := (Machine{Cores: 4, Go: "go1.26.8"}).String(); got != "unknown CPU, 4 cores, go1.26.8" {
		t.Errorf("Machine.String() = %q", got)
	}
}

func TestSetFrontMatter(t *testing.T) {
	page := "---\ntitle: >-\n  A title folded\n  on two lines\ndate: 2024-03-04\nslug: old\npeople:\n  - A\n  - B\nimport_digest: abc\n---\n\nBody: title: not a key.\n"
	got, err := setFrontMatter([]byte(page), map[string]string{"title": "New", "slug": "new", "source": "X"}, "import_digest", "people")
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: New\ndate: 2024-03-04\nslug: new\nsource: X\n---\n\nBody: title: not a key.\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := setFrontMatter([]byte("no front matter\n"), nil); err == nil {
		t.Error("no error for a page without front matter")
	}
}

// writePage writes an article page into the content folder dir.
func writePage(t *testing.T, dir string, a *article.Article) string {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(content.Path(a)))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, content.Marshal(a, true), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func parsePage(t *testing.T, path string) *content.Page {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := content.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p
}

func testArticle(title, slug string, y, m, d int) *article.Article {
	return &article.Article{
		Title: title, Slug: slug, Source: "Toriva Post",
		Date: article.Date{Year: y, Month: time.Month(m), Day: d},
		Body: "First paragraph about " + title + ".\n\nSecond paragraph.",
		Entities: []article.Entity{
			{Name: "Ilya Dorn", Kind: article.Person},
			{Name: "Toriva", Kind: article.Place},
			{Name: "Kestrel Railways", Kind: article.Organization},
		},
		Origins: []article.Origin{{File: "feed.jsonl", Record: "1", SHA256: "ab"}},
	}
}

func TestAddAndEditArticle(t *testing.T) {
	dir := t.TempDir()
	writePage(t, dir, testArticle("Oldest: a bridge", "oldest", 2009, 12, 31))
	writePage(t, dir, testArticle("Middle", "middle", 2024, 3, 4))
	newest := writePage(t, dir, testArticle("Newest", "newest", 2024, 11, 2))
	writePage(t, dir, testArticle("Undated", "undated", 0, 0, 0))
	os.MkdirAll(filepath.Join(dir, "articles", "2024", "notes"), 0o755) // not a month

	added, err := AddArticle(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "articles", "2024", "11", "02", "article-added-by-the-scale-benchmark-1.md"); added != want {
		t.Errorf("added %s, want %s", added, want)
	}
	p, orig := parsePage(t, added), parsePage(t, newest)
	if p.Article.Title != "Article added by the scale benchmark 1" || p.Article.Slug != "article-added-by-the-scale-benchmark-1" || p.Imported {
		t.Errorf("added page: title %q, slug %q, import digest kept: %v", p.Article.Title, p.Article.Slug, p.Imported)
	}
	if p.Article.Body != orig.Article.Body || p.Article.Date != orig.Article.Date || p.Article.Source != orig.Article.Source ||
		!reflect.DeepEqual(p.Article.Entities, orig.Article.Entities) {
		t.Errorf("the added page is not a copy of the newest: %+v", p.Article)
	}
	if again, err := AddArticle(dir); err != nil || filepath.Base(again) != "article-added-by-the-scale-benchmark-2.md" {
		t.Errorf("second AddArticle = %s, %v", again, err)
	}

	edited, err := EditArticle(dir)
	if err != nil {
		t.Fatal(err)
	}
	p = parsePage(t, edited)
	if p.Article.Title != "Oldest: a bridge" || !strings.HasSuffix(p.Article.Body, "Second paragraph.\n\n"+strings.TrimSpace(editedParagraph)) || !p.Edited {
		t.Errorf("edited %s: title %q, edited %v, body\n%s", edited, p.Article.Title, p.Edited, p.Article.Body)
	}
}

func TestAddArticleWithoutDatedArticles(t *testing.T) {
	dir := t.TempDir()
	writePage(t, dir, testArticle("Undated", "undated", 0, 0, 0))
	if _, err := AddArticle(dir); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "articles")) {
		t.Errorf("AddArticle = %v, want an error naming the articles folder", err)
	}
}

func TestDirUsage(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(dir, "one"), make([]byte, 10), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "b", "two"), make([]byte, 1000), 0o644)
	os.Symlink("one", filepath.Join(dir, "link"))
	files, size, err := DirUsage(dir)
	if err != nil || files != 2 || size != 1010 {
		t.Errorf("DirUsage = %d files, %d bytes, %v; want 2, 1010", files, size, err)
	}
	absent := filepath.Join(dir, "absent")
	if _, _, err := DirUsage(absent); err == nil || !strings.Contains(err.Error(), absent) {
		t.Errorf("DirUsage of an absent folder = %v, want an error naming it", err)
	}
}

func TestWriteHugoSite(t *testing.T) {
	dir := t.TempDir()
	contentDir := filepath.Join(dir, "annals", "content with \"quotes\"")
	site := filepath.Join(dir, "hugo")
	if err := WriteHugoSite(site, contentDir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"baseof", "home", "single", "list", "taxonomy", "term", "_partials/item", "_partials/pager"} {
		if _, err := os.Stat(filepath.Join(site, "layouts", name+".html")); err != nil {
			t.Errorf("layout %s: %v", name, err)
		}
	}
	data, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		BuildFuture bool                         `toml:"buildFuture"`
		Taxonomies  map[string]string            `toml:"taxonomies"`
		Permalinks  map[string]map[string]string `toml:"permalinks"`
		Pagination  struct {
			PagerSize int `toml:"pagerSize"`
		} `toml:"pagination"`
		Module struct {
			Mounts []struct{ Source, Target string } `toml:"mounts"`
		} `toml:"module"`
	}
	if err := toml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("hugo.toml: %v\n%s", err, data)
	}
	if !cfg.BuildFuture || cfg.Pagination.PagerSize != 50 ||
		cfg.Permalinks["page"]["articles"] != "/:year/:month/:day/:slug/" ||
		!reflect.DeepEqual(cfg.Taxonomies, map[string]string{"person": "people", "place": "places", "organization": "organizations"}) {
		t.Errorf("hugo.toml reads as %+v", cfg)
	}
	if m := cfg.Module.Mounts; len(m) != 1 || m[0].Source != contentDir || m[0].Target != "content" {
		t.Errorf("mounts = %+v, want %s as content", m, contentDir)
	}
}
