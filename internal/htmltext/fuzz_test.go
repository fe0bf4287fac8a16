package htmltext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks that Extract never panics and that what it returns
// without an error is valid UTF-8 with a body. Crashers go to testdata/fuzz/.
//
//	go test -run '^$' -fuzz FuzzExtract -fuzztime 1m ./internal/htmltext/
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<p>short</p>"))
	f.Add([]byte("<title>never closed<body><p>text</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Extract(data, "https://example.org/a/b")
		if err != nil {
			return
		}
		if !utf8.ValidString(p.Body) || !utf8.ValidString(p.Title) {
			t.Errorf("invalid UTF-8 in %q / %q", p.Title, p.Body)
		}
		if strings.TrimSpace(p.Body) == "" {
			t.Errorf("empty body without error")
		}
	})
}
