package ner

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/ner/gold"
)

func corporaDir(t testing.TB) string {
	t.Helper()
	d, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	return d
}

func readCoNLL(t testing.TB, file string) []gold.Document {
	t.Helper()
	docs, err := gold.ReadCoNLL(filepath.Join(corporaDir(t), file))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestCoNLLTest measures mention F1 (exact span and type, PER/LOC/ORG,
// micro-averaged; MISC ignored on both sides) on eng.testb, the evaluation
// set, through Recognize on each document's words joined with spaces and
// sentences separated by blank lines.
func TestCoNLLTest(t *testing.T) {
	sc := defaultModel().Evaluate(readCoNLL(t, gold.CoNLLTest))
	t.Logf("CoNLL-2003 eng.testb, PER/LOC/ORG mentions:\n%s", sc)
	if _, _, f := sc.Total().PRF(); f < 0.85 {
		t.Errorf("F1 %.4f, want >= 0.85", f)
	}
}

// TestCoNLLDev reports the dev set (eng.testa) score, the one tuned on.
func TestCoNLLDev(t *testing.T) {
	sc := defaultModel().Evaluate(readCoNLL(t, gold.CoNLLDev))
	t.Logf("CoNLL-2003 eng.testa, PER/LOC/ORG mentions:\n%s", sc)
	if _, _, f := sc.Total().PRF(); f < 0.90 {
		t.Errorf("F1 %.4f, want >= 0.90", f)
	}
}

// TestGMB measures the held-out tenth of GMB (sentence index % 10 == 9),
// each sentence on its own: per as person, geo and gpe as place, org as
// organization. Two conventions differ from CoNLL's: GMB's gpe are mostly
// demonyms ("Iraqi"), which CoNLL calls MISC, and GMB puts titles inside
// person names ("President Bush"), which CoNLL and Recognize leave out. The
// second score strips leading titles from GMB's person spans.
func TestGMB(t *testing.T) {
	sents, err := gold.ReadGMB(filepath.Join(corporaDir(t), gold.GMBFile))
	if err != nil {
		t.Fatal(err)
	}
	var docs, trimmed []gold.Document
	for i, s := range sents {
		if !gold.GMBHeldOut(i) {
			continue
		}
		docs = append(docs, gold.Document{s})
		s.Entities = slices.Clone(s.Entities)
		for k, e := range s.Entities {
			for e.Type == gold.PER && e.End-e.Start > 1 && titles[strings.ToLower(tok(s.Words[e.Start], 0, len(s.Words[e.Start])).form)] {
				e.Start++
			}
			s.Entities[k] = e
		}
		trimmed = append(trimmed, gold.Document{s})
	}
	m := defaultModel()
	for _, run := range []struct {
		name   string
		docs   []gold.Document
		floors map[string]float64 // measured minus 0.03
	}{
		{"as annotated", docs, map[string]float64{"all": 0.57, gold.PER: 0.35, gold.LOC: 0.67, gold.ORG: 0.49}},
		{"titles stripped from person spans", trimmed, map[string]float64{"all": 0.63, gold.PER: 0.67, gold.LOC: 0.67, gold.ORG: 0.49}},
	} {
		sc := m.Evaluate(run.docs)
		t.Logf("GMB held-out tenth (%d sentences), per/geo+gpe/org mentions, %s:\n%s", len(run.docs), run.name, sc)
		for typ, floor := range run.floors {
			tally := sc.Total()
			if typ != "all" {
				tally = *sc[typ]
			}
			if _, _, f := tally.PRF(); f < floor {
				t.Errorf("GMB %s: %s F1 %.4f, want >= %.2f", run.name, typ, f, floor)
			}
		}
	}
}

type want struct {
	text string
	kind Kind
}

func p(s string) want { return want{s, Person} }
func l(s string) want { return want{s, Place} }
func o(s string) want { return want{s, Organization} }

// TestRecognize runs fictional news sentences.
func TestRecognize(t *testing.T) {
	tests := []struct {
		text string
		want []want
	}{
		{"President Ilya Dorn of the Kestrel Federation met Anselm Halvorsen in Toriva on Monday, the Arvenian Central News Agency said.",
			[]want{p("Ilya Dorn"), o("Kestrel Federation"), p("Anselm Halvorsen"), l("Toriva"), o("Arvenian Central News Agency")}},
		{"“We are ready,” said Jonas Q. Pemberton, a spokesman in Port Calder.", []want{p("Jonas Q. Pemberton"), l("Port Calder")}},
		{"Mr. Halvorsen's visit to the U.S. was cut short.", []want{p("Halvorsen"), l("U.S.")}},
		{"KESTREL FEDERATION REJECTS OFFER", []want{o("KESTREL FEDERATION")}},
		{"", nil},
		{"it rained all day and nobody went out .", nil},
	}
	for _, tt := range tests {
		var got []want
		for _, m := range Recognize(tt.text) {
			got = append(got, want{m.Text, m.Kind})
		}
		if !equal(got, tt.want) {
			t.Errorf("Recognize(%q)\n got %v\nwant %v", tt.text, got, tt.want)
		}
	}
}

// TestKnownMisses logs sentences the model gets wrong, for the record.
func TestKnownMisses(t *testing.T) {
	for _, text := range []string{
		"A spokesman for Northwind Logistics Inc. said so.", // organization, tagged as a person
		"Premier Sela Voronkova arrived in Brastelle.",      // "Sela" is left out of the name
		"The Toriva Chamber of Commerce said it would not comment.",
	} {
		t.Logf("%q: %v", text, Recognize(text))
	}
}

func equal(a, b []want) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestTokenize checks the tokenizer on news punctuation.
func TestTokenize(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Germany's coach", "Germany|'s|coach"},
		{"the U.S. and U.K. said.", "the|U.S.|and|U.K.|said|."},
		{"J. R. Smith (Reuters) -- \"Hi,\" he said", "J.|R.|Smith|(|Reuters|)|--|\"|Hi|,|\"|he|said"},
		{"“Quoted”, ‘single’ don’t", "“|Quoted|”|,|‘|single|’|do|n’t"},
		{"a well-known Bosnia-Herzegovina firm", "a|well-known|Bosnia-Herzegovina|firm"},
		{"Acme Inc. rose 3.5 pct...", "Acme|Inc.|rose|3.5|pct|..."},
		{"Workers' Party — and then", "Workers|'|Party|—|and|then"},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range splitSentences(tt.text) {
			for _, tk := range s {
				got = append(got, tt.text[tk.start:tk.end])
			}
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("tokens of %q\n got %s\nwant %s", tt.text, g, tt.want)
		}
	}
}

// TestSentences checks sentence ends: blank lines, and . ! ? before a
// capital, but not after abbreviations or initials.
func TestSentences(t *testing.T) {
	text := "Mr. Dorn met Dr. Velk in the U.S. on Monday. He left! Then\n\nanother paragraph"
	var got []string
	for _, s := range splitSentences(text) {
		got = append(got, text[s[0].start:s[len(s)-1].end])
	}
	want := []string{"Mr. Dorn met Dr. Velk in the U.S. on Monday.", "He left!", "Then", "another paragraph"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences\n got %q\nwant %q", got, want)
	}
}

// checkMentions verifies the invariants every result must keep.
func checkMentions(t *testing.T, text string, ms []Mention) {
	t.Helper()
	last := 0
	for _, m := range ms {
		if m.Start < last || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("bad offsets %d:%d (previous end %d, len %d)", m.Start, m.End, last, len(text))
		}
		if m.Text != text[m.Start:m.End] {
			t.Fatalf("Text %q != text[%d:%d]", m.Text, m.Start, m.End)
		}
		if m.Kind != Person && m.Kind != Place && m.Kind != Organization {
			t.Fatalf("kind %q", m.Kind)
		}
		last = m.End
	}
}

func TestRobust(t *testing.T) {
	huge := strings.Repeat("Kestrel Federation troops entered Toriva, said Ilya Dorn. ", 40000) // 2.3 MB
	for _, text := range []string{
		"",
		" \n\n \t",
		"\xff\xfe\xfd Toriva \xc3",
		"Dorn\x00Velk",
		strings.Repeat("A", 1<<20),
		strings.Repeat("Toriva ", 100000),
		strings.Repeat(".", 10000),
		strings.Repeat("'\"“(", 1000),
		// Once quadratic: runs of quotes, apostrophes and dashes.
		strings.Repeat("\" ", 50000),
		strings.Repeat("'", 100000),
		strings.Repeat("a—", 30000),
		huge,
	} {
		ms := Recognize(text)
		checkMentions(t, text, ms)
	}
	if ms := Recognize(huge); len(ms) < 40000 {
		t.Errorf("huge input: %d mentions, want at least 40,000", len(ms))
	}
}

func FuzzRecognize(f *testing.F) {
	for _, s := range []string{
		"",
		"President Ilya Dorn of the Kestrel Federation met Anselm Halvorsen in Toriva on Monday.",
		"Mr. Halvorsen's visit to the U.S. wasn't “planned”.\n\nNew paragraph -- here.",
		"\xff'\"s n't ... … — – J. R.",
		"KESTREL FEDERATION REJECTS TORIVAN OFFER",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms := Recognize(text)
		checkMentions(t, text, ms)
		if utf8.ValidString(text) {
			for _, m := range ms {
				if !utf8.ValidString(m.Text) {
					t.Fatalf("mention %q of valid text is invalid UTF-8", m.Text)
				}
			}
		}
	})
}

// TestSaveDeterministic trains a small model twice and checks the bytes
// and the round trip through ReadModel.
func TestSaveDeterministic(t *testing.T) {
	docs := readCoNLL(t, gold.CoNLLTrain)[:60]
	opt := TrainOptions{Epochs: 2, Seed: 7, CaseText: []string{"Toriva is a city . the city of Toriva"}, Clusters: 4, ClusterIterations: 2}
	var a, b bytes.Buffer
	if err := Train(docs, opt).Save(&a, 0.05); err != nil {
		t.Fatal(err)
	}
	if err := Train(docs, opt).Save(&b, 0.05); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same data and options gave different model bytes")
	}
	m, err := ReadModel(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	if err := m.Save(&c, 0.05); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("a model read back saves to different bytes")
	}
}

func TestReadModelErrors(t *testing.T) {
	for _, data := range []string{"", "not gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"} {
		if _, err := ReadModel(strings.NewReader(data)); err == nil {
			t.Errorf("ReadModel(%q) succeeded", data)
		}
	}
}

// BenchmarkRecognize tags CoNLL eng.testa documents as running text.
func BenchmarkRecognize(b *testing.B) {
	docs := readCoNLL(b, gold.CoNLLDev)
	texts := make([]string, len(docs))
	size := 0
	for i, d := range docs {
		texts[i], _ = Join(d)
		size += len(texts[i])
	}
	defaultModel()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			Recognize(text)
		}
	}
}

func ExampleRecognize() {
	for _, m := range Recognize("Anselm Halvorsen flew to Toriva on Monday.") {
		fmt.Printf("%s %q\n", m.Kind, m.Text)
	}
	// Output:
	// person "Anselm Halvorsen"
	// place "Toriva"
}

// TestEmptyModel tags with a model that has no features at all.
func TestEmptyModel(t *testing.T) {
	var b bytes.Buffer
	if err := (&Model{}).Save(&b, 0); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(&b)
	if err != nil {
		t.Fatal(err)
	}
	if ms := m.Recognize("Anselm Halvorsen flew to Toriva."); len(ms) != 0 {
		t.Errorf("empty model found %v", ms)
	}
}
