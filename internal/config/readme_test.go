package config

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// docRow is one row of the README's table of annals.toml settings.
type docRow struct {
	line      int
	typ       string
	defaultIs string // the default column, a TOML value in backticks
}

// readmeSettings reads the table of settings in the README's section
// "Configuration: annals.toml", by key.
func readmeSettings(t *testing.T) map[string]docRow {
	t.Helper()
	name := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]docRow{}
	in := false
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case line == "## Configuration: annals.toml":
			in = true
			continue
		case in && strings.HasPrefix(line, "## "):
			in = false
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, " | ")
		if len(cells) < 4 {
			t.Fatalf("%s:%d: a row of the settings table needs key, type, default and meaning: %s", name, i+1, line)
		}
		key := strings.Trim(strings.TrimPrefix(cells[0], "| "), "`")
		if _, dup := rows[key]; dup {
			t.Errorf("%s:%d: %s is documented twice", name, i+1, key)
		}
		rows[key] = docRow{line: i + 1, typ: cells[1], defaultIs: cells[2]}
	}
	if len(rows) == 0 {
		t.Fatalf("%s has no table of settings under \"## Configuration: annals.toml\"", name)
	}
	return rows
}

// flatten lists the settings of a decoded annals.toml as dotted keys.
func flatten(prefix string, m map[string]any, out map[string]any) {
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			flatten(prefix+k+".", sub, out)
			continue
		}
		out[prefix+k] = v
	}
}

// typeName names a TOML value's type as the README does.
func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case int64:
		return "integer"
	case []any:
		if len(v) > 0 {
			if _, ok := v[0].(string); ok {
				return "list of strings"
			}
		}
	}
	return fmt.Sprintf("%T", v)
}

// TestREADMEDocumentsEverySetting keeps the README's reference of
// annals.toml current: every setting that annals init writes is in the
// table with its type and its default, and the table has no other.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	data, err := Marshal(Default())
	if err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if err := toml.Unmarshal(data, &tree); err != nil {
		t.Fatal(err)
	}
	settings := map[string]any{}
	flatten("", tree, settings)
	rows := readmeSettings(t)

	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range settings {
			if !yield(k) {
				return
			}
		}
	})
	for _, key := range keys {
		want := settings[key]
		row, ok := rows[key]
		if !ok {
			t.Errorf("README.md does not document the setting %s (default %v)", key, want)
			continue
		}
		if got := typeName(want); row.typ != got {
			t.Errorf("README.md:%d: %s is documented as %q, its type is %s", row.line, key, row.typ, got)
		}
		var doc map[string]any
		cell := strings.Trim(row.defaultIs, "`")
		if err := toml.Unmarshal([]byte("v = "+cell), &doc); err != nil {
			t.Errorf("README.md:%d: the default of %s, %s, is not a TOML value: %v", row.line, key, row.defaultIs, err)
			continue
		}
		if !reflect.DeepEqual(doc["v"], want) {
			t.Errorf("README.md:%d: the default of %s is documented as %s, it is %#v", row.line, key, row.defaultIs, want)
		}
	}
	for key, row := range rows {
		if _, ok := settings[key]; !ok {
			t.Errorf("README.md:%d: documents %s, which is no setting of annals.toml", row.line, key)
		}
	}
}
