// Package markdown renders article bodies to HTML with one shared goldmark
// instance. Rendering is safe: raw HTML in the Markdown is dropped and
// dangerous link schemes (javascript:, vbscript:, data:) are not linked —
// goldmark's default, never switched off here. Nothing it writes has a
// style attribute, which the pages' Content-Security-Policy would block.
//
// Paragraphs at the top level of the body get ids p1, p2, … so a passage
// can be linked (#p3); headings get ids from their text.
//
// Render is safe for concurrent use: goldmark's instance is immutable after
// construction and every call gets its own parser.Context.
package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var md = goldmark.New(
	// Table cells are aligned by the align attribute: a style attribute
	// would break the pages' Content-Security-Policy (style-src 'self').
	goldmark.WithExtensions(extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), extension.Strikethrough),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(paragraphIDs{}, 100), util.Prioritized(firstMentions{}, 200)),
	),
)

// Render converts a Markdown body to HTML.
func Render(source []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(source) + len(source)/4)
	if err := md.Convert(source, &b, parser.WithContext(parser.NewContext())); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// paragraphIDs numbers the top-level paragraphs.
type paragraphIDs struct{}

func (paragraphIDs) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	n := 0
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			n++
			c.SetAttributeString("id", []byte("p"+strconv.Itoa(n)))
		}
	}
}
