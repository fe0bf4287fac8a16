package content

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/article"
)

// TestHugoReadsPages builds pages written by Marshal with a real Hugo
// (v0.165.0: go install github.com/gohugoio/hugo@v0.165.0), checking that
// Hugo reads every field and gives the same addresses as annals. It is
// skipped where hugo is not installed.
func TestHugoReadsPages(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		gobin := filepath.Join(os.Getenv("HOME"), "go", "bin", "hugo")
		if _, serr := os.Stat(gobin); serr != nil {
			t.Skip("skipping: hugo is not installed (go install github.com/gohugoio/hugo@v0.165.0)")
		}
		hugo = gobin
	}
	dir := t.TempDir()
	files := map[string]string{
		"hugo.toml": `baseURL = "https://example.org/"
title = "check"
[taxonomies]
person = "people"
place = "places"
organization = "organizations"
[permalinks.page]
articles = "/:year/:month/:day/:slug/"
`,
		"layouts/single.html": `{{ .Title }}|{{ .Date.Format "2006-01-02" }}|{{ .Params.source }}|{{ .Params.original_url }}|{{ delimit (.GetTerms "people") "," }}|{{ range .Params.origin }}{{ .file }}#{{ .record }}{{ end }}|{{ .RelPermalink }}`,
		"layouts/list.html":   `{{ range .Pages }}{{ .Title }};{{ end }}`,
	}
	a := sample()
	a.Extra = nil
	a.Title = `Dorn: "A bridge" — not a wall`
	a.Origins = []article.Origin{{File: "feed.jsonl", Record: "3", SHA256: "ab"}}
	files["content/"+Path(a)] = string(Marshal(a, true))
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(hugo, "--quiet", "--source", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo failed: %v\n%s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "public", "2024", "03", "04", a.Slug, "index.html"))
	if err != nil {
		t.Fatalf("hugo did not publish the page at annals' address: %v", err)
	}
	want := `Dorn: "A bridge" — not a wall|2024-03-04|ACNA|https://news.example/dorn|/people/ilya-dorn|feed.jsonl#3|/2024/03/04/dorn-a-bridge-not-a-wall/`
	if g := strings.TrimSpace(html.UnescapeString(string(got))); g != want {
		t.Errorf("hugo read the page as\n%s\nwant\n%s", g, want)
	}
}
