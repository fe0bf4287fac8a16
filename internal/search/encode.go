package search

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/annals-archive/annals/internal/article"
)

// digits is the alphabet of numbers in index strings (format.md).
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendVarint appends v five bits per character, low bits first, with 32
// set on every character but the last.
func appendVarint(b []byte, v uint32) []byte {
	for v >= 32 {
		b = append(b, digits[32|v&31])
		v >>= 5
	}
	return append(b, digits[v])
}

// appendPostings appends a posting list: id differences and impacts.
func appendPostings(b []byte, docs []uint32, imps []uint8) []byte {
	prev := uint32(0)
	for i, doc := range docs {
		b = appendVarint(b, doc-prev)
		b = append(b, digits[imps[i]])
		prev = doc
	}
	return b
}

// appendSet appends the shorter encoding of a sorted set of ids among n
// documents: "L" and id differences, or "B" and a bitmap.
func appendSet(b []byte, ids []uint32, n int) []byte {
	list := []byte{'L'}
	prev := uint32(0)
	for _, id := range ids {
		list = appendVarint(list, id-prev)
		prev = id
	}
	if len(list) <= 1+(n+5)/6 {
		return append(b, list...)
	}
	bits := make([]byte, (n+5)/6)
	for _, id := range ids {
		bits[id/6] |= 1 << (id % 6)
	}
	b = append(b, 'B')
	for _, c := range bits {
		b = append(b, digits[c])
	}
	return b
}

// FileKey names a file after a term, a shard key or a page's name: a–z,
// 0–9 and "-" stay, any other character becomes "_", its code point in
// hexadecimal and "_". A name Windows keeps for a device, whatever its
// extension (con, nul, com1, …), gets a "_" after it, which no other key
// ends with alone.
func FileKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	if article.IsDeviceName(b.String()) {
		b.WriteByte('_')
	}
	return b.String()
}

// appendJSONString appends s as encoding/json writes it: quoted, with
// quotes, backslashes and control characters escaped, and <, >, &, U+2028
// and U+2029 written as \u003c, \u003e, \u0026, \u2028 and \u2029.
// Invalid UTF-8 is left to encoding/json itself.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		return append(b, jsonOf(s)...)
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			// U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
			if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8 {
				b = append(b, s[start:i]...)
				b = append(b, `\u202`...)
				b = append(b, hexDigits[s[i+2]&0xF])
				i += 2
				start = i + 1
			}
			continue
		}
		if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, `\u00`...)
			b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"
