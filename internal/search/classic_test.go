package search

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestEngineLoadsOnlyClassicScripts checks the search page's scripts for
// what does not work from file://: fetch, XHR, modules, WebAssembly and
// workers. The browser tests show it working there; this names the cause
// when someone adds one.
func TestEngineLoadsOnlyClassicScripts(t *testing.T) {
	banned := regexp.MustCompile(`\bfetch\s*\(|XMLHttpRequest|\bimport\s*\(|^\s*import\s|^\s*export\s|WebAssembly|\bWorker\s*\(|type\s*=\s*["']module`)
	files, err := filepath.Glob(filepath.Join(moduleRoot(t), "static", "search", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in static/search: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range regexp.MustCompile(`\n`).Split(string(data), -1) {
			if m := banned.FindString(line); m != "" {
				t.Errorf("%s uses %q, which does not work from file://: %s", filepath.Base(f), m, line)
			}
		}
	}
}
