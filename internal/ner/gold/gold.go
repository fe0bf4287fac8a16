// Package gold reads the hand-annotated named-entity corpora that package
// ner is trained and measured on (CoNLL-2003 English, the GMB extract) and
// scores predicted spans against them.
//
// It owns the shape of gold data (documents of tokenized sentences with
// typed token spans) and nothing else: it never tags text and never writes
// files. The corpora are research data read at run time from the shared
// corpora folder; nothing here copies their text anywhere.
//
// All functions are safe for concurrent use.
package gold

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The corpus files, relative to the corpora folder.
const (
	CoNLLTrain = "conll2003/eng.train"
	CoNLLDev   = "conll2003/eng.testa" // for tuning
	CoNLLTest  = "conll2003/eng.testb" // for evaluation only: never train or tune on it
	GMBFile    = "gmb/ner_dataset.csv.gz"
)

// Entity types, as CoNLL-2003 names them.
const (
	PER  = "PER"
	LOC  = "LOC"
	ORG  = "ORG"
	MISC = "MISC"
)

// Span is an entity over the tokens Words[Start:End] of a sentence.
type Span struct {
	Start, End int
	Type       string // PER, LOC, ORG, MISC (or a raw GMB type in Sentence.Raw)
}

// Sentence is one tokenized sentence with its gold entities, in order.
type Sentence struct {
	Words    []string
	Entities []Span
	Raw      []Span // GMB only: every entity with its GMB type (per, geo, gpe, org, tim, art, eve, nat)
}

// Document is a sequence of sentences from one story. GMB has no story
// boundaries: each of its sentences is a document of its own.
type Document []Sentence

// ReadCoNLL reads a CoNLL-2003 file (columns word POS chunk NE, IOB1 tags,
// documents started by -DOCSTART- lines).
func ReadCoNLL(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var (
		docs  []Document
		words []string
		tags  []string
	)
	endSentence := func() {
		if len(words) == 0 {
			return
		}
		if len(docs) == 0 {
			docs = append(docs, nil)
		}
		s := Sentence{Words: words, Entities: spansIOB(tags, false)}
		docs[len(docs)-1] = append(docs[len(docs)-1], s)
		words, tags = nil, nil
	}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		switch {
		case strings.HasPrefix(text, "-DOCSTART-"):
			endSentence()
			docs = append(docs, nil)
		case strings.TrimSpace(text) == "":
			endSentence()
		default:
			cols := strings.Fields(text)
			if len(cols) != 4 {
				return nil, fmt.Errorf("%s:%d: %d columns, want 4", path, line, len(cols))
			}
			words = append(words, cols[0])
			tags = append(tags, cols[3])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	endSentence()
	out := docs[:0]
	for _, d := range docs {
		if len(d) > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

// spansIOB builds spans from IOB1 tags (iob2 false: an entity starts at
// B-X, or at I-X after O or another type) or IOB2 tags (iob2 true: B-X
// starts, I-X continues).
func spansIOB(tags []string, iob2 bool) []Span {
	var spans []Span
	open := -1
	typ := ""
	closeAt := func(i int) {
		if open >= 0 {
			spans = append(spans, Span{Start: open, End: i, Type: typ})
		}
		open, typ = -1, ""
	}
	for i, tag := range tags {
		if tag == "O" || len(tag) < 3 || tag[1] != '-' {
			closeAt(i)
			continue
		}
		t := tag[2:]
		begin := tag[0] == 'B' || t != typ || (iob2 && open < 0)
		if begin {
			closeAt(i)
			open, typ = i, t
		}
	}
	closeAt(len(tags))
	return spans
}

// GMBHeldOut reports whether the GMB sentence with 0-based index i (file
// order) belongs to the evaluation tenth.
func GMBHeldOut(i int) bool { return i%10 == 9 }

// gmbType maps GMB types to CoNLL ones: per to PER, geo and gpe to LOC, org
// to ORG; the rest is dropped ("").
func gmbType(t string) string {
	switch t {
	case "per":
		return PER
	case "geo", "gpe":
		return LOC
	case "org":
		return ORG
	}
	return ""
}

// ReadGMB reads the GMB extract (gzipped CSV Sentence #,Word,POS,Tag in
// Windows-1252, IOB2 tags), one Sentence per GMB sentence in file order.
// Entities holds the mapped types (PER, LOC, ORG); Raw keeps all GMB types.
func ReadGMB(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(&cp1252Reader{r: bufio.NewReader(zr)})
	r.FieldsPerRecord = 4
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // header
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var (
		sents []Sentence
		words []string
		tags  []string
	)
	flush := func() {
		if len(words) == 0 {
			return
		}
		raw := spansIOB(tags, true)
		s := Sentence{Words: words, Raw: raw}
		for _, sp := range raw {
			if t := gmbType(sp.Type); t != "" {
				s.Entities = append(s.Entities, Span{Start: sp.Start, End: sp.End, Type: t})
			}
		}
		sents = append(sents, s)
		words, tags = nil, nil
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if rec[0] != "" {
			flush()
		}
		words = append(words, rec[1])
		tags = append(tags, rec[3])
	}
	flush()
	return sents, nil
}

// cp1252 maps the bytes 0x80-0x9F of Windows-1252 (0 for the five unused ones).
var cp1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// cp1252Reader decodes Windows-1252 to UTF-8.
type cp1252Reader struct {
	r   *bufio.Reader
	buf []byte
}

func (c *cp1252Reader) Read(p []byte) (int, error) {
	for len(c.buf) < len(p) {
		b, err := c.r.ReadByte()
		if err != nil {
			if len(c.buf) == 0 {
				return 0, err
			}
			break
		}
		switch {
		case b < 0x80:
			c.buf = append(c.buf, b)
		case b < 0xA0 && cp1252[b-0x80] != 0:
			c.buf = append(c.buf, string(cp1252[b-0x80])...)
		default:
			c.buf = append(c.buf, string(rune(b))...)
		}
	}
	n := copy(p, c.buf)
	c.buf = c.buf[:copy(c.buf, c.buf[n:])]
	return n, nil
}

// Path joins the corpora folder and a corpus file name.
func Path(dir, file string) string { return filepath.Join(dir, file) }

// Tally counts true positives, false positives and false negatives.
type Tally struct{ TP, FP, FN int }

// PRF returns precision, recall and F1 (0 where undefined).
func (t Tally) PRF() (p, r, f float64) {
	if t.TP+t.FP > 0 {
		p = float64(t.TP) / float64(t.TP+t.FP)
	}
	if t.TP+t.FN > 0 {
		r = float64(t.TP) / float64(t.TP+t.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Score tallies exact-match spans (same Start, End and Type) per type.
type Score map[string]*Tally

// Add compares one unit's gold and predicted spans (any offsets, as long as
// both sides use the same ones). Spans of a type in ignore are skipped.
func (s Score) Add(gold, pred []Span, ignore ...string) {
	skip := func(t string) bool {
		for _, i := range ignore {
			if t == i {
				return true
			}
		}
		return false
	}
	tally := func(t string) *Tally {
		if s[t] == nil {
			s[t] = &Tally{}
		}
		return s[t]
	}
	in := make(map[Span]bool, len(gold))
	for _, g := range gold {
		if !skip(g.Type) {
			in[g] = true
		}
	}
	for _, p := range pred {
		if skip(p.Type) {
			continue
		}
		if in[p] {
			tally(p.Type).TP++
			delete(in, p)
		} else {
			tally(p.Type).FP++
		}
	}
	for g := range in {
		tally(g.Type).FN++
	}
}

// Total sums the tallies of all types (micro-average).
func (s Score) Total() Tally {
	var t Tally
	for _, x := range s {
		t.TP += x.TP
		t.FP += x.FP
		t.FN += x.FN
	}
	return t
}

// String formats P/R/F1 overall and per type, types sorted.
func (s Score) String() string {
	var b strings.Builder
	p, r, f := s.Total().PRF()
	fmt.Fprintf(&b, "all  P %.4f R %.4f F1 %.4f", p, r, f)
	types := make([]string, 0, len(s))
	for t := range s {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		p, r, f := s[t].PRF()
		fmt.Fprintf(&b, "\n%-4s P %.4f R %.4f F1 %.4f (gold %d)", t, p, r, f, s[t].TP+s[t].FN)
	}
	return b.String()
}
