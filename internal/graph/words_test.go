package graph

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// referenceNext is wordScanner.next as first written, one case per kind
// of byte: the scanner must find exactly the words it finds.
func referenceNext(sc *wordScanner) (h uint64, n int, letter bool) {
	h = fnvOffset
	s, k := sc.s, sc.k
	for k < len(s) {
		c := s[k]
		if c < utf8.RuneSelf {
			k++
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
				h = (h ^ uint64(c|0x20)) * fnvPrime
				n++
				letter = true
			case '0' <= c && c <= '9':
				h = (h ^ uint64(c)) * fnvPrime
				n++
			case (c == '\'' || c == '.') && (n == 0 || k < len(s) && isWordByte(s[k])):
			default:
				if n > 0 {
					sc.k = k
					return h, n, letter
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		k += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			var b [utf8.UTFMax]byte
			for _, c := range b[:utf8.EncodeRune(b[:], unicode.ToLower(r))] {
				h = (h ^ uint64(c)) * fnvPrime
			}
			n++
			letter = letter || unicode.IsLetter(r)
		case r == '’' || unicode.Is(unicode.Mn, r):
		default:
			if n > 0 {
				sc.k = k
				return h, n, letter
			}
		}
	}
	sc.k = k
	return h, n, letter
}

// TestWordScanner checks the scanner against the reference on texts of
// every kind of byte it treats apart.
func TestWordScanner(t *testing.T) {
	pieces := []string{"a", "Z", "k", "0", "9", "'", ".", " ", ",", "-", "\n", "é", "É", "’", "\u0301", "ß", "İ", "٣", "中", "—", "\xff", "U.S.", "Kim's", "..", "''"}
	r := rand.New(rand.NewPCG(1, 2))
	texts := []string{"", agency, report, otherStory, "U.S. and Kim's 3rd O'Brien’s café naïve ...x. 'a' A.B"}
	for range 2000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		got, want := wordScanner{s: text}, wordScanner{s: text}
		for {
			h, n, l := got.next()
			rh, rn, rl := referenceNext(&want)
			if h != rh || n != rn || l != rl || got.k != want.k {
				t.Fatalf("%q at %d: next = %x %d %v, want %x %d %v", text, want.k, h, n, l, rh, rn, rl)
			}
			if n == 0 {
				break
			}
		}
	}
}

// referenceShingles computes every shingle's hash from its words anew.
func referenceShingles(s string) []uint64 {
	var ring [shingleWords]uint64
	var out []uint64
	sc := wordScanner{s: s}
	for seen := 0; ; seen++ {
		h, n, _ := sc.next()
		if n == 0 {
			return out
		}
		ring[seen%shingleWords] = h
		if seen < shingleWords-1 {
			continue
		}
		var x uint64
		for j := range shingleWords {
			x = (x + ring[(seen+1+j)%shingleWords]) * 0x9E3779B97F4A7C15
		}
		out = append(out, mix(x))
	}
}

func TestShingles(t *testing.T) {
	for _, text := range []string{"", "one two three four", "one two three four five", agency, report, otherStory} {
		if got, want := shingles(text, nil), referenceShingles(text); !slices.Equal(got, want) {
			t.Errorf("%.20q: %d shingles, want %d, or their hashes differ", text, len(got), len(want))
		}
	}
}
