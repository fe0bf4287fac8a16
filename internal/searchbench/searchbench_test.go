package searchbench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/browsertest"
	"github.com/annals-archive/annals/internal/cli"
)

// TestAnnalsOnExample measures the example archive's search: every query
// loads without a failed request, finds articles, and a repeated query
// transfers nothing.
func TestAnnalsOnExample(t *testing.T) {
	b := browsertest.Start(t) // skips, or fails in CI, without Chromium
	_ = b
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "build")
	var stdout, stderr bytes.Buffer
	if code := cli.Main(context.Background(), []string{"build", "--site", root, "--out", out}, cli.Stdio{Out: &stdout, Err: &stderr}, afero.NewOsFs()); code != 0 {
		t.Fatalf("annals build: %s", &stderr)
	}
	br, err := Launch(browsertest.ChromiumPath())
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	r, err := br.Annals(out, []string{"kestrel", "herring quota", "railway", "kestrel"})
	if err != nil {
		t.Fatal(err)
	}
	if r.IndexFiles == 0 || r.IndexBytes == 0 {
		t.Errorf("index on disk: %d files, %d bytes", r.IndexFiles, r.IndexBytes)
	}
	for i, q := range r.Queries {
		t.Logf("%q: %d requests, %d bytes transferred, %d bytes of bodies, %.1f ms (%.1f ms once loaded), %d results", q.Query, q.Requests, q.Bytes, q.Body, q.Millis, q.Loaded, q.Results)
		if q.Results == 0 {
			t.Errorf("%q found nothing", q.Query)
		}
		if i > 0 && q.Bytes > r.Queries[0].Bytes {
			t.Errorf("%q transferred more than the first query", q.Query)
		}
	}
	if last := r.Queries[len(r.Queries)-1]; last.Requests != 0 {
		t.Errorf("a repeated query made %d requests", last.Requests)
	}
	if first := r.Queries[0]; first.Bytes >= first.Body {
		t.Errorf("the first query transferred %d bytes for %d of bodies: not compressed", first.Bytes, first.Body)
	}
	_ = os.Remove
}
