package scalebench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// Machine describes where the numbers were measured.
type Machine struct {
	CPU      string // model name, "" when unknown
	Cores    int    // runtime.NumCPU
	Memory   int64  // total memory, bytes; 0 when unknown
	Load     string // the 1, 5 and 15 minute load averages at the start
	Go       string // the Go version this program was built with
	Hugo     string // "" when Hugo was not run
	Pagefind string // "" when Pagefind was not run
}

// ReadMachine describes this machine from /proc/cpuinfo, /proc/meminfo
// and /proc/loadavg, and asks hugo and pagefind (when not "") for their
// versions. What cannot be read is left empty.
func ReadMachine(ctx context.Context, hugo, pagefind string) Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.CPU = cpuModel(data)
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		m.Memory = memTotal(data)
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(data)); len(f) >= 3 {
			m.Load = strings.Join(f[:3], " ")
		}
	}
	if hugo != "" {
		m.Hugo = version(ctx, hugo, "version")
	}
	if pagefind != "" {
		m.Pagefind = version(ctx, pagefind, "--version")
	}
	return m
}

// String is the machine on one line.
func (m Machine) String() string {
	var parts []string
	cpu := m.CPU
	if cpu == "" {
		cpu = "unknown CPU"
	}
	parts = append(parts, fmt.Sprintf("%s, %d cores", cpu, m.Cores))
	if m.Memory > 0 {
		parts = append(parts, fmt.Sprintf("%.1f GB memory", float64(m.Memory)/1e9))
	}
	if m.Load != "" {
		parts = append(parts, "load average "+m.Load+" at the start")
	}
	parts = append(parts, m.Go)
	if m.Hugo != "" {
		parts = append(parts, m.Hugo)
	}
	if m.Pagefind != "" {
		parts = append(parts, m.Pagefind)
	}
	return strings.Join(parts, ", ")
}

// version runs bin with arg and returns the first two words it prints
// ("hugo v0.165.0", "pagefind 1.6.0"), or "" when it fails.
func version(ctx context.Context, bin, arg string) string {
	out, err := exec.CommandContext(ctx, bin, arg).Output()
	if err != nil {
		return ""
	}
	f := strings.Fields(string(out))
	return strings.Join(f[:min(2, len(f))], " ")
}

// cpuModel is the first "model name" in /proc/cpuinfo, or "".
func cpuModel(cpuinfo []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(cpuinfo))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.Join(strings.Fields(value), " ")
		}
	}
	return ""
}

// memTotal is MemTotal in /proc/meminfo in bytes, or 0.
func memTotal(meminfo []byte) int64 {
	sc := bufio.NewScanner(bytes.NewReader(meminfo))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && f[0] == "MemTotal:" && f[2] == "kB" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}
