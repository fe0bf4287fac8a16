package graph

import (
	"unicode"
	"unicode/utf8"
)

// A word is a run of letters and digits, lower-cased, with apostrophes and
// full stops inside it dropped so that "U.S." and "US", "Kim's" and "Kims"
// are one word. Words are handled as 64-bit FNV-1a hashes of their bytes:
// fixed, so results do not change between runs, and no strings are
// allocated.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordScanner returns the words of s one at a time.
type wordScanner struct {
	s string
	k int
}

// next returns the next word's hash, length in runes and whether it has a
// letter; the length is 0 at the end of the text.
func (sc *wordScanner) next() (h uint64, n int, letter bool) {
	h = fnvOffset
	s, k := sc.s, sc.k
	for k < len(s) {
		c := s[k]
		if c < utf8.RuneSelf {
			k++
			if f := asciiFold[c]; f != 0 {
				h = (h ^ uint64(f&0xff)) * fnvPrime
				n++
				letter = letter || f > 0xff
				continue
			}
			if (c == '\'' || c == '.') && (n == 0 || k < len(s) && isWordByte(s[k])) {
				continue // inside a word: dropped; before one: nothing to drop
			}
			if n > 0 {
				sc.k = k
				return h, n, letter
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
			// apostrophe or combining mark: part of the word
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

// asciiFold maps an ASCII letter or digit to the byte hashed for it, the
// lower-case letter or the digit, with 0x100 added for a letter; any other
// byte to 0.
var asciiFold = func() (t [utf8.RuneSelf]uint16) {
	for c := '0'; c <= '9'; c++ {
		t[c] = uint16(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = 0x100 | uint16(c)
		t[c-'a'+'A'] = 0x100 | uint16(c)
	}
	return t
}()

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= utf8.RuneSelf
}

// shingleWords is the length of the word sequences compared for same-story
// detection. Five words are rarely shared by chance (stock phrases such as
// "the Democratic People's Republic of" are few per article), and a
// quotation of n words still gives n-4 shared shingles.
const shingleWords = 5

// shingles appends to buf the hash of every run of shingleWords consecutive
// words of s, in text order, repeats included.
func shingles(s string, buf []uint64) []uint64 {
	return readParts([2]string{"", s}, buf, nil)
}

// shingleRing makes the shingles of a text from its words, one word at a
// time. A shingle's hash is mix(x) with x = Σ w[k]·c^(shingleWords-k)
// over its words w[0 … shingleWords-1] (mod 2⁶⁴); x is rolled from one
// shingle to the next, not computed anew.
type shingleRing struct {
	words [shingleWords]uint64
	seen  int
	x     uint64
}

const shingleMul = 0x9E3779B97F4A7C15

// shingleMulFirst is shingleMul^shingleWords, the factor of the first word.
var shingleMulFirst = func() uint64 {
	m := uint64(1)
	for range shingleWords {
		m *= shingleMul
	}
	return m
}()

// add adds the next word; it returns the hash of the shingle the word
// ends, once there are shingleWords words.
func (r *shingleRing) add(h uint64) (uint64, bool) {
	k := r.seen % shingleWords
	if r.seen >= shingleWords {
		r.x -= r.words[k] * shingleMulFirst
	}
	r.x = (r.x + h) * shingleMul
	r.words[k] = h
	if r.seen++; r.seen < shingleWords {
		return 0, false
	}
	return mix(r.x), true
}

// mix is the splitmix64 finaliser: it spreads every input bit over the
// output so that the low bits can index a hash table.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// nextTerm returns the hash of the next word that can be an index term:
// at least three runes long, with a letter. ok is false at the end of the
// text.
func (sc *wordScanner) nextTerm() (h uint64, ok bool) {
	for {
		h, n, letter := sc.next()
		if n == 0 {
			return 0, false
		}
		if n >= 3 && letter {
			return h, true
		}
	}
}
