package cli

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/spf13/afero"
)

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		// A test started this binary as the annals command (annalsProcess).
		os.Exit(Main(context.Background(), os.Args[1:], Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, afero.NewOsFs()))
	}
	testscript.Main(m, map[string]func(){
		"annals": func() {
			os.Exit(Main(context.Background(), os.Args[1:], Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, afero.NewOsFs()))
		},
	})
}

// TestScripts runs the command-line scripts in testdata/script: each is a
// session at a terminal, with the files it needs.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
