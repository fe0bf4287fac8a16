package cli

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// TestExamplesMatchTheirTable checks every article of examples/raw against
// the expected date and title that examples/README.md gives for it.
func TestExamplesMatchTheirTable(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "examples", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ date, title string }
	want := map[string]row{}
	for line := range strings.Lines(string(readme)) {
		cells := strings.Split(strings.ReplaceAll(strings.TrimSpace(line), `\|`, "¦"), "|")
		if len(cells) != 7 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		origin := strings.Trim(strings.TrimSpace(cells[1]), "`")
		date := strings.TrimSpace(cells[4])
		if date == "undated" {
			date = ""
		}
		want[origin] = row{date, strings.TrimSpace(cells[5])}
	}
	if len(want) < 16 {
		t.Fatalf("examples/README.md's table has %d rows, want at least 16", len(want))
	}

	fsys := afero.NewMemMapFs()
	copyDir(t, fsys, filepath.Join("..", "..", "examples", "raw"), "raw")
	out := mustRun(t, fsys, "extract", "raw")
	seen := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec extractRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		w, ok := want[rec.Origin]
		if !ok {
			t.Errorf("%s is not in examples/README.md's table", rec.Origin)
			continue
		}
		seen++
		date := ""
		if rec.Date != nil {
			date = *rec.Date
		}
		if date != w.date || rec.Title != w.title {
			t.Errorf("%s: date %q, title %q; the table says %q, %q", rec.Origin, date, rec.Title, w.date, w.title)
		}
		if strings.HasPrefix(rec.Body, rec.Title) {
			t.Errorf("%s: the body still starts with the title", rec.Origin)
		}
	}
	if seen != len(want) {
		t.Errorf("extracted %d articles of the %d in the table", seen, len(want))
	}
}
