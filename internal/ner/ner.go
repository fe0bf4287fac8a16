// Package ner finds the people, places and organizations named in English
// news text.
//
// Recognize is the whole contract: it takes one article's plain text
// (paragraphs separated by blank lines) and returns the person, place and
// organization mentions in order, with byte offsets into that text. It
// never fails: empty text, invalid UTF-8 and huge inputs give what they
// give, never a panic, in time linear in the input.
//
// The tagger is an averaged perceptron over BILOU tags (PER, LOC, ORG and
// MISC as in CoNLL-2003; MISC is recognised but never reported), decoded
// greedily left to right. Its features are the word, its shape, prefixes
// and suffixes, the neighbouring words, shapes and word classes, the
// position in the sentence, headline capitals, the two previous tags,
// gazetteer matches, how often the word is capitalised in running news
// text, and the types the tagger gave the same word earlier in the
// document. Word classes are learnt from unlabelled news text by the
// exchange algorithm. Leading titles ("Mr.", "President") are left out of
// person mentions, as CoNLL does.
//
// The package has its own tokenizer (news English: punctuation, possessive
// 's, n't, hyphenated words kept whole, abbreviations like U.S. and
// initials, straight and curly quotes) and sentence splitter (blank lines,
// then ., ! and ? before a capital).
//
// The model is the file model.bin.gz (format in model.go), embedded in the
// binary and decoded once, on first use; it is a reviewed file of the
// repository. It is built by one deterministic command from the shared
// research corpora, run from the module root:
//
//	go run ./cmd/annals-train -corpora ../shared/corpora -out internal/ner/model.bin.gz
//
// It trains on CoNLL-2003 eng.train, takes the gazetteer from GMB's
// sentences outside the held-out tenth, and learns capitalisation
// statistics and word classes from eng.train, Reuters-21578, BBC News and
// those GMB sentences. eng.testa is the only data used for tuning;
// eng.testb and the held-out GMB tenth (sentence index % 10 == 9) are only
// measured, by the tests of this package. Package gold reads the corpora.
//
// Recognize and the methods of a loaded Model are safe for concurrent use.
package ner

import (
	"bytes"
	_ "embed"
	"io"
	"runtime"
	"strings"
	"sync"
)

// Kind is the type of a mention; the strings are those of article.Kind.
type Kind string

// The kinds Recognize reports.
const (
	Person       Kind = "person"       // CoNLL PER
	Place        Kind = "place"        // CoNLL LOC
	Organization Kind = "organization" // CoNLL ORG
)

// kinds maps the tagger's types to kinds; MISC maps to "" (not reported).
var kinds = [nTypes]Kind{Person, Place, Organization, ""}

// Mention is one entity mention in a text.
type Mention struct {
	Start, End int    // byte offsets into the text given to Recognize
	Text       string // text[Start:End]
	Kind       Kind   // person (CoNLL PER), place (LOC), organization (ORG); MISC is not reported
}

//go:embed model.bin.gz
var modelFile []byte

var (
	loadOnce sync.Once
	loaded   *Model
)

// defaultModel decodes the embedded model once. A broken embedded file is
// a build defect: it panics with the reason.
func defaultModel() *Model {
	loadOnce.Do(func() {
		m, err := ReadModel(bytes.NewReader(modelFile))
		if err != nil {
			panic(err)
		}
		loaded = m
	})
	return loaded
}

// Recognize finds the person, place and organization mentions in text (one
// article's plain text, paragraphs separated by blank lines), in order.
func Recognize(text string) []Mention {
	return defaultModel().Recognize(text)
}

// idle holds scratches between calls, with their word caches. Unlike a
// sync.Pool it keeps them across garbage collections: a cache is large
// and worth most when warm. It keeps one per processor; calls beyond
// that make and drop their own.
var idle = make(chan *scratch, runtime.GOMAXPROCS(0))

func getScratch() *scratch {
	select {
	case s := <-idle:
		return s
	default:
		return new(scratch)
	}
}

func putScratch(s *scratch) {
	select {
	case idle <- s:
	default:
	}
}

// titles are words a person mention never starts with.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true,
	"president": true, "premier": true, "minister": true, "gen": true, "general": true, "col": true,
	"sen": true, "senator": true, "gov": true, "governor": true, "rep": true, "rev": true, "capt": true,
	"lt": true, "sgt": true, "king": true, "queen": true, "pope": true, "judge": true, "chairman": true,
}

// Recognize is the package-level Recognize with this model.
func (m *Model) Recognize(text string) []Mention {
	s := getScratch()
	defer putScratch(s)
	var out []Mention
	h := history{}
	var sp []span
	var sents [][]token
	sents, s.toks = splitSentencesInto(text, s.toks, s.sents)
	s.sents = sents
	for _, sent := range sents {
		s.forms = s.forms[:0]
		for _, t := range sent {
			s.forms = append(s.forms, t.form)
		}
		tags := m.tag(s.forms, h, s)
		sp = spans(tags, sp[:0])
		for _, e := range sp {
			k := kinds[e.typ]
			if k == "" {
				continue
			}
			// CoNLL leaves titles out of names: "Mr. [Dorn]".
			for k == Person && e.end-e.start > 1 && titles[strings.ToLower(s.forms[e.start])] {
				e.start++
			}
			start, end := sent[e.start].start, sent[e.end-1].end
			out = append(out, Mention{Start: start, End: end, Text: text[start:end], Kind: k})
		}
	}
	return out
}

// ReadModel reads a model file as written by Model.Save.
func ReadModel(r io.Reader) (*Model, error) { return readModel(r) }

// Save writes the model file: weights below prune in magnitude are
// dropped, the rest quantised. Same model, same bytes.
func (m *Model) Save(w io.Writer, prune float32) error { return m.write(w, prune) }
