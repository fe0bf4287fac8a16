package search

import (
	"fmt"
	"strings"
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

// A posting is one document of a term with the term's impact in it.
type posting struct {
	doc    uint32
	impact uint8
}

// appendPostings appends a posting list: id differences and impacts.
func appendPostings(b []byte, ps []posting) []byte {
	prev := uint32(0)
	for _, p := range ps {
		b = appendVarint(b, p.doc-prev)
		b = append(b, digits[p.impact])
		prev = p.doc
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
// hexadecimal and "_".
func FileKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}
