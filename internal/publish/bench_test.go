package publish

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// BenchmarkWrite stages 1,000 pages of 8 KB in memory and commits them:
// the cost the writer adds to every file of a build.
func BenchmarkWrite(b *testing.B) {
	page := []byte(strings.Repeat("<p>The fleet came home with herring.</p>\n", 200))
	fsys := afero.NewMemMapFs()
	b.ReportAllocs()
	b.SetBytes(int64(1000 * len(page)))
	for b.Loop() {
		w, err := Begin(fsys, "build")
		if err != nil {
			b.Fatal(err)
		}
		for i := range 1000 {
			if err := w.Write(fmt.Sprintf("2024/03/%02d/story-%d/index.html", 1+i%28, i), page); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
