package cli

import (
	"flag"
	"fmt"

	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/importer"
	"github.com/annals-archive/annals/internal/progress"
)

var importCmd = &Command{
	Name:    "import",
	Args:    "PATH...",
	Summary: "Import raw articles into the archive's content/.",
	Help: `Reads files, or folders recursively: plain text (.txt), HTML pages
(.html), Markdown with front matter (.md), JSON arrays (.json) and JSON
Lines (.jsonl). Each article is cleaned, dated and written to
content/articles/YYYY/MM/DD/<slug>.md (content/articles/undated/<slug>.md
when no date can be established).

Re-importing the same inputs changes nothing; duplicates become one article
that records all its origins; a page edited by hand is never overwritten.
A file that cannot be read is reported and the others are imported.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		site := fs.String("site", ".", "the archive's `folder`")
		reportFile := fs.String("report", "", "also write what each stage cost as JSON to `file`")
		return func(env *Env, args []string) int {
			if len(args) == 0 {
				return usageError(env, "import", "name at least one file or folder to import")
			}
			cfg, err := config.Load(env.Fs, *site)
			if err != nil {
				return failure(env, "import", err)
			}
			var diags diag.List
			run := progress.New("import", env.Stdio.Err)
			sum, err := importer.ImportFollowed(env.Ctx, env.Fs, *site, args, cfg, &diags, run)
			rep := run.Done()
			report(env.Stdio.Err, &diags)
			if err != nil {
				return failure(env, "import", err)
			}
			fmt.Fprintf(env.Stdio.Out, "imported %d, updated %d, unchanged %d, duplicates %d, conflicts %d, warnings %d, errors %d\n",
				sum.Imported, sum.Updated, sum.Unchanged, sum.Duplicates, sum.Conflicts,
				diags.Count(diag.Warning), diags.Count(diag.Error))
			rep.Summary(env.Stdio.Out)
			if *reportFile != "" {
				rep.Articles = sum.Imported + sum.Updated + sum.Unchanged
				if err := writeReport(env, *reportFile, rep); err != nil {
					return failure(env, "import", err)
				}
			}
			if diags.HasErrors() {
				return ExitFailure
			}
			return ExitOK
		}
	},
}
