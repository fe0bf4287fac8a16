package feed

import (
	"strings"
	"unicode/utf8"

	"github.com/annals-archive/annals/internal/article"
)

// xmlText returns s without the characters XML 1.0 does not allow in a
// document (section 2.2, production Char) and without invalid UTF-8.
func xmlText(s string) string {
	if isXMLText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if r == utf8.RuneError {
			if _, w := utf8.DecodeRuneInString(s[i:]); w == 1 {
				continue
			}
		}
		if isXMLChar(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isXMLText(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, w := utf8.DecodeRuneInString(s[i:]); w == 1 {
				return false
			}
		}
		if !isXMLChar(r) {
			return false
		}
	}
	return true
}

func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= utf8.MaxRune
}

// atomDate formats d as an RFC 3339 timestamp at midnight UTC.
func atomDate(d article.Date) string {
	return d.Format("2006-01-02") + "T00:00:00Z"
}

// epoch stands in for the feed's date when nothing in the feed is dated:
// Atom requires one, and it must not depend on when the site was built.
var epoch = article.Date{Year: 1970, Month: 1, Day: 1}

// base returns the site root with exactly one trailing slash, or "" when
// baseURL is empty. Line breaks and other controls are removed so a base URL
// cannot inject lines into robots.txt.
func base(baseURL string) string {
	b := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F {
			return -1
		}
		return r
	}, xmlText(baseURL))
	b = strings.TrimSpace(b)
	if b == "" {
		return ""
	}
	return strings.TrimRight(b, "/") + "/"
}
