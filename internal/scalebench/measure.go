package scalebench

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"
)

// Measure is what one run of a program, or one stage of it, cost.
type Measure struct {
	Wall   time.Duration
	CPU    time.Duration // user + system
	MaxRSS int64         // peak resident set size, bytes
	Files  int           // regular files in the folder the step writes
	Bytes  int64         // their total size
}

// String gives the measure on one line, for progress output.
func (m Measure) String() string {
	return fmt.Sprintf("%s s wall, %s s CPU, %.0f MB peak RSS, %d files, %.1f MB",
		seconds(m.Wall), seconds(m.CPU), mb(m.MaxRSS), m.Files, mb(m.Bytes))
}

// Proc is a finished subprocess: its cost (without files) and what it
// printed.
type Proc struct {
	Measure
	ExitCode int
	Stdout   []byte
	Stderr   []byte
}

// procError is the error of a run that did not exit 0: the command line,
// how it ended and the end of its standard error.
func procError(bin string, args []string, err error, stderr []byte) error {
	return fmt.Errorf("%s: %w%s", commandLine(bin, args), err, tail(stderr))
}

// commandLine is bin and args as a shell would show them, for errors.
func commandLine(bin string, args []string) string {
	return strings.Join(append([]string{bin}, args...), " ")
}

// tail is the last lines of a program's standard error, indented on new
// lines, or "" when it printed nothing.
func tail(stderr []byte) string {
	const max = 20
	lines := strings.Split(strings.TrimRight(string(stderr), "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return ""
	}
	if len(lines) > max {
		lines = append([]string{"…"}, lines[len(lines)-max:]...)
	}
	return "\n\t" + strings.Join(lines, "\n\t")
}

// DirUsage counts the regular files under dir and their bytes.
func DirUsage(dir string) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	if err != nil {
		var pe *fs.PathError
		if !errors.As(err, &pe) {
			err = fmt.Errorf("counting the files of %s: %w", dir, err)
		}
		return 0, 0, err
	}
	return files, size, nil
}

// seconds formats a duration in seconds: two decimals below ten seconds,
// one above.
func seconds(d time.Duration) string {
	s := d.Seconds()
	if s < 10 {
		return fmt.Sprintf("%.2f", s)
	}
	return fmt.Sprintf("%.1f", s)
}

// mb is n bytes in megabytes (10^6 bytes).
func mb(n int64) float64 { return float64(n) / 1e6 }
