package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/clean"
)

// shared is the shared test material, read at run time and never copied.
var shared = filepath.Join("..", "..", "..", "shared")

func sharedPath(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(shared, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared test material %s is absent (%v); these tests need ../shared next to the repository", p, err)
	}
	return p
}

// noise is the shape of every kind of boilerplate the seeds carry.
var noise = regexp.MustCompile(`(?im)^(?:also read|read also|related article)\b|@YouTube|\bdate 20\d\d|^more from|^more articles|-0-|www\.kcna\.kp|^Pyongyang, February 2\d|^February 2\d, 2026`)

func TestSeeds(t *testing.T) {
	dir := sharedPath(t, "seeds")
	want := map[string]struct{ date, title string }{
		"000": {"2022-10-07", ""},
		"001": {"", "The Russian government vows to expand its relations with North Korea."},
		"002": {"2024-03-18", ""},
		"003": {"2022-10-07", ""},
		"004": {"", ""},
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 5 {
		t.Fatalf("found %d seeds, want 5", len(files))
	}
	for _, file := range files {
		id := filepath.Base(file)[:3]
		t.Run(id, func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			raw := article.Raw{Origin: article.Origin{File: filepath.Base(file)}, Format: article.Text, Body: string(b)}
			a, ds := Article(raw)
			if len(ds) > 0 {
				t.Errorf("diagnostics: %v", ds)
			}
			w := want[id]
			if got := a.Date.String(); got != w.date {
				t.Errorf("date = %q, want %q", got, w.date)
			}
			if w.title != "" && a.Title != w.title {
				t.Errorf("title = %q, want %q", a.Title, w.title)
			}
			if a.Title == "" || len([]rune(a.Title)) > 150 || strings.HasSuffix(a.Title, ",") {
				t.Errorf("title %q is not sensible", a.Title)
			}
			if a.Slug == "" {
				t.Error("empty slug")
			}
			if m := noise.FindString(a.Body); m != "" {
				t.Errorf("noise %q left in body:\n%s", m, a.Body)
			}
			body := plainBody(a.Body)
			for _, p := range articleParagraphs(string(b)) {
				if !strings.Contains(body, p) {
					t.Errorf("paragraph lost: %q", p)
				}
			}
			t.Logf("title %q date %q source %q", a.Title, a.Date, a.Source)
		})
	}
}

// plainBody returns the body's plain text with paragraphs on their own
// lines.
func plainBody(md string) string {
	var b strings.Builder
	for _, p := range strings.Split(md, "\n\n") {
		b.WriteString(clean.Unescape(strings.TrimSpace(p)))
		b.WriteByte('\n')
	}
	return b.String()
}

// articleParagraphs returns the seed's lines that belong to the article:
// every line until its end mark or footer, without teaser lines, the title
// line and the metadata prefix. The shapes here are the test's own, kept
// independent of package clean's.
func articleParagraphs(s string) []string {
	var out []string
	seen := map[string]bool{}
	s = strings.ReplaceAll(s, "\u00a0", " ")
	for i, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		switch {
		case line == "" || seen[line]:
			seen[line] = true // a repeated title line is not article text
			if len(out) > 0 && out[0] == line {
				out = out[1:]
			}
			continue
		case strings.HasPrefix(line, "www.") || strings.HasPrefix(line, "More From"):
			return out
		case strings.HasPrefix(line, "Also Read") || strings.HasPrefix(line, "Read Also") ||
			strings.HasPrefix(line, "Related Article") || strings.HasPrefix(line, "@"):
			continue
		case i == 0 && strings.HasPrefix(line, "date 20"):
			line = line[len("date 2022-10-07 "):]
		}
		line = strings.TrimSuffix(line, " -0-")
		line = strings.ReplaceAll(line, " ,", ",")
		seen[line] = true
		out = append(out, line)
	}
	return out
}
