package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
)

func TestJSONRecordsAndLines(t *testing.T) {
	data := "[\n  {\"title\": \"One\", \"date\": 1703376000000, \"text\": \"First.\"},\n\n  {\"headline\": \"Two\",\n   \"date_str\": \"2024-01-02\", \"story_text\": \"Second.\"},\n  {\"title\": \"Photo only\"}\n]\n"
	var diags diag.List
	raws := slices.Collect(func(yield func(article.Raw) bool) {
		readJSON(Input{Path: "in/feed.json", Name: "feed.json"}, []byte(data), config.Default().Import.Fields, &diags, yield)
	})
	if len(raws) != 2 {
		t.Fatalf("%d records read, want 2", len(raws))
	}
	for i, want := range []struct {
		record, title, date string
		line                int
	}{
		{"1", "One", "2023-12-24T00:00:00Z", 2},
		{"2", "Two", "2024-01-02", 4},
	} {
		r := raws[i]
		if r.Origin.Record != want.record || r.Title != want.title || r.Date != want.date || r.Line != want.line {
			t.Errorf("record %d = %s#%s %q %q line %d; want #%s %q %q line %d", i, r.Origin.File, r.Origin.Record,
				r.Title, r.Date, r.Line, want.record, want.title, want.date, want.line)
		}
	}
	got := diags.Sorted()
	if len(got) != 1 || got[0].Severity != diag.Warning || got[0].Line != 6 || !strings.Contains(got[0].Message, "record 3: skipped: no article text") {
		t.Errorf("diagnostics = %v, want one warning at line 6 for the record without text", got)
	}
}

func TestDecodeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\ufeffwith BOM", "with BOM"},
		{"caf\xe9 \x93quoted\x94", "café “quoted”"},
		{"“already UTF-8”", "“already UTF-8”"},
	} {
		if got := decodeText([]byte(tc.in)); got != tc.want {
			t.Errorf("decodeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
