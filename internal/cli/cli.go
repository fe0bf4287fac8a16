// Package cli is annals' command line: one file per command, each a
// Command value in the commands table, from which --help and the reference
// in the README are generated.
//
// Main never calls os.Exit and reads and writes only through the Stdio and
// afero.Fs it is given, so tests run it in-process on afero.NewMemMapFs().
// Exit statuses: 0 success; 1 when anything failed, after every problem was
// listed (file, and line where there is one); 2 on usage errors.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// Stdio is the standard streams of a command.
type Stdio struct {
	In       io.Reader
	Out, Err io.Writer
}

// Exit statuses.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Command is one subcommand.
type Command struct {
	Name    string
	Args    string // synopsis of the arguments after the flags
	Summary string // one line
	Help    string // paragraphs after the synopsis
	// Flags declares the command's flags on fs and returns the function
	// that runs the command with the parsed flags and arguments.
	Flags func(fs *flag.FlagSet) func(env *Env, args []string) int
}

// Env is what a running command may use.
type Env struct {
	Ctx   context.Context
	Fs    afero.Fs
	Stdio Stdio
}

// Commands returns the command table, in the order help lists it.
func Commands() []*Command {
	return []*Command{initCmd, importCmd, extractCmd, buildCmd, checkCmd, serveCmd, packCmd}
}

// Main runs the command line args (without the program name).
func Main(ctx context.Context, args []string, stdio Stdio, fsys afero.Fs) int {
	if stdio.In == nil {
		stdio.In = strings.NewReader("")
	}
	env := &Env{Ctx: ctx, Fs: fsys, Stdio: stdio}
	if len(args) == 0 {
		usage(stdio.Err)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				printHelp(c, stdio.Out)
				return ExitOK
			}
		}
		usage(stdio.Out)
		return ExitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stdio.Err, "annals: unknown command %q\n\n", args[0])
		usage(stdio.Err)
		return ExitUsage
	}
	fs, run := newFlagSet(c)
	rest, err := parseInterleaved(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		printHelp(c, stdio.Out)
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stdio.Err, "annals %s: %v\nRun 'annals %s --help' for usage.\n", c.Name, err, c.Name)
		return ExitUsage
	}
	return run(env, rest)
}

func lookup(name string) *Command {
	for _, c := range Commands() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func newFlagSet(c *Command) (*flag.FlagSet, func(*Env, []string) int) {
	fs := flag.NewFlagSet("annals "+c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs, c.Flags(fs)
}

// parseInterleaved parses flags that may stand before, between or after
// the arguments, as users type them; "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, "annals builds a static, searchable archive of news articles.\n\nUsage:\n  annals <command> [flags] [arguments]\n\nCommands:\n")
	for _, c := range Commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.Name, c.Summary)
	}
	fmt.Fprint(w, "\nRun 'annals <command> --help' for a command's flags.\n")
}

func printHelp(c *Command, w io.Writer) {
	fmt.Fprint(w, HelpText(c))
}

// HelpText returns a command's help: synopsis, description and flags.
func HelpText(c *Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: annals %s [flags] %s\n\n%s\n", c.Name, c.Args, c.Summary)
	if c.Help != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(c.Help))
	}
	fs, _ := newFlagSet(c)
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			b.WriteString("\nFlags:\n")
			first = false
		}
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(&b, "  --%s", f.Name)
		if name != "" {
			fmt.Fprintf(&b, " %s", name)
		}
		fmt.Fprintf(&b, "\n      %s", usage)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(&b, " (default %q)", f.DefValue)
		}
		b.WriteString("\n")
	})
	return b.String()
}

// report prints diagnostics, errors and warnings together, sorted.
func report(w io.Writer, diags *diag.List) {
	for _, d := range diags.Sorted() {
		fmt.Fprintln(w, d)
	}
}

// usageError prints a usage problem and returns ExitUsage.
func usageError(env *Env, cmd, format string, args ...any) int {
	fmt.Fprintf(env.Stdio.Err, "annals %s: %s\nRun 'annals %s --help' for usage.\n", cmd, fmt.Sprintf(format, args...), cmd)
	return ExitUsage
}

// badBaseURL reports a --base-url that cannot be a site's address as a
// usage error of cmd.
func badBaseURL(env *Env, cmd, u string) (int, bool) {
	if u == "" {
		return 0, false
	}
	if err := config.CheckBaseURL(u); err != nil {
		return usageError(env, cmd, "--base-url %v", err), true
	}
	return 0, false
}

// failure prints an error and returns ExitFailure.
func failure(env *Env, cmd string, err error) int {
	fmt.Fprintf(env.Stdio.Err, "annals %s: %v\n", cmd, err)
	return ExitFailure
}
