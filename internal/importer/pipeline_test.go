package importer

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// manyInputs writes JSON Lines files with more records than the pipeline
// queues per file, and text files between them, and returns the origins
// in input order.
func manyInputs(t *testing.T) (afero.Fs, []string) {
	t.Helper()
	fsys := afero.NewMemMapFs()
	var want []string
	for f := range 3 {
		var b strings.Builder
		name := fmt.Sprintf("feed-%d.jsonl", f)
		for n := 1; n <= 3*recordWindow; n++ {
			fmt.Fprintf(&b, `{"title": "Story %d of feed %d", "text": "Toriva, March 4 (ACNA) -- Story %d of feed %d was filed on Monday."}`+"\n", n, f, n, f)
			want = append(want, name+"#"+strconv.Itoa(n))
		}
		if err := afero.WriteFile(fsys, "raw/"+name, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		name = fmt.Sprintf("feed-%d.txt", f)
		if err := afero.WriteFile(fsys, "raw/"+name, []byte(railway), 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	return fsys, want
}

func TestExtractKeepsInputOrder(t *testing.T) {
	fsys, want := manyInputs(t)
	var diags diag.List
	items, err := Extract(context.Background(), fsys, []string{"raw"}, config.Default().Import.Fields, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d; diagnostics: %v", len(items), len(want), diags.Sorted())
	}
	for i, it := range items {
		if got := it.Raw.Origin.String(); got != want[i] {
			t.Fatalf("item %d is %s, want %s", i, got, want[i])
		}
	}
}

func TestExtractStopsWhenCancelled(t *testing.T) {
	fsys, _ := manyInputs(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var diags diag.List
	if _, err := Extract(ctx, fsys, []string{"raw"}, config.Default().Import.Fields, &diags); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
