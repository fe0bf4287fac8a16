package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"path"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/check"
)

var checkCmd = &Command{
	Name:    "check",
	Args:    "",
	Summary: "Check the archive: invalid pages, undated articles, entity kinds, links.",
	Help: `Reports, one line each as file:line: severity: message, then a summary:
pages of content/ that fail validation (as the build reports them), two
articles at one address, articles without a date (a warning), names listed
as a person in one page and as a place or an organization in another where
entities.toml does not decide, names that two entries of entities.toml
claim, files of content/ that are not published, and broken links: in the
articles' Markdown and, when the output folder exists, in every page of the
built site (each internal href and src must lead to a file of the output).

Writes nothing. Exits with 1 when there is any error; warnings alone do not
fail the check.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		site := fs.String("site", ".", "the archive's `folder`")
		out := fs.String("out", "", "the built output `folder` to check (default SITE/build, checked when it exists)")
		baseURL := fs.String("base-url", "", "the `URL` the site is published at (overrides annals.toml): links under it are the site's own")
		jsonFile := fs.String("json", "", "also write the findings as JSON to `file`; - writes only the JSON, to standard output")
		return func(env *Env, args []string) int {
			if len(args) != 0 {
				return usageError(env, "check", "check takes no arguments, got %q", args)
			}
			if code, bad := badBaseURL(env, "check", *baseURL); bad {
				return code
			}
			opts := check.Options{Site: *site, Out: *out, BaseURL: *baseURL}
			if *out != "" {
				if _, err := env.Fs.Stat(*out); err != nil {
					return failure(env, "check", fmt.Errorf("no output to check at %s: build it first, or leave out --out", *out))
				}
			}
			rep, err := check.Run(env.Ctx, env.Fs, opts)
			if err != nil {
				return failure(env, "check", err)
			}
			if *jsonFile != "-" {
				printCheck(env, rep, path.Join(*site, "build"))
			}
			if *jsonFile != "" {
				if err := writeCheckJSON(env, *jsonFile, rep); err != nil {
					return failure(env, "check", err)
				}
			}
			if rep.Errors > 0 {
				return ExitFailure
			}
			return ExitOK
		}
	},
}

// printCheck prints the findings, one a line, and a summary.
func printCheck(env *Env, rep *check.Report, defaultOut string) {
	w := env.Stdio.Out
	for _, f := range rep.Findings {
		fmt.Fprintln(w, f)
	}
	what := fmt.Sprintf("checked %s", plural(rep.Articles, "article"))
	if rep.Output != "" {
		what += fmt.Sprintf(" and %s of %s", plural(rep.Pages, "built page"), rep.Output)
	} else {
		what += fmt.Sprintf(" (no output at %s: built pages not checked", defaultOut)
		if rep.Unchecked > 0 {
			what += fmt.Sprintf(", nor %s of articles into them", plural(rep.Unchecked, "link"))
		}
		what += ")"
	}
	fmt.Fprintf(w, "%s: %s, %s\n", what, plural(rep.Errors, "error"), plural(rep.Warnings, "warning"))
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// writeCheckJSON writes the report as JSON to file, or to standard output
// when file is "-".
func writeCheckJSON(env *Env, file string, rep *check.Report) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	if file == "-" {
		_, err := env.Stdio.Out.Write(b.Bytes())
		return err
	}
	if err := afero.WriteFile(env.Fs, file, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}
