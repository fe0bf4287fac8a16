package search

import (
	"strings"
	"testing"
)

// TestFileKeyWindowsNames: terms and shard keys that are names Windows
// keeps for a device (con is a shard of every archive of some size) name
// files Windows can hold, the same in Go and in the search page's script,
// and no other key names the same file.
func TestFileKeyWindowsNames(t *testing.T) {
	keys := []string{"con", "prn", "aux", "nul", "com0", "com1", "com9", "lpt1", "lpt9",
		"cons", "co", "com", "com10", "lpt", "nul-", "con_", "conference", "a"}
	want := []string{"con_", "prn_", "aux_", "nul_", "com0_", "com1_", "com9_", "lpt1_", "lpt9_",
		"cons", "co", "com", "com10", "lpt", "nul-", "con_5f_", "conference", "a"}
	out := runNodeInput(t, []byte(strings.Join(keys, "\n")+"\n"), "-e", `const {fileKey} = require("./static/search/text.js");
const lines = require("fs").readFileSync(0, "utf8").split("\n");
lines.pop();
for (const l of lines) console.log(fileKey(l));`)
	js := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(js) != len(keys) {
		t.Fatalf("%d keys in, %d out of node", len(keys), len(js))
	}
	seen := map[string]string{}
	for i, k := range keys {
		got := FileKey(k)
		if got != want[i] || js[i] != got {
			t.Errorf("FileKey(%q) = %q, JS %q; want %q", k, got, js[i], want[i])
		}
		if other, ok := seen[got]; ok {
			t.Errorf("%q and %q name the same file %q", k, other, got)
		}
		seen[got] = k
	}
}
