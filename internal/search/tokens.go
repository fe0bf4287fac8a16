package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// maxWord is the longest normalised word that is indexed; longer runs are
// identifiers, hashes or glued text, not words people search for.
const maxWord = 40

// A Token is one word of a text: its normalised form, its index term and
// its byte offsets in the text.
type Token struct {
	Word       string // lower case, accents and apostrophes removed
	Term       string // the stemmed word; "" for a stop word
	Start, End int
}

// Tokens splits text into words. Stop words are kept, with an empty Term,
// so that phrases can be matched word by word.
func Tokens(text string) []Token {
	var out []Token
	for sc := (wordScanner{s: text}); ; {
		start, end := sc.next()
		if start == end {
			return out
		}
		w := Normalize(text[start:end])
		if w != "" && len(w) <= maxWord {
			out = append(out, Token{Word: w, Term: Term(w), Start: start, End: end})
		}
	}
}

// wordScanner finds the words of s one at a time, as wordAt sees them.
type wordScanner struct {
	s string
	i int
}

// next returns the byte offsets of the next word; start == end at the end
// of the text.
func (sc *wordScanner) next() (start, end int) {
	s := sc.s
	for i := sc.i; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && !asciiWord[c] {
			i++ // a space or punctuation: no word starts here
			continue
		}
		end := wordAt(s, i)
		if end == i {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		sc.i = end
		return i, end
	}
	sc.i = len(s)
	return len(s), len(s)
}

// asciiWord tells the ASCII letters and digits, the only ASCII characters
// a word can start with or be made of (apostrophes join its parts).
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordAt returns the end of the word at i, or i. Words are dotted
// initialisms such as "U.S." first, then runs of letters, marks and digits,
// with apostrophes between letters ("Korea's", "O'Brien"): the pattern
//
//	(?:\pL\.){2,}|[\pL\pM\pN]+(?:['’][\pL\pM]+)*
//
// written out by hand, many times faster than the regexp, which a test
// keeps as the reference. static/search/text.js uses the pattern itself,
// and the two are tested against each other on a shared word list and the
// corpora.
func wordAt(s string, i int) int {
	// (?:\pL\.){2,}
	j, k := i, 0
	for j < len(s) {
		r, n := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[j:])
		}
		if !unicode.IsLetter(r) || j+n >= len(s) || s[j+n] != '.' {
			break
		}
		j += n + 1
		k++
	}
	if k >= 2 {
		return j
	}
	// [\pL\pM\pN]+
	j = i
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) && !unicode.IsNumber(r) {
			break
		}
		j += n
	}
	if j == i {
		return i
	}
	// (?:['’][\pL\pM]+)*
	for j < len(s) {
		a := 0
		switch {
		case s[j] == '\'':
			a = 1
		case strings.HasPrefix(s[j:], "’"):
			a = len("’")
		default:
			return j
		}
		e := j + a
		for e < len(s) {
			if c := s[e]; c < utf8.RuneSelf {
				if lc := c | 0x20; lc < 'a' || lc > 'z' {
					break
				}
				e++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[e:])
			if !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) {
				break
			}
			e += n
		}
		if e == j+a {
			return j
		}
		j = e
	}
	return j
}

// Terms returns the index terms of text in order, without stop words.
func Terms(text string) []string {
	var out []string
	for _, t := range Tokens(text) {
		if t.Term != "" {
			out = append(out, t.Term)
		}
	}
	return out
}

// Normalize folds one word as found by the word pattern: lower case,
// final sigma as sigma, accents removed (NFD, then marks dropped), a
// possessive "'s" and then every apostrophe and dot removed.
func Normalize(word string) string {
	if isPlain(word) {
		return strings.ToLower(word)
	}
	w := strings.ToLower(word)
	w = strings.ReplaceAll(w, "ς", "σ")
	if !isASCII(w) {
		w = strings.Map(func(r rune) rune {
			if unicode.Is(unicode.M, r) {
				return -1
			}
			return r
		}, norm.NFD.String(w))
	}
	w = strings.ReplaceAll(w, "’", "'")
	w = strings.TrimSuffix(w, "'s")
	return strings.Map(func(r rune) rune {
		if r == '\'' || r == '.' {
			return -1
		}
		return r
	}, w)
}

// Term returns the index term of a normalised word: "" for a stop word,
// the Porter2 (Snowball English) stem for a word of three or more ASCII
// letters, and the word itself otherwise (numbers, other scripts).
func Term(word string) string {
	if stopWords[word] {
		return ""
	}
	if len(word) < 3 || !isLetters(word) {
		return word
	}
	if t, ok := stems.Load(word); ok {
		return t.(string)
	}
	t := english.Stem(word, true)
	stems.Store(word, t)
	return t
}

// stems remembers the stems of words seen: an archive's vocabulary is
// small beside its text, and stemming is the slowest step of indexing.
var stems sync.Map

// isPlain tells whether word is ASCII letters and digits only.
func isPlain(word string) bool {
	for i := 0; i < len(word); i++ {
		c := word[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// stopWords are left out of the index: they are in nearly every article
// and say nothing about it. Phrases still match them, in the text. "us"
// is not here, as it is also "U.S." folded.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(StopWords) {
		stopWords[w] = true
	}
}

// StopWords lists the stop words, separated by spaces; text.js has the
// same list.
const StopWords = "a an and are as at be been but by for from had has have he her his i if in into is it its of on or she that the their them there they this to was we were which will with would you"
