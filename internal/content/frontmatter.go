package content

import (
	"bytes"
	"strings"

	"github.com/annals-archive/annals/internal/article"
)

// appendFrontMatter writes fm as the YAML encoder writes it. Front matter
// whose every value is one of a few shapes the encoder writes as it is (a
// word-initial string without YAML syntax, a hex digest, a record number,
// a date) is written directly, which is many times faster; any other goes
// through the encoder.
func appendFrontMatter(b *bytes.Buffer, fm *frontMatter) {
	if !writeFrontMatter(b, fm) {
		b.Write(mustYAML(fm))
	}
}

// writeFrontMatter writes fm and reports true when all its values have a
// known shape; otherwise it writes nothing and reports false.
func writeFrontMatter(b *bytes.Buffer, fm *frontMatter) bool {
	if !plainFrontMatter(fm) {
		return false
	}
	field := func(key, value string) {
		b.WriteString(key)
		b.WriteString(": ")
		b.WriteString(value)
		b.WriteByte('\n')
	}
	list := func(key string, values []string) {
		if len(values) == 0 {
			return
		}
		b.WriteString(key)
		b.WriteString(":\n")
		for _, v := range values {
			b.WriteString("  - ")
			b.WriteString(v)
			b.WriteByte('\n')
		}
	}
	field("title", fm.Title)
	if !fm.Date.IsZero() {
		field("date", dateString(fm.Date))
	}
	field("slug", fm.Slug)
	for _, f := range []struct{ key, value string }{{"source", fm.Source}, {"original_url", fm.URL}, {"author", fm.Author}} {
		if f.value != "" {
			field(f.key, f.value)
		}
	}
	list("people", fm.People)
	list("places", fm.Places)
	list("organizations", fm.Organizations)
	if len(fm.Origin) > 0 {
		b.WriteString("origin:\n")
		for _, o := range fm.Origin {
			b.WriteString("  - file: ")
			b.WriteString(o.File)
			b.WriteByte('\n')
			if o.Record != "" {
				field("    record", recordString(o.Record))
			}
			field("    sha256", o.SHA256)
			if o.Title != "" {
				field("    title", o.Title)
			}
		}
	}
	return true
}

// plainFrontMatter reports whether every value of fm has a shape
// writeFrontMatter writes as the encoder would.
func plainFrontMatter(fm *frontMatter) bool {
	if !isPlain(fm.Title) || !isPlain(fm.Slug) || !fm.Date.IsZero() && !isDate(dateString(fm.Date)) {
		return false
	}
	for _, s := range []string{fm.Source, fm.URL, fm.Author} {
		if s != "" && !isPlain(s) {
			return false
		}
	}
	for _, names := range [][]string{fm.People, fm.Places, fm.Organizations} {
		for _, s := range names {
			if !isPlain(s) {
				return false
			}
		}
	}
	for _, o := range fm.Origin {
		if !isPlain(o.File) || o.Title != "" && !isPlain(o.Title) ||
			o.Record != "" && !isPlain(o.Record) && !isDigits(o.Record) ||
			!isPlain(o.SHA256) && !isHexDigest(o.SHA256) {
			return false
		}
	}
	return true
}

func dateString(d yamlDate) string { return article.Date(d).String() }

// recordString is how the encoder writes a record: quoted when it is a
// number, so that it reads back as a string.
func recordString(s string) string {
	if isDigits(s) {
		return `"` + s + `"`
	}
	return s
}

// notPlain are the values that read as booleans or null, in any case.
var notPlain = map[string]bool{
	"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true,
	"on": true, "off": true, "null": true,
}

// isPlain reports whether the encoder writes s as it is: s opens with an
// ASCII letter, holds only printable ASCII, does not end with a space or
// a colon, holds no ": " or " #", and does not read as a boolean or null.
// Such a string is neither a number, a date nor YAML syntax.
func isPlain(s string) bool {
	if s == "" || !isLetter(s[0]) || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	if len(s) <= 5 && notPlain[strings.ToLower(s)] {
		return false
	}
	return true
}

// isHexDigest reports whether s is lower-case hexadecimal with a letter
// other than "e" and does not start with "0b": the encoder writes it as it
// is, as no such string reads as a number.
func isHexDigest(s string) bool {
	if s == "" || strings.HasPrefix(s, "0b") || !strings.ContainsAny(s, "abcdf") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDate reports whether s is YYYY-MM-DD.
func isDate(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-' && isDigits(s[:4]) && isDigits(s[5:7]) && isDigits(s[8:])
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
