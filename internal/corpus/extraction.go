package corpus

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// HTMLPage is a saved web page with the text an extractor should find.
type HTMLPage struct {
	ID       string
	URL      string
	HTML     []byte
	Body     string // the gold article text
	Headline string // the gold headline, "" when unknown (L3S-GN1 only)
}

// Zyte reads the 181 pages of the article-extraction benchmark, sorted by
// id.
func Zyte(dir string) ([]HTMLPage, error) {
	dir = filepath.Join(dir, "article-extraction-benchmark")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, err
	}
	pages := make([]HTMLPage, 0, len(truth))
	for id, gt := range truth {
		html, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, HTMLPage{ID: id, URL: gt.URL, HTML: html, Body: gt.ArticleBody})
	}
	slices.SortFunc(pages, func(a, b HTMLPage) int { return strings.Compare(a.ID, b.ID) })
	return pages, nil
}

// L3S reads the 621 pages of L3S-GN1 with their gold full text and
// headline, in the order of gold.jsonl.
func L3S(dir string) ([]HTMLPage, error) {
	dir = filepath.Join(dir, "l3s-gn1")
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pages []HTMLPage
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var g struct {
			ID       string `json:"id"`
			URL      string `json:"url"`
			Headline string `json:"headline"`
			Fulltext string `json:"fulltext"`
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, err
		}
		html, err := readGzip(filepath.Join(dir, "original", g.ID+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, HTMLPage{ID: g.ID, URL: g.URL, HTML: html, Body: g.Fulltext, Headline: g.Headline})
	}
	return pages, sc.Err()
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// The scoring below is the article-extraction benchmark's evaluate.py, as
// its SOURCE.md describes it: word 4-gram shingles with counts, per-page
// TP/FP/FN normalised to sum to 1, precision and recall averaged over
// pages, F1 from the averages.

// wordRE is Python's Unicode \w+: letters, digits and underscore.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// shingles counts the word 4-grams of text. A text shorter than four words
// is one shingle of all its words; an empty text has none.
func shingles(text string) map[string]int {
	const n = 4
	tokens := wordRE.FindAllString(text, -1)
	counts := map[string]int{}
	for i := 0; i < max(1, len(tokens)-n+1); i++ {
		end := min(i+n, len(tokens))
		if i >= end {
			break
		}
		counts[strings.Join(tokens[i:end], "\x00")]++
	}
	return counts
}

// Match is one page's shingle counts, normalised to sum to 1.
type Match struct{ TP, FP, FN float64 }

// ShingleMatch compares an extracted text with the gold text.
func ShingleMatch(truth, pred string) Match {
	t, p := shingles(truth), shingles(pred)
	var m Match
	for k, tc := range t {
		pc := p[k]
		m.TP += float64(min(tc, pc))
		m.FN += float64(max(0, tc-pc))
	}
	for k, pc := range p {
		m.FP += float64(max(0, pc-t[k]))
	}
	if s := m.TP + m.FP + m.FN; s > 0 {
		m.TP, m.FP, m.FN = m.TP/s, m.FP/s, m.FN/s
	}
	return m
}

func (m Match) precision() float64 {
	switch {
	case m.FP == 0 && m.FN == 0:
		return 1
	case m.TP == 0 && m.FP == 0:
		return 0
	}
	return m.TP / (m.TP + m.FP)
}

func (m Match) recall() float64 {
	switch {
	case m.FP == 0 && m.FN == 0:
		return 1
	case m.TP == 0 && m.FN == 0:
		return 0
	}
	return m.TP / (m.TP + m.FN)
}

// Scores averages precision over pages that predicted something or should
// have (TP+FP > 0), recall over pages with a truth (TP+FN > 0), and returns
// F1 of the two averages.
func Scores(ms []Match) (precision, recall, f1 float64) {
	var np, nr int
	for _, m := range ms {
		if m.TP+m.FP > 0 {
			precision += m.precision()
			np++
		}
		if m.TP+m.FN > 0 {
			recall += m.recall()
			nr++
		}
	}
	if np > 0 {
		precision /= float64(np)
	}
	if nr > 0 {
		recall /= float64(nr)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}
