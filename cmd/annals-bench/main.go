// Command annals-bench makes and runs benchmarks of annals at scale. From
// the module root:
//
//	go run ./cmd/annals-bench corpus -n 100000 -out /tmp/bench100k
//	go run ./cmd/annals-bench scale -n 1000,10000 -compare 10000 -incremental
//
// Run annals-bench -h for the list of subcommands, and annals-bench
// <command> -h for a command's flags. Each subcommand lives in its own
// file, as a function that parses its own flags, and is listed in
// commands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/annals-archive/annals/internal/scalebench"
)

// command is one subcommand.
type command struct {
	name    string
	summary string // one line for the list of commands
	// run parses the arguments after the command's name and runs it.
	// flag.ErrHelp and errUsage end the program without a message, with
	// status 0 and 2.
	run func(args []string, stdout io.Writer) error
}

// commands lists the subcommands in the order -h shows them.
var commands = []command{
	{"corpus", "write N unique raw articles resampled from the research corpora", corpusCmd},
	{"search", "measure search on built sites: annals and Pagefind, query by query", searchCmd},
	{"scale", "measure annals import and build at N articles, against Hugo and Pagefind", scaleCmd},
}

func main() {
	scalebench.RunStarter() // returns unless scale started this process to measure a program
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		switch err := c.run(args[1:], stdout); {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(stderr, "annals-bench %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "annals-bench: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

// errUsage reports a mistake on the command line that the command has
// already explained.
var errUsage = errors.New("usage")

func usage(w io.Writer) {
	fmt.Fprint(w, "annals-bench makes and runs benchmarks of annals at scale.\n\nUsage:\n  annals-bench <command> [flags] [arguments]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun annals-bench <command> -h for a command's flags.\n")
}
