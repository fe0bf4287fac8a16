package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one input line with the width of its indentation.
type line struct {
	text   string
	indent int
}

// normalise repairs the encoding and the whitespace of s and splits it into
// trimmed lines, remembering each line's indentation.
func normalise(s string) []line {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	raw := strings.Split(s, "\n")
	lines := make([]line, 0, len(raw))
	for _, l := range raw {
		l = mapSpace(l, true)
		t := strings.TrimLeft(l, " ")
		lines = append(lines, line{text: spaceAfter(collapse(strings.TrimRight(t, " "))), indent: len(l) - len(t)})
	}
	return lines
}

// mapSpace turns Unicode spaces (no-break, thin, ideographic, line and
// paragraph separators) into ASCII spaces and drops control, soft-hyphen and
// zero-width characters. Tabs become spaces in text; Markdown keeps them, as
// they may indent code.
func mapSpace(s string, text bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' && text:
			return ' '
		case r == '\t':
			return r
		case r == '\u00a0', r == '\u2028', r == '\u2029', r == '\u0085', r == '\u3000':
			return ' '
		case r >= '\u2000' && r <= '\u200a', r == '\u202f', r == '\u205f':
			return ' '
		case r == '\u200b', r == '\u2060', r == '\ufeff', r == '\u00ad':
			return -1
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return -1
		}
		return r
	}, s)
}

// collapse replaces runs of spaces by one space and closes the space KCNA
// leaves before a comma ("Kim Jong Un , president").
func collapse(s string) string {
	if !strings.Contains(s, "  ") && !strings.Contains(s, " ,") && !strings.Contains(s, " ;") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' && i+1 < len(s) {
			next := s[i+1]
			if next == ' ' {
				continue
			}
			if (next == ',' || next == ';') && i > 0 && isWordByte(s[i-1]) && (i+2 == len(s) || s[i+2] == ' ') {
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// spaceAfter opens a space a scraper dropped after a comma or period
// between a letter and a capitalised word: "Sung,Kim", "H.E.Kim".
func spaceAfter(s string) string {
	var b []byte
	last := 0
	for i := 1; i+3 < len(s); i++ {
		c := s[i]
		if (c == ',' || c == '.' || c == ';') && isLetter(s[i-1]) && isUpper(s[i+1]) && isLower(s[i+2]) && isLower(s[i+3]) {
			b = append(b, s[last:i+1]...)
			b = append(b, ' ')
			last = i + 1
		}
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// paragraphs groups lines into paragraphs. Blank lines always separate
// paragraphs. Within a block of consecutive lines, each line is a paragraph,
// unless the block is hard-wrapped: then lines are joined, and a new
// paragraph starts at each indented line (wire copy like Reuters indents
// paragraphs by four spaces and wraps at about 70 columns).
func paragraphs(lines []line) []string {
	var paras []string
	for start := 0; start < len(lines); {
		if lines[start].text == "" {
			start++
			continue
		}
		end := start
		for end < len(lines) && lines[end].text != "" {
			end++
		}
		paras = appendBlock(paras, lines[start:end])
		start = end
	}
	return paras
}

func appendBlock(paras []string, block []line) []string {
	if !wrapped(block) {
		for _, l := range block {
			paras = append(paras, l.text)
		}
		return paras
	}
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			paras = append(paras, b.String())
			b.Reset()
		}
	}
	for i, l := range block {
		closing := signOff.MatchString(l.text) || endLine.MatchString(l.text)
		if i > 0 && (l.indent >= 2 || closing) {
			flush()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l.text)
	}
	flush()
	return paras
}

// wrapped reports whether a block of lines is hard-wrapped text: most of
// its lines but the last fill a column of 40 to 90 characters and run on
// into the next line.
func wrapped(block []line) bool {
	if len(block) < 3 {
		return false
	}
	long, runOn := 0, 0
	for i, l := range block[:len(block)-1] {
		n := utf8.RuneCountInString(l.text)
		if n > 100 {
			return false
		}
		if n >= 35 {
			long++
		}
		next := block[i+1]
		if next.indent < 2 && !endsSentence(l.text) {
			runOn++
		}
	}
	lines := len(block) - 1
	return long*3 >= lines*2 && runOn*2 >= lines
}

// endsSentence reports whether s ends with closing punctuation.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', ':', ';', '"', '\'', '”', '’', ')', '…':
		return true
	}
	return false
}

// words counts the space-separated words of s.
func words(s string) int { return len(strings.Fields(s)) }

// startsUpper reports whether s starts with an upper-case letter or a digit.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
