package content

import (
	"strings"
	"testing"
)

// TestErrorLines: every fault of a page's front matter is reported at the
// line of the page that holds it.
func TestErrorLines(t *testing.T) {
	for _, tc := range []struct {
		page string
		line int
		msg  string
	}{
		{"title: Talks\n", 1, "missing front matter"},
		{"---\ntitle: Talks\n\nThe talks opened.\n", 1, "front matter is not closed"},
		{"---\ntitle: Talks\n  date: 2024-05-06\n---\n", 3, "mapping values are not allowed"},
		{"---\ntitle: Talks\nplaces: [Toriva\nsource: ACNA\n---\n", 3, "did not find expected ',' or ']'"},
		{"---\ntitle: Talks\nplaces: {Toriva\nsource: ACNA\n---\n", 3, "did not find expected ',' or '}'"},
		{"---\nplaces: [Toriva\nsource: ACNA\n---\n", 2, "did not find expected ',' or ']'"},
		{"---\nplaces: {Toriva: x\n---\n", 2, "did not find expected ',' or '}'"},
		{"---\ntitle: Talks\nplaces: [\"Toriva\",\n  \"Vask\"\nsource: ACNA\n---\n", 3, "did not find expected ',' or ']'"},
		{"---\n: Talks\n---\n", 2, "did not find expected key"},
		{"---\ntitle: Talks\n- Toriva\n---\n", 3, "did not find expected key"},
		{"---\ntitle: Talks\npeople:\n  - Ilya Dorn\n - Anselm Halvorsen\n---\n", 5, "did not find expected key"},
		{"---\ntitle: Talks\nsource: 'ACNA\nauthor: Vera Lind\n---\n", 3, "found unexpected end of stream"},
		{"---\ntitle: Talks\n\tdate: 2024-05-06\n---\n", 3, "found a tab character"},
		{"---\ntitle: Talks\nToriva\nsource: ACNA\n---\n", 3, "could not find expected ':'"},
		{"---\ntitle: \"Talks \\q\"\n---\n", 2, "found unknown escape character"},
		{"---\ntitle: *talks\n---\n", 2, "unknown anchor"},
		{"---\ntitle: Talks\nsource: ACNA\x01\n---\n", 3, "control characters are not allowed"},
		{"---\ntitle: Talks\nsource: ACNA \xff\n---\n", 3, "invalid"},
		{"---\ntitle: Talks\ndate: 2024-05-06\ntitle: Other Talks\n---\n", 4, "title is given twice, first on line 2"},
		{"---\n- title\n---\n", 2, "front matter must be a mapping"},
		{"---\ntitle: [Talks]\n---\n", 2, "title must be a single value"},
		{"---\ntitle: Talks\npeople: [Ilya Dorn]\nplaces: {a: b}\norganizations: {c: d}\n---\n", 4, "places must be a list of names"},
		{"---\ntitle: Talks\norigin: raw.txt\n---\n", 3, "origin must be a list"},
		{"---\ntitle: Talks\ndate: 2022-02-30\n---\n", 3, "February 2022 has 28 days, not 30"},
		{"---\ntitle: Talks\n\ndate: 2023-02-29T10:00:00Z\n---\n", 4, "February 2023 has 28 days, not 29"},
		{"---\r\ntitle: Talks\r\ndate: 2022-04-31\r\n---\r\n", 3, "April 2022 has 30 days, not 31"},
		{"---\ntitle: Talks\ndate: 2022-13-01\n---\n", 3, "month 13 does not exist"},
		{"---\ntitle: Talks\ndate: 2022-00-10\n---\n", 3, "month 0 does not exist"},
		{"---\ntitle: Talks\ndate: 2022-06-00\n---\n", 3, "June 2022 has 30 days, not 0"},
		{"---\ntitle: Talks\ndate: 7 May 2022\n---\n", 3, "not of the form YYYY-MM-DD"},
		{"---\ntitle: Talks\nx: !!int many\n---\n", 3, "cannot decode"},
	} {
		_, err := Parse([]byte(tc.page))
		ce, ok := err.(*Error)
		if !ok || ce.Line != tc.line || !strings.Contains(ce.Msg, tc.msg) {
			t.Errorf("Parse(%q) = %v; want line %d: …%s…", tc.page, err, tc.line, tc.msg)
		}
	}
}
