package build

import (
	"strings"
	"testing"
)

// TestPlainText checks plainText and plainBody, which skip the work for
// bodies that have nothing to strip, against the paragraph by paragraph
// reading they stand for.
func TestPlainText(t *testing.T) {
	reference := func(body string) string {
		var b strings.Builder
		for para := range strings.SplitSeq(body, "\n\n") {
			b.WriteString(unescape(strings.TrimLeft(para, "# ")))
			b.WriteString("\n\n")
		}
		return b.String()
	}
	bodies := []string{
		"",
		"One paragraph.",
		"One.\n\nTwo.\n\nThree.",
		"A line\nand its continuation.\n\nNext.",
		"## A heading\n\nText.",
		"Text.\n\n## A heading\n\nMore.",
		" Indented first.\n\nText.",
		"Text.\n\n Indented.",
		"Three newlines.\n\n\nNext.",
		"Four newlines.\n\n\n\n# Heading after them.",
		"Five newlines.\n\n\n\n\nNext.",
		`Escaped \*stars\* and 1\. a list mark.`,
		"Ends in a blank line.\n\n",
		"Ends in a heading mark.\n\n#",
		"A # inside a paragraph, and\n# one after a single newline.",
		"\n\nStarts with a blank line.",
	}
	for _, body := range bodies {
		want := reference(body)
		if got := plainText(body); got != want {
			t.Errorf("plainText(%q) = %q, want %q", body, got, want)
		}
		if got, want := plainBody(body), strings.TrimSpace(want); got != want {
			t.Errorf("plainBody(%q) = %q, want %q", body, got, want)
		}
	}
}
