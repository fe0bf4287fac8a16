package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

// readGuarded reads one file of an in-memory file system and returns its
// articles and diagnostics. A read that has not ended after twenty minutes
// hangs: the test fails rather than wait for ever.
func readGuarded(t *testing.T, name string, data []byte) ([]article.Raw, string) {
	t.Helper()
	fsys := afero.NewMemMapFs()
	if err := afero.WriteFile(fsys, "raw/"+name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		raws  []article.Raw
		diags string
	}
	done := make(chan result, 1)
	go func() {
		var diags diag.List
		raws := ReadFile(fsys, Input{Path: "raw/" + name, Name: name}, config.Default().Import.Fields, &diags)
		done <- result{raws, diags.String()}
	}()
	select {
	case r := <-done:
		return r.raws, r.diags
	case <-time.After(20 * time.Minute):
		t.Fatalf("reading %s (%d bytes) has not ended after 20 minutes", name, len(data))
		return nil, ""
	}
}

// wantError asserts that reading gave no article and the diagnostic want.
func wantError(t *testing.T, name string, raws []article.Raw, diags, want string) {
	t.Helper()
	if len(raws) != 0 || !strings.Contains(diags, want) {
		t.Errorf("%s: %d articles and diagnostics\n%s\nwant none and %q", name, len(raws), diags, want)
	}
}

// wantArticle asserts that reading gave one article, without errors, whose
// title and body hold what is given.
func wantArticle(t *testing.T, name string, raws []article.Raw, diags, title string, body ...string) {
	t.Helper()
	if len(raws) != 1 || strings.Contains(diags, "error") {
		t.Fatalf("%s: %d articles and diagnostics\n%s\nwant one article", name, len(raws), diags)
	}
	if !strings.Contains(raws[0].Title+"\n"+raws[0].Body, title) {
		t.Errorf("%s: title %q, want %q", name, raws[0].Title, title)
	}
	for _, b := range body {
		if !strings.Contains(raws[0].Body, b) {
			t.Errorf("%s: body lacks %q", name, b)
		}
	}
}

func TestEmptyAndBinaryFiles(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	for _, ext := range []string{".txt", ".html", ".md", ".json", ".jsonl"} {
		for _, tc := range []struct {
			name string
			data []byte
			want string
		}{
			{"empty" + ext, nil, "raw/empty" + ext + ": error: skipped: the file is empty"},
			{"blank" + ext, []byte(" \n\r\n\t\n"), "raw/blank" + ext + ": error: skipped: the file is empty"},
			{"bom-only" + ext, []byte("\ufeff\n"), "raw/bom-only" + ext + ": error: skipped: the file is empty"},
			{"image" + ext, append(png, bytes.Repeat([]byte{0, 1, 2, 0xff}, 256)...), "raw/image" + ext + ": error: skipped: binary data, not text"},
			{"controls" + ext, bytes.Repeat([]byte("\x01\x02\x03a\x04\x05"), 100), "raw/controls" + ext + ": error: skipped: binary data, not text"},
		} {
			raws, diags := readGuarded(t, tc.name, tc.data)
			wantError(t, tc.name, raws, diags, tc.want)
		}
	}
}

// TestShortFiles reads files shorter than a front matter fence: none may
// crash the reader (a four-byte Markdown file once did).
func TestShortFiles(t *testing.T) {
	for _, data := range []string{"a", "ab", "abc", "abcd", "-", "--", "---", "---\r", "----", "---\n", "---\r\n", "\ufeff---"} {
		for _, ext := range []string{".txt", ".md", ".html", ".jsonl"} {
			name := "short" + ext
			raws, diags := readGuarded(t, name, []byte(data))
			if len(raws) == 0 && !strings.Contains(diags, "raw/"+name) {
				t.Errorf("%q as %s: no article and no diagnostic naming the file: %q", data, ext, diags)
			}
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	utf16LE := func(s string) []byte {
		b := []byte{0xff, 0xfe}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	const text = "Caf\xe9 Owners in Toriva Protest \x93New\x94 Rules\n\nThe owners of the caf\xe9s met on Monday.\n"
	for _, tc := range []struct {
		name  string
		data  []byte
		title string
		body  string
	}{
		{"latin1.txt", []byte(text), "Café Owners in Toriva Protest “New” Rules", "The owners of the cafés met on Monday."},
		{"latin1.md", []byte("---\ntitle: Caf\xe9 Owners Protest\ndate: 2024-05-06\n---\n\nThe owners of the caf\xe9s met.\n"), "Café Owners Protest", "The owners of the cafés met."},
		{"latin1.html", []byte("<html><head><title>Caf\xe9 Owners Protest</title></head><body><article><p>The owners of the caf\xe9s met on Monday in the harbour town of Toriva to protest against the new rules.</p></article></body></html>"),
			"Café Owners Protest", "The owners of the cafés met on Monday"},
		{"latin1.jsonl", []byte("{\"title\": \"Caf\xe9 Owners Protest\", \"text\": \"The owners of the caf\xe9s met.\"}\n"), "Café Owners Protest", "The owners of the cafés met."},
		{"latin1.json", []byte("[{\"title\": \"Caf\xe9 Owners Protest\", \"text\": \"The owners of the caf\xe9s met.\"}]"), "Café Owners Protest", "The owners of the cafés met."},
		{"stray.txt", []byte("Owners Protest\n\nThe owners \xff\xfe\xfd met.\n"), "Owners Protest", "The owners ÿþý met."},
		{"utf16.txt", utf16LE("Café Owners Protest\n\nThe owners of the cafés met.\n"), "Café Owners Protest", "The owners of the cafés met."},
		{"utf16.md", utf16LE("---\ntitle: Café Owners Protest\n---\n\nThe owners of the cafés met.\n"), "Café Owners Protest", "The owners of the cafés met."},
		{"utf16.jsonl", utf16LE("{\"title\": \"Café Owners Protest\", \"text\": \"The owners of the cafés met.\"}\n"), "Café Owners Protest", "The owners of the cafés met."},
	} {
		raws, diags := readGuarded(t, tc.name, tc.data)
		wantArticle(t, tc.name, raws, diags, tc.title, tc.body)
	}
}

// TestLatin1LineKeepsItsOrigin: a JSON Lines record that is not UTF-8 is
// decoded on its own, and its origin is the SHA-256 of its own bytes, so
// that it maps to the page an earlier import made of it.
func TestLatin1LineKeepsItsOrigin(t *testing.T) {
	line := "{\"title\": \"Caf\xe9\", \"text\": \"The caf\xe9 opened.\"}"
	raws, diags := readGuarded(t, "feed.jsonl", []byte("{\"title\": \"First\", \"text\": \"One.\"}\n"+line+"\n"))
	if len(raws) != 2 || diags != "" {
		t.Fatalf("%d articles, diagnostics %q; want 2 and none", len(raws), diags)
	}
	if got := raws[1].Origin; got.Record != "2" || got.SHA256 != digest([]byte(line)) {
		t.Errorf("origin %+v, want record 2 with the SHA-256 of the line's bytes", got)
	}
}

// paragraphsOf returns n numbered paragraphs, each wrapped by wrap.
func paragraphsOf(n int, wrap func(string) string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(wrap(fmt.Sprintf("Paragraph %d of the report on the Grey Sea fisheries.", i)))
	}
	return b.String()
}

func TestTenThousandParagraphs(t *testing.T) {
	plain := paragraphsOf(10000, func(p string) string { return p + "\n\n" })
	jsonBody := strings.ReplaceAll(plain, "\n", `\n`)
	for _, tc := range []struct{ name, data string }{
		{"long.txt", "The Fisheries Report\n\n" + plain},
		{"long.md", "---\ntitle: The Fisheries Report\ndate: 2024-05-06\n---\n\n" + plain},
		{"long.jsonl", `{"title": "The Fisheries Report", "date": "2024-05-06", "text": "` + jsonBody + "\"}\n"},
		{"long.html", "<html><head><title>The Fisheries Report</title></head><body><article><h1>The Fisheries Report</h1>" +
			paragraphsOf(10000, func(p string) string { return "<p>" + p + "</p>\n" }) + "</article></body></html>"},
	} {
		raws, diags := readGuarded(t, tc.name, []byte(tc.data))
		wantArticle(t, tc.name, raws, diags, "The Fisheries Report",
			"Paragraph 1 of the report", "Paragraph 5000 of the report", "Paragraph 10000 of the report")
		if len(raws) == 1 {
			if n := strings.Count(raws[0].Body, "Paragraph "); n != 10000 {
				t.Errorf("%s: %d paragraphs read, want 10000", tc.name, n)
			}
		}
	}
}

// TestFiftyMegabytes: an article of 50 MB of text is a dump, not an
// article; it is reported with its size. A page of 50 MB that is mostly an
// image holds an article of its own size, and is read.
func TestFiftyMegabytes(t *testing.T) {
	const size = 50 << 20
	para := "The council met in Toriva on Thursday to set the herring quotas for the spring.\n\n"
	text := strings.Repeat(para, size/len(para))
	sized := func(s string) string { return fmt.Sprintf("%.1f MB", float64(len(s))/(1<<20)) }
	for _, tc := range []struct{ name, data, want string }{
		{"huge.txt", "The Herring Quotas\n\n" + text, "raw/huge.txt: error: skipped: the article's text is 50.0 MB, more than the 8 MB an article may hold"},
		{"huge.md", "---\ntitle: The Herring Quotas\n---\n\n" + text, "raw/huge.md: error: skipped: the article's text is 50.0 MB"},
		{"huge.jsonl", `{"title": "Small", "text": "A small record."}` + "\n" + `{"title": "The Herring Quotas", "text": "` + strings.ReplaceAll(text, "\n", `\n`) + "\"}\n",
			"raw/huge.jsonl:2: error: skipped: the article's text is 50.0 MB"},
	} {
		raws, diags := readGuarded(t, tc.name, []byte(tc.data))
		if tc.name == "huge.jsonl" {
			// The small record beside it is read.
			if len(raws) != 1 || raws[0].Title != "Small" || !strings.Contains(diags, tc.want) {
				t.Errorf("%s: %d articles and diagnostics\n%s\nwant the small one and %q", tc.name, len(raws), diags, tc.want)
			}
			continue
		}
		wantError(t, tc.name, raws, diags, tc.want)
	}

	n := size / (len(para) + 6)
	paras := "<html><head><title>The Herring Quotas</title></head><body><article>" +
		strings.Repeat("<p>"+strings.TrimSpace(para)+"</p>\n", n) + "</article></body></html>"
	raws, diags := readGuarded(t, "huge.html", []byte(paras))
	wantError(t, "huge.html", raws, diags, fmt.Sprintf("raw/huge.html: error: skipped: the page has %d paragraphs in %s, more than its article can be found in (at most %d paragraphs for a page of this size)",
		n, sized(paras), maxHTMLWork/int64(len(paras))))

	imageSize := size
	if raceDetector {
		imageSize = 5 << 20
	}
	image := "<html><head><title>The Herring Quotas</title></head><body><article><h1>The Herring Quotas</h1><p>" + strings.TrimSpace(para) +
		"</p><img alt=\"A trawler\" src=\"data:image/png;base64," + strings.Repeat("iVBORw0KGgo", imageSize/11) + "\"><p>Quotas rise by a tenth next spring, the council said on Thursday.</p></article></body></html>"
	raws, diags = readGuarded(t, "image.html", []byte(image))
	wantArticle(t, "image.html", raws, diags, "The Herring Quotas", "The council met in Toriva", "Quotas rise by a tenth")
	if len(raws) == 1 && strings.Contains(raws[0].Body, "iVBOR") {
		t.Error("image.html: the image's data is in the article's text")
	}
}

func TestJSONLinesCutOff(t *testing.T) {
	data := `{"title": "Council Meets", "date": "2024-05-17", "text": "The council met."}` + "\n" +
		`{"title": "Ferry Sails", "date": "2024-05-18", "text": "The ferry sailed."}` + "\n" +
		`{"title": "Bridge Opens", "date": "2024-05-19", "te`
	raws, diags := readGuarded(t, "feed.jsonl", []byte(data))
	if len(raws) != 2 || raws[0].Title != "Council Meets" || raws[1].Title != "Ferry Sails" || raws[1].Line != 2 {
		t.Errorf("read %d articles, want the two whole records", len(raws))
	}
	if want := "raw/feed.jsonl:3: error: the record is cut off"; !strings.Contains(diags, want) {
		t.Errorf("diagnostics\n%s\nlack %q", diags, want)
	}
	// Cut inside a string, or at a key, or after a lone brace: the same.
	for _, cut := range []string{`{"title": "Bridge`, `{"title"`, `{`, `{"title": "Bridge", "text": "The bridge opened.",`} {
		raws, diags := readGuarded(t, "cut.jsonl", []byte(`{"title": "Whole", "text": "A whole record."}`+"\n"+cut))
		if len(raws) != 1 || !strings.Contains(diags, "raw/cut.jsonl:2: error: ") {
			t.Errorf("cut at %q: %d articles and diagnostics %q; want 1 and an error at line 2", cut, len(raws), diags)
		}
	}
}

// TestFrontMatterErrors: a Markdown input whose front matter is broken is
// reported with its file and the line of the fault.
func TestFrontMatterErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"unclosed.md", "---\ntitle: Talks Open\ndate: 2024-05-06\n\nThe talks opened.\n", "raw/unclosed.md:1: error: front matter is not closed by a line \"---\""},
		{"yaml.md", "---\ntitle: Talks Open\ndate: 2024-05-06\nplaces: [Toriva\n---\n\nThe talks opened.\n", "raw/yaml.md:4: error: front matter: did not find expected ',' or ']'"},
		{"indent.md", "---\ntitle: Talks Open\n  date: 2024-05-06\n---\n\nThe talks opened.\n", "raw/indent.md:3: error: front matter:"},
		{"list.md", "---\n- title\n- date\n---\n\nThe talks opened.\n", "raw/list.md:2: error: front matter must be a mapping of keys to values"},
		{"title.md", "---\ntitle: [Talks, Open]\n---\n\nThe talks opened.\n", "raw/title.md:2: error: title must be a single value"},
		{"people.md", "---\ntitle: Talks Open\npeople: {name: Ilya Dorn}\n---\n\nThe talks opened.\n", "raw/people.md:3: error: people must be a list of names"},
		{"feb30.md", "---\ntitle: Talks Open\ndate: 2022-02-30\n---\n\nThe talks opened.\n", "raw/feb30.md:3: error: February 2022 has 28 days, not 30"},
		{"month13.md", "---\ntitle: Talks Open\nsource: ACNA\ndate: 2022-13-01\n---\n\nThe talks opened.\n", "raw/month13.md:4: error: month 13 does not exist"},
		{"crlf.md", "---\r\ntitle: Talks Open\r\ndate: 2023-02-29\r\n---\r\n\r\nThe talks opened.\r\n", "raw/crlf.md:3: error: February 2023 has 28 days, not 29"},
	} {
		raws, diags := readGuarded(t, tc.name, []byte(tc.data))
		wantError(t, tc.name, raws, diags, tc.want)
	}
}
