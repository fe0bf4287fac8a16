package scalebench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// BuildAnnals builds the annals command of the module whose go.mod is at
// or above the working directory into out, with the go command on PATH.
func BuildAnnals(ctx context.Context, out string) error {
	root, err := moduleRoot(ctx)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/annals")
	cmd.Dir = root
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build -o %s ./cmd/annals in %s: %w\n%s", out, root, err, output)
	}
	return nil
}

// moduleRoot is the folder of the go.mod that governs the working
// directory.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("the working directory is not inside the annals module: run from its clone, or name a binary")
	}
	return filepath.Dir(gomod), nil
}

// annalsBin runs an annals binary, asking import and build for a report
// until the binary turns out not to know --report.
type annalsBin struct {
	path     string
	noReport bool // the binary has no --report flag
}

// run runs `annals command args...`. With report not empty, it passes
// --report report first and returns the decoded report, or nil when the
// binary has no such flag (it then runs the command again without it).
func (a *annalsBin) run(ctx context.Context, command, report string, args ...string) (Proc, *Report, error) {
	if report == "" || a.noReport {
		p, err := runProc(ctx, a.path, append([]string{command}, args...)...)
		return p, nil, err
	}
	p, err := runProc(ctx, a.path, append([]string{command, "--report", report}, args...)...)
	if err != nil && flagUndefined(p, "report") {
		a.noReport = true
		return a.run(ctx, command, "", args...)
	}
	if err != nil {
		return p, nil, err
	}
	r, err := ReadReport(report)
	if err != nil {
		return p, nil, fmt.Errorf("annals %s accepted --report but: %w", command, err)
	}
	return p, r, nil
}
