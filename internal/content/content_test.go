package content

import (
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/article"
)

func sample() *article.Article {
	return &article.Article{
		Title:  `Dorn: "A bridge, not a wall"`,
		Date:   article.Date{Year: 2024, Month: 3, Day: 4},
		Slug:   "dorn-a-bridge-not-a-wall",
		Source: "ACNA",
		URL:    "https://news.example/dorn",
		Body:   "First paragraph.\n\n## A Subheading\n\nSecond paragraph.",
		Entities: []article.Entity{
			{Name: "Ilya Dorn", Kind: article.Person},
			{Name: "Toriva", Kind: article.Place},
		},
		Origins: []article.Origin{{File: "acna.txt", SHA256: "ab12"}},
		Extra:   map[string]any{"topic": "railway"},
	}
}

func TestMarshalParseRoundTrip(t *testing.T) {
	a := sample()
	data := Marshal(a, true)
	for _, want := range []string{
		"---\ntitle: 'Dorn: \"A bridge, not a wall\"'\ndate: 2024-03-04\nslug: dorn-a-bridge-not-a-wall\n",
		"people:\n  - Ilya Dorn\n", "places:\n  - Toriva\n",
		"origin:\n  - file: acna.txt\n    sha256: ab12\n", "topic: railway\n", "import_digest: ",
		"---\n\nFirst paragraph.\n\n## A Subheading\n\nSecond paragraph.\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("page lacks %q:\n%s", want, data)
		}
	}
	p, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Imported || p.Edited {
		t.Errorf("Imported, Edited = %v, %v; want true, false", p.Imported, p.Edited)
	}
	if got := Marshal(&p.Article, true); string(got) != string(data) {
		t.Errorf("round trip changed the page:\n%s\nwant:\n%s", got, data)
	}
}

func TestParseDetectsHandEdit(t *testing.T) {
	data := strings.Replace(string(Marshal(sample(), true)), "Second paragraph.", "Second paragraph, corrected.", 1)
	p, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Edited {
		t.Error("a page changed after import is not reported as edited")
	}
}

func TestUndatedPath(t *testing.T) {
	a := sample()
	a.Date = article.Date{}
	if got, want := Path(a), "articles/undated/dorn-a-bridge-not-a-wall.md"; got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
	if strings.Contains(string(Marshal(a, false)), "date:") {
		t.Error("an undated article's page has a date field")
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		line       int
		msg        string
	}{
		{"no front matter", "Just text\n", 1, "missing front matter"},
		{"unclosed", "---\ntitle: x\n", 1, "not closed"},
		{"impossible date", "---\ntitle: x\ndate: 2022-02-30\n---\n", 3, "February 2022 has 28 days, not 30"},
		{"bad yaml", "---\ntitle: x\npeople: [a, b\n---\n", 0, "front matter"},
		{"list as title", "---\ntitle: [a]\n---\n", 2, "title must be a single value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.page))
			ce, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse error = %v, want *Error", err)
			}
			if (tc.line != 0 && ce.Line != tc.line) || !strings.Contains(ce.Msg, tc.msg) {
				t.Errorf("error = line %d %q, want line %d containing %q", ce.Line, ce.Msg, tc.line, tc.msg)
			}
		})
	}
}

func TestOriginalURL(t *testing.T) {
	page := string(Marshal(sample(), false))
	if !strings.Contains(page, "original_url: https://news.example/dorn\n") || strings.Contains(page, "\nurl:") {
		t.Errorf("the original address is not written as original_url:\n%s", page)
	}
	for _, tc := range []struct{ fm, want string }{
		{"url: https://other.example/a", "https://other.example/a"},
		{"url: /2024/03/04/a/", ""},
		{"original_url: https://a.example/\nurl: https://b.example/", "https://a.example/"},
	} {
		p, err := Parse([]byte("---\ntitle: T\n" + tc.fm + "\n---\n"))
		if err != nil {
			t.Fatal(err)
		}
		if p.Article.URL != tc.want {
			t.Errorf("%q: URL = %q, want %q", tc.fm, p.Article.URL, tc.want)
		}
	}
}
