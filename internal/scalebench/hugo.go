package scalebench

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// hugoSite is the Hugo site that builds an annals content folder: its
// configuration, without the mount of the content, and its templates.
//
//go:embed hugo hugo/layouts/_partials
var hugoSite embed.FS

// WriteHugoSite writes into dir (created if absent) a Hugo site whose
// content is the annals content folder content, mounted where it is:
// hugo.toml (annals' article addresses, the people, places and
// organizations taxonomies, 50 articles a page, future dates built) and
// its layouts.
func WriteHugoSite(dir, content string) error {
	abs, err := filepath.Abs(content)
	if err != nil {
		return err
	}
	err = fs.WalkDir(hugoSite, "hugo", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, "hugo")))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := hugoSite.ReadFile(name)
		if err != nil {
			return err
		}
		if name == "hugo/hugo.toml" {
			data = append(data, contentMount(abs)...)
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("writing the Hugo site in %s: %w", dir, err)
	}
	return nil
}

// contentMount is the TOML that mounts the folder content (an absolute
// path) as the Hugo site's content.
func contentMount(content string) []byte {
	type mount struct {
		Source string `toml:"source"`
		Target string `toml:"target"`
	}
	var cfg struct {
		Module struct {
			Mounts []mount `toml:"mounts"`
		} `toml:"module"`
	}
	cfg.Module.Mounts = []mount{{Source: content, Target: "content"}}
	data, err := toml.Marshal(cfg)
	if err != nil {
		panic(err) // a struct of strings always marshals
	}
	return append([]byte("\n"), data...)
}

// runHugo builds the Hugo site site into public, with --quiet. Hugo then
// prints nothing, not even why it failed: on failure runHugo runs it
// again without --quiet, and returns the first run with the second's
// error.
func runHugo(ctx context.Context, hugo, site, public, cache string) (Proc, error) {
	args := []string{"--source", site, "--destination", public, "--cacheDir", cache}
	p, err := runProc(ctx, hugo, append([]string{"--quiet"}, args...)...)
	if err == nil || ctx.Err() != nil {
		return p, err
	}
	if _, again := runProc(ctx, hugo, args...); again != nil {
		err = again
	}
	return p, err
}

// pagefindArgs index what Pagefind indexes on annals' own build in the
// search benchmark, the articles' main content: article pages only,
// without the links to neighbouring articles.
var pagefindArgs = []string{
	"--glob", "[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html",
	"--root-selector", "main",
	"--exclude-selectors", ".prevnext",
}

// NativePagefind returns the Pagefind binary to measure for path. The
// pagefind npm package installs a Node.js script that only starts the
// platform's binary; when path is that script and the binary sits where
// npm puts it, NativePagefind returns the binary, so that Node.js's start
// and memory are not counted. Otherwise it returns path.
func NativePagefind(path string) string {
	real, err := filepath.EvalSymlinks(path)
	if err != nil || filepath.Base(real) != "bin.cjs" {
		return path
	}
	modules := filepath.Clean(filepath.Join(filepath.Dir(real), "..", "..", ".."))
	if filepath.Base(modules) != "node_modules" {
		return path
	}
	arch := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	pkg := filepath.Join(modules, "@pagefind", runtime.GOOS+"-"+arch, "bin")
	for _, name := range []string{"pagefind_extended", "pagefind"} {
		if info, err := os.Stat(filepath.Join(pkg, name)); err == nil && info.Mode().IsRegular() {
			return filepath.Join(pkg, name)
		}
	}
	return path
}
