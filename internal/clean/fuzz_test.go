package clean

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/annals-archive/annals/internal/markdown"
)

// FuzzText cleans arbitrary text and checks what every body promises: valid
// UTF-8 without control characters, paragraphs separated by one blank line,
// already normal Markdown, and rendered by goldmark as its own plain text
// in <p> and <h2> elements only, so that no markup in the input reaches a
// page. It also checks that Escape and Unescape are inverses and that
// Markdown is idempotent.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "Title line\n\nTitle line\n\nBody text here.", " date 2021-01-02 The lead.",
		"Harbour, May 2 (FNA) -- Lead. -0-\nwww.example.org (Juche115.5.2.)\nMore From X\nMay 1, 2030",
		"Also Read: x\n@Handle\n<script>x</script> *a* [b](c) &amp;", "atFoo Bar Bazwas HEQux Bar Baz",
		"    WIRE, Feb 3 - one two three four five six seven eight nine\nten eleven twelve\n Reuter",
		"\r\n\u00a0\u200b\xff\x00#\n> q\n1. l",
		"<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n&#106;avascript:alert(1)\n\n<<SCRIPT>a</SCRIPT>",
		"A Short Heading\n\nThe first paragraph, long enough to be a paragraph of the article.\n\nAnother Heading\n\nMore text.",
		"1986. A year.\n\n- a list?\n\n| a | b |\n|---|---|\n\n~~struck~~ `code` ***x*** __y__ \\\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Text(s)
		checkBody(t, r.Body)
		if len(r.Body) > 4*len(s)+1 {
			t.Fatalf("%d bytes in, %d bytes of body out", len(s), len(r.Body))
		}
		if !utf8.ValidString(r.Title) || !utf8.ValidString(r.Prefix) {
			t.Fatalf("invalid UTF-8 in title %q or prefix %q", r.Title, r.Prefix)
		}
		if line := strings.SplitN(s, "\n", 2)[0]; utf8.ValidString(line) && !strings.ContainsAny(line, "\r") {
			if got := Unescape(Escape(line)); got != line {
				t.Fatalf("Unescape(Escape(%q)) = %q", line, got)
			}
		}
		m := Markdown(s)
		if !utf8.ValidString(m) || strings.Contains(m, "\r") || strings.Contains(m, "\n\n\n") {
			t.Fatalf("Markdown(%q) = %q: invalid UTF-8, a CR or a run of blank lines", s, m)
		}
		if again := Markdown(m); again != m {
			t.Fatalf("Markdown is not idempotent: %q, then %q", m, again)
		}
	})
}

// tag matches an HTML start or end tag and its name.
var tag = regexp.MustCompile(`</?([a-zA-Z][a-zA-Z0-9]*)[^>]*>`)

// checkBody checks a cleaned body: its shape, that it is normal Markdown,
// and that it renders as its own text in paragraphs and subheadings.
func checkBody(t *testing.T, body string) {
	t.Helper()
	if body == "" {
		return
	}
	if !utf8.ValidString(body) {
		t.Fatalf("invalid UTF-8 body %q", body)
	}
	if !strings.HasSuffix(body, "\n") || strings.HasSuffix(body, "\n\n") || strings.HasPrefix(body, "\n") {
		t.Fatalf("body %q does not end with one newline, or starts with one", body)
	}
	if i := strings.IndexFunc(body, func(r rune) bool { return r != '\n' && (unicode.IsControl(r) || r == '\u00a0') }); i >= 0 {
		t.Fatalf("control character or no-break space at %d in body %q", i, body)
	}
	if m := Markdown(body); m != body {
		t.Fatalf("body %q is not normal Markdown: Markdown makes it %q", body, m)
	}
	paras := strings.Split(strings.TrimSuffix(body, "\n"), "\n\n")
	for _, p := range paras {
		if p == "" || strings.Contains(p, "\n\n") {
			t.Fatalf("empty paragraph or a run of blank lines in body %q", body)
		}
		if strings.HasPrefix(p, "#") && !strings.HasPrefix(p, "## ") || strings.HasPrefix(p, ">") || strings.HasPrefix(p, "<") {
			t.Fatalf("markup at the start of paragraph %q", p)
		}
	}
	out, err := markdown.Render([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, p := range paras {
		want = append(want, strings.Fields(Unescape(p))...)
	}
	for _, m := range tag.FindAllStringSubmatch(string(out), -1) {
		if name := m[1]; name != "p" && name != "h2" {
			t.Fatalf("body %q renders with a <%s> element:\n%s", body, name, out)
		}
	}
	got = strings.Fields(html.UnescapeString(tag.ReplaceAllString(string(out), " ")))
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("body %q does not render as its text:\nwant %q\ngot  %q\nHTML %s", body, want, got, out)
	}
	if n := strings.Count(string(out), "</p>") + strings.Count(string(out), "</h2>"); n != len(paras) {
		t.Fatalf("body %q of %d paragraphs renders as %d blocks:\n%s", body, len(paras), n, out)
	}
}

// TestLarge cleans a long article, one of very many paragraphs and one of
// very many repeated lines, checking that the text survives. How long they
// take is BenchmarkLarge's business.
func TestLarge(t *testing.T) {
	for _, tc := range large(5 << 20) {
		r := Text(tc.in)
		switch {
		case tc.name == "repeated lines":
			// One line repeated 200,000 times is boilerplate, not text.
		case len(r.Body) < len(tc.in)*9/10:
			t.Errorf("%s: %d bytes in, %d bytes of body out", tc.name, len(tc.in), len(r.Body))
		case strings.Contains(r.Body, "ComradeFoo") || strings.Contains(r.Body, "Bazwas"):
			t.Errorf("%s: glue left in the body", tc.name)
		}
	}
}

// BenchmarkLarge cleans a 50 MB article, 10,000 paragraphs and 200,000
// repeated lines:
//
//	go test -run '^$' -bench Large -benchtime 1x ./internal/clean/
func BenchmarkLarge(b *testing.B) {
	for _, tc := range large(50 << 20) {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.in)))
			b.ReportAllocs()
			for b.Loop() {
				Text(tc.in)
			}
		})
	}
}

func large(size int) []struct{ name, in string } {
	para := "Harbour officials said the ComradeFoo Bar Bazwas seen at the pier on Tuesday, and more. "
	return []struct{ name, in string }{
		{"one long article", strings.Repeat(para, size/len(para))},
		{"10000 paragraphs", paragraphsOf(para, 10000)},
		{"repeated lines", strings.Repeat("A Short Line\n", 200000)},
	}
}

func paragraphsOf(p string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%d. %s\n\n", i, p)
	}
	return b.String()
}
