package htmltext

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// decode checks that data looks like HTML and returns it as NFC-normalised
// UTF-8.
//
// Bytes that are valid UTF-8 are trusted over the page's <meta charset>:
// crawlers often transcode pages and leave the old declaration in place.
// Other bytes are decoded with the encoding the page declares (byte order
// mark, <meta charset> or http-equiv), and as Windows-1252 when it declares
// none or wrongly claims UTF-8.
func decode(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if hasUTF16BOM(data) {
		enc, _, _ := charset.DetermineEncoding(data, "")
		decoded, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, ErrNotHTML
		}
		data = decoded
	}
	// A few stray NUL bytes occur in real crawls; many mean binary data.
	if nul := bytes.Count(data, []byte{0}); nul > 0 {
		if nul > len(data)/100+1 {
			return nil, ErrNotHTML
		}
		data = bytes.ReplaceAll(data, []byte{0}, nil)
	}
	if !utf8.Valid(data) {
		enc, name, _ := charset.DetermineEncoding(data, "")
		if name == "utf-8" {
			enc = charmap.Windows1252
		}
		decoded, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, ErrNotHTML
		}
		data = decoded
	}
	if !looksLikeHTML(data) {
		return nil, ErrNotHTML
	}
	return closeTitle(norm.NFC.Bytes(data)), nil
}

// closeTitle closes a <title> element the page never closes. Crawls
// sometimes lose bytes inside the title; an HTML parser then reads the rest
// of the page as the title's text and finds no body. The title is closed at
// the end of its first line or at the next "<", whichever comes first.
func closeTitle(data []byte) []byte {
	lower := bytes.ToLower(data)
	start := indexTag(lower, []byte("<title"), 0)
	if start < 0 {
		return data
	}
	gt := bytes.IndexByte(lower[start:], '>')
	if gt < 0 {
		return data
	}
	text := start + gt + 1
	end := indexTag(lower, []byte("</title"), text)
	body := indexTag(lower, []byte("<body"), text)
	if end >= 0 && (body < 0 || end < body) {
		return data
	}
	cut := bytes.IndexAny(data[text:], "\n<")
	if cut < 0 {
		return data
	}
	cut += text
	fixed := make([]byte, 0, len(data)+len("</title>"))
	fixed = append(fixed, data[:cut]...)
	fixed = append(fixed, "</title>"...)
	return append(fixed, data[cut:]...)
}

// indexTag returns the index at or after from of the tag name (given with
// its "<" or "</") followed by white space, "/" or ">", or -1.
func indexTag(lower, tag []byte, from int) int {
	for from < len(lower) {
		i := bytes.Index(lower[from:], tag)
		if i < 0 {
			return -1
		}
		i += from
		next := i + len(tag)
		if next >= len(lower) {
			return -1
		}
		switch lower[next] {
		case ' ', '\t', '\n', '\r', '\f', '/', '>':
			return i
		}
		from = next
	}
	return -1
}

func hasUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe})
}

// looksLikeHTML reports whether data holds at least one known HTML element
// and is not JSON.
func looksLikeHTML(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n\f")
	if len(trimmed) == 0 || trimmed[0] == '{' || trimmed[0] == '[' {
		return false
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if atom.Lookup(name) != 0 {
				return true
			}
		}
	}
}
