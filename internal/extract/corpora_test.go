package extract

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/diag"
)

// corpusDir returns the shared corpora folder, skipping the test when it
// is absent.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	return dir
}

// kcnaRaws maps the KCNA records to raw articles as the importer does
// (headline, date, story_text, link) and returns the date_str of each.
func kcnaRaws(t testing.TB) ([]article.Raw, []string) {
	recs, err := corpus.KCNA(corpusDir(t))
	if err != nil {
		t.Fatal(err)
	}
	raws := make([]article.Raw, 0, len(recs))
	want := make([]string, 0, len(recs))
	for i, r := range recs {
		raws = append(raws, article.Raw{
			Origin: article.Origin{File: filepath.Base(corpus.KCNAFile), Record: strconv.Itoa(i + 1)},
			Format: article.JSON,
			Title:  r.Headline,
			Date:   r.DateStr,
			Body:   r.StoryText,
			URL:    r.Link,
		})
		want = append(want, r.DateStr)
	}
	return raws, want
}

// glued is the shape of a name fused to a word: a lower-case letter
// followed by a capitalised word inside a token ("ComradeKim", "atKim"), or
// a name syllable fused to a function word ("Unwas", "Sungand").
var glued = regexp.MustCompile(`\p{Ll}{2}\p{Lu}\p{Ll}|\b(?:Kim|Jong|Un|Il|Sung|Ju|Ae)(?:was|and|on|to|is|in|at|of|for|with|as|by|the|had|has)\b`)

func TestKCNA(t *testing.T) {
	raws, want := kcnaRaws(t)
	raws, want = thin(raws), thin(want)
	var dated, wrong, glue, marks, bodies int
	for i, raw := range raws {
		a, ds := Article(raw)
		for _, d := range ds {
			t.Errorf("record %d: %v", i, d)
		}
		if a.Date.String() == want[i] {
			dated++
		} else {
			wrong++
			if wrong < 5 {
				t.Errorf("record %d: date %q, want %q", i, a.Date, want[i])
			}
		}
		if raw.Body == "" {
			continue
		}
		bodies++
		if m := glued.FindAllString(a.Body, -1); len(m) > 0 {
			glue++
			if glue < 10 {
				t.Errorf("record %d: glue left: %q", i, m)
			}
		}
		if strings.Contains(a.Body, "-0-") {
			marks++
		}
		if a.Title == "" || a.Slug == "" {
			t.Errorf("record %d: title %q slug %q", i, a.Title, a.Slug)
		}
	}
	t.Logf("KCNA: %d records, %d dates equal date_str, %d differ; %d bodies, %d with glue, %d with -0-", len(raws), dated, wrong, bodies, glue, marks)
	if glue > 0 || marks > 0 {
		t.Errorf("%d bodies keep glue, %d keep end marks", glue, marks)
	}
}

// reutersResult is what Article made of one Reuters-21578 article, with
// and without its declared date.
type reutersResult struct {
	gold     article.Date
	goldErr  error
	a        article.Article
	ds       []diag.Diagnostic
	fromBody article.Date // the date found with raw.Date empty; only for bodies
}

func reutersRaw(d corpus.ReutersDoc) article.Raw {
	return article.Raw{Origin: article.Origin{File: "reut2.sgm", Record: d.NewID}, Format: article.Text,
		Title: d.Title, Date: d.Date, Body: d.Dateline + d.Body}
}

// reutersResults runs Article on every document across GOMAXPROCS
// goroutines; results are stored by index, so they do not depend on the
// schedule.
func reutersResults(docs []corpus.ReutersDoc) []reutersResult {
	res := make([]reutersResult, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				d, r := docs[i], &res[i]
				r.gold, r.goldErr = ParseDate(d.Date)
				if r.goldErr != nil {
					continue
				}
				raw := reutersRaw(d)
				r.a, r.ds = Article(raw)
				if d.Body == "" {
					continue
				}
				raw.Date = ""
				b, _ := Article(raw)
				r.fromBody = b.Date
			}
		}()
	}
	wg.Wait()
	return res
}

func TestReuters(t *testing.T) {
	docs, err := corpus.Reuters(corpusDir(t))
	if err != nil {
		t.Fatal(err)
	}
	docs = thin(docs)
	res := reutersResults(docs)
	var dateOK, titleOK, withTitle, withBody, recovered, recoveredWrong int
	for i, d := range docs {
		r := res[i]
		if r.goldErr != nil {
			t.Errorf("NEWID %s: gold date %q: %v", d.NewID, d.Date, r.goldErr)
			continue
		}
		a, gold := r.a, r.gold
		if len(r.ds) > 0 {
			t.Errorf("NEWID %s: %v", d.NewID, r.ds)
		}
		if a.Date == gold {
			dateOK++
		} else {
			t.Errorf("NEWID %s: date %v, want %v", d.NewID, a.Date, gold)
		}
		if d.Title != "" {
			withTitle++
			if a.Title == strings.Join(strings.Fields(d.Title), " ") {
				titleOK++
			} else {
				t.Errorf("NEWID %s: title %q, want %q", d.NewID, a.Title, d.Title)
			}
		}
		if d.Body == "" {
			continue
		}
		withBody++
		if !r.fromBody.IsZero() {
			recovered++
			if r.fromBody != gold {
				recoveredWrong++
				t.Logf("NEWID %s: date from body %v, gold %v", d.NewID, r.fromBody, gold)
			}
		}
	}
	t.Logf("Reuters: %d articles: dates %d/%d equal <DATE>; titles %d/%d equal <TITLE>", len(docs), dateOK, len(docs), titleOK, withTitle)
	t.Logf("Reuters without <DATE>: %d of %d bodies dated from the text alone, %d of them wrongly", recovered, withBody, recoveredWrong)
	if recoveredWrong > 0 {
		t.Errorf("%d dates recovered from bodies are wrong", recoveredWrong)
	}
}

func TestBBC(t *testing.T) {
	docs, err := corpus.BBC(corpusDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2225 {
		t.Fatalf("found %d BBC files, want 2225", len(docs))
	}
	docs = thin(docs)
	ok := 0
	for _, d := range docs {
		b := d.Data
		first, _, _ := bytes.Cut(b, []byte("\n"))
		want := strings.Join(strings.Fields(string(first)), " ")
		rel := filepath.Join(d.Category, d.Name)
		a, _ := Article(article.Raw{Origin: article.Origin{File: rel}, Format: article.Text, Body: string(b)})
		if a.Title == want {
			ok++
		} else {
			t.Errorf("%s: title %q, want %q", rel, a.Title, want)
		}
		if first, _, _ := strings.Cut(a.Body, "\n"); strings.TrimSpace(first) == want {
			t.Errorf("%s: title left at the top of the body", rel)
		}
	}
	t.Logf("BBC: %d/%d titles equal the first line", ok, len(docs))
}

func ExampleArticle() {
	a, _ := Article(article.Raw{Format: article.Text, Body: "Harbour, May 2 (FNA) -- The lighthouse on the north pier was repainted on Tuesday, the harbour office said. -0-\n(Juche115.5.2.)"})
	fmt.Println(a.Title)
	fmt.Println(a.Date, a.Source, a.Slug)
	// Output:
	// The lighthouse on the north pier was repainted on Tuesday, the harbour office said
	// 2026-05-02 FNA the-lighthouse-on-the-north-pier-was-repainted-on-tuesday-the-harbour-office
}

// thin returns every tenth item under the race detector, and all items
// otherwise.
func thin[T any](items []T) []T {
	if !raceDetector {
		return items
	}
	var out []T
	for i := 0; i < len(items); i += 10 {
		out = append(out, items[i])
	}
	return out
}
