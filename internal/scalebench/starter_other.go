//go:build !unix

package scalebench

import (
	"bytes"
	"context"
	"os/exec"
	"time"
)

// RunStarter does nothing on this system, where programs are measured
// directly; see the Unix version.
func RunStarter() {}

// runProc runs bin with args and measures its wall and CPU time; peak RSS
// is not known on this system and is 0. A run that does not exit 0 is an
// error naming the command line, with the end of its standard error; the
// Proc is returned with it.
func runProc(ctx context.Context, bin string, args ...string) (Proc, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	p := Proc{Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), ExitCode: -1}
	p.Wall = time.Since(start)
	if cmd.ProcessState != nil {
		p.ExitCode = cmd.ProcessState.ExitCode()
		p.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		return p, procError(bin, args, err, p.Stderr)
	}
	return p, nil
}
