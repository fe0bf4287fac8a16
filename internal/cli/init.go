package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path"
	"runtime/debug"
	"strings"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/config"
)

var initCmd = &Command{
	Name:    "init",
	Args:    "DIR",
	Summary: "Create a new archive in DIR.",
	Help: `Writes DIR/annals.toml with the default settings and creates the
folders content/ (the articles), templates/ and static/ (empty: files put
there override the built-in theme's files of the same path), a .gitignore
for the output and the build state, and a GitHub Actions workflow,
.github/workflows/pages.yml, that builds the site and publishes it on GitHub
Pages. An existing annals.toml is never overwritten, nor an existing
.gitignore or workflow.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		title := fs.String("title", "", "the archive's `title`")
		baseURL := fs.String("base-url", "", "the `URL` the site will be published at")
		return func(env *Env, args []string) int {
			if len(args) != 1 {
				return usageError(env, "init", "init takes one folder, got %d arguments", len(args))
			}
			if code, bad := badBaseURL(env, "init", *baseURL); bad {
				return code
			}
			dir := args[0]
			version := installVersion()
			wroteWorkflow, err := initSite(env.Fs, dir, *title, *baseURL, version)
			if err != nil {
				return failure(env, "init", err)
			}
			fmt.Fprintf(env.Stdio.Out, "Created an archive in %s.\n", dir)
			if wroteWorkflow {
				fmt.Fprintf(env.Stdio.Out, "Its GitHub Pages workflow, %s, installs annals@%s.\n", path.Join(dir, workflowPath), version)
			} else {
				fmt.Fprintf(env.Stdio.Out, "%s exists: left as it was.\n", path.Join(dir, workflowPath))
			}
			fmt.Fprintf(env.Stdio.Out, "Next: annals import --site %s FILES…, then annals build --site %s\n", dir, dir)
			return ExitOK
		}
	},
}

// initSite creates an archive in dir. It reports whether it wrote the
// GitHub Pages workflow, which installs the given version of annals.
func initSite(fsys afero.Fs, dir, title, baseURL, version string) (wroteWorkflow bool, err error) {
	cfgPath := path.Join(dir, config.FileName)
	if _, err := fsys.Stat(cfgPath); err == nil {
		return false, fmt.Errorf("%s already exists: not overwriting it", cfgPath)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	for _, d := range []string{"content/articles", "templates", "static"} {
		if err := fsys.MkdirAll(path.Join(dir, d), 0o755); err != nil {
			return false, err
		}
	}
	cfg := config.Default()
	if title != "" {
		cfg.Title = title
	}
	cfg.BaseURL = baseURL
	data, err := config.Marshal(cfg)
	if err != nil {
		return false, err
	}
	if err := afero.WriteFile(fsys, cfgPath, data, 0o644); err != nil {
		return false, err
	}
	if _, err := writeNew(fsys, path.Join(dir, ".gitignore"), []byte(gitignore)); err != nil {
		return false, err
	}
	return writeNew(fsys, path.Join(dir, workflowPath), pagesWorkflow(version))
}

// gitignore keeps the output, the state of incremental builds and offline
// copies out of the archive's repository.
const gitignore = `# Written by annals build and annals pack.
/build/
/.build.annals/
/*.zip
`

// writeNew writes name unless it exists, and reports whether it wrote it.
func writeNew(fsys afero.Fs, name string, data []byte) (bool, error) {
	if _, err := fsys.Stat(name); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := fsys.MkdirAll(path.Dir(name), 0o755); err != nil {
		return false, err
	}
	return true, afero.WriteFile(fsys, name, data, 0o644)
}

// modulePath is the module annals is installed from.
const modulePath = "github.com/annals-archive/annals"

// workflowPath is where init writes the GitHub Pages workflow.
const workflowPath = ".github/workflows/pages.yml"

// installVersion returns the version of the running annals as `go install
// …@VERSION` takes it: the release or pseudo-version it was installed at,
// or "latest" when it was built from a checkout with no version, or with
// changes no published version has.
func installVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "latest"
	}
	return versionOf(info.Main)
}

func versionOf(m debug.Module) string {
	v := m.Version
	if m.Path != modulePath || !strings.HasPrefix(v, "v") || strings.Contains(v, "+") {
		return "latest"
	}
	return v
}

// pagesWorkflow returns the GitHub Actions workflow that builds the
// archive with the given version of annals and publishes it on GitHub
// Pages. The site's address is read from the repository's Pages settings
// when the workflow runs, so it is right for a fork, a renamed repository
// and a custom domain alike.
func pagesWorkflow(version string) []byte {
	return []byte(strings.Replace(workflowTemplate, "ANNALS_VERSION: VERSION", "ANNALS_VERSION: "+version, 1))
}

const workflowTemplate = `# Builds the archive and publishes it on GitHub Pages. Written by annals init.
#
# Every push builds the site, so a broken page shows as a failed run; a push
# to the default branch also publishes it. Turn Pages on once in the
# repository: Settings → Pages → Build and deployment → Source: GitHub
# Actions. The address, https://OWNER.github.io/REPO/ or a custom domain,
# is read from those settings at every run.
name: Publish on GitHub Pages

on:
  push:
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

jobs:
  build:
    runs-on: ubuntu-latest
    env:
      # The annals that builds the site: "latest", or a version to keep.
      ANNALS_VERSION: VERSION
    steps:
      - name: Check out the archive
        uses: actions/checkout@v6
      - name: Set up Go
        uses: actions/setup-go@v6
        with:
          go-version: stable
          cache: false
      - name: Install annals
        run: go install "github.com/annals-archive/annals/cmd/annals@${ANNALS_VERSION}"
      - name: Read the address of the site
        id: pages
        uses: actions/configure-pages@v6
      - name: Build the site
        env:
          BASE_URL: ${{ steps.pages.outputs.base_url }}/
        run: annals build --base-url "$BASE_URL"
      - name: Upload the site
        uses: actions/upload-pages-artifact@v5
        with:
          path: build

  deploy:
    if: github.ref_name == github.event.repository.default_branch
    needs: build
    runs-on: ubuntu-latest
    # One deployment at a time; a newer one waits for the running one.
    concurrency:
      group: pages
      cancel-in-progress: false
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Publish the site
        id: deployment
        uses: actions/deploy-pages@v5
`
