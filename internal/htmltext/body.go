package htmltext

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// renderBody writes trafilatura's content tree as Markdown-ish plain text:
// one block per paragraph, heading, list, quote, preformatted text or table,
// blocks separated by a blank line. A leading heading that repeats the title
// is dropped: the title is kept in Page.Title.
func renderBody(content *html.Node, title string) string {
	if content == nil {
		return ""
	}
	var w bodyWriter
	w.blocks(content)
	w.flush()
	blocks := w.out
	if len(blocks) > 0 && title != "" && sameText(strings.TrimPrefix(blocks[0], "## "), title) {
		blocks = blocks[1:]
	}
	return strings.Join(blocks, "\n\n")
}

// bodyWriter collects finished blocks in out and the text of the current
// paragraph in line.
type bodyWriter struct {
	out  []string
	line strings.Builder
}

// flush ends the current paragraph.
func (w *bodyWriter) flush() {
	if text := tidy(w.line.String()); hasWord(text) {
		w.out = append(w.out, text)
	}
	w.line.Reset()
}

// blocks writes the children of n, which may hold both blocks and inline
// text.
func (w *bodyWriter) blocks(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
}

func (w *bodyWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		// Line breaks in the source are white space; only <br> breaks lines.
		w.line.WriteString(strings.NewReplacer("\n", " ", "\r", " ").Replace(n.Data))
		return
	case html.ElementNode:
	default:
		return
	}
	switch n.Data {
	case "script", "style", "noscript", "template", "img", "graphic", "svg", "iframe", "button", "form", "input", "select", "textarea":
	case "br", "lb":
		w.line.WriteString("\n")
	case "hr":
		w.flush()
	case "h1", "h2", "h3", "h4", "h5", "h6", "head", "summary":
		w.flush()
		if text := clean(inlineText(n)); text != "" {
			w.out = append(w.out, "## "+text)
		}
	case "ul", "ol", "dl", "list":
		w.flush()
		var b strings.Builder
		listItems(&b, n, 0)
		if text := strings.TrimRight(b.String(), "\n"); text != "" {
			w.out = append(w.out, text)
		}
	case "li", "item", "dt", "dd": // an item outside a list
		w.flush()
		if text := clean(inlineText(n)); text != "" {
			w.out = append(w.out, "- "+text)
		}
	case "blockquote", "quote", "q":
		w.flush()
		var inner bodyWriter
		inner.blocks(n)
		inner.flush()
		for _, block := range inner.out {
			w.out = append(w.out, "> "+strings.ReplaceAll(block, "\n", "\n> "))
		}
	case "pre":
		w.flush()
		if text := strings.Trim(textContent(n), "\n"); strings.TrimSpace(text) != "" {
			w.out = append(w.out, text)
		}
	case "table":
		w.flush()
		if cells := layoutCells(n); cells != nil {
			for _, cell := range cells {
				w.blocks(cell)
				w.flush()
			}
		} else if text := tableText(n); text != "" {
			w.out = append(w.out, text)
		}
	case "p", "div", "section", "article", "main", "body", "header", "footer",
		"figure", "figcaption", "caption", "address", "details", "center", "aside":
		w.flush()
		w.blocks(n)
		w.flush()
	default: // inline: a, em, strong, span, code, hi, ref, ...
		w.blocks(n)
	}
}

// listItems writes each item of list as "- item", nested lists indented by
// two spaces per level.
func listItems(b *strings.Builder, list *html.Node, depth int) {
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "li", "item", "dt", "dd":
		case "ul", "ol", "dl", "list":
			listItems(b, c, depth+1)
			continue
		default:
			if text := clean(inlineText(c)); text != "" {
				writeItem(b, depth, text)
			}
			continue
		}
		var own strings.Builder
		var nested []*html.Node
		for g := c.FirstChild; g != nil; g = g.NextSibling {
			if g.Type == html.ElementNode && (g.Data == "ul" || g.Data == "ol" || g.Data == "dl" || g.Data == "list") {
				nested = append(nested, g)
				continue
			}
			own.WriteString(" " + inlineText(g))
		}
		if text := clean(own.String()); text != "" {
			writeItem(b, depth, text)
		}
		for _, g := range nested {
			listItems(b, g, depth+1)
		}
	}
}

func writeItem(b *strings.Builder, depth int, text string) {
	b.WriteString(strings.Repeat("  ", depth))
	b.WriteString("- ")
	b.WriteString(text)
	b.WriteString("\n")
}

// layoutCellWords is the length of a table cell that marks a layout table:
// a table that lays out the page rather than holding data, one cell holding
// the article and the others menus, sidebars and footers.
const layoutCellWords = 80

// layoutCells returns the cells of a layout table that hold running text:
// those at least a quarter as long as the longest. It returns nil for a data
// table.
func layoutCells(table *html.Node) []*html.Node {
	var cells []*html.Node
	var words []int
	longest := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "td" || c.Data == "th" || c.Data == "cell" {
				count := len(strings.Fields(textContent(c)))
				cells = append(cells, c)
				words = append(words, count)
				longest = max(longest, count)
				continue
			}
			walk(c)
		}
	}
	walk(table)
	if longest < layoutCellWords {
		return nil
	}
	var kept []*html.Node
	for i, c := range cells {
		if 4*words[i] >= longest {
			kept = append(kept, c)
		}
	}
	return kept
}

// tableText writes one line per row, cells separated by " | ".
func tableText(table *html.Node) string {
	var lines []string
	var rows func(n *html.Node)
	rows = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "tr", "row":
				var cells []string
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if text := clean(inlineText(cell)); text != "" {
						cells = append(cells, text)
					}
				}
				if len(cells) > 0 {
					lines = append(lines, strings.Join(cells, " | "))
				}
			case "table":
				if text := tableText(c); text != "" {
					lines = append(lines, text)
				}
			default:
				rows(c)
			}
		}
	}
	rows(table)
	return strings.Join(lines, "\n")
}

// inlineText is the text of n with block boundaries turned into spaces.
func inlineText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			}
			b.WriteString(" ")
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			if !isInline(n.Data) {
				b.WriteString(" ")
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !isInline(c.Data) {
			b.WriteString(" ")
		}
		walk(c)
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	return b.String()
}

// textContent is the raw text under n, white space kept.
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "br" || n.Data == "lb") {
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func isInline(tag string) bool {
	switch tag {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "hi", "i",
		"kbd", "mark", "q", "ref", "s", "samp", "small", "span", "strong", "sub", "sup",
		"time", "u", "var", "del", "ins", "font", "tt":
		return true
	}
	return false
}

// hasWord reports whether s holds a letter or a digit: a block of only
// punctuation ("·", "|") is left over from furniture.
func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// tidy collapses white space within each line of a paragraph (lines come
// from <br>) and drops empty lines.
func tidy(s string) string {
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		if line = clean(line); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
