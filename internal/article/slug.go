package article

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen bounds a slug's length in bytes so that paths stay well inside
// every file system's limits.
const MaxSlugLen = 80

// Slug turns s into a URL- and file-name-safe ASCII slug: lower case letters,
// digits and single hyphens, with accents folded ("Kyiv’s Übung" becomes
// "kyivs-ubung"). It is a pure function of s, so a title always gives the
// same slug. It returns "" when s has no letter or digit; callers choose a
// fallback.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '.' && b.Len() > 0 && !hyphen:
			// Combining marks and apostrophes vanish: "Kim's" → "kims",
			// "U.S." → "us".
		default:
			hyphen = true
		}
		if b.Len() >= MaxSlugLen {
			break
		}
	}
	out := b.String()
	if len(out) > MaxSlugLen {
		out = out[:MaxSlugLen]
	}
	if i := strings.LastIndexByte(out, '-'); len(out) == MaxSlugLen && i > MaxSlugLen/2 {
		out = out[:i]
	}
	return strings.Trim(out, "-")
}
