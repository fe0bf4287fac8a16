package chart

import (
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A Bar is one column of a chart.
type Bar struct {
	// Label names the bar, e.g. "Mar 2024" or "14": it is shown in the
	// bar's tooltip and, for every k-th bar, on the axis.
	Label string
	Count int // negative counts are drawn as zero
	// Href is the relative link the bar opens, "" for none.
	Href string
}

// Geometry, in viewBox units. The width is fixed so that every chart has the
// same aspect ratio; bars get narrower as there are more of them.
const (
	width       = 640.0
	height      = 160.0
	top         = 12.0 // room for the maximum's label
	bottom      = 20.0 // room for the axis labels
	right       = 4.0
	fontSize    = 10.0
	charWidth   = 0.62 * fontSize // a generous average for sans-serif
	labelGap    = 2 * charWidth   // the least space between two axis labels
	maxLabelLen = 16              // axis labels are cut to this many runes
	maxBarWidth = 48.0
	// maxZeroMarks is the most bars a chart draws zero marks for: a
	// month of days or a few years of months. A longer timeline, such as
	// twenty years of an entity's mentions, leaves its empty bars out and
	// the baseline stands for them, which keeps pages small.
	maxZeroMarks = 62
	zeroHeight   = 1.5 // the mark drawn for a bar with no articles
	minHeight    = 1.0 // the least height of a bar with articles
)

// Default colours, as presentation attributes: any CSS rule overrides them.
const (
	barFill   = "#4a6fa5"
	zeroFill  = "#aab4c3"
	axisColor = "#767676"
	gridColor = "#d0d0d0"
	textColor = "#595959"
)

// niceSteps are the preferred intervals between axis labels: with months,
// 12, 24, … keep the labels on the same month of each year.
var niceSteps = []int{1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 24, 30, 36, 48, 60, 120, 180, 240, 300, 360, 600}

// Bars renders bars as an inline SVG bar chart titled title.
//
// The <svg> scales to the width of its container (width="100%" and a
// viewBox) and carries an aria-label that summarises the chart: the title,
// the span from the first to the last label, the total and the maximum. It
// has role="img" when no bar is linked. When a bar is linked it has
// role="group" instead, since an img's content is hidden from assistive
// technology and its links would be unreachable.
//
// Each bar is a <rect class="bar"> with a <title> "Label: N articles"; a bar
// with an Href is wrapped in an <a href> that also holds a transparent
// full-height <rect class="hit">, a little wider than the bar, so that short
// bars are easy to click. On charts of at most maxZeroMarks bars, bars with
// no articles are drawn as a thin mark on the baseline (class "bar
// bar-zero") and stay linkable; longer charts leave them out, and the
// baseline stands for them. Under the baseline (class "axis") every k-th
// label is written (class "label"), k chosen so that labels never overlap;
// the maximum is labelled on the left with a dashed line (class "grid").
//
// With no bars the chart is an empty baseline labelled "no articles".
func Bars(title string, bars []Bar) template.HTML {
	maxCount, total, maxAt, linked := 0, 0, -1, false
	for i, b := range bars {
		c := max(b.Count, 0)
		total += c
		if c > maxCount {
			maxCount, maxAt = c, i
		}
		if safeHref(b.Href) != "" {
			linked = true
		}
	}

	var s strings.Builder
	s.Grow(256 + 256*len(bars))
	role := "img"
	if linked {
		role = "group"
	}
	s.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 `)
	s.WriteString(num(width) + " " + num(height))
	s.WriteString(`" width="100%" role="` + role + `" aria-label="`)
	s.WriteString(attr(summary(title, bars, total, maxCount, maxAt)))
	s.WriteString("\">\n")

	maxText := strconv.Itoa(maxCount)
	left := math.Max(float64(len(maxText))*charWidth+2*charWidth, 3*charWidth)
	plotW := width - left - right
	plotH := height - top - bottom
	baseline := top + plotH
	slot := plotW
	if len(bars) > 0 {
		slot = plotW / float64(len(bars))
	}
	barW := math.Min(slot*0.8, maxBarWidth)
	if slot < 3 {
		barW = slot // a gap under a unit wide only blurs the bars
	}

	// Bars.
	s.WriteString(`<g class="bars" fill="` + barFill + "\">\n")
	zeroMarks := len(bars) <= maxZeroMarks
	for i, b := range bars {
		c := max(b.Count, 0)
		if c == 0 && !zeroMarks {
			continue
		}
		x0 := left + float64(i)*slot
		x := x0 + (slot-barW)/2
		h, class, fill := zeroHeight, "bar bar-zero", ` fill="`+zeroFill+`"`
		if c > 0 {
			h, class, fill = math.Max(float64(c)/float64(maxCount)*plotH, minHeight), "bar", ""
		}
		tip := text(b.Label) + ": " + articles(c)
		rect := `<rect class="` + class + `" x="` + num(x) + `" y="` + num(baseline-h) +
			`" width="` + num(barW) + `" height="` + num(h) + `"` + fill
		if href := safeHref(b.Href); href != "" {
			s.WriteString(`<a href="` + attr(href) + `"><title>` + html.EscapeString(tip) + "</title>")
			hitW := math.Min(slot, barW+8)
			s.WriteString(`<rect class="hit" x="` + num(x0+(slot-hitW)/2) + `" y="` + num(top) + `" width="` + num(hitW) +
				`" height="` + num(plotH) + `" fill="transparent"/>`)
			s.WriteString(rect + "/></a>\n")
		} else {
			s.WriteString(rect + "><title>" + html.EscapeString(tip) + "</title></rect>\n")
		}
	}
	s.WriteString("</g>\n")

	// Baseline and the maximum's grid line.
	s.WriteString(`<line class="axis" x1="` + num(left) + `" y1="` + num(baseline) + `" x2="` + num(width-right) +
		`" y2="` + num(baseline) + `" stroke="` + axisColor + "\" stroke-width=\"1\"/>\n")
	if maxCount > 0 {
		s.WriteString(`<line class="grid" x1="` + num(left) + `" y1="` + num(top) + `" x2="` + num(width-right) +
			`" y2="` + num(top) + `" stroke="` + gridColor + "\" stroke-width=\"0.5\" stroke-dasharray=\"3 3\"/>\n")
	}

	// Labels: the maximum on the left, every k-th bar under the axis.
	s.WriteString(`<g class="labels" font-family="sans-serif" font-size="` + num(fontSize) + `" fill="` + textColor + "\">\n")
	if maxCount > 0 {
		s.WriteString(`<text class="label label-max" x="` + num(left-charWidth) + `" y="` + num(top+fontSize*0.35) +
			`" text-anchor="end">` + maxText + "</text>\n")
	}
	s.WriteString(`<text class="label label-zero" x="` + num(left-charWidth) + `" y="` + num(baseline+fontSize*0.35) +
		"\" text-anchor=\"end\">0</text>\n")
	if len(bars) == 0 {
		s.WriteString(`<text class="label" x="` + num(left+plotW/2) + `" y="` + num(top+plotH/2) +
			"\" text-anchor=\"middle\">no articles</text>\n")
	}
	for _, l := range axisLabels(bars, left, slot) {
		s.WriteString(`<text class="label" x="` + num(l.x) + `" y="` + num(height-fontSize*0.6) +
			`" text-anchor="middle">` + html.EscapeString(l.text) + "</text>\n")
	}
	s.WriteString("</g>\n</svg>")

	// Every caller-supplied string above went through html.EscapeString.
	return template.HTML(s.String())
}

type axisLabel struct {
	x    float64
	text string
}

// axisLabels picks the labels written under the axis: every k-th bar's,
// where k is the smallest nice step that leaves room for the widest label,
// and then only those that fit inside the chart without touching the
// previous one.
func axisLabels(bars []Bar, left, slot float64) []axisLabel {
	widest := 0
	texts := make([]string, len(bars))
	for i, b := range bars {
		texts[i] = shorten(text(b.Label))
		widest = max(widest, utf8.RuneCountInString(texts[i]))
	}
	if widest == 0 {
		return nil
	}
	need := int(math.Ceil((float64(widest)*charWidth + labelGap) / slot))
	k := need
	for _, step := range niceSteps {
		if step >= need {
			k = step
			break
		}
	}

	var out []axisLabel
	prevRight := math.Inf(-1)
	for i := 0; i < len(bars); i += k {
		if texts[i] == "" {
			continue
		}
		half := float64(utf8.RuneCountInString(texts[i])) * charWidth / 2
		x := left + (float64(i)+0.5)*slot
		x = math.Min(math.Max(x, half), width-half) // keep it inside the chart
		if x-half < prevRight+labelGap {
			continue
		}
		out = append(out, axisLabel{x, texts[i]})
		prevRight = x + half
	}
	return out
}

// summary is the chart's aria-label, e.g. "Articles per month, Jan 2024 to
// Dec 2024: 340 articles, at most 52 in Mar 2024."
func summary(title string, bars []Bar, total, maxCount, maxAt int) string {
	s := strings.TrimSpace(text(title))
	if s == "" {
		s = "Articles"
	}
	switch len(bars) {
	case 0:
	case 1:
		s += ", " + text(bars[0].Label)
	default:
		s += ", " + text(bars[0].Label) + " to " + text(bars[len(bars)-1].Label)
	}
	if total == 0 {
		return s + ": no articles."
	}
	s += ": " + articles(total)
	if len(bars) > 1 {
		s += ", at most " + strconv.Itoa(maxCount) + " in " + text(bars[maxAt].Label)
	}
	return s + "."
}

func articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return strconv.Itoa(n) + " articles"
}

// shorten cuts an axis label to maxLabelLen runes; the tooltip keeps it whole.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxLabelLen {
		return s
	}
	r := []rune(s)
	return string(r[:maxLabelLen-1]) + "…"
}

// text returns s as one line of XML-safe text: without invalid UTF-8,
// without the characters XML 1.0 forbids, and with line breaks and tabs
// turned into spaces.
func text(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20 || r >= 0xD800 && r < 0xE000 || r == 0xFFFE || r == 0xFFFF:
			return -1
		}
		return r
	}, s)
}

// attr escapes s for a double-quoted attribute in HTML and in XML.
func attr(s string) string { return html.EscapeString(text(s)) }

// safeHref returns href, or "" when it is empty or names a scheme other than
// http, https or mailto (such as javascript:). Browsers ignore ASCII
// whitespace and controls inside a scheme, so the check does too.
func safeHref(href string) string {
	href = strings.TrimSpace(text(href))
	var scheme strings.Builder
	for _, r := range href {
		if r == ':' {
			switch strings.ToLower(scheme.String()) {
			case "http", "https", "mailto":
				return href
			}
			return ""
		}
		if r == '/' || r == '?' || r == '#' {
			break
		}
		if r > ' ' {
			scheme.WriteRune(r)
		}
	}
	return href
}

// num formats a coordinate with at most two decimals.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}
