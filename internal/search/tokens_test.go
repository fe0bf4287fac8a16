package search

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// wordPattern is the reference for wordAt.
var wordPattern = regexp.MustCompile(`(?:\pL\.){2,}|[\pL\pM\pN]+(?:['’][\pL\pM]+)*`)

// checkScanner compares wordAt with the regexp it stands for.
func checkScanner(t *testing.T, text string) {
	t.Helper()
	var got [][]int
	for start := 0; start < len(text); {
		end := wordAt(text, start)
		if end == start {
			start++
			for start < len(text) && text[start]&0xC0 == 0x80 {
				start++
			}
			continue
		}
		got = append(got, []int{start, end})
		start = end
	}
	want := wordPattern.FindAllStringIndex(text, -1)
	if len(got) != len(want) {
		t.Fatalf("%q: scanner finds %d words %v, the pattern %d %v", text, len(got), got, len(want), want)
	}
	for i := range got {
		if got[i][0] != want[i][0] || got[i][1] != want[i][1] {
			t.Fatalf("%q: word %d at %v, the pattern has %v", text, i, got[i], want[i])
		}
	}
}

func TestScannerMatchesPattern(t *testing.T) {
	data, err := os.ReadFile("testdata/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		checkScanner(t, line)
	}
	for _, s := range []string{"U.S.", "a.b.cde", "ab.c.d.", "e.g. U.N.'s", "x'", "o'’brien", "rock’n’roll", "a.b", "\xff\xfeab", "é.ü.", "3.5", "a..b.", "Ω.Ω.x"} {
		checkScanner(t, s)
	}
}

func FuzzScanner(f *testing.F) {
	for _, s := range []string{"U.S. Korea's O'Brien 2022", "a.b.c", "rock’n’roll", "\xffé.x."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkScanner(t, s) })
}

func TestTermsOfNews(t *testing.T) {
	got := strings.Join(Terms("The U.S. said North Korea's missiles were launched; Mr. O'Brien congratulated Zürich."), " ")
	want := "us said north korea missil launch mr obrien congratul zurich"
	if got != want {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}
