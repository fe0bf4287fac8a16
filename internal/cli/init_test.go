package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"go.yaml.in/yaml/v3"
)

// workflow is the part of a GitHub Actions workflow the tests read.
type workflow struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]job    `yaml:"jobs"`
}

type job struct {
	If          string            `yaml:"if"`
	Needs       string            `yaml:"needs"`
	RunsOn      string            `yaml:"runs-on"`
	Env         map[string]string `yaml:"env"`
	Environment struct {
		Name string `yaml:"name"`
		URL  string `yaml:"url"`
	} `yaml:"environment"`
	Concurrency struct {
		Group            string `yaml:"group"`
		CancelInProgress bool   `yaml:"cancel-in-progress"`
	} `yaml:"concurrency"`
	Steps []step `yaml:"steps"`
}

type step struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
	Run  string            `yaml:"run"`
}

// initWorkflow runs init into a new archive on memory with the given
// version of annals and returns the file system and the workflow's text.
func initWorkflow(t *testing.T, version string) (afero.Fs, string) {
	t.Helper()
	fsys := afero.NewMemMapFs()
	wrote, err := initSite(fsys, "site", "Grey Sea Archive", "", version)
	if err != nil || !wrote {
		t.Fatalf("initSite = %v, %v; want the workflow written", wrote, err)
	}
	data, err := afero.ReadFile(fsys, "site/"+workflowPath)
	if err != nil {
		t.Fatal(err)
	}
	return fsys, string(data)
}

func parseWorkflow(t *testing.T, text string) workflow {
	t.Helper()
	var w workflow
	dec := yaml.NewDecoder(strings.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(&w); err != nil {
		t.Fatalf("the workflow is not the YAML expected: %v", err)
	}
	return w
}

// stepUsing returns the step of j that uses the action (owner/name),
// with the version it pins.
func stepUsing(t *testing.T, j job, action string) (step, string) {
	t.Helper()
	for _, s := range j.Steps {
		if name, version, ok := strings.Cut(s.Uses, "@"); ok && name == action {
			return s, version
		}
	}
	t.Fatalf("no step uses %s", action)
	return step{}, ""
}

func TestInitWritesPagesWorkflow(t *testing.T) {
	_, got := initWorkflow(t, "v1.2.3")
	golden := filepath.Join("testdata", "pages.yml.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("init wrote a workflow unlike %s (go test ./internal/cli -update rewrites it):\n%s", golden, got)
	}
}

func TestPagesWorkflowPublishesWithGitHubsActions(t *testing.T) {
	_, text := initWorkflow(t, "v1.2.3")
	w := parseWorkflow(t, text)

	for _, event := range []string{"push", "workflow_dispatch"} {
		if _, ok := w.On[event]; !ok {
			t.Errorf("the workflow does not run on %s", event)
		}
	}
	for perm, want := range map[string]string{"contents": "read", "pages": "write", "id-token": "write"} {
		if got := w.Permissions[perm]; got != want {
			t.Errorf("permission %s = %q, want %q", perm, got, want)
		}
	}

	build, deploy := w.Jobs["build"], w.Jobs["deploy"]
	if len(w.Jobs) != 2 || len(build.Steps) == 0 || len(deploy.Steps) == 0 {
		t.Fatalf("jobs = %v, want build and deploy", slices.Sorted(func(yield func(string) bool) {
			for k := range w.Jobs {
				if !yield(k) {
					return
				}
			}
		}))
	}
	if build.Env["ANNALS_VERSION"] != "v1.2.3" {
		t.Errorf("ANNALS_VERSION = %q, want the version that ran init, v1.2.3", build.Env["ANNALS_VERSION"])
	}
	// The official actions, at their current major versions, in the
	// order a build needs them.
	want := []string{"actions/checkout@v6", "actions/setup-go@v6", "", "actions/configure-pages@v6", "", "actions/upload-pages-artifact@v5"}
	var got []string
	for _, s := range build.Steps {
		got = append(got, s.Uses)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the build job's steps use %q, want %q", got, want)
	}
	install := build.Steps[2].Run
	if want := `go install "` + modulePath + `/cmd/annals@${ANNALS_VERSION}"`; install != want {
		t.Errorf("annals is installed by %q, want %q", install, want)
	}
	if _, err := os.Stat(filepath.Join("..", "..", "cmd", "annals", "main.go")); err != nil {
		t.Errorf("the workflow installs %s/cmd/annals, which is not in this module: %v", modulePath, err)
	}
	pages, _ := stepUsing(t, build, "actions/configure-pages")
	if pages.ID != "pages" {
		t.Errorf("configure-pages has the id %q; the build reads its output as steps.pages", pages.ID)
	}
	upload, _ := stepUsing(t, build, "actions/upload-pages-artifact")
	if upload.With["path"] != "build" {
		t.Errorf("the uploaded folder is %q, want build, where annals build writes", upload.With["path"])
	}

	if deploy.Needs != "build" || deploy.Environment.Name != "github-pages" {
		t.Errorf("deploy needs %q in environment %q, want build in github-pages", deploy.Needs, deploy.Environment.Name)
	}
	if deploy.If != "github.ref_name == github.event.repository.default_branch" {
		t.Errorf("deploy runs if %q, want only for the default branch", deploy.If)
	}
	if deploy.Concurrency.Group != "pages" || deploy.Concurrency.CancelInProgress {
		t.Errorf("deploy's concurrency = %+v, want one group pages that does not cancel a running deployment", deploy.Concurrency)
	}
	publish, version := stepUsing(t, deploy, "actions/deploy-pages")
	if version != "v5" || deploy.Environment.URL != "${{ steps."+publish.ID+".outputs.page_url }}" {
		t.Errorf("deploy-pages@%s with id %q, environment url %q: want v5, and the url from its page_url", version, publish.ID, deploy.Environment.URL)
	}
}

// TestPagesWorkflowBuildCommandRuns runs the workflow's build command line,
// as the runner's shell would expand it for a project site, through the
// real command definitions, in an archive made by init.
func TestPagesWorkflowBuildCommandRuns(t *testing.T) {
	fsys, text := initWorkflow(t, "v1.2.3")
	build := parseWorkflow(t, text).Jobs["build"]
	var s step
	for _, st := range build.Steps {
		if strings.HasPrefix(st.Run, "annals ") {
			s = st
		}
	}
	if s.Run == "" {
		t.Fatal("no step runs annals build")
	}
	// What configure-pages gives a project site: no trailing slash.
	outputs := strings.NewReplacer("${{ steps.pages.outputs.base_url }}", "https://owner.github.io/repo")
	env := map[string]string{}
	for k, v := range s.Env {
		if strings.Contains(outputs.Replace(v), "${{") {
			t.Fatalf("the build step's %s = %q reads an output other than steps.pages.outputs.base_url", k, v)
		}
		env[k] = outputs.Replace(v)
	}
	var args []string
	for _, f := range strings.Fields(strings.TrimSpace(s.Run)) {
		args = append(args, os.Expand(strings.Trim(f, `"`), func(k string) string { return env[k] }))
	}
	if len(args) < 2 || args[0] != "annals" || args[1] != "build" {
		t.Fatalf("the build step runs %q, want annals build", s.Run)
	}
	if !slices.Contains(args, "https://owner.github.io/repo/") {
		t.Errorf("the build command %q lacks the base URL https://owner.github.io/repo/", args)
	}

	afero.WriteFile(fsys, "site/content/articles/2024/05/02/a-new-ferry.md", []byte("---\ntitle: A New Ferry Crosses the Grey Sea\ndate: 2024-05-02\n---\n\nThe ferry sailed at dawn.\n"), 0o644)
	// The workflow runs at the root of the repository: the archive.
	site := afero.NewBasePathFs(fsys, "site")
	mustRun(t, site, args[1:]...)
	robots, err := afero.ReadFile(fsys, "site/build/robots.txt")
	if err != nil || !strings.Contains(string(robots), "https://owner.github.io/repo/sitemap.xml") {
		t.Errorf("site/build/robots.txt = %q, %v; want it to point at https://owner.github.io/repo/sitemap.xml", robots, err)
	}
	page, _ := afero.ReadFile(fsys, "site/build/2024/05/02/a-new-ferry/index.html")
	if !strings.Contains(string(page), `"https://owner.github.io/repo/2024/05/02/a-new-ferry/"`) {
		t.Errorf("the article page has no canonical address under https://owner.github.io/repo/:\n%s", page)
	}
}

func TestInitKeepsAnExistingWorkflow(t *testing.T) {
	fsys := afero.NewMemMapFs()
	mine := []byte("name: my own Pages workflow\n")
	afero.WriteFile(fsys, "site/"+workflowPath, mine, 0o644)
	afero.WriteFile(fsys, "site/.gitignore", []byte("/notes/\n"), 0o644)
	out := mustRun(t, fsys, "init", "site")
	if !strings.Contains(out, "site/.github/workflows/pages.yml exists: left as it was") {
		t.Errorf("init did not say it kept the workflow:\n%s", out)
	}
	if got, _ := afero.ReadFile(fsys, "site/"+workflowPath); string(got) != string(mine) {
		t.Errorf("init overwrote the workflow:\n%s", got)
	}
	if got, _ := afero.ReadFile(fsys, "site/.gitignore"); string(got) != "/notes/\n" {
		t.Errorf("init overwrote .gitignore:\n%s", got)
	}
}

func TestInitWorkflowInstallsTheRunningVersion(t *testing.T) {
	fsys := afero.NewMemMapFs()
	out := mustRun(t, fsys, "init", "site")
	v := installVersion()
	if !strings.Contains(out, "installs annals@"+v+".") {
		t.Errorf("init does not say which annals the workflow installs (%s):\n%s", v, out)
	}
	data, _ := afero.ReadFile(fsys, "site/"+workflowPath)
	if w := parseWorkflow(t, string(data)); w.Jobs["build"].Env["ANNALS_VERSION"] != v {
		t.Errorf("ANNALS_VERSION = %q, want %q", w.Jobs["build"].Env["ANNALS_VERSION"], v)
	}
}

func TestVersionOf(t *testing.T) {
	for _, tc := range []struct {
		path, version, want string
	}{
		{modulePath, "v0.4.0", "v0.4.0"},
		{modulePath, "v0.0.0-20260301120000-0123456789ab", "v0.0.0-20260301120000-0123456789ab"},
		{modulePath, "v0.4.1-0.20260301120000-0123456789ab+dirty", "latest"},
		{modulePath, "(devel)", "latest"},
		{modulePath, "", "latest"},
		{"example.org/other", "v1.0.0", "latest"},
	} {
		if got := versionOf(debug.Module{Path: tc.path, Version: tc.version}); got != tc.want {
			t.Errorf("versionOf(%s@%s) = %q, want %q", tc.path, tc.version, got, tc.want)
		}
	}
}
