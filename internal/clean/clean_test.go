package clean

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Fixtures are fictional; each case is one line.
func TestText(t *testing.T) {
	tests := []struct {
		name, in, body string
	}{
		{"plain", "One sentence here.", "One sentence here.\n"},
		{"crlf nbsp", "First\u00a0para.\r\n\r\nSecond para.", "First para.\n\nSecond para.\n"},
		{"promo", "Lead text here.\nAlso Read: Other story headline\nMore text.", "Lead text here.\n\nMore text.\n"},
		{"read also spaced", "Lead text.\nRead Also : Other [VIDEO]\nTail text.", "Lead text.\n\nTail text.\n"},
		{"social", "Lead text.\nFollow us on Mastodon\n@Newsroom", "Lead text.\n"},
		{"end mark", "Lead text. -0-\nwww.example.org (Juche112.1.2.)\nMore From Example\nOther", "Lead text.\n"},
		{"end line", "Lead text.\n-30-\nFooter junk", "Lead text.\n"},
		{"prefix", " date 2021-05-04 The fox ran.", "The fox ran.\n"},
		{"heading", "Lead para.\nA Short Heading\nA much longer paragraph of prose follows the short heading line.", "Lead para.\n\n## A Short Heading\n\nA much longer paragraph of prose follows the short heading line.\n"},
		{"markup", "<b>bold</b> *x* [a](b) &amp; 1 < 2", `\<b\>bold\</b\> \*x\* \[a\](b) \&amp; 1 \< 2` + "\n"},
		{"leading markers", "# not a heading\n> not a quote\n1987. not a list", "\\# not a heading\n\n\\> not a quote\n\n1987\\. not a list\n"},
		{"glue", "The chief met ComradeKim Jo Bonwas there. PresidentKim Il Sungand more atKim Il SungSquare.", "The chief met Comrade Kim Jo Bon was there. President Kim Il Sung and more at Kim Il Sung Square.\n"},
		{"no false glue", "McDonald and iPhone and YouTube stay.", "McDonald and iPhone and YouTube stay.\n"},
		{"glue with any word the article uses", "Crowds gathered. Kim Jong Illed the way and Kim Jong Ungood news spread, as good news and led crowds do.", "Crowds gathered. Kim Jong Il led the way and Kim Jong Un good news spread, as good news and led crowds do.\n"},
		{"names are not split", "Pak Sung Island and Ri Jong Hwan met at Sinpo Island.", "Pak Sung Island and Ri Jong Hwan met at Sinpo Island.\n"},
		{"glue at a paragraph start", "Delegates toured the city on Monday.\nThey heard of the exploits of President\nKim Il Sungwho founded the state.", "Delegates toured the city on Monday. They heard of the exploits of President Kim Il Sung who founded the state.\n"},
		{"wrapped", "    LONDON, Feb 3 - The quick brown fox jumped over the\nlazy dog and then it ran off into the woods\nwhere nobody saw it again for many days.\n    A second paragraph starts here.\n Reuter", "LONDON, Feb 3 - The quick brown fox jumped over the lazy dog and then it ran off into the woods where nobody saw it again for many days.\n\nA second paragraph starts here.\n"},
	}
	for _, tt := range tests {
		if got := Text(tt.in).Body; got != tt.body {
			t.Errorf("%s: Text(%q).Body =\n%q\nwant\n%q", tt.name, tt.in, got, tt.body)
		}
	}
}

func TestTextFacts(t *testing.T) {
	r := Text("Same title line\n\nSame title line\n\nPyongyang, March 4 (KCNA) -- Lead. -0-\n[Juche112.3.4.]\nMore Articles\nMarch 1, 2030")
	if r.Title != "Same title line" {
		t.Errorf("Title = %q", r.Title)
	}
	want := Dateline{Place: "Pyongyang", Month: time.March, Day: 4, Agency: "KCNA"}
	if r.Dateline != want {
		t.Errorf("Dateline = %+v, want %+v", r.Dateline, want)
	}
	if !slices.Equal(r.Marks, []string{"Juche112.3.4."}) {
		t.Errorf("Marks = %q", r.Marks)
	}
	if !strings.HasPrefix(r.Body, "Pyongyang, March 4 (KCNA) -- Lead.") {
		t.Errorf("Body = %q", r.Body)
	}
	if len(r.Removed) != 6 {
		t.Errorf("Removed = %q", r.Removed)
	}
}

func TestMarkdown(t *testing.T) {
	in := "# Title\r\n\r\n\r\nSome *text*\u00a0here.  \r\n- item\n\n\n"
	want := "# Title\n\nSome *text* here.\n- item\n"
	if got := Markdown(in); got != want {
		t.Errorf("Markdown = %q, want %q", got, want)
	}
}

func TestEscapeRoundTrip(t *testing.T) {
	for _, s := range []string{"a*b_c", "<x> & &amp; [y](z)", "# h", "12. x", `back\slash`} {
		if got := Unescape(Escape(s)); got != s {
			t.Errorf("Unescape(Escape(%q)) = %q", s, got)
		}
	}
}

func TestTitleAfterPrefix(t *testing.T) {
	r := Text(" date 2024-03-05 Ferry Service Opens Across the Grey Sea\n\nThe first ferry sailed from Toriva on Tuesday with 300 passengers aboard.\n\nThe crossing takes nine hours.\n")
	if r.Title != "Ferry Service Opens Across the Grey Sea" || strings.Contains(r.Body, "Ferry Service Opens") {
		t.Errorf("Title = %q, Body = %q: the title line after a date prefix should become the title and leave the body", r.Title, r.Body)
	}
	if !strings.HasPrefix(r.Body, "The first ferry sailed") {
		t.Errorf("Body = %q", r.Body)
	}
}

func TestKnownNamesSplitGlue(t *testing.T) {
	known := func(n string) bool { return n == "Kim Jong Il" || n == "Ilya Dorn" }
	in := "The crowd cheered as Kim Jong Illed the parade."
	want := "The crowd cheered as Kim Jong Il led the parade.\n"
	if got := TextWith(in, Options{KnownName: known}).Body; got != want {
		t.Errorf("TextWith = %q, want %q", got, want)
	}
	if got := Text(in).Body; strings.Contains(got, "Il led") {
		t.Errorf("Text without known names split %q", got)
	}
}
