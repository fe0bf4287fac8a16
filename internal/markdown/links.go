package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Link asks for the first mention of something in a body to link to Href:
// the earliest place any of Forms occurs as whole words.
type Link struct {
	Forms []string
	Href  string
}

var linksKey = parser.NewContextKey()

// RenderLinked is Render, with the first mention of each link's forms in
// the body's paragraphs linked (never inside headings, links or code).
func RenderLinked(source []byte, links []Link) ([]byte, error) {
	if len(links) == 0 {
		return Render(source)
	}
	ctx := parser.NewContext()
	ctx.Set(linksKey, links)
	var b bytes.Buffer
	b.Grow(len(source) + len(source)/4)
	if err := md.Convert(source, &b, parser.WithContext(ctx)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// firstMentions links the first mention of each requested link.
type firstMentions struct{}

func (firstMentions) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	links, _ := pc.Get(linksKey).([]Link)
	if len(links) == 0 {
		return
	}
	done := make([]bool, len(links))
	left := len(links)
	source := reader.Source()
	var texts []*ast.Text
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading, ast.KindLink, ast.KindAutoLink, ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindImage:
			return ast.WalkSkipChildren, nil
		case ast.KindText:
			texts = append(texts, n.(*ast.Text))
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		if left == 0 {
			return
		}
		cur := t
		for cur != nil && left > 0 {
			seg := cur.Segment
			value := string(seg.Value(source))
			li, start, end := earliest(value, links, done)
			if li < 0 {
				break
			}
			done[li] = true
			left--
			cur = split(cur, seg, start, end, links[li].Href)
		}
	}
}

// earliest finds the earliest whole-word occurrence in s of a form of a
// link not yet done; longer forms win at the same place.
func earliest(s string, links []Link, done []bool) (li, start, end int) {
	li, start, end = -1, len(s)+1, 0
	for i, l := range links {
		if done[i] {
			continue
		}
		for _, f := range l.Forms {
			if f == "" {
				continue
			}
			at := wholeWord(s, f)
			if at < 0 {
				continue
			}
			if at < start || at == start && at+len(f) > end {
				li, start, end = i, at, at+len(f)
			}
		}
	}
	return li, start, end
}

// wholeWord finds f in s with no letter or digit on either side.
func wholeWord(s, f string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], f)
		if i < 0 {
			return -1
		}
		i += off
		if !wordByte(s, i-1) && !wordByte(s, i+len(f)) {
			return i
		}
		off = i + 1
	}
}

func wordByte(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// split turns text node t into [before][link][after] and returns the
// after node (nil when empty), which may hold further mentions.
func split(t *ast.Text, seg text.Segment, start, end int, href string) *ast.Text {
	parent := t.Parent()
	linkText := ast.NewTextSegment(text.NewSegment(seg.Start+start, seg.Start+end))
	link := ast.NewLink()
	link.Destination = []byte(href)
	link.AppendChild(link, linkText)
	var after *ast.Text
	if seg.Start+end < seg.Stop {
		after = ast.NewTextSegment(text.NewSegment(seg.Start+end, seg.Stop))
		after.SetSoftLineBreak(t.SoftLineBreak())
		after.SetHardLineBreak(t.HardLineBreak())
	}
	if start > 0 {
		t.Segment = text.NewSegment(seg.Start, seg.Start+start)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent.InsertAfter(parent, t, link)
	} else {
		parent.ReplaceChild(parent, t, link)
	}
	if after != nil {
		parent.InsertAfter(parent, link, after)
	}
	return after
}
