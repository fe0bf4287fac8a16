package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/annals-archive/annals/internal/article"
)

// kcnaRecord holds the fields of a KCNA record under the default field
// names an importer tries: title|headline, date|date_str|published,
// text|body|story_text|content, url|link.
type kcnaRecord map[string]json.RawMessage

func (r kcnaRecord) str(keys ...string) string {
	for _, k := range keys {
		var s string
		if v, ok := r[k]; ok && json.Unmarshal(v, &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

func kcnaRaws(t testing.TB) ([]article.Raw, []string) {
	path := sharedPath(t, "corpora/kcna/headlines_2024-11-11.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var recs []kcnaRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatal(err)
	}
	var raws []article.Raw
	var want []string
	for i, r := range recs {
		raws = append(raws, article.Raw{
			Origin: article.Origin{File: "headlines_2024-11-11.json", Record: strconv.Itoa(i)},
			Format: article.JSON,
			Title:  r.str("title", "headline"),
			Date:   r.str("date", "date_str", "published"),
			Body:   r.str("text", "body", "story_text", "content"),
			URL:    r.str("url", "link"),
		})
		want = append(want, r.str("date_str"))
	}
	return raws, want
}

// glued is the shape of a name fused to a word: a lower-case letter
// followed by a capitalised word inside a token ("ComradeKim", "atKim"), or
// a name syllable fused to a function word ("Unwas", "Sungand").
var glued = regexp.MustCompile(`\p{Ll}{2}\p{Lu}\p{Ll}|\b(?:Kim|Jong|Un|Il|Sung|Ju|Ae)(?:was|and|on|to|is|in|at|of|for|with|as|by|the|had|has)\b`)

func TestKCNA(t *testing.T) {
	raws, want := kcnaRaws(t)
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

// reutersDoc is one Reuters-21578 article.
type reutersDoc struct {
	id                          string
	date, title, dateline, body string
}

var (
	reutersDocRe = regexp.MustCompile(`(?s)<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>`)
	controlRef   = regexp.MustCompile(`&#\d+;`)
)

func reutersTag(doc, tag string) string {
	i := strings.Index(doc, "<"+tag+">")
	j := strings.Index(doc, "</"+tag+">")
	if i < 0 || j < i {
		return ""
	}
	s := doc[i+len(tag)+2 : j]
	s = controlRef.ReplaceAllString(s, "")
	return html.UnescapeString(s)
}

// latin1 decodes ISO-8859-1.
func latin1(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

func reutersDocs(t testing.TB) []reutersDoc {
	dir := sharedPath(t, "corpora/reuters21578")
	files, _ := filepath.Glob(filepath.Join(dir, "reut2-*.sgm"))
	var docs []reutersDoc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range reutersDocRe.FindAllStringSubmatch(latin1(b), -1) {
			docs = append(docs, reutersDoc{
				id: m[1], date: reutersTag(m[2], "DATE"), title: reutersTag(m[2], "TITLE"),
				dateline: reutersTag(m[2], "DATELINE"), body: reutersTag(m[2], "BODY"),
			})
		}
	}
	return docs
}

func TestReuters(t *testing.T) {
	docs := reutersDocs(t)
	var dateOK, titleOK, withTitle, withBody, recovered, recoveredWrong int
	for _, d := range docs {
		gold, err := ParseDate(d.date)
		if err != nil {
			t.Errorf("NEWID %s: gold date %q: %v", d.id, d.date, err)
			continue
		}
		raw := article.Raw{Origin: article.Origin{File: "reut2.sgm", Record: d.id}, Format: article.Text,
			Title: d.title, Date: d.date, Body: d.dateline + d.body}
		a, ds := Article(raw)
		if len(ds) > 0 {
			t.Errorf("NEWID %s: %v", d.id, ds)
		}
		if a.Date == gold {
			dateOK++
		} else {
			t.Errorf("NEWID %s: date %v, want %v", d.id, a.Date, gold)
		}
		if d.title != "" {
			withTitle++
			if a.Title == strings.Join(strings.Fields(d.title), " ") {
				titleOK++
			} else {
				t.Errorf("NEWID %s: title %q, want %q", d.id, a.Title, d.title)
			}
		}
		if d.body == "" {
			continue
		}
		withBody++
		raw.Date = ""
		b, _ := Article(raw)
		if !b.Date.IsZero() {
			recovered++
			if b.Date != gold {
				recoveredWrong++
				t.Logf("NEWID %s: date from body %v, gold %v", d.id, b.Date, gold)
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
	dir := sharedPath(t, "corpora/bbc")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) != 2225 {
		t.Fatalf("found %d BBC files, want 2225", len(files))
	}
	ok := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := bytes.Cut(b, []byte("\n"))
		want := strings.Join(strings.Fields(string(first)), " ")
		rel, _ := filepath.Rel(dir, f)
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
	t.Logf("BBC: %d/%d titles equal the first line", ok, len(files))
}

func ExampleArticle() {
	a, _ := Article(article.Raw{Format: article.Text, Body: "Harbour, May 2 (FNA) -- The lighthouse on the north pier was repainted on Tuesday, the harbour office said. -0-\n(Juche115.5.2.)"})
	fmt.Println(a.Title)
	fmt.Println(a.Date, a.Source, a.Slug)
	// Output:
	// The lighthouse on the north pier was repainted on Tuesday, the harbour office said
	// 2026-05-02 FNA the-lighthouse-on-the-north-pier-was-repainted-on-tuesday-the-harbour-office
}
