package search

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// moduleRoot returns the folder holding go.mod, found by walking up from
// the working directory.
func moduleRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			t.Fatalf("no go.mod in %s or above", wd)
		}
	}
}

// nodePath returns the node found in $PATH. Without one it skips the
// test, or fails it when $CI is set (as the browser tests do): CI
// installs node.
func nodePath(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("node")
	if err != nil {
		msg := "node is not installed (not found in $PATH): " + err.Error()
		if ci := strings.ToLower(os.Getenv("CI")); ci != "" && ci != "0" && ci != "false" && ci != "no" && ci != "off" {
			t.Fatal(msg + "; CI is set, so the JavaScript tests must run")
		}
		t.Skip(msg)
	}
	return path
}

// runNode runs node with args in the module root and returns what it
// writes to standard output; the test fails when node fails.
func runNode(t testing.TB, args ...string) []byte {
	t.Helper()
	return runNodeInput(t, nil, args...)
}

// runNodeInput is runNode with stdin as node's standard input.
func runNodeInput(t testing.TB, stdin []byte, args ...string) []byte {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), nodePath(t), args...)
	cmd.Dir = moduleRoot(t)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %q: %v\n%s%s", args, err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.Bytes()
}
