package clean

import "strings"

// Escape makes plain text safe to place in a Markdown paragraph: it
// backslash-escapes every character that CommonMark, GFM or raw HTML would
// interpret (emphasis, code, links, tables, strikethrough, HTML tags and
// entities, hard breaks), and the markers that would turn the start of the
// line into a heading, quote, list or rule. The text renders as itself.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	escapeTo(&b, s)
	return b.String()
}

// escapeTo writes s, escaped as Escape does, to b.
func escapeTo(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~':
			b.WriteByte('\\')
		case '&':
			if entityAt(s[i:]) {
				b.WriteByte('\\')
			}
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				b.WriteByte('\\')
			}
		case '#', '+', '-', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			if listNumber(s[:i]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
}

// entityAt reports whether s starts with something HTML would read as a
// character reference: "&amp;", "&#38;", "&#x26;".
func entityAt(s string) bool {
	for i := 1; i < len(s) && i < 34; i++ {
		c := s[i]
		switch {
		case c == ';':
			return i > 1
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '#' && i == 1:
		default:
			return false
		}
	}
	return false
}

// listNumber reports whether s, the start of a line, is all digits, so
// that a following "." or ")" would open an ordered list.
func listNumber(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Unescape returns the plain text of a paragraph Escape produced, without
// a leading "## ".
func Unescape(s string) string {
	s = strings.TrimPrefix(s, "## ")
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
