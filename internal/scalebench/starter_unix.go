//go:build unix

package scalebench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// Why a starter: when a process starts a program, the kernel records the
// starting process's peak RSS as the new program's peak when it execs
// (Linux's exec_mmap). A child of the benchmark, which holds the corpora
// (about 150 MB), would report at least that much, however little it
// used. So runProc starts each program through a starter: this same
// executable, run again with starterEnv set, which is small (about
// 10 MB), starts the program, waits for it, and reports its wall time and
// rusage on file descriptor 3.

// starterEnv, set in the environment, makes RunStarter act as a starter.
const starterEnv = "ANNALS_SCALEBENCH_STARTER"

// starterFD is the file descriptor a starter reports on.
const starterFD = 3

// RunStarter must be called first thing in main (and in TestMain) of
// every program that calls Run. In a process Run started as a starter, it
// runs the program its arguments name, reports what it cost to Run, and
// exits with the program's exit code; in any other process it returns at
// once.
func RunStarter() {
	if os.Getenv(starterEnv) == "" {
		return
	}
	os.Exit(starter(os.Args[1:]))
}

// starterReport is what a starter reports about the program it ran.
type starterReport struct {
	WallNanos int64  `json:"wall_ns"`
	CPUNanos  int64  `json:"cpu_ns"`
	MaxRSS    int64  `json:"max_rss_bytes"`
	Err       string `json:"error,omitempty"` // the program could not be started
}

// starter runs args and returns the exit code to exit with.
func starter(args []string) int {
	report := os.NewFile(starterFD, "starter report")
	if len(args) == 0 || report == nil {
		fmt.Fprintln(os.Stderr, "scalebench starter: no program to run, or no report file")
		return 2
	}
	syscall.CloseOnExec(starterFD)
	os.Unsetenv(starterEnv)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var rep starterReport
	if cmd.ProcessState == nil {
		rep.Err = err.Error()
	} else {
		rep.WallNanos = int64(wall)
		cpu, rss := usage(cmd.ProcessState)
		rep.CPUNanos, rep.MaxRSS = int64(cpu), rss
	}
	if err := json.NewEncoder(report).Encode(rep); err != nil {
		fmt.Fprintf(os.Stderr, "scalebench starter: %v\n", err)
		return 2
	}
	if cmd.ProcessState == nil {
		return 127
	}
	if code := cmd.ProcessState.ExitCode(); code >= 0 {
		return code
	}
	return 128 + int(cmd.ProcessState.Sys().(syscall.WaitStatus).Signal())
}

// runProc runs bin with args through a starter and measures it. A run that
// does not exit 0 is an error naming the command line, with the end of its
// standard error; the Proc is returned with it. When ctx is done, the
// starter and the program are killed.
func runProc(ctx context.Context, bin string, args ...string) (Proc, error) {
	self, err := os.Executable()
	if err != nil {
		return Proc{}, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return Proc{}, err
	}
	defer r.Close()
	cmd := exec.CommandContext(ctx, self, append([]string{bin}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), starterEnv+"=1")
	cmd.ExtraFiles = []*os.File{w} // starterFD
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	err = cmd.Start()
	w.Close()
	if err == nil {
		err = cmd.Wait()
	}
	p := Proc{Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), ExitCode: -1}
	if cmd.ProcessState != nil {
		p.ExitCode = cmd.ProcessState.ExitCode()
	}
	data, _ := io.ReadAll(r)
	var rep starterReport
	if jerr := json.Unmarshal(data, &rep); jerr != nil {
		if err == nil || ctx.Err() == nil {
			err = errors.Join(err, fmt.Errorf("%s started %s but did not report on it: does its main call scalebench.RunStarter first?", self, bin))
		}
		return p, procError(bin, args, err, p.Stderr)
	}
	if rep.Err != "" {
		return p, procError(bin, args, errors.New(rep.Err), p.Stderr)
	}
	p.Wall, p.CPU, p.MaxRSS = time.Duration(rep.WallNanos), time.Duration(rep.CPUNanos), rep.MaxRSS
	if err != nil {
		return p, procError(bin, args, err, p.Stderr)
	}
	return p, nil
}

// usage is the CPU time (user + system) and peak RSS in bytes of a
// finished process and the children it waited for, from the rusage that
// wait4 returned.
func usage(ps *os.ProcessState) (cpu time.Duration, maxRSS int64) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return ps.UserTime() + ps.SystemTime(), 0
	}
	cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	maxRSS = int64(ru.Maxrss)
	if runtime.GOOS != "darwin" && runtime.GOOS != "ios" {
		maxRSS *= 1024 // KiB everywhere but on Apple systems
	}
	return cpu, maxRSS
}
