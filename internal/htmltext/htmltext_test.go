package htmltext

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Rewrite the golden files with: go test ./internal/htmltext/ -run TestExtractFixtures -args -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture is a fictional page under testdata/ with what Extract must find in
// it. The page's Body is also kept as a golden file, <name>.body.md.
type fixture struct {
	file    string
	pageURL string
	want    Page // all fields but Body
	keep    []string
	drop    []string
}

var fixtures = []fixture{
	{
		file:    "harbour-bridge.html",
		pageURL: "https://gazette.example/news/2031/04/harbour-bridge-reopens?ref=home",
		want: Page{
			Title:    "Harbour bridge reopens after two-year repair",
			Date:     "2031-04-17",
			Author:   "Mira Oakhollow",
			SiteName: "The Lantern Gazette",
			URL:      "https://gazette.example/news/2031/04/harbour-bridge-reopens",
		},
		keep: []string{
			"The Old Harbour Bridge in Saltmere reopened to traffic on Thursday evening, two years after engineers closed it because of corroded cables.",
			"Crowds gathered on both banks of the river as the first tram crossed the span just after nine o’clock, sounding its bell the whole way over.",
			"“We replaced every one of the 184 suspension cables and most of the deck plates,” said the chief engineer, Tobias Wrenfield. “The bridge should now outlast all of us.”",
			"## Cost and delays",
			"The repair cost 41 million crowns, nearly twice the first estimate, after divers found damage to two of the granite piers below the waterline.",
			"The city council listed three reasons for the overrun:",
			"- unexpected damage to the eastern pier,\n- a shortage of specialist steel during the first winter,\n- and a five-month pause while a heron colony finished nesting.",
			"Ferry operators, who carried commuters across the river during the closure, will return to their normal timetable next month.",
			"Cyclists will have to wait until June, when a separate lane on the northern side is due to open.",
		},
		drop: []string{"cookies", "Subscribe", "Most Read", "floating market", "Lighthouse keeper",
			"newsletter", "All rights reserved", "About us", "Weather"},
	},
	{
		file: "market-square-cp1252.html",
		want: Page{
			Title:    "Café owners cheer as market square is pedestrianised",
			SiteName: "Brindle Valley Courier",
		},
		keep: []string{
			"The market square in Brindle will be closed to cars from the first of March, the district council decided on Tuesday after a debate that lasted well past midnight.",
			"Owners of the six cafés around the square said the decision would let them put tables outside for the whole summer. “It’s the best news we’ve had in ten years,” said Renée Marchbank, who runs the Copper Kettle.",
			"Parking will move to the old railway yard, which the council will resurface at a cost of £380,000 — money that critics say should have gone to the library.",
			"Councillor Hal Pennyfeather, who voted against the plan, warned that delivery lorries would now have to reverse along Mill Lane before seven in the morning.",
		},
		drop: []string{"Classifieds", "Obituaries", "Most Read", "Flood warning", "brass band",
			"Copyright", "Registered in England", "Log in"},
	},
}

func TestExtractFixtures(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", f.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Extract(data, f.pageURL)
			if err != nil {
				t.Fatal(err)
			}
			meta := got
			meta.Body = ""
			if meta != f.want {
				t.Errorf("metadata\n got %+v\nwant %+v", meta, f.want)
			}
			for _, s := range f.keep {
				if !strings.Contains(got.Body, s) {
					t.Errorf("body lost %q", s)
				}
			}
			for _, s := range f.drop {
				if strings.Contains(got.Body, s) {
					t.Errorf("body kept furniture %q", s)
				}
			}
			if strings.ContainsAny(got.Body, "<>") && strings.Contains(got.Body, "</") {
				t.Errorf("body contains HTML")
			}
			golden(t, filepath.Join("testdata", strings.TrimSuffix(f.file, ".html")+".body.md"), got.Body+"\n")
		})
	}
}

// golden compares got with the file at path, or rewrites the file with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("body differs from %s (run with -update to accept):\n%s", path, got)
	}
}

func TestExtractRejects(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"empty", "", ErrNotHTML},
		{"plain text", "Storm closes coastal road.\n\nThe road will reopen on Monday if the wind drops below gale force.", ErrNotHTML},
		{"json", `{"title": "<b>Storm</b>", "body": "<p>The road will reopen.</p>"}`, ErrNotHTML},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ErrNotHTML},
		{"no text", `<html><head><title>Gazette</title></head><body><img src="logo.png"></body></html>`, ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract([]byte(tt.data), "")
			if !errors.Is(err, tt.want) {
				t.Errorf("Extract error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2031-04-17T22:30:00+02:00", "2031-04-17"},
		{"2031-04-17T23:30:00-05:00", "2031-04-17"},
		{"2031-04-17", "2031-04-17"},
		{"2031-04-17T22:30:00.123456Z", "2031-04-17"},
		{"Thu, 17 Apr 2031 22:30:00 GMT", "2031-04-17"},
		{"April 17, 2031", "2031-04-17"},
		{"20310417", "2031-04-17"},
		{"2031-04-17T22:30:00 CEST", "2031-04-17"},
		{"yesterday", ""},
		{"0001-01-01", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := parseDate(tt.in); got != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestImpossibleDate checks that a page stating only a date that does not
// exist hands it on as written, for the extractor to report, and that a
// date that exists, wherever the page states it, comes first.
func TestImpossibleDate(t *testing.T) {
	const body = `<body><article><p>The harbour of Toriva reopened on Monday after the storm had closed it for a week.</p></article></body></html>`
	for _, tt := range []struct{ head, want string }{
		{`<meta property="article:published_time" content="2022-04-31T09:00:00Z">`, "2022-04-31"},
		{`<meta name="date" content="2022-13-01">`, "2022-13-01"},
		{`<meta property="article:published_time" content="2022-02-30"><script type="application/ld+json">{"datePublished": "2022-02-28"}</script>`, "2022-02-28"},
		{`<meta name="date" content="2022-02-30x">`, ""},
		{`<meta name="date" content="yesterday">`, ""},
	} {
		p, err := Extract([]byte("<html><head><title>Harbour Reopens</title>"+tt.head+"</head>"+body), "")
		if err != nil {
			t.Fatal(err)
		}
		if p.Date != tt.want {
			t.Errorf("%s: date %q, want %q", tt.head, p.Date, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"utf-8 kept whatever the meta says", "<meta charset=iso-8859-1><p>Kosovo’s café</p>", "Kosovo’s café"},
		{"latin-1 declared", "<meta charset=iso-8859-1><p>caf\xe9</p>", "café"},
		{"windows-1252 undeclared", "<p>\x93quoted\x94 \x97 caf\xe9</p>", "“quoted” — café"},
		{"bom", "\xef\xbb\xbf<p>café</p>", "café"},
		{"stray nul", "<p>caf\xc3\xa9\x00</p>", "café"},
	}
	for _, tt := range tests {
		got, err := decode([]byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !strings.Contains(string(got), tt.want) {
			t.Errorf("%s: decode = %q, want it to contain %q", tt.name, got, tt.want)
		}
	}
}
