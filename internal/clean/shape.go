package clean

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A shape is a pattern of whole paragraphs that open with one of a few
// words: most paragraphs open with another word and are not run through
// the pattern at all.
type shape struct {
	re    *regexp.Regexp
	words map[string]bool // the words a match can open with, lower-cased; "" for a non-letter
}

// newShape returns the shape of pattern, whose matches open with one of
// words. In every alternative of the pattern, such a word is followed by
// something other than an ASCII letter; "" stands for any opening
// character that is no letter.
func newShape(pattern string, words ...string) shape {
	s := shape{re: regexp.MustCompile(pattern), words: map[string]bool{}}
	for _, w := range words {
		s.words[w] = true
	}
	return s
}

// match reports whether the pattern matches p. The ASCII letters opening
// p, lower-cased, must be one of the shape's words; when a non-ASCII
// character follows them, the pattern decides, since case folding lets
// one stand for an ASCII letter ("ſ" for "s").
func (s shape) match(p string) bool {
	n := 0
	for n < len(p) && isLetter(p[n]) {
		n++
	}
	if n < len(p) && p[n] >= utf8.RuneSelf {
		return s.re.MatchString(p)
	}
	var buf [16]byte
	if n > len(buf) {
		return false
	}
	for i := range n {
		buf[i] = p[i] | 0x20 // lower-case an ASCII letter
	}
	return s.words[string(buf[:n])] && s.re.MatchString(p)
}

// endMarks close wire copy: "-0-", "-30-", "###", "(END)".
var endMarks = []string{"-0-", "-30-", "###", "(END)"}

// endSuffix returns where an end mark closing p starts, after a space or
// closing punctuation ("… on Monday. -0-"), or -1.
func endSuffix(p string) int {
	for _, m := range endMarks {
		if !strings.HasSuffix(p, m) {
			continue
		}
		i := len(p) - len(m)
		if r, _ := utf8.DecodeLastRuneInString(p[:i]); strings.ContainsRune("\t\n\f\r .!?\"”’'", r) {
			return i
		}
		return -1
	}
	return -1
}
