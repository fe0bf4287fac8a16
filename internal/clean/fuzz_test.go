package clean

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "Title line\n\nTitle line\n\nBody text here.", " date 2021-01-02 The lead.",
		"Harbour, May 2 (FNA) -- Lead. -0-\nwww.example.org (Juche115.5.2.)\nMore From X\nMay 1, 2030",
		"Also Read: x\n@Handle\n<script>x</script> *a* [b](c) &amp;", "atFoo Bar Bazwas HEQux Bar Baz",
		"    WIRE, Feb 3 - one two three four five six seven eight nine\nten eleven twelve\n Reuter",
		"\r\n\u00a0\u200b\xff\x00#\n> q\n1. l",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		r := Text(s)
		if !utf8.ValidString(r.Body) {
			t.Fatalf("invalid UTF-8 body %q", r.Body)
		}
		for _, p := range strings.Split(r.Body, "\n\n") {
			if strings.HasPrefix(p, "#") && !strings.HasPrefix(p, "## ") || strings.HasPrefix(p, ">") || strings.HasPrefix(p, "<") {
				t.Fatalf("markup at the start of paragraph %q", p)
			}
		}
		if Text(r.Body).Body == "" && strings.TrimSpace(r.Body) != "" {
			t.Fatalf("cleaning the cleaned body %q lost everything", r.Body)
		}
		_ = Markdown(s)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("took %v for %d bytes", d, len(s))
		}
	})
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
