// Package examples gives tests and benchmarks the repository's example
// archive: the raw text articles of examples/raw, read from the
// repository wherever the test runs. A test that needs them is skipped,
// with the reason, when the folder is absent.
package examples

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A Text is one raw text article of the example archive.
type Text struct {
	Name string // file name, such as "ferry.txt"
	Body string
}

// Texts returns the example archive's raw text articles (.txt), by file
// name, or skips tb when there are none.
func Texts(tb testing.TB) []Text {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "examples", "raw")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		tb.Skipf("skipping: no example articles in %s", dir)
	}
	texts := make([]Text, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		texts[i] = Text{Name: filepath.Base(f), Body: string(data)}
	}
	return texts
}

// Bodies returns the bodies of Texts.
func Bodies(tb testing.TB) []string {
	tb.Helper()
	var bodies []string
	for _, t := range Texts(tb) {
		bodies = append(bodies, t.Body)
	}
	return bodies
}
