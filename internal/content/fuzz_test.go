package content

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/annals-archive/annals/internal/article"
)

// FuzzParse parses arbitrary bytes as a page. A page that does not parse
// gives an *Error whose line is in the page; one that parses holds a date
// that exists, and writing it out with Marshal gives a page that parses to
// the same article and is written out the same again.
func FuzzParse(f *testing.F) {
	f.Add(Marshal(sample(), true))
	f.Add(Marshal(sample(), false))
	for _, s := range []string{
		"", "---\n---\n", "---\n", "\ufeff---\r\ntitle: x\r\n---\r\n\r\nbody\r\n", "---\ntitle: [a\n---\n",
		"---\n- a\n---\n", "---\ntitle: x\ndate: 2022-02-30\n---\n", "---\ndate: 2022-10-07T10:00:00Z\n---\n",
		"---\npeople: Kim\n---\n", "---\nplaces: [A, B]\npeople: [A]\norganizations: [{x: y}]\n---\n",
		"---\norigin: [{file: a, record: 3, sha256: 0b1}]\n---\n", "---\nurl: https://example.org/a\n---\n",
		"---\na: &x [1, 2]\nb: *x\nc: .nan\nd: 2022-10-07\ne: {1: 2}\n<<: {f: g}\n---\n", "---\ntitle: a\ntitle: b\n---\n",
		"---\ntitle: x\nimport_digest: 00\n---\n", "---\ntitle: |\n  two\n  lines\n---\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q): error %v is not an *Error", data, err)
			}
			if lines := strings.Count(newlines(string(data)), "\n") + 1; e.Msg == "" || e.Line < 0 || e.Line > lines+1 {
				t.Fatalf("Parse(%q): error at line %d of a page of %d lines: %q", data, e.Line, lines, e.Msg)
			}
			return
		}
		a := &p.Article
		if d := a.Date; !d.IsZero() {
			if _, err := article.MakeDate(d.Year, d.Month, d.Day); err != nil {
				t.Fatalf("Parse(%q): date %v does not exist", data, d)
			}
		}
		if a.Body != strings.TrimSpace(a.Body) || p.BodyLine < 3 {
			t.Fatalf("Parse(%q): body %q, on line %d", data, a.Body, p.BodyLine)
		}
		page := Marshal(a, true)
		again, err := Parse(page)
		if err != nil {
			t.Fatalf("the page of a parsed article does not parse: %v\n%s", err, page)
		}
		if !again.Imported || again.Edited {
			t.Fatalf("a written page reads as Imported, Edited = %v, %v:\n%s", again.Imported, again.Edited, page)
		}
		checkSame(t, a, &again.Article, page)
		if twice := Marshal(&again.Article, true); !bytes.Equal(twice, page) {
			t.Fatalf("writing a page read back changes it:\n%s\nthen:\n%s", page, twice)
		}
	})
}

// FuzzMarshal writes articles made of arbitrary fields and checks that
// every one parses back to itself.
func FuzzMarshal(f *testing.F) {
	a := sample()
	f.Add(a.Title, 2024, 3, 4, a.Slug, a.Source, a.URL, "", a.Body, "Ilya Dorn\x00Toriva", "topic", "railway", "acna.txt", "", "ab12", "", true)
	f.Add("yes", 0, 0, 0, "null", "- a", "https://example.org/a#b", "~", "---\nx\n---\n", "\x00\x00", "title", "2022-10-07", "0b1", "12", "1e5", "Kim: \"x\"", false)
	f.Add(" lead\nand\ttab ", 2022, 2, 30, "a #b", "'q'", "\"", "|", "\r\nbody\r\n", "a\x00b\x00c\x00d", "<<", "*x", "file: y", "0012", "00", "\ufeff", true)
	f.Fuzz(func(t *testing.T, title string, y, m, d int, slug, source, url, author, body, names, key, value, file, record, sha, originTitle string, digest bool) {
		date, err := article.MakeDate(y, time.Month(m), d)
		if err != nil {
			date = article.Date{}
		}
		a := &article.Article{
			Title: valid(title), Date: date, Slug: valid(slug), Source: valid(source), URL: valid(url),
			Author: valid(author), Body: valid(body),
		}
		kinds := []article.Kind{article.Person, article.Place, article.Organization}
		for i, name := range strings.Split(valid(names), "\x00") {
			if name != "" {
				a.Entities = append(a.Entities, article.Entity{Name: name, Kind: kinds[i%len(kinds)]})
			}
		}
		if file != "" {
			a.Origins = []article.Origin{{File: valid(file), Record: valid(record), SHA256: valid(sha), Title: valid(originTitle)}}
		}
		if key = valid(key); key != "" {
			a.Extra = map[string]any{key: valid(value)}
		}
		page := Marshal(a, digest)
		if again := Marshal(a, digest); !bytes.Equal(again, page) {
			t.Fatalf("Marshal is not deterministic:\n%s\nthen:\n%s", page, again)
		}
		p, err := Parse(page)
		if err != nil {
			t.Fatalf("a written page does not parse: %v\n%s", err, page)
		}
		if p.Imported != digest || p.Edited {
			t.Fatalf("Imported, Edited = %v, %v for a page written with digest %v:\n%s", p.Imported, p.Edited, digest, page)
		}
		want := *a
		want.Body = strings.TrimSpace(newlines(a.Body))
		if known[key] {
			want.Extra = nil
		}
		checkSame(t, &want, &p.Article, page)
	})
}

// valid makes s valid UTF-8: articles hold text, and YAML only text.
func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// checkSame fails t unless got, read from page, is want: the same fields,
// the same entities in any order, the same origins and extra fields.
func checkSame(t *testing.T, want, got *article.Article, page []byte) {
	t.Helper()
	type fields struct{ title, date, slug, source, url, author, body string }
	of := func(a *article.Article) fields {
		return fields{a.Title, a.Date.String(), a.Slug, a.Source, a.URL, a.Author, a.Body}
	}
	if of(want) != of(got) {
		t.Fatalf("the page reads back as\n%q, not\n%q:\n%s", of(got), of(want), page)
	}
	entities := func(a *article.Article) []string {
		var out []string
		for _, e := range a.Entities {
			out = append(out, string(e.Kind)+":"+e.Name)
		}
		slices.Sort(out)
		return out
	}
	if w, g := entities(want), entities(got); !slices.Equal(w, g) {
		t.Fatalf("the page reads back with entities %q, not %q:\n%s", g, w, page)
	}
	if !slices.Equal(want.Origins, got.Origins) {
		t.Fatalf("the page reads back with origins %q, not %q:\n%s", got.Origins, want.Origins, page)
	}
	if w, g := extraKeys(want), extraKeys(got); !slices.Equal(w, g) {
		t.Fatalf("the page reads back with extra fields %q, not %q:\n%s", g, w, page)
	}
	for k, v := range want.Extra {
		if s, ok := v.(string); ok && got.Extra[k] != s {
			t.Fatalf("extra field %q reads back as %#v, not %q:\n%s", k, got.Extra[k], s, page)
		}
	}
}

func extraKeys(a *article.Article) []string {
	var keys []string
	for k := range a.Extra {
		if !known[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
