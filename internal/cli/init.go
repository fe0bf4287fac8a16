package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/config"
)

var initCmd = &Command{
	Name:    "init",
	Args:    "DIR",
	Summary: "Create a new archive in DIR.",
	Help: `Writes DIR/annals.toml with the default settings and creates the
folders content/ (the articles), templates/ and static/ (empty: files put
there override the built-in theme's files of the same path), and a
.gitignore for the output and the build state. An existing annals.toml is
never overwritten.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		title := fs.String("title", "", "the archive's `title`")
		baseURL := fs.String("base-url", "", "the `URL` the site will be published at")
		return func(env *Env, args []string) int {
			if len(args) != 1 {
				return usageError(env, "init", "init takes one folder, got %d arguments", len(args))
			}
			if err := initSite(env.Fs, args[0], *title, *baseURL); err != nil {
				return failure(env, "init", err)
			}
			fmt.Fprintf(env.Stdio.Out, "Created an archive in %s.\nNext: annals import --site %s FILES…, then annals build --site %s\n", args[0], args[0], args[0])
			return ExitOK
		}
	},
}

func initSite(fsys afero.Fs, dir, title, baseURL string) error {
	cfgPath := path.Join(dir, config.FileName)
	if _, err := fsys.Stat(cfgPath); err == nil {
		return fmt.Errorf("%s already exists: not overwriting it", cfgPath)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, d := range []string{"content/articles", "templates", "static"} {
		if err := fsys.MkdirAll(path.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	cfg := config.Default()
	if title != "" {
		cfg.Title = title
	}
	cfg.BaseURL = baseURL
	data, err := config.Marshal(cfg)
	if err != nil {
		return err
	}
	if err := afero.WriteFile(fsys, cfgPath, data, 0o644); err != nil {
		return err
	}
	return writeGitignore(fsys, dir)
}

// gitignore keeps the output and the state of incremental builds out of
// the archive's repository.
const gitignore = `# Written by annals build.
/build/
/.build.annals/
`

// writeGitignore writes DIR/.gitignore unless the folder has one.
func writeGitignore(fsys afero.Fs, dir string) error {
	name := path.Join(dir, ".gitignore")
	if _, err := fsys.Stat(name); err == nil {
		return nil
	}
	return afero.WriteFile(fsys, name, []byte(gitignore), 0o644)
}
