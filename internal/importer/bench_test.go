package importer

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// exampleInputs copies the example archive's raw inputs into a memory
// file system, under raw/.
func exampleInputs(b *testing.B) afero.Fs {
	b.Helper()
	fsys := afero.NewMemMapFs()
	err := filepath.WalkDir("../../examples/raw", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../examples/raw", p)
		return afero.WriteFile(fsys, path.Join("raw", filepath.ToSlash(rel)), data, 0o644)
	})
	if err != nil {
		b.Skipf("skipping: cannot read the example inputs in ../../examples/raw: %v", err)
	}
	return fsys
}

// BenchmarkImport imports the example archive's raw inputs into an empty
// archive in memory, end to end:
//
//	go test -run '^$' -bench Import ./internal/importer/
func BenchmarkImport(b *testing.B) {
	fsys := exampleInputs(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := fsys.RemoveAll("site"); err != nil {
			b.Fatal(err)
		}
		var diags diag.List
		sum, err := Import(context.Background(), fsys, "site", []string{"raw"}, config.Default(), &diags)
		if err != nil || sum.Imported == 0 {
			b.Fatalf("%+v, %v, %v", sum, err, diags.Sorted())
		}
	}
}

// BenchmarkWritePages writes the pages of the example archive's articles
// to a folder on disk, as the end of an import does:
//
//	go test -run '^$' -bench WritePages ./internal/importer/
func BenchmarkWritePages(b *testing.B) {
	var diags diag.List
	items, err := Extract(context.Background(), exampleInputs(b), []string{"raw"}, config.Default().Import.Fields, &diags)
	if err != nil {
		b.Fatal(err)
	}
	ar, err := openArchive(afero.NewBasePathFs(afero.NewOsFs(), b.TempDir()), "content", &diags)
	if err != nil {
		b.Fatal(err)
	}
	var sum Summary
	for _, it := range items {
		ar.add(it, &sum, &diags)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := ar.write(&sum, &diags); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ar.entries)), "ns/page")
}
