package clean

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestShapesMatchAsPatterns compares each shape with its pattern run on
// every paragraph, on random paragraphs made of the words the patterns
// know, in any case, and of other words, separators and runes that fold
// to ASCII letters ("ſ", "K").
func TestShapesMatchAsPatterns(t *testing.T) {
	pieces := strings.Fields(`also read more see related recommended you may might like don't dont miss must trending
		now watch video videos listen explore editor's editors picks pick suggested reading articles stories
		on this story check out click here to follow us me @annals share this tweet pic.twitter.com/x twitter
		facebook instagram telegram youtube tiktok whatsapp linkedin email e-mail print x subscribe our the join
		most viewed latest news top popular around web from sponsored content comment comments leave a reply tags:
		tag: filed under about author interested be in The Minister said 2024 ſee alſo cliCK Kkk`)
	pieces = append(pieces, "\u212alick", "chec\u212a", "\u017fhare", " ", " ", " ", ": ", " | ", " » ", " - ", "...", "…", "/", ", ", "·", "\t", "é", "'", "@", "1")
	rng := rand.New(rand.NewPCG(7, 8))
	for _, s := range []struct {
		name  string
		shape shape
	}{{"promoLine", promoLine}, {"socialLine", socialLine}, {"footerHead", footerHead}} {
		matched := 0
		for range 100000 {
			var b strings.Builder
			for range 1 + rng.IntN(5) {
				w := pieces[rng.IntN(len(pieces))]
				switch rng.IntN(4) {
				case 0:
					w = strings.ToUpper(w)
				case 1:
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
				if rng.IntN(2) == 0 {
					b.WriteByte(' ')
				}
			}
			p := b.String()
			want := s.shape.re.MatchString(p)
			if want {
				matched++
			}
			if got := s.shape.match(p); got != want {
				t.Fatalf("%s.match(%q) = %v, want %v", s.name, p, got, want)
			}
		}
		if matched < 500 {
			t.Errorf("%s: only %d paragraphs matched: the test says little", s.name, matched)
		}
	}
}

// TestEndSuffixAsPattern compares endSuffix with the pattern it stands for.
func TestEndSuffixAsPattern(t *testing.T) {
	re := regexp.MustCompile(`(?:\s|[.!?"”’'])(-0-|-30-|###|\(END\))$`)
	pieces := []string{"-0-", "-30-", "###", "(END)", "#", "-", "0", "END", "(", ")", " ", "\t", "\n", ".", "!", "?",
		`"`, "”", "’", "'", "‘", "“", "x", "Monday", "é", "\u00a0"}
	rng := rand.New(rand.NewPCG(9, 10))
	matched := 0
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		p := b.String()
		want := -1
		if loc := re.FindStringSubmatchIndex(p); loc != nil {
			want = loc[2]
			matched++
		}
		if got := endSuffix(p); got != want {
			t.Fatalf("endSuffix(%q) = %d, want %d", p, got, want)
		}
	}
	if matched < 1000 {
		t.Errorf("only %d paragraphs matched: the test says little", matched)
	}
}

// TestASCIIFastPaths compares splitToken, boundary and isLowerWord with
// their definitions by runes, on random tokens.
func TestASCIIFastPaths(t *testing.T) {
	pieces := []string{"a", "b", "K", "Z", "z", "Kim", "Un", "was", "é", "É", "ß", "1", ".", ",", "'", "\"", "(", "-", "’", "\xff"}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := splitToken(s), splitTokenByRunes(s); got != want {
			t.Fatalf("splitToken(%q) = %+v, want %+v", s, got, want)
		}
		if got, want := boundary(s), boundaryByRunes(s); got != want {
			t.Fatalf("boundary(%q) = %d, want %d", s, got, want)
		}
		if got, want := isLowerWord(s), isLowerWordByRunes(s); got != want {
			t.Fatalf("isLowerWord(%q) = %v, want %v", s, got, want)
		}
	}
}

func splitTokenByRunes(s string) token {
	i := strings.IndexFunc(s, unicode.IsLetter)
	if i < 0 {
		return token{lead: s}
	}
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return token{lead: s[:i], core: s[i:j], tail: s[j:]}
}

func boundaryByRunes(core string) int {
	prevLower := false
	for i, r := range core {
		if prevLower && unicode.IsUpper(r) {
			next, _ := utf8.DecodeRuneInString(core[i+utf8.RuneLen(r):])
			if unicode.IsLower(next) {
				return i
			}
		}
		prevLower = unicode.IsLower(r)
	}
	return -1
}

func isLowerWordByRunes(s string) bool {
	for _, r := range s {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return s != ""
}
