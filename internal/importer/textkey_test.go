package importer

import (
	"crypto/sha256"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// textKeyByRunes is textKey as defined, one rune at a time.
func textKeyByRunes(body string) string {
	var b strings.Builder
	space := false
	for _, r := range body {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	if b.Len() == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(b.String()))
	return string(sum[:])
}

func TestTextKeyAsDefined(t *testing.T) {
	pieces := []string{"Kim", "JONG", "un", "1", "٣", "É", "é", "ß", "İ", " ", "  ", "\n\n", ",", "*", "\\", "\xff", "—", "\u00a0"}
	rng := rand.New(rand.NewPCG(17, 18))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if s := b.String(); textKey(s) != textKeyByRunes(s) {
			t.Fatalf("textKey(%q) differs from its definition", s)
		}
	}
	long := strings.Repeat("Toriva, March 4 (ACNA) -- Ünïcode and ASCII words. ", 500)
	if textKey(long) != textKeyByRunes(long) {
		t.Error("textKey of a long body differs from its definition")
	}
}
