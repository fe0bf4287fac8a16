package article

import (
	"strings"
	"testing"
	"unicode"
)

// windowsReserved are the file names Windows keeps for devices, whatever
// their case and extension.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}

func init() {
	for _, dev := range []string{"com", "lpt"} {
		for d := '0'; d <= '9'; d++ {
			windowsReserved[dev+string(d)] = true
		}
	}
}

// FuzzSlug checks that a slug is a safe name for a file and a folder on
// every system (lower-case ASCII letters, digits and inner single hyphens,
// so no "/", "..", NUL or Windows device name), at most MaxSlugLen bytes,
// non-empty when the text has an ASCII letter or digit, and stable:
// slugging a slug gives it back.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{
		"Kim Jong Un Sends Birthday Message to Putin", "Kyiv’s Übung: “Ça va?”", "U.S. and DPRK", "../../etc/passwd",
		"C:\\Windows\\CON", "nul\x00byte", "!!! ??? ...", "조선중앙통신", "  --Already-Slugged--  ", "Lpt9.txt",
		"ﬁnance ½ ²", strings.Repeat("railway accord ", 20), strings.Repeat("ab-", 26) + "cd", "\xff\xfe.", "/", "..",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := Slug(s)
		checkSlug(t, s, slug)
		if again := Slug(slug); again != slug {
			t.Fatalf("Slug(%q) = %q, but Slug(%q) = %q", s, slug, slug, again)
		}
		if slug == "" && strings.IndexFunc(s, func(r rune) bool { return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) }) >= 0 {
			t.Fatalf("Slug(%q) is empty though the text has an ASCII letter or digit", s)
		}
		for _, n := range []int{1, 3, 4, 5, 10, MaxSlugLen} {
			cut := TrimSlug(slug, n)
			if len(cut) > n || !strings.HasPrefix(slug, strings.TrimSuffix(cut, "-1")) {
				t.Fatalf("TrimSlug(%q, %d) = %q: not a start of it of at most %d bytes", slug, n, cut, n)
			}
			checkSlug(t, s, cut)
		}
	})
}

// checkSlug fails t unless slug, made from s, is "" or a safe file name.
func checkSlug(t *testing.T, s, slug string) {
	t.Helper()
	if slug == "" {
		return
	}
	if len(slug) > MaxSlugLen {
		t.Fatalf("Slug(%q) = %q: %d bytes, more than %d", s, slug, len(slug), MaxSlugLen)
	}
	for i := 0; i < len(slug); i++ {
		if c := slug[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			t.Fatalf("Slug(%q) = %q: byte %q at %d", s, slug, c, i)
		}
	}
	if strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || strings.Contains(slug, "--") {
		t.Fatalf("Slug(%q) = %q: a hyphen at an end or two in a row", s, slug)
	}
	if windowsReserved[slug] {
		t.Fatalf("Slug(%q) = %q: a device name on Windows", s, slug)
	}
}

// FuzzParseDate checks that a date ParseDate accepts is one that exists and
// is written back exactly as it was read: only YYYY-MM-DD is read.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-10-07", "2024-02-29", "2022-02-30", "2022-13-01", "2022-10-7", "0001-01-01", "9999-12-31",
		" 2022-1-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() || err.Error() == "" {
				t.Fatalf("ParseDate(%q) = %v, %v", s, d, err)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) = %v, which is written %q", s, d, d.String())
		}
		if _, err := MakeDate(d.Year, d.Month, d.Day); err != nil {
			t.Fatalf("ParseDate(%q) = %v, a date that does not exist: %v", s, d, err)
		}
		if DateOf(d.Time()) != d {
			t.Fatalf("ParseDate(%q) = %v, but its time %v is on %v", s, d, d.Time(), DateOf(d.Time()))
		}
	})
}
