package article

import (
	"strings"
	"testing"
	"time"
)

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Kim Jong Un Sends Birthday Message to Putin", "kim-jong-un-sends-birthday-message-to-putin"},
		{"Kyiv’s Übung: “Ça va?”", "kyivs-ubung-ca-va"},
		{"U.S. and DPRK", "us-and-dprk"},
		{"Kim's letter", "kims-letter"},
		{"../../etc/passwd", "etc-passwd"},
		{"C:\\Windows\\CON", "c-windows-con"},
		{"nul\x00byte", "nul-byte"},
		{"!!! ??? ...", ""},
		{"조선중앙통신", ""},
		{"  --Already-Slugged--  ", "already-slugged"},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, in := range []string{strings.Repeat("railway accord ", 20), strings.Repeat("ab-", 26) + "cd", strings.Repeat("x", 100)} {
		if once := Slug(in); Slug(once) != once || len(once) > MaxSlugLen {
			t.Errorf("Slug is not idempotent or too long on %q: %q → %q", in, once, Slug(once))
		}
	}
	exact := strings.Repeat("a", 70) + "-fifa-u-20"
	if got := Slug(exact); got != exact {
		t.Errorf("Slug(%q) = %q: a slug of exactly %d bytes must stay as it is", exact, got, MaxSlugLen)
	}
	long := Slug(strings.Repeat("railway accord ", 20))
	if len(long) > MaxSlugLen || strings.HasSuffix(long, "-") || strings.HasSuffix(long, "railw") {
		t.Errorf("long slug %q: want at most %d bytes, cut at a word", long, MaxSlugLen)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"2022-10-07", "2022-10-07", ""},
		{"2024-02-29", "2024-02-29", ""},
		{"2022-02-30", "", "February 2022 has 28 days, not 30"},
		{"2023-02-29", "", "February 2023 has 28 days, not 29"},
		{"2022-13-01", "", "month 13 does not exist"},
		{"2022-10-7", "", "not of the form YYYY-MM-DD"},
		{"October 7", "", "not of the form YYYY-MM-DD"},
	} {
		d, err := ParseDate(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseDate(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || d.String() != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tc.in, d, err, tc.want)
		}
	}
}

func TestDateOrderAndFormat(t *testing.T) {
	a, b := Date{2022, time.October, 7}, Date{2024, time.March, 18}
	if a.Compare(b) >= 0 || b.Compare(a) <= 0 || a.Compare(a) != 0 || (Date{}).Compare(a) >= 0 {
		t.Error("Compare does not order dates")
	}
	if got := a.Format("2 January 2006"); got != "7 October 2022" {
		t.Errorf("Format = %q", got)
	}
	if (Date{}).String() != "" || (Date{}).Format("2006") != "" || !(Date{}).IsZero() {
		t.Error("the zero Date is not unknown")
	}
}

func TestWindowsNameProblem(t *testing.T) {
	for name, bad := range map[string]bool{
		"index.html": false, "con-1": false, "comx": false, "console.js": false,
		"": true, "..": true, "a:b": true, "tab\there": true, "dot.": true, "space ": true,
		"CON": true, "nul.txt": true, "Com7.js": true, "lpt0": true, "aux .md": true,
	} {
		if got := WindowsNameProblem(name) != ""; got != bad {
			t.Errorf("WindowsNameProblem(%q) = %q", name, WindowsNameProblem(name))
		}
	}
}
