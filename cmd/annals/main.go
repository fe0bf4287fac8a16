// Command annals builds a static, searchable archive of news articles:
// it imports raw articles into content/ and renders content/ into build/.
// See the README, or run annals --help.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/KimMachineGun/automemlimit/memlimit"
	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/cli"
)

func main() {
	limitMemory()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := profile(os.Getenv("ANNALS_CPUPROFILE"))
	code := cli.Main(ctx, os.Args[1:], cli.Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, afero.NewOsFs())
	stopProfile()
	stop()
	os.Exit(code)
}

// profile writes a CPU profile of the whole run to file, when one is named
// (ANNALS_CPUPROFILE=cpu.prof annals build), for go tool pprof.
func profile(file string) (stop func()) {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "annals: no CPU profile: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// limitMemory sets the collector's soft memory limit, unless GOMEMLIMIT
// sets one or AUTOMEMLIMIT=off: 90% of the container's memory limit when
// it has one, else a quarter of the machine's memory. Go's collector
// otherwise lets the heap grow to twice what it holds (GOGC=100), and
// most of a large build's peak was that headroom; near the limit it
// collects more often instead.
func limitMemory() {
	memlimit.Set(memlimit.WithRatio(1), memlimit.WithProvider(memlimit.ApplyFallback(
		memlimit.ApplyRatio(memlimit.FromCgroup, 0.9),
		memlimit.ApplyRatio(memlimit.FromSystem, 0.25),
	)))
}
