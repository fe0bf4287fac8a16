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

// TestLarge checks that work stays linear: a long article and one with
// very many paragraphs.
func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	para := "Harbour officials said the ComradeFoo Bar Bazwas seen at the pier on Tuesday, and more. "
	for _, tc := range []struct {
		name string
		in   string
	}{
		{"50MB", strings.Repeat(para, 50<<20/len(para))},
		{"10000 paragraphs", paragraphsOf(para, 10000)},
		{"lines", strings.Repeat("A Short Line\n", 200000)},
	} {
		start := time.Now()
		r := Text(tc.in)
		t.Logf("%s: %d bytes in %v, body %d bytes", tc.name, len(tc.in), time.Since(start), len(r.Body))
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%s took %v", tc.name, d)
		}
	}
}

func paragraphsOf(p string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%d. %s\n\n", i, p)
	}
	return b.String()
}
