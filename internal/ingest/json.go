package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// readJSON reads a JSON array of article objects (or one object). Each
// element is decoded on its own, so a broken element or a file cut off
// mid-record loses only what is broken.
func readJSON(in Input, data []byte, fields config.Fields, diags *diag.List) []article.Raw {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		diags.Errorf(in.Path, 0, "skipped: the file is empty")
		return nil
	}
	if trimmed[0] == '{' {
		raw, err := recordOf(data, fields)
		if err != nil {
			diags.Errorf(in.Path, lineAt(data, 0), "%v", err)
			return nil
		}
		raw.Origin = article.Origin{File: in.Name, SHA256: digest(data)}
		raw.Line = 1
		return []article.Raw{raw}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		diags.Errorf(in.Path, lineAt(data, dec.InputOffset()), "not a JSON array or object of articles")
		return nil
	}
	var out []article.Raw
	for n := 1; dec.More(); n++ {
		start := dec.InputOffset()
		var msg json.RawMessage
		if err := dec.Decode(&msg); err != nil {
			diags.Errorf(in.Path, lineAt(data, dec.InputOffset()), "record %d: %v", n, jsonErr(err))
			return out
		}
		line := lineAt(data, start+int64(leadingSpace(data[start:])))
		raw, err := recordOf(msg, fields)
		if err != nil {
			diags.Errorf(in.Path, line, "record %d: %v", n, err)
			continue
		}
		raw.Origin = article.Origin{File: in.Name, Record: strconv.Itoa(n), SHA256: digest(msg)}
		raw.Line = line
		out = append(out, raw)
	}
	if _, err := dec.Token(); err != nil {
		diags.Errorf(in.Path, lineAt(data, dec.InputOffset()), "the array is not closed: %v", jsonErr(err))
	}
	return out
}

// readJSONLines reads one article object per line; blank lines are skipped.
func readJSONLines(in Input, data []byte, fields config.Fields, diags *diag.List) []article.Raw {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var out []article.Raw
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		raw, err := recordOf(line, fields)
		if err != nil {
			diags.Errorf(in.Path, i+1, "%v", err)
			continue
		}
		raw.Origin = article.Origin{File: in.Name, Record: strconv.Itoa(i + 1), SHA256: digest(line)}
		raw.Line = i + 1
		out = append(out, raw)
	}
	if len(out) == 0 && len(bytes.TrimSpace(data)) == 0 {
		diags.Errorf(in.Path, 0, "skipped: the file is empty")
	}
	return out
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
		Date:   field(obj, fields.Date),
		Body:   field(obj, fields.Body),
		URL:    field(obj, fields.URL),
		Source: field(obj, fields.Source),
		Author: field(obj, fields.Author),
	}
	if strings.TrimSpace(raw.Body) == "" {
		return raw, fmt.Errorf("no article text: none of the fields %s holds text", strings.Join(fields.Body, ", "))
	}
	return raw, nil
}

// field returns the first of keys that obj holds as text (or a list of
// texts, joined), matched without regard to case.
func field(obj map[string]any, keys []string) string {
	for _, k := range keys {
		v, ok := obj[k]
		if !ok {
			for ok2, v2 := range obj {
				if strings.EqualFold(ok2, k) {
					v, ok = v2, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		switch v := v.(type) {
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

func leadingSpace(b []byte) int {
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\n' || b[n] == '\r' || b[n] == '\t' || b[n] == ',') {
		n++
	}
	return n
}
