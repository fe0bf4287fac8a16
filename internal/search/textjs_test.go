package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/corpus"
)

// The browser splits and stems queries with static/search/text.js. These
// tests run it under node and check that it finds the same tokens as
// Tokens, line by line.

// TestTokensMatchJS compares Go and JavaScript on the shared word list.
func TestTokensMatchJS(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "words.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	n := compareTokens(t, "testdata/words.txt", lines)
	t.Logf("testdata/words.txt: %d lines, %d tokens compared", len(lines), n)
}

// TestTokensMatchJSCorpora compares Go and JavaScript on every distinct
// whitespace-separated field of the BBC, KCNA and Reuters corpora. A word
// never spans white space, so the tokens of a text are the tokens of its
// fields: the fields hold every word of the corpora, in every context of
// punctuation it appears in. Reuters is left out under the race detector,
// which makes its reader take many seconds.
func TestTokensMatchJSCorpora(t *testing.T) {
	dir, err := corpus.Dir()
	if errors.Is(err, corpus.ErrAbsent) {
		t.Skipf("no corpora at %s (nor $ANNALS_CORPORA): the corpus comparison is skipped",
			filepath.Join(filepath.Dir(moduleRoot(t)), "shared", "corpora"))
	}
	if err != nil {
		t.Fatal(err)
	}
	nodePath(t) // skip before reading the corpora when node is missing

	var texts []string
	bbc, err := corpus.BBC(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range bbc {
		texts = append(texts, string(d.Data))
	}
	kcna, err := corpus.KCNA(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range kcna {
		texts = append(texts, r.Headline, r.StoryText)
	}
	names := "BBC, KCNA"
	if raceDetector() {
		t.Log("race detector: Reuters-21578 is left out (run without -race to compare it too)")
	} else {
		reuters, err := corpus.Reuters(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range reuters {
			texts = append(texts, d.Title, d.Dateline, d.Body)
		}
		names += ", Reuters"
	}

	seen := map[string]bool{}
	var fields []string
	for _, text := range texts {
		for _, f := range strings.Fields(strings.ToValidUTF8(text, "\uFFFD")) {
			if !seen[f] {
				seen[f] = true
				fields = append(fields, f)
			}
		}
	}
	slices.Sort(fields)
	if len(fields) < 50000 {
		t.Errorf("only %d distinct fields in %d texts of %s; want at least 50,000", len(fields), len(texts), names)
	}
	n := compareTokens(t, "corpora", fields)
	t.Logf("%s: %d texts, %d distinct fields, %d tokens compared", names, len(texts), len(fields), n)
}

// raceDetector reports whether the test binary was built with -race.
func raceDetector() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// A jsToken is a token as the driver prints it: word, term and the text
// it was found in.
type jsToken [3]string

func (tok jsToken) String() string {
	return fmt.Sprintf("%q→%q/%q", tok[2], tok[0], tok[1])
}

// compareTokens runs Tokens and testdata/tokens-driver.js on lines (none
// holding "\n") and reports the lines where they differ. It returns the
// number of tokens compared.
func compareTokens(t *testing.T, name string, lines []string) int {
	t.Helper()
	input := strings.Join(lines, "\n") + "\n"
	out := runNodeInput(t, []byte(input), filepath.Join("internal", "search", "testdata", "tokens-driver.js"))
	outLines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(outLines) != len(lines) {
		t.Fatalf("%s: %d lines in, %d lines out of node", name, len(lines), len(outLines))
	}
	count, diffs := 0, 0
	for i, line := range lines {
		var js []jsToken
		if err := json.Unmarshal([]byte(outLines[i]), &js); err != nil {
			t.Fatalf("%s:%d: node printed %q: %v", name, i+1, outLines[i], err)
		}
		var goToks []jsToken
		for _, tok := range Tokens(line) {
			goToks = append(goToks, jsToken{tok.Word, tok.Term, line[tok.Start:tok.End]})
		}
		count += len(goToks)
		if slices.Equal(goToks, js) {
			continue
		}
		if diffs++; diffs <= 10 {
			k := 0
			for k < len(goToks) && k < len(js) && goToks[k] == js[k] {
				k++
			}
			t.Errorf("%s:%d: %q\n  token %d: Go %s, JS %s\n  Go: %v\n  JS: %v",
				name, i+1, line, k+1, tokenAt(goToks, k), tokenAt(js, k), goToks, js)
		}
	}
	if diffs > 10 {
		t.Errorf("%s: %d lines differ in all, the first 10 shown", name, diffs)
	}
	return count
}

func tokenAt(toks []jsToken, k int) string {
	if k < len(toks) {
		return toks[k].String()
	}
	return "none"
}

// TestFileKeyMatchesJS compares FileKey with AnnalsText.fileKey on the
// lines of the word list and the terms of their words.
func TestFileKeyMatchesJS(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "words.txt"))
	if err != nil {
		t.Fatal(err)
	}
	keys := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for _, line := range slices.Clone(keys) {
		for _, tok := range Tokens(line) {
			keys = append(keys, tok.Word, tok.Term)
		}
	}
	const script = `const {fileKey} = require("./static/search/text.js");
const lines = require("fs").readFileSync(0, "utf8").split("\n");
lines.pop();
for (const l of lines) console.log(fileKey(l));`
	out := runNodeInput(t, []byte(strings.Join(keys, "\n")+"\n"), "-e", script)
	js := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(js) != len(keys) {
		t.Fatalf("%d keys in, %d out of node", len(keys), len(js))
	}
	diffs := 0
	for i, k := range keys {
		if got := FileKey(k); got != js[i] && diffs < 10 {
			diffs++
			t.Errorf("fileKey(%q): Go %q, JS %q", k, got, js[i])
		}
	}
}

// TestNodeTests runs the unit tests of the search scripts, jstest/*.test.js.
func TestNodeTests(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("jstest", "*.test.js"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no jstest/*.test.js")
	}
	args := []string{"--test"}
	for _, f := range files {
		args = append(args, filepath.Join("internal", "search", f))
	}
	out := runNode(t, args...)
	if testing.Verbose() {
		t.Logf("%s", out)
	}
}
