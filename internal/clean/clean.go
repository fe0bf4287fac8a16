package clean

import (
	"strings"
	"time"
)

// Result is the cleaned text of one article plus what cleaning learnt on the
// way.
type Result struct {
	// Body is the cleaned Markdown: paragraphs separated by "\n\n", "## "
	// subheadings, every other Markdown or HTML character escaped. The lead
	// dateline, when there is one, stays at the start of the first
	// paragraph: it is part of the article's text.
	Body string

	// Title is a title line that was removed from the top: a first line
	// repeated as the second, or a headline-shaped first line (short, no
	// closing punctuation, followed by the body). "" if none. Plain text.
	Title string

	// Prefix is a metadata prefix such as "date 2022-10-07" that was removed
	// from the start of the lead ("" if none).
	Prefix string

	// Dateline is the lead dateline, when the article opens with one. It is
	// also left in Body.
	Dateline Dateline

	// Marks are calendar marks found at the article's end, after its end
	// mark or on its closing address line (e.g. "Juche111.10.7."). Marks in
	// removed footers and teaser lists are not collected.
	Marks []string

	// Removed lists every removed line, in order, for diagnostics and tests.
	Removed []string
}

// Dateline is the place, day and agency a news story opens with, as in
// "Pyongyang, October 7 (KCNA) --" or "SALVADOR, Feb 26 -". Fields absent
// from the dateline are zero; the whole value is zero when there is none.
type Dateline struct {
	Place  string
	Month  time.Month
	Day    int
	Year   int // only when the dateline itself names one
	Agency string
}

// IsZero reports whether d is absent.
func (d Dateline) IsZero() bool { return d == Dateline{} }

// Text cleans plain text: scraped pages, JSON bodies, text extracted from
// HTML.
func Text(s string) Result {
	return TextWith(s, Options{})
}

// Options refine cleaning with what the caller knows.
type Options struct {
	// KnownName reports whether a name ("Kim Jong Il") is a known
	// person's, so that a word fused to its end can be split off even
	// when the article gives no other evidence ("Kim Jong Illed").
	KnownName func(string) bool
}

// TextWith is Text with options.
func TextWith(s string, opts Options) Result {
	var r Result
	paras := paragraphs(normalise(s))
	paras = r.dropTitle(paras)
	paras = r.dropPrefix(paras)
	if r.Title == "" && r.Prefix != "" {
		// A prefix may stand before the title line: " date 2024-03-05 Title".
		paras = r.dropTitle(paras)
	}
	paras = r.dropTrailer(paras)
	paras = r.dropLines(paras)
	paras = r.dropRepeats(paras)
	paras = repairGlue(paras, opts.KnownName)
	if len(paras) > 0 {
		r.Dateline = parseDateline(paras[0])
	}
	r.Body = render(paras)
	return r
}

// Markdown normalises an already clean Markdown body: line endings, invalid
// UTF-8, control characters, no-break spaces, trailing blanks and runs of
// blank lines. It does not rewrite the Markdown itself.
func Markdown(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.TrimPrefix(s, "\uFEFF")
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for _, line := range lines {
		line = strings.TrimRight(mapSpace(line, false), " \t")
		if line == "" {
			blank++
			continue
		}
		if b.Len() > 0 && blank > 0 {
			b.WriteString("\n\n")
		} else if b.Len() > 0 {
			b.WriteByte('\n')
		}
		blank = 0
		b.WriteString(line)
	}
	if b.Len() == 0 {
		return ""
	}
	b.WriteByte('\n')
	return b.String()
}

func (r *Result) remove(s string) { r.Removed = append(r.Removed, s) }

// render escapes and joins the paragraphs, turning short title-shaped lines
// inside the body into subheadings.
func render(paras []string) string {
	n := 0
	for _, p := range paras {
		n += len(p) + len(p)/16 + 5
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		if i > 0 && i+1 < len(paras) && isSubheading(p, paras[i+1]) {
			// A heading's closing run of "#" would not be shown.
			text := strings.TrimRight(p, "#")
			b.WriteString("## ")
			escapeTo(&b, text)
			b.WriteString(strings.Repeat(`\#`, len(p)-len(text)))
			continue
		}
		escapeTo(&b, p)
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}
