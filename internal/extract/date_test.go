package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/diag"
)

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-10-07", "2022-10-07"},
		{"2022-10-07T23:30:00-05:00", "2022-10-07"},
		{" 26-FEB-1987 15:01:01.79", "1987-02-26"},
		{"27-MAR-1987 00:02:59.13RM", "1987-03-27"},
		{"October 7, 2022", "2022-10-07"},
		{"Oct. 7 2022", "2022-10-07"},
		{"7 October 2022", "2022-10-07"},
		{"Fri, 07 Oct 2022 10:00:00 GMT", "2022-10-07"},
		{"Friday, October 7, 2022", "2022-10-07"},
		{"25/12/2023", "2023-12-25"},
		{"Juche111.10.7.", "2022-10-07"},
		{"[Juche113.1.2.]", "2024-01-02"},
		{"1703376000000", "2023-12-24"},
		{"20240318", "2024-03-18"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
	for _, bad := range []string{"2022-02-30", "30 February 2022", "03/04/2022", "soon", "Smarch 3, 2020"} {
		if d, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", bad, d)
		}
	}
}

func TestImpossibleDate(t *testing.T) {
	raw := article.Raw{Origin: article.Origin{File: "in.json"}, Line: 3, Format: article.JSON, Date: "2022-02-30", Body: "A fictional lead sentence about a harbour."}
	a, ds := Article(raw)
	if !a.Date.IsZero() {
		t.Errorf("date = %v, want undated", a.Date)
	}
	if len(ds) != 1 || ds[0].File != "in.json" || ds[0].Line != 3 || ds[0].Severity != diag.Warning || !strings.Contains(ds[0].Message, "28 days") {
		t.Errorf("diagnostics = %v", ds)
	}
}

func TestDateEvidence(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"dateline and mark", "Harbour, May 2 (FNA) -- Lead. -0-\n[Juche115.5.2.]", "2026-05-02"},
		{"mark across new year", "Harbour, December 31 (FNA) -- Lead. -0-\n[Juche115.1.1.]", "2025-12-31"},
		{"footer dates ignored", "Harbour, May 2 (FNA) -- Lead. -0-\nMore From Site\nHarbour, May 1 (FNA) -- Other\nMay 1, 2031\nHarbour, May 1 (FNA) -- Other\nMay 1, 2031", ""},
		{"juche in lead", "Harbour, May 2 (FNA) -- It opened on May 2, Juche 115 (2026).", "2026-05-02"},
		{"deadline is no evidence", "TOWN, April 1 - Notes are due April 1, 1999.", ""},
		{"prefix", "published: October 7, 2022 The lead.", "2022-10-07"},
		{"dateline year", "TOWN, Oct. 7, 2022 (Wire) - The lead.", "2022-10-07"},
		{"nothing", "The lead mentions 2019 and July.", ""},
	}
	for _, tt := range tests {
		a, ds := Article(article.Raw{Format: article.Text, Body: tt.body})
		if a.Date.String() != tt.want || len(ds) > 0 {
			t.Errorf("%s: date %q, %v; want %q", tt.name, a.Date, ds, tt.want)
		}
	}
}

func TestMarkdownInput(t *testing.T) {
	a, _ := Article(article.Raw{Format: article.Markdown, Title: "Given", Date: "2020-01-02", Body: "Some *kept* text.\r\n"})
	if a.Body != "Some *kept* text.\n" || a.Title != "Given" || a.Date.String() != "2020-01-02" {
		t.Errorf("got %+v", a)
	}
}

// FuzzDate checks that a date ParseDate accepts exists and reads back the
// same from every form it is written in (ISO, "January 2, 2006", "2
// January 2006", wire and RFC 1123), that surrounding space changes
// nothing, and that an error quotes the text it could not read.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2022-10-07", " 26-FEB-1987 15:01:01.79", "October 7, 2022", "Juche111.10.7.", "1703376000000", "31/12/2020", "2022-02-30", "Fri, 07 Oct 2022 10:00:00 GMT",
		"0999-01-02", "Sept. 31st, 2021", "[2020.2.29]", "\t12/12/2012 ", "Juche 1.1.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if again, againErr := ParseDate(" \t" + s + "\n "); again != d || (againErr == nil) != (err == nil) {
			t.Fatalf("ParseDate(%q) = %v, %v but with space around it %v, %v", s, d, err, again, againErr)
		}
		if err != nil {
			text := strings.TrimSpace(s)
			if len(text) > 200 {
				text = text[:200]
			}
			if !d.IsZero() || !strings.Contains(err.Error(), fmt.Sprintf("%q", text)) {
				t.Fatalf("ParseDate(%q) = %v with error %v, which does not quote the text", s, d, err)
			}
			return
		}
		if _, err := article.MakeDate(d.Year, d.Month, d.Day); err != nil {
			t.Fatalf("ParseDate(%q) = impossible %v", s, d)
		}
		for _, layout := range []string{"2006-01-02", "January 2, 2006", "2 January 2006", "02-Jan-2006 15:04:05.00", "Mon, 02 Jan 2006 15:04:05 GMT"} {
			text := d.Format(layout)
			if back, err := ParseDate(text); back != d || err != nil {
				t.Fatalf("ParseDate(%q) = %v, written %q, which reads back as %v, %v", s, d, text, back, err)
			}
		}
	})
}
