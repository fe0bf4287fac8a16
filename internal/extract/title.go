package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxTitleLen bounds a title derived from the lead sentence, in characters.
const MaxTitleLen = 90

// cleanTitle returns a declared title on one line: calendar marks
// ("[Juche113.1.2.]") removed, its lines joined (wire titles wrap), its
// spaces collapsed.
func cleanTitle(s string) string {
	s = jucheMark.ReplaceAllString(strings.ToValidUTF8(s, "\uFFFD"), "")
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

// leadTitle derives a title from the lead paragraph: its first sentence,
// without the dateline, cut at the last clause boundary that keeps it
// within MaxTitleLen characters, without a closing period.
func leadTitle(lead string) string {
	s := dropDateline(lead)
	s = firstSentence(s)
	s = strings.TrimRight(s, " .")
	if utf8.RuneCountInString(s) <= MaxTitleLen {
		return s
	}
	s = cut(s)
	return strings.TrimRight(s, " ,;:.-–—")
}

// dropDateline removes a dateline ending in a dash from the start of s.
func dropDateline(s string) string {
	head := s
	if len(head) > 120 {
		head = head[:120]
	}
	for _, dash := range []string{" -- ", " — ", " – ", " - "} {
		if i := strings.Index(head, dash); i > 0 && strings.Contains(head[:i], ",") || i > 0 && strings.Contains(head[:i], "(") {
			return strings.TrimSpace(s[i+len(dash):])
		}
	}
	return s
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Gen": true, "Col": true,
	"Lt": true, "Sgt": true, "Prof": true, "Rev": true, "Sen": true, "Rep": true, "Gov": true,
	"Jr": true, "Sr": true, "No": true, "Inc": true, "Corp": true, "Co": true, "Ltd": true,
	"Jan": true, "Feb": true, "Aug": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"U.S": true, "U.K": true, "U.N": true, "vs": true, "etc": true,
}

// firstSentence returns s up to the end of its first sentence.
func firstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("\"')”’", s[j]) >= 0 {
			j++
		}
		if j < len(s) && s[j] != ' ' {
			continue
		}
		if c == '.' {
			w := s[strings.LastIndexByte(s[:i], ' ')+1 : i]
			if abbreviations[w] || len(w) == 1 && w >= "A" && w <= "Z" {
				continue
			}
		}
		return s[:j]
	}
	return s
}

// Clause boundaries, strongest first: a title is cut before one of them.
var (
	strongBreaks = []string{"; ", ": ", " -- ", " — ", " – ", ", ", " who ", " which ", " and ", " but ", " while ", " after ", " as "}
	weakBreaks   = []string{" to ", " on ", " in ", " for ", " with ", " at ", " from ", " by ", " of ", " over ", " amid "}
)

// cut shortens s to the longest prefix of at least a third of MaxTitleLen
// that ends at a strong clause boundary, then at a weak one, then at a
// word, within MaxTitleLen characters.
func cut(s string) string {
	limit := byteIndex(s, MaxTitleLen)
	for _, set := range [][]string{strongBreaks, weakBreaks} {
		best := -1
		for _, b := range set {
			if i := strings.LastIndex(s[:min(len(s), limit+len(b))], b); i >= MaxTitleLen/3 && i <= limit && i > best {
				best = i
			}
		}
		if best > 0 {
			return s[:best]
		}
	}
	if i := strings.LastIndexByte(s[:limit], ' '); i > 0 {
		return s[:i]
	}
	return s[:limit]
}

// byteIndex returns the byte offset of the n-th rune of s, or len(s).
func byteIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
