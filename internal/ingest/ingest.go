package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/afero"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// MaxFileSize is the largest input read; larger files are reported and
// skipped rather than read into memory.
const MaxFileSize = 256 << 20

// MaxArticleSize is the most text one article may hold. More is a dump of
// many articles, or no article at all: it is reported and skipped, as
// finding its metadata and entities would take minutes.
const MaxArticleSize = 8 << 20

// tooLarge is the reason an article of n bytes of text is skipped, or nil.
func tooLarge(n int) error {
	if n <= MaxArticleSize {
		return nil
	}
	return fmt.Errorf("skipped: the article's text is %.1f MB, more than the %d MB an article may hold; split it into its articles",
		float64(n)/(1<<20), MaxArticleSize>>20)
}

// Input is one file to read.
type Input struct {
	Path string // path on the file system
	Name string // name recorded in the article's origin
}

// Inputs expands paths (files, or folders read recursively) into the files
// to read, in a deterministic order. Files whose format is unknown are
// skipped with a warning; hidden files and folders are skipped silently.
func Inputs(fsys afero.Fs, paths []string, diags *diag.List) []Input {
	var out []Input
	for _, p := range paths {
		info, err := fsys.Stat(p)
		if err != nil {
			diags.Errorf(p, 0, "cannot read: %v", unwrapPath(err))
			continue
		}
		if !info.IsDir() {
			if FormatOf(p) == "" {
				diags.Warnf(p, 0, "skipped: not a known input format (.txt, .html, .md, .json, .jsonl)")
				continue
			}
			out = append(out, Input{Path: p, Name: filepath.Base(p)})
			continue
		}
		var found []Input
		err = afero.Walk(fsys, p, func(file string, info fs.FileInfo, err error) error {
			if err != nil {
				diags.Errorf(file, 0, "cannot read: %v", unwrapPath(err))
				return nil
			}
			base := info.Name()
			if strings.HasPrefix(base, ".") && file != p {
				if info.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if info.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(p, file)
			if FormatOf(file) == "" {
				diags.Warnf(file, 0, "skipped: not a known input format (.txt, .html, .md, .json, .jsonl)")
				return nil
			}
			found = append(found, Input{Path: file, Name: filepath.ToSlash(rel)})
			return nil
		})
		if err != nil {
			diags.Errorf(p, 0, "cannot read: %v", unwrapPath(err))
		}
		slices.SortFunc(found, func(a, b Input) int { return strings.Compare(a.Name, b.Name) })
		out = append(out, found...)
	}
	return out
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// FormatOf returns the format a file is read as, from its extension, or ""
// when the extension is unknown.
func FormatOf(name string) article.Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text":
		return article.Text
	case ".html", ".htm", ".xhtml":
		return article.HTML
	case ".md", ".markdown":
		return article.Markdown
	case ".json", ".jsonl", ".ndjson":
		return article.JSON
	}
	return ""
}

// ReadFile reads one input into its articles. Diagnostics name in.Path.
func ReadFile(fsys afero.Fs, in Input, fields config.Fields, diags *diag.List) []article.Raw {
	return slices.Collect(Records(fsys, in, fields, diags))
}

// Records reads one input and yields its articles in order, one record at
// a time, so that a caller can hand each on before the next is decoded.
// Diagnostics name in.Path.
func Records(fsys afero.Fs, in Input, fields config.Fields, diags *diag.List) iter.Seq[article.Raw] {
	return func(yield func(article.Raw) bool) {
		data := readInput(fsys, in, diags)
		if data == nil {
			return
		}
		switch ext := strings.ToLower(path.Ext(in.Path)); {
		case ext == ".jsonl" || ext == ".ndjson":
			if hasUTF16BOM(data) {
				data = []byte(decodeText(data))
			}
			readJSONLines(in, data, fields, diags, yield)
			return
		case ext == ".json":
			readJSON(in, jsonText(data), fields, diags, yield)
			return
		}
		if raw, ok := readDocument(in, data, diags); ok {
			yield(raw)
		}
	}
}

// readInput returns the bytes of a text input, or nil after reporting why
// it cannot be read.
func readInput(fsys afero.Fs, in Input, diags *diag.List) []byte {
	info, err := fsys.Stat(in.Path)
	if err != nil {
		diags.Errorf(in.Path, 0, "cannot read: %v", unwrapPath(err))
		return nil
	}
	if info.Size() > MaxFileSize {
		diags.Errorf(in.Path, 0, "skipped: %d MB is larger than the %d MB an input may be", info.Size()>>20, MaxFileSize>>20)
		return nil
	}
	data, err := afero.ReadFile(fsys, in.Path)
	if err != nil {
		diags.Errorf(in.Path, 0, "cannot read: %v", unwrapPath(err))
		return nil
	}
	if !hasUTF16BOM(data) && isBinary(data) {
		diags.Errorf(in.Path, 0, "skipped: binary data, not text")
		return nil
	}
	return data
}

// readDocument reads an input that holds one article: a text, HTML or
// Markdown file.
func readDocument(in Input, data []byte, diags *diag.List) (article.Raw, bool) {
	origin := article.Origin{File: in.Name, SHA256: digest(data)}
	text := decodeText(data)
	if strings.TrimSpace(text) == "" {
		diags.Errorf(in.Path, 0, "skipped: the file is empty")
		return article.Raw{}, false
	}
	format := FormatOf(in.Path)
	if format != article.HTML {
		if err := tooLarge(len(text)); err != nil {
			diags.Errorf(in.Path, 0, "%v", err)
			return article.Raw{}, false
		}
	}
	switch format {
	case article.HTML:
		// The page's own charset declaration decides its decoding, but
		// for UTF-16, which no declaration names.
		page := data
		if hasUTF16BOM(data) {
			page = []byte(text)
		}
		raw, err := readHTML(page)
		if err == nil {
			err = tooLarge(len(raw.Body))
		}
		if err != nil {
			diags.Errorf(in.Path, 0, "%v", err)
			return article.Raw{}, false
		}
		raw.Origin = origin
		return raw, true
	case article.Markdown:
		raw, err := readMarkdown(text)
		if err != nil {
			var le *lineError
			if errors.As(err, &le) {
				diags.Errorf(in.Path, le.line, "%s", le.msg)
			} else {
				diags.Errorf(in.Path, 0, "%v", err)
			}
			return article.Raw{}, false
		}
		raw.Origin = origin
		return raw, true
	default:
		return article.Raw{Origin: origin, Format: article.Text, Body: text}, true
	}
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// isBinary reports whether data looks like a binary file: a NUL byte, or
// many control characters, in its first few kilobytes.
func isBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl > len(head)/20+1
}

// decodeText returns data as UTF-8 text: UTF-8 as it is, UTF-16 with a
// byte-order mark converted, anything else decoded as Windows-1252.
func decodeText(data []byte) string {
	if hasUTF16BOM(data) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err == nil {
			return string(out)
		}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if utf8.Valid(data) {
		return string(data)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\ufffd")
	}
	return string(out)
}

// jsonText returns JSON as UTF-8: JSON that is not UTF-8 was written as
// Windows-1252 or UTF-16, and read as UTF-8 every accented letter would
// turn into U+FFFD.
func jsonText(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	return []byte(decodeText(data))
}

// hasUTF16BOM reports whether data opens with the byte-order mark of
// UTF-16, in either byte order.
func hasUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})
}

// lineError is a parse error at a line of the input.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }
