// Command annals builds a static, searchable archive of news articles:
// it imports raw articles into content/ and renders content/ into build/.
// See the README, or run annals --help.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, afero.NewOsFs())
	stop()
	os.Exit(code)
}
