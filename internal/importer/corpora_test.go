package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/afero"
	"golang.org/x/text/encoding/charmap"

	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/diag"
)

func corporaDir(t testing.TB) string {
	t.Helper()
	d, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	return d
}

// gluedName finds a capitalised name fused to a lowercase word, as KCNA's
// scraper leaves them ("ComradeKim", "Unwas").
var gluedName = regexp.MustCompile(`\b[A-Z][a-z]+[A-Z][a-z]+\b|\b(?:Un|Sung|Il)(?:was|and|at|in|on|to|the|as|who|for|has|had)\b`)

func TestKCNAImport(t *testing.T) {
	dir := corporaDir(t)
	data, err := os.ReadFile(filepath.Join(dir, corpus.KCNAFile))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := corpus.KCNA(dir)
	if err != nil {
		t.Fatal(err)
	}
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "kcna.json", data, 0o644)
	var diags diag.List
	sum, err := Import(context.Background(), fsys, "site", []string{"kcna.json"}, config.Default(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Errorf("import errors: %v", diags.Sorted()[:3])
	}
	// Distinct stories: records with text, up to whitespace.
	distinct := map[string]bool{}
	withText := 0
	for _, r := range recs {
		if strings.TrimSpace(r.StoryText) != "" {
			withText++
			distinct[strings.Join(strings.Fields(r.StoryText), " ")] = true
		}
	}
	t.Logf("KCNA: %d records, %d with text, %d distinct texts; imported %d, duplicates %d, warnings %d",
		len(recs), withText, len(distinct), sum.Imported, sum.Duplicates, diags.Count(diag.Warning))
	if sum.Imported != len(distinct) || sum.Imported+sum.Duplicates != withText {
		t.Errorf("imported %d articles and %d duplicates from %d records with text; want %d articles, one per distinct story",
			sum.Imported, sum.Duplicates, withText, len(distinct))
	}
	// Every page: its date is the date_str of each of its records; no end
	// marks or glued names left.
	wrongDate, endMarks, glued := 0, 0, 0
	afero.Walk(fsys, "site/content", func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		page, _ := afero.ReadFile(fsys, p)
		pg, perr := content.Parse(page)
		if perr != nil {
			t.Errorf("%s: %v", p, perr)
			return nil
		}
		a := pg.Article
		for _, o := range a.Origins {
			i, err := strconv.Atoi(o.Record)
			if err != nil || i < 1 || i > len(recs) || recs[i-1].DateStr != a.Date.String() {
				wrongDate++
				if wrongDate <= 3 {
					t.Errorf("%s: date %s, but its record %s says otherwise", p, a.Date, o.Record)
				}
			}
		}
		if strings.Contains(a.Body, "-0-") {
			endMarks++
		}
		if m := gluedName.FindString(a.Body); m != "" {
			glued++
			if glued <= 3 {
				t.Errorf("%s: glued name %q left in the body", p, m)
			}
		}
		return nil
	})
	if wrongDate+endMarks+glued > 0 {
		t.Errorf("%d wrong dates, %d bodies with -0-, %d with glued names; want 0", wrongDate, endMarks, glued)
	}
}

// BenchmarkImportKCNA imports the KCNA corpus (JSON, 2,111 records) into an
// empty in-memory archive.
func BenchmarkImportKCNA(b *testing.B) {
	dir := corporaDir(b)
	data, err := os.ReadFile(filepath.Join(dir, corpus.KCNAFile))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkImport(b, map[string][]byte{"kcna.json": data})
}

// BenchmarkImportReuters imports Reuters-21578's 19,043 articles with a
// body, as JSON Lines with title and date fields.
func BenchmarkImportReuters(b *testing.B) {
	docs, err := corpus.Reuters(corporaDir(b))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, d := range docs {
		if d.Body != "" {
			enc.Encode(map[string]string{"title": d.Title, "date": d.Date, "text": d.Body})
		}
	}
	benchmarkImport(b, map[string][]byte{"reuters.jsonl": buf.Bytes()})
}

func benchmarkImport(b *testing.B, files map[string][]byte) {
	b.ReportAllocs()
	var size int64
	for _, data := range files {
		size += int64(len(data))
	}
	b.SetBytes(size)
	var articles int
	for b.Loop() {
		// On disk, as users run it: MemMapFs renames in time linear in
		// the number of files, which would dominate.
		fsys := afero.NewBasePathFs(afero.NewOsFs(), b.TempDir())
		var paths []string
		for name, data := range files {
			afero.WriteFile(fsys, name, data, 0o644)
			paths = append(paths, name)
		}
		var diags diag.List
		sum, err := Import(context.Background(), fsys, "site", paths, config.Default(), &diags)
		if err != nil {
			b.Fatal(err)
		}
		articles = sum.Imported + sum.Duplicates
	}
	b.ReportMetric(float64(articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestBBCImport imports the 2,225 BBC News files: every title is the
// file's first line, and byte-identical files collapse into one article.
func TestBBCImport(t *testing.T) {
	docs, err := corpus.BBC(corporaDir(t))
	if err != nil {
		t.Fatal(err)
	}
	fsys := afero.NewMemMapFs()
	groups := map[[32]byte]int{}
	firstLine := map[string]string{} // origin file → its first line
	for _, d := range docs {
		name := d.Category + "/" + d.Name
		afero.WriteFile(fsys, "bbc/"+name, d.Data, 0o644)
		groups[sha256.Sum256(d.Data)]++
		line, _, _ := strings.Cut(string(d.Data), "\n")
		firstLine[name] = strings.Join(strings.Fields(line), " ")
	}
	identical := 0
	for _, n := range groups {
		identical += n - 1
	}
	var diags diag.List
	sum, err := Import(context.Background(), fsys, "site", []string{"bbc"}, config.Default(), &diags)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("BBC: %d files, %d byte-identical copies; imported %d, duplicates %d", len(docs), identical, sum.Imported, sum.Duplicates)
	if sum.Imported+sum.Duplicates != len(docs) || sum.Duplicates < identical {
		t.Errorf("imported %d + %d duplicates of %d files; want every byte-identical copy (%d) among the duplicates",
			sum.Imported, sum.Duplicates, len(docs), identical)
	}
	wrongTitle := 0
	afero.Walk(fsys, "site/content", func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, _ := afero.ReadFile(fsys, p)
		pg, perr := content.Parse(data)
		if perr != nil {
			t.Fatalf("%s: %v", p, perr)
		}
		for _, o := range pg.Article.Origins {
			title := pg.Article.Title
			if o.Title != "" {
				title = o.Title // a duplicate text filed under another headline
			}
			if want := firstLine[o.File]; title != want && !latin1Line(title, want) {
				wrongTitle++
				t.Errorf("%s: title %q, first line %q", o.File, title, want)
			}
		}
		return nil
	})
	if wrongTitle > 0 {
		t.Errorf("%d titles differ from their file's first line", wrongTitle)
	}
}

// latin1Line reports whether title is line decoded as Windows-1252: one
// BBC file has a Latin-1 byte, which the raw line holds as it is.
func latin1Line(title, line string) bool {
	decoded, err := charmap.Windows1252.NewDecoder().String(line)
	return err == nil && !utf8.ValidString(line) && title == decoded
}
