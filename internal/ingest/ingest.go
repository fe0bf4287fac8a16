package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/afero"
	"golang.org/x/text/encoding/charmap"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// MaxFileSize is the largest input read; larger files are reported and
// skipped rather than read into memory.
const MaxFileSize = 256 << 20

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
	if isBinary(data) {
		diags.Errorf(in.Path, 0, "skipped: binary data, not text")
		return nil
	}
	origin := article.Origin{File: in.Name, SHA256: digest(data)}
	switch ext := strings.ToLower(path.Ext(in.Path)); {
	case ext == ".jsonl" || ext == ".ndjson":
		return readJSONLines(in, data, fields, diags)
	case ext == ".json":
		return readJSON(in, data, fields, diags)
	}
	text := decodeText(data)
	if strings.TrimSpace(text) == "" {
		diags.Errorf(in.Path, 0, "skipped: the file is empty")
		return nil
	}
	switch FormatOf(in.Path) {
	case article.HTML:
		// The page's own charset declaration decides its decoding.
		raw, err := readHTML(data)
		if err != nil {
			diags.Errorf(in.Path, 0, "%v", err)
			return nil
		}
		raw.Origin = origin
		return []article.Raw{raw}
	case article.Markdown:
		raw, err := readMarkdown(text)
		if err != nil {
			var le *lineError
			if errors.As(err, &le) {
				diags.Errorf(in.Path, le.line, "%s", le.msg)
			} else {
				diags.Errorf(in.Path, 0, "%v", err)
			}
			return nil
		}
		raw.Origin = origin
		return []article.Raw{raw}
	default:
		return []article.Raw{{Origin: origin, Format: article.Text, Body: text}}
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

// decodeText returns data as UTF-8 text: UTF-8 as it is, anything else
// decoded as Windows-1252.
func decodeText(data []byte) string {
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

// lineError is a parse error at a line of the input.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }
