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
// "kyivs-ubung"), at most MaxSlugLen bytes, cut at a word where it must be
// cut, and never a Windows device name ("CON" becomes "con-1"). It is a
// pure function of s and idempotent (Slug(Slug(s)) == Slug(s)), so a title
// always gives the same slug. It returns "" when s has no letter or digit;
// callers choose a fallback.
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
		if b.Len() > MaxSlugLen {
			break
		}
	}
	return TrimSlug(b.String(), MaxSlugLen)
}

// TrimSlug shortens a slug to at most n bytes, at its last hyphen when that
// keeps more than half of it. A slug that fits is returned as it is, but
// for a name Windows keeps for a device ("con", "com1"), which gets "-1"
// (or is cut to two letters when n leaves no room).
func TrimSlug(slug string, n int) string {
	if len(slug) > n {
		slug = slug[:n]
		if i := strings.LastIndexByte(slug, '-'); i > n/2 {
			slug = slug[:i]
		}
	}
	slug = strings.Trim(slug, "-")
	if IsDeviceName(slug) {
		if len(slug)+2 > n {
			return slug[:2]
		}
		slug += "-1"
	}
	return slug
}

// IsDeviceName reports whether s is a name Windows keeps for a device, in
// lower case: con, prn, aux, nul, com0-com9 and lpt0-lpt9. No file may
// bear it, whatever its extension.
func IsDeviceName(s string) bool {
	switch {
	case len(s) == 3:
		return s == "con" || s == "prn" || s == "aux" || s == "nul"
	case len(s) == 4 && s[3] >= '0' && s[3] <= '9':
		return s[:3] == "com" || s[:3] == "lpt"
	}
	return false
}

// WindowsNameProblem returns why a file or folder name is not one Windows
// can hold, or "" when it is: empty or a dot name, a forbidden character,
// a trailing dot or space, or a device name whatever its extension.
func WindowsNameProblem(name string) string {
	if name == "" || name == "." || name == ".." {
		return "empty or a dot name"
	}
	if strings.ContainsAny(name, `<>:"/\|?*`) || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 }) {
		return "holds a character Windows forbids"
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "ends with a dot or a space"
	}
	stem, _, _ := strings.Cut(strings.ToLower(name), ".")
	if IsDeviceName(strings.TrimRight(stem, " ")) {
		return "is a device name"
	}
	return ""
}
