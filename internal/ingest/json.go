package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// readJSON reads a JSON array of article objects (or one object) and
// yields each article until yield returns false. Each element is decoded
// on its own, so a broken element or a file cut off mid-record loses only
// what is broken.
func readJSON(in Input, data []byte, fields config.Fields, diags *diag.List, yield func(article.Raw) bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		diags.Errorf(in.Path, 0, "skipped: the file is empty")
		return
	}
	if trimmed[0] == '{' {
		raw, err := recordOf(data, fields)
		if err != nil {
			report(diags, in.Path, 1, "", err)
			return
		}
		raw.Origin = article.Origin{File: in.Name, SHA256: digest(data)}
		raw.Line = 1
		yield(raw)
		return
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		diags.Errorf(in.Path, lineAt(data, dec.InputOffset()), "not a JSON array or object of articles")
		return
	}
	lines := lineCounter{data: data}
	for n := 1; dec.More(); n++ {
		start := dec.InputOffset()
		var msg json.RawMessage
		if err := dec.Decode(&msg); err != nil {
			diags.Errorf(in.Path, lines.at(dec.InputOffset()), "record %d: %v", n, jsonErr(err))
			return
		}
		line := lines.at(start + int64(leadingSpace(data[start:])))
		raw, err := recordOf(msg, fields)
		if err != nil {
			report(diags, in.Path, line, fmt.Sprintf("record %d: ", n), err)
			continue
		}
		raw.Origin = article.Origin{File: in.Name, Record: strconv.Itoa(n), SHA256: digest(msg)}
		raw.Line = line
		if !yield(raw) {
			return
		}
	}
	if _, err := dec.Token(); err != nil {
		diags.Errorf(in.Path, lines.at(dec.InputOffset()), "the array is not closed: %v", jsonErr(err))
	}
}

// lookupKey returns obj[k], matching k without regard to case when no key
// matches exactly; nil when absent.
func lookupKey(obj map[string]any, k string) any {
	if v, ok := obj[k]; ok {
		return v
	}
	var found string // the first matching key in sorted order, for determinism
	for key := range obj {
		if strings.EqualFold(key, k) && (found == "" || key < found) {
			found = key
		}
	}
	if found == "" {
		return nil
	}
	return obj[found]
}

// readJSONLines reads one article object per line and yields each article
// until yield returns false; blank lines are skipped.
func readJSONLines(in Input, data []byte, fields config.Fields, diags *diag.List, yield func(article.Raw) bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		diags.Errorf(in.Path, 0, "skipped: the file is empty")
		return
	}
	n := 0
	for line := range bytes.Lines(data) {
		n++
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		// A line is decoded on its own, so that its origin stays the
		// SHA-256 of its bytes.
		raw, err := recordOf(jsonText(line), fields)
		if err != nil {
			report(diags, in.Path, n, "", err)
			continue
		}
		raw.Origin = article.Origin{File: in.Name, Record: strconv.Itoa(n), SHA256: digest(line)}
		raw.Line = n
		if !yield(raw) {
			return
		}
	}
}

// errNoText marks a record without article text: a headline-only entry
// (a photo or video page, say) is not an article, and is skipped with a
// warning rather than failing the import.
var errNoText = errors.New("skipped: no article text")

func report(diags *diag.List, file string, line int, prefix string, err error) {
	if errors.Is(err, errNoText) {
		diags.Warnf(file, line, "%s%v", prefix, err)
		return
	}
	diags.Errorf(file, line, "%s%v", prefix, err)
}

// recordOf maps one JSON object to a Raw with the configured field names.
func recordOf(msg []byte, fields config.Fields) (article.Raw, error) {
	var obj map[string]any
	if err := json.Unmarshal(msg, &obj); err != nil {
		return article.Raw{}, jsonErr(err)
	}
	if obj == nil {
		return article.Raw{}, fmt.Errorf("not an object")
	}
	raw := article.Raw{
		Format: article.JSON,
		Title:  field(obj, fields.Title),
		Date:   dateField(obj, fields.Date),
		Body:   field(obj, fields.Body),
		URL:    field(obj, fields.URL),
		Source: field(obj, fields.Source),
		Author: field(obj, fields.Author),
	}
	if strings.TrimSpace(raw.Body) == "" {
		return raw, fmt.Errorf("%w: none of the fields %s holds text", errNoText, strings.Join(fields.Body, ", "))
	}
	return raw, tooLarge(len(raw.Body))
}

// field returns the first of keys that obj holds as text (or a list of
// texts, joined), matched without regard to case.
func field(obj map[string]any, keys []string) string {
	for _, k := range keys {
		switch v := lookupKey(obj, k).(type) {
		case string:
			if strings.TrimSpace(v) != "" {
				return v
			}
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		case []any:
			var parts []string
			for _, e := range v {
				if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
					parts = append(parts, s)
				}
			}
			if len(parts) > 0 {
				return strings.Join(parts, "\n\n")
			}
		}
	}
	return ""
}

// dateField returns the first date field as text. Numbers are Unix times,
// in milliseconds when they are too large for seconds (as JavaScript
// writes them), given as RFC 3339 in UTC.
func dateField(obj map[string]any, keys []string) string {
	for _, k := range keys {
		switch v := lookupKey(obj, k).(type) {
		case string:
			if strings.TrimSpace(v) != "" {
				return v
			}
		case float64:
			if v > 1e11 {
				v /= 1000
			}
			return time.Unix(int64(v), 0).UTC().Format(time.RFC3339)
		}
	}
	return ""
}

func jsonErr(err error) error {
	var syn *json.SyntaxError
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return fmt.Errorf("the file ends in the middle of a record")
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "unexpected end"):
		return fmt.Errorf("the record is cut off: %v", err)
	}
	return err
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(off, int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// lineCounter finds the lines of increasing offsets in one pass.
type lineCounter struct {
	data []byte
	off  int64 // offset counted up to
	line int   // lines before off, less one
}

func (c *lineCounter) at(off int64) int {
	off = min(off, int64(len(c.data)))
	if off < c.off {
		return lineAt(c.data, off)
	}
	c.line += bytes.Count(c.data[c.off:off], []byte("\n"))
	c.off = off
	return c.line + 1
}

func leadingSpace(b []byte) int {
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\n' || b[n] == '\r' || b[n] == '\t' || b[n] == ',') {
		n++
	}
	return n
}
