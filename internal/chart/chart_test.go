package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// node is any XML element, read back from a chart.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) hasClass(c string) bool {
	return strings.Contains(" "+n.attr("class")+" ", " "+c+" ")
}

// all returns the elements named name under n, in document order.
func (n node) all(name string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

func (n node) child(name string) (node, bool) {
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			return c, true
		}
	}
	return node{}, false
}

// parse checks that the chart is well-formed XML with an accessible <svg>
// root and returns it.
func parse(t *testing.T, h template.HTML) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(h), &root); err != nil {
		t.Fatalf("the chart is not well-formed XML: %v\n%s", err, h)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element %v, want svg in the SVG namespace", root.XMLName)
	}
	if r := root.attr("role"); r != "img" && r != "group" {
		t.Errorf("role=%q", r)
	}
	if root.attr("aria-label") == "" || root.attr("viewBox") == "" || root.attr("width") != "100%" {
		t.Errorf("svg attributes %v: want aria-label, viewBox and width=100%%", root.Attrs)
	}
	for _, bad := range []string{"script", "style", "foreignObject", "image", "use"} {
		if len(root.all(bad)) > 0 {
			t.Errorf("the chart contains <%s>", bad)
		}
	}
	return root
}

// bars returns the bar rectangles, in order.
func barRects(root node) []node {
	var out []node
	for _, r := range root.all("rect") {
		if r.hasClass("bar") {
			out = append(out, r)
		}
	}
	return out
}

// tooltip returns the text of the <title> for the i-th bar: in its <a> when
// linked, in its <rect> otherwise.
func tooltips(root node) []string {
	var out []string
	for _, g := range root.all("g") {
		if !g.hasClass("bars") {
			continue
		}
		for _, c := range g.Nodes {
			if t, ok := c.child("title"); ok {
				out = append(out, t.Text)
			}
		}
	}
	return out
}

func months(year, n int) []Bar {
	bars := make([]Bar, n)
	for i := range bars {
		d := time.Date(year, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC)
		bars[i] = Bar{
			Label: d.Format("Jan 2006"),
			Count: (i * 37) % 23,
			Href:  d.Format("2006/01/"),
		}
	}
	return bars
}

func TestGolden12Months(t *testing.T) {
	bars := months(2024, 12)
	bars[4].Href = "" // one bar without a link
	got := Bars("Articles per month", bars)
	root := parse(t, got)
	if len(barRects(root)) != 12 {
		t.Errorf("%d bars, want 12", len(barRects(root)))
	}

	path := filepath.Join("testdata", "months.svg")
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got)+"\n" != string(want) {
		t.Errorf("the chart differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}

func TestLinks(t *testing.T) {
	bars := []Bar{
		{Label: "Jan", Count: 3, Href: "2024/01/"},
		{Label: "Feb", Count: 0, Href: "2024/02/?a=1&b=\"2\"<'3'>"},
		{Label: "Mar", Count: 5},
		{Label: "Apr", Count: 1, Href: "javascript:alert(1)"},
		{Label: "May", Count: 1, Href: " Java\tScript:alert(1)"},
		{Label: "Jun", Count: 2, Href: "https://example.org/x?y=z#w"},
		{Label: "Jul", Count: 2, Href: "data:text/html,<script>alert(1)</script>"},
		{Label: "Aug", Count: 2, Href: "../topics/a:b/"},
	}
	want := []string{"2024/01/", "2024/02/?a=1&b=\"2\"<'3'>", "https://example.org/x?y=z#w", "../topics/a:b/"}
	root := parse(t, Bars("Links", bars))
	if root.attr("role") != "group" {
		t.Errorf("a chart with links has role=%q, want group", root.attr("role"))
	}
	as := root.all("a")
	var got []string
	for _, a := range as {
		got = append(got, a.attr("href"))
		rects := a.all("rect")
		if len(rects) != 2 || !rects[0].hasClass("hit") || !rects[1].hasClass("bar") {
			t.Errorf("link %q does not hold a hit area and a bar: %v", a.attr("href"), rects)
		}
		if _, ok := a.child("title"); !ok {
			t.Errorf("link %q has no <title> to name it", a.attr("href"))
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("links %q, want %q", got, want)
	}
	if n := len(barRects(root)); n != len(bars) {
		t.Errorf("%d bars, want %d (a dropped link keeps its bar)", n, len(bars))
	}
	// The zero bar is linked and drawn as a mark.
	if rects := as[1].all("rect"); !rects[1].hasClass("bar-zero") {
		t.Errorf("the zero bar has class %q", rects[1].attr("class"))
	}
}

func TestEscaping(t *testing.T) {
	hostile := `<script>alert("x")</script> & 'q'`
	h := Bars(hostile, []Bar{
		{Label: hostile, Count: 3, Href: "a/"},
		{Label: "bell\x07 nul\x00 line\nbreak \xff", Count: 1},
		{Label: "]]><!-- -->", Count: 2},
	})
	if strings.Contains(string(h), "<script") || strings.Contains(string(h), "<!--") {
		t.Fatalf("markup from the input reached the chart:\n%s", h)
	}
	root := parse(t, h)
	tips := tooltips(root)
	want := []string{hostile + ": 3 articles", "bell nul line break : 1 article", "]]><!-- -->: 2 articles"}
	if fmt.Sprint(tips) != fmt.Sprint(want) {
		t.Errorf("tooltips %q, want %q", tips, want)
	}
	if label := root.attr("aria-label"); !strings.HasPrefix(label, hostile+", ") {
		t.Errorf("aria-label %q does not start with the title", label)
	}
	// The axis shows the labels as text, cut to length.
	var axis []string
	for _, tx := range root.all("text") {
		axis = append(axis, tx.Text)
	}
	if !strings.Contains(strings.Join(axis, "|"), "<script>alert(") {
		t.Errorf("axis labels %q do not show the label as text", axis)
	}
}

func TestEmptyAndZero(t *testing.T) {
	for _, tc := range []struct {
		name  string
		bars  []Bar
		label string
	}{
		{"nil", nil, "Per month: no articles."},
		{"one zero", []Bar{{Label: "Mar 2024"}}, "Per month, Mar 2024: no articles."},
		{"all zero", []Bar{{Label: "Jan", Href: "j/"}, {Label: "Feb", Count: -4}}, "Per month, Jan to Feb: no articles."},
		{"one", []Bar{{Label: "Mar 2024", Count: 1}}, "Per month, Mar 2024: 1 article."},
		{"some", []Bar{{Label: "a", Count: 2}, {Label: "b", Count: 7}, {Label: "c"}}, "Per month, a to c: 9 articles, at most 7 in b."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := parse(t, Bars("Per month", tc.bars))
			if got := root.attr("aria-label"); got != tc.label {
				t.Errorf("aria-label %q, want %q", got, tc.label)
			}
			rects := barRects(root)
			if len(rects) != len(tc.bars) {
				t.Fatalf("%d bars, want %d", len(rects), len(tc.bars))
			}
			for i, r := range rects {
				h, _ := strconv.ParseFloat(r.attr("height"), 64)
				if zero := tc.bars[i].Count <= 0; zero != r.hasClass("bar-zero") || h <= 0 || zero && h > 2 {
					t.Errorf("bar %d (count %d): class %q, height %v", i, tc.bars[i].Count, r.attr("class"), h)
				}
			}
			if len(root.all("line")) == 0 {
				t.Error("no baseline")
			}
		})
	}
}

// TestLongTimelineLeavesOutEmptyBars checks that a chart of many bars, such
// as twenty years of months, draws only the bars with articles, each still
// linked and named, and stays small.
func TestLongTimelineLeavesOutEmptyBars(t *testing.T) {
	bars := make([]Bar, 300)
	withArticles := 0
	for i := range bars {
		bars[i] = Bar{Label: fmt.Sprintf("m%d", i), Href: fmt.Sprintf("m%d/", i)}
		if i%10 == 3 {
			bars[i].Count = 1 + i%7
			withArticles++
		}
	}
	h := Bars("Per month", bars)
	root := parse(t, h)
	rects := barRects(root)
	if len(rects) != withArticles {
		t.Fatalf("%d bars drawn, want the %d with articles", len(rects), withArticles)
	}
	for _, r := range rects {
		if r.hasClass("bar-zero") {
			t.Errorf("an empty bar was drawn: %v", r)
		}
	}
	if n := len(root.all("a")); n != withArticles {
		t.Errorf("%d links, want %d", n, withArticles)
	}
	if len(h) > 250*withArticles+2000 {
		t.Errorf("chart of %d drawn bars is %d bytes", withArticles, len(h))
	}
	if got := root.attr("aria-label"); !strings.Contains(got, "m0 to m299") {
		t.Errorf("aria-label %q does not span the whole timeline", got)
	}
	// At the limit, empty bars are still marked.
	if rects := barRects(parse(t, Bars("Per day", bars[:maxZeroMarks]))); len(rects) != maxZeroMarks {
		t.Errorf("%d of %d bars drawn at the limit", len(rects), maxZeroMarks)
	}
}

// span is the horizontal extent of an axis label, as the package estimates it.
func span(tx node) (lo, hi float64) {
	x, _ := strconv.ParseFloat(tx.attr("x"), 64)
	half := float64(utf8.RuneCountInString(tx.Text)) * charWidth / 2
	return x - half, x + half
}

func TestLabelsNeverOverlap(t *testing.T) {
	for _, n := range []int{1, 2, 7, 12, 31, 60, 100, 240, 599, 600, 601} {
		for _, label := range []string{"14", "Mar 2024", "A very long label that goes on"} {
			bars := make([]Bar, n)
			for i := range bars {
				bars[i] = Bar{Label: label, Count: i % 9}
			}
			root := parse(t, Bars("t", bars))
			var prevHi = -1.0
			shown := 0
			for _, tx := range root.all("text") {
				if tx.attr("class") != "label" {
					continue
				}
				lo, hi := span(tx)
				if lo < 0 || hi > width || lo < prevHi {
					t.Errorf("n=%d %q: label at [%.1f, %.1f] overlaps or leaves the chart (previous ends %.1f)", n, label, lo, hi, prevHi)
				}
				prevHi = hi
				shown++
			}
			if shown == 0 {
				t.Errorf("n=%d %q: no axis label", n, label)
			}
		}
	}
}

func Test600Bars(t *testing.T) {
	bars := make([]Bar, 600)
	for i := range bars {
		d := time.Date(1975, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC)
		bars[i] = Bar{Label: d.Format("Jan 2006"), Count: (i * 7919) % 41, Href: d.Format("2006/01/")}
	}
	withArticles := 0
	for _, b := range bars {
		if b.Count > 0 {
			withArticles++
		}
	}
	h := Bars("Mentions per month", bars)
	root := parse(t, h)
	rects := barRects(root)
	if len(rects) != withArticles || len(root.all("a")) != withArticles {
		t.Fatalf("%d bars and %d links, want %d (the months with articles)", len(rects), len(root.all("a")), withArticles)
	}
	end := 0.0
	for i, r := range rects {
		x, _ := strconv.ParseFloat(r.attr("x"), 64)
		w, _ := strconv.ParseFloat(r.attr("width"), 64)
		if w <= 0 || x+0.02 < end {
			t.Fatalf("bar %d at x=%v width %v overlaps the previous, ending at %v", i, x, w, end)
		}
		end = x + w
	}
	if end > width {
		t.Errorf("bars end at %v, past the viewBox width %v", end, width)
	}
	var labels []string
	for _, tx := range root.all("text") {
		if tx.attr("class") == "label" {
			labels = append(labels, tx.Text)
		}
	}
	if len(labels) < 3 || len(labels) > 15 {
		t.Errorf("%d axis labels for 600 bars: %q", len(labels), labels)
	}
	for _, l := range labels {
		if !strings.HasPrefix(l, "Jan ") {
			t.Errorf("labels %q: with months, steps of whole years keep them on one month", labels)
			break
		}
	}
	if len(h) > 200_000 {
		t.Errorf("600 bars take %d bytes", len(h))
	}
}

func TestMaximumLabelled(t *testing.T) {
	root := parse(t, Bars("t", []Bar{{Label: "a", Count: 3}, {Label: "b", Count: 1234}}))
	for _, tx := range root.all("text") {
		if tx.hasClass("label-max") {
			if tx.Text != "1234" {
				t.Errorf("maximum labelled %q, want 1234", tx.Text)
			}
			return
		}
	}
	t.Error("no label-max")
}

func TestDeterministicAndTemplateSafe(t *testing.T) {
	bars := months(2023, 12)
	a, b := Bars("x", bars), Bars("x", bars)
	if a != b {
		t.Error("two calls gave different markup")
	}
	tmpl := template.Must(template.New("").Parse(`<figure>{{.}}</figure>`))
	var out bytes.Buffer
	if err := tmpl.Execute(&out, a); err != nil {
		t.Fatal(err)
	}
	if out.String() != "<figure>"+string(a)+"</figure>" {
		t.Error("html/template changed the chart")
	}
}

func TestSafeHref(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"2024/03/", "2024/03/"},
		{"../a:b", "../a:b"},
		{"?q=a:b", "?q=a:b"},
		{"#x:y", "#x:y"},
		{"HTTPS://example.org/", "HTTPS://example.org/"},
		{"mailto:a@example.org", "mailto:a@example.org"},
		{"javascript:x", ""},
		{"  jav\tascript:x", ""},
		{"vbscript:x", ""},
		{"data:text/html,x", ""},
	} {
		if got := safeHref(tc.in); got != tc.want {
			t.Errorf("safeHref(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkBars600(b *testing.B) {
	bars := make([]Bar, 600)
	for i := range bars {
		bars[i] = Bar{Label: strconv.Itoa(i), Count: i % 17, Href: strconv.Itoa(i) + "/"}
	}
	b.ReportAllocs()
	for b.Loop() {
		Bars("t", bars)
	}
}

func ExampleBars() {
	svg := Bars("Articles per year", []Bar{
		{Label: "2023", Count: 2, Href: "2023/"},
		{Label: "2024", Count: 5},
	})
	fmt.Println(svg)
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 640 160" width="100%" role="group" aria-label="Articles per year, 2023 to 2024: 7 articles, at most 5 in 2024.">
	// <g class="bars" fill="#4a6fa5">
	// <a href="2023/"><title>2023: 2 articles</title><rect class="hit" x="144.95" y="12" width="56" height="128" fill="transparent"/><rect class="bar" x="148.95" y="88.8" width="48" height="51.2"/></a>
	// <rect class="bar" x="457.65" y="12" width="48" height="128"><title>2024: 5 articles</title></rect>
	// </g>
	// <line class="axis" x1="18.6" y1="140" x2="636" y2="140" stroke="#767676" stroke-width="1"/>
	// <line class="grid" x1="18.6" y1="12" x2="636" y2="12" stroke="#d0d0d0" stroke-width="0.5" stroke-dasharray="3 3"/>
	// <g class="labels" font-family="sans-serif" font-size="10" fill="#595959">
	// <text class="label label-max" x="12.4" y="15.5" text-anchor="end">5</text>
	// <text class="label label-zero" x="12.4" y="143.5" text-anchor="end">0</text>
	// <text class="label" x="172.95" y="154" text-anchor="middle">2023</text>
	// <text class="label" x="481.65" y="154" text-anchor="middle">2024</text>
	// </g>
	// </svg>
}
