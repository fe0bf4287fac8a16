// Package corpus reads the public research corpora that annals is measured
// on (KCNA, Reuters-21578, BBC News) from the shared corpora folder that
// sits beside the repository (../shared/corpora), for tests, benchmarks
// and the scale benchmark. The corpora are research material: nothing here
// copies their text into the repository or into a published site.
//
// Readers read from the OS file system: the corpora are fixed inputs, not
// part of an archive. All functions are safe for concurrent use.
package corpus

import (
	"errors"
	"os"
	"path/filepath"
)

// ErrAbsent is returned by Dir when the corpora folder cannot be found.
var ErrAbsent = errors.New("the shared corpora folder (../shared/corpora beside the repository) is absent; set ANNALS_CORPORA to its path")

// Dir finds the corpora folder: $ANNALS_CORPORA, or shared/corpora beside
// the module root found by walking up from the working directory.
func Dir() (string, error) {
	if d := os.Getenv("ANNALS_CORPORA"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(filepath.Dir(dir), "shared", "corpora")
			if info, err := os.Stat(c); err == nil && info.IsDir() {
				return c, nil
			}
			return "", ErrAbsent
		}
		if filepath.Dir(dir) == dir {
			return "", ErrAbsent
		}
	}
}
