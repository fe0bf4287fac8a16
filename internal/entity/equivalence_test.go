package entity

import (
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The title patterns as regular expressions: the definition honorific and
// leadingTitles must agree with.
const titlePattern = `(?:(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|Rev|St)\.|(?:President|Vice President|Premier|Prime Minister|Deputy Prime Minister|Chairman|Chairwoman|Comrade|Marshal|General Secretary|Secretary-General|Secretary General|Secretary|Foreign Minister|Deputy Foreign Minister|Defen[cs]e Minister|Minister|Ambassador|Chancellor|King|Queen|Prince|Princess|Pope|Senator|Governor|Mayor|Leader|Supreme Leader|General|Admiral|Colonel|Dictator|Respected|Dear))`

var (
	honorificRE     = regexp.MustCompile(`\b` + titlePattern + `\s+$`)
	leadingTitlesRE = regexp.MustCompile(`^(?:` + titlePattern + `\s+)+`)
)

// TestTitlesAsPatterns compares honorific and leadingTitles with the
// regular expressions on random strings of titles, words, spaces and
// punctuation.
func TestTitlesAsPatterns(t *testing.T) {
	pieces := append(slicesOf(titles), "Kim", "said", "of", "the", "Vice", "Deputy", "Secretary", "General",
		"Prince", "Princess", "Mrs", "Mr", "x", "_", "é", "-", ".", ",", " ", " ", " ", "  ", "\t", "\n", "\v", "\u00a0")
	rng := rand.New(rand.NewPCG(1, 2))
	var ended, opened int
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		want := -1
		if loc := honorificRE.FindStringIndex(s); loc != nil {
			want = loc[0]
			ended++
		}
		if got := honorific(s); got != want {
			t.Fatalf("honorific(%q) = %d, want %d", s, got, want)
		}
		want = 0
		if loc := leadingTitlesRE.FindStringIndex(s); loc != nil {
			want = loc[1]
			opened++
		}
		if got := leadingTitles(s); got != want {
			t.Fatalf("leadingTitles(%q) = %d, want %d", s, got, want)
		}
	}
	if ended < 1000 || opened < 1000 {
		t.Errorf("only %d strings end with a title and %d open with one: the test says little", ended, opened)
	}
}

func slicesOf(s []string) []string { return append([]string(nil), s...) }

// TestDefinitionsByRuns compares definitions, which runs the pattern over
// the words before each acronym in parentheses, with the pattern run over
// the whole text, on random texts.
func TestDefinitionsByRuns(t *testing.T) {
	pieces := []string{"Korean", "Central", "News", "Agency", "of", "the", "and", "in", "off", "x", "Ünion", "O'Neil",
		"Worker’s", "Trade-Union", " ", " ", "  ", "\n", "\t", "\u00a0", "(", ")", "(KCNA)", "(UN)", "(U1)", "(AB1C)",
		"(A1)", "(ÉU)", ",", ".", "1", "é", "\xff", "(", "ACNA", "NA", "Korean Central News Agency (KCNA)",
		"United Nations (UN)", "Nations (NA)", "Agency (NA)", "Égalité Union (ÉU)", "Union of Workers (UW)"}
	rng := rand.New(rand.NewPCG(3, 4))
	found := 0
	for range 30000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		want := map[string]string{}
		define(want, text)
		found += len(want)
		if got := definitions(text); !maps.Equal(got, want) {
			t.Fatalf("definitions(%q) = %v, want %v", text, got, want)
		}
	}
	if found < 1000 {
		t.Errorf("only %d definitions found: the test says little", found)
	}
}

// TestFastPaths compares the allocation-free helpers with the definitions
// they stand for, on random strings of words, spaces and other runes.
func TestFastPaths(t *testing.T) {
	pieces := []string{"North", "Korean", "officials", "the", "The", "U.S.", "Kim", "o'Neil", "Dorn’s", "é", "Été",
		"x", "1", ".", "-", "&", "'", "’", "‘", " ", " ", "  ", "\t", "\n", "\v", "\u00a0", "\u2003", "\u0085", "\xff"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(7) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		fields := strings.Fields(s)
		if got := countFields(s); got != len(fields) {
			t.Fatalf("countFields(%q) = %d, want %d", s, got, len(fields))
		}
		if len(fields) > 0 && (firstField(s) != fields[0] || lastField(s) != fields[len(fields)-1]) {
			t.Fatalf("firstField, lastField(%q) = %q, %q; want %q, %q", s, firstField(s), lastField(s), fields[0], fields[len(fields)-1])
		}
		if got, want := clean(s), strings.Join(strings.Fields(unify.Replace(s)), " "); got != want {
			t.Fatalf("clean(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendKeyOf(nil, s)), key(s); got != want {
			t.Fatalf("appendKeyOf(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendKey(nil, s)), strings.ToLower(unify.Replace(s)); got != want {
			t.Fatalf("appendKey(%q) = %q, want %q", s, got, want)
		}
		ws := strings.Fields(s)
		for len(ws) > 1 {
			if r, _ := utf8.DecodeRuneInString(ws[len(ws)-1]); !unicode.IsLower(r) {
				break
			}
			ws = ws[:len(ws)-1]
		}
		if got, want := trimLower(s), strings.Join(ws, " "); got != want {
			t.Fatalf("trimLower(%q) = %q, want %q", s, got, want)
		}
		if got, want := words(s), wordsByRunes(s); !slices.Equal(got, want) {
			t.Fatalf("words(%q) = %v, want %v", s, got, want)
		}
	}
}

// wordsByRunes is words as defined: letters, digits and the apostrophes,
// periods, ampersands and hyphens inside them.
func wordsByRunes(text string) []word {
	var ws []word
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || start >= 0 && strings.ContainsRune("'’.-&", r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			ws = append(ws, trimWord(text, start, i))
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, trimWord(text, start, len(text)))
	}
	return ws
}
