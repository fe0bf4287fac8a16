package synth

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/annals-archive/annals/internal/clean"
	"github.com/annals-archive/annals/internal/corpus"
)

// Corpora holds the source articles the generator resamples, read once
// from the corpora folder. Generators in several goroutines may share it:
// after Load it changes only an atomic cache.
type Corpora struct {
	pools []*pool
}

// pool is one corpus: its base articles and the paragraphs that may be
// mixed into them.
type pool struct {
	name   string // "kcna", "reuters", "bbc"
	source string // the source every article of the corpus names
	host   string // the host of the generated URLs
	weight float64
	docs   []doc
	groups [][]int32 // donor paragraphs (indices into all) by topic or category
	all    []donor   // every paragraph of the corpus that may be mixed in
	titles []string  // headlines for teaser lines
	// kept caches, for each of all, whether cleaning keeps it whole:
	// 0 not yet known, 1 yes, 2 no. Checked on first use, as cleaning
	// every paragraph up front would take seconds.
	kept []atomic.Uint32
}

// doc is one base article: its headline, the place of its dateline, its
// paragraphs with the dateline and end mark taken off, and its topic.
type doc struct {
	title string
	place string // dateline place, "" when the article has no dateline
	paras []string
	end   bool     // the article closed with its agency's end mark
	group int      // index into pool.groups
	names []uint32 // the names it mentions (see namesOf)
}

// donor is a paragraph that may be mixed into another article of the
// same corpus.
type donor struct {
	doc   int32
	text  string
	names []uint32
}

const (
	kcnaIdx = iota
	reutersIdx
	bbcIdx
)

// Share of each corpus in the generated articles.
const (
	kcnaWeight    = 0.35
	reutersWeight = 0.40
	bbcWeight     = 0.25
)

var (
	// kcnaDateline is "Pyongyang, December 24 (KCNA) -- " at the start of
	// a KCNA story.
	kcnaDateline = regexp.MustCompile(`^([A-Z][A-Za-z .'-]{1,40}), [A-Z][a-z]{2,8}\.? \d{1,2} \(KCNA\) --\s*`)
	kcnaEnd      = regexp.MustCompile(`\s*-0-\s*$`)
	// reutersDateline is the DATELINE element: "    SALVADOR, Feb 26 - ".
	reutersDateline = regexp.MustCompile(`^\s*(.+?),\s+[A-Za-z]{3,9}\.?\s+\d{1,2}\s+-\s*$`)
)

// Load reads the KCNA, Reuters-21578 and BBC News corpora from dir (the
// shared corpora folder) with package corpus. Articles without a headline
// or text are left out, and so is every article whose text repeats an
// earlier one's.
func Load(dir string) (*Corpora, error) {
	return load(dir, 1)
}

// load is Load keeping only every nth Reuters-21578 article, for tests
// under the race detector.
func load(dir string, every int) (*Corpora, error) {
	kcna, err := corpus.KCNA(dir)
	if err != nil {
		return nil, fmt.Errorf("reading KCNA: %w", err)
	}
	reuters, err := corpus.Reuters(dir)
	if err != nil {
		return nil, fmt.Errorf("reading Reuters-21578: %w", err)
	}
	bbc, err := corpus.BBC(dir)
	if err != nil {
		return nil, fmt.Errorf("reading BBC News: %w", err)
	}
	c := &Corpora{pools: make([]*pool, 3)}
	c.pools[kcnaIdx] = loadKCNA(kcna)
	if every > 1 {
		thin := reuters[:0:0]
		for i := 0; i < len(reuters); i += every {
			thin = append(thin, reuters[i])
		}
		reuters = thin
	}
	c.pools[reutersIdx] = loadReuters(reuters)
	c.pools[bbcIdx] = loadBBC(bbc)
	for _, p := range c.pools {
		p.kept = make([]atomic.Uint32, len(p.all))
		if len(p.docs) == 0 || len(p.all) == 0 {
			return nil, fmt.Errorf("the %s corpus in %s holds no usable articles", p.name, dir)
		}
	}
	return c, nil
}

// Bases returns how many distinct base articles each corpus contributes.
func (c *Corpora) Bases() map[string]int {
	m := make(map[string]int, len(c.pools))
	for _, p := range c.pools {
		m[p.source] = len(p.docs)
	}
	return m
}

// builder assembles a pool, dropping repeated texts and paragraphs.
type builder struct {
	p      *pool
	groups map[string]int
	texts  map[string]bool
	paras  map[string]bool
}

func newBuilder(name, source, host string, weight float64) *builder {
	return &builder{
		p:      &pool{name: name, source: source, host: host, weight: weight},
		groups: map[string]int{},
		texts:  map[string]bool{},
		paras:  map[string]bool{},
	}
}

func (b *builder) add(d doc, group string) {
	d.title = strings.Join(strings.Fields(d.title), " ")
	if d.title == "" || len(d.paras) == 0 {
		return
	}
	k := strings.Join(d.paras, "\n")
	if b.texts[k] {
		return
	}
	b.texts[k] = true
	g, ok := b.groups[group]
	if !ok {
		g = len(b.p.groups)
		b.groups[group] = g
		b.p.groups = append(b.p.groups, nil)
	}
	d.group = g
	d.names = namesOf(d.paras...)
	id := int32(len(b.p.docs))
	b.p.docs = append(b.p.docs, d)
	b.p.titles = append(b.p.titles, d.title)
	for _, para := range d.paras[1:] {
		if !mayDonate(para) {
			continue
		}
		if b.paras[para] {
			continue
		}
		b.paras[para] = true
		b.p.groups[g] = append(b.p.groups[g], int32(len(b.p.all)))
		b.p.all = append(b.p.all, donor{doc: id, text: para, names: namesOf(para)})
	}
}

// mayDonate reports whether a paragraph may be mixed into another
// article: prose of some length, closed as a sentence.
func mayDonate(para string) bool {
	n := utf8.RuneCountInString(para)
	if n < 80 || n > 1500 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(para)
	return strings.ContainsRune(`.?!"”’')`, last)
}

// keeps reports whether cleaning keeps donor i whole: no teaser, handle,
// date or end mark the importer would drop, which could make two
// generated texts equal after cleaning. The answer is cached.
func (p *pool) keeps(i int32) bool {
	switch p.kept[i].Load() {
	case 1:
		return true
	case 2:
		return false
	}
	flat := strings.Join(strings.Fields(p.all[i].text), " ")
	r := clean.Text(flat)
	ok := len(r.Removed) == 0 && r.Prefix == "" && r.Title == "" && !strings.Contains(r.Body, "\n\n")
	if ok {
		p.kept[i].Store(1)
	} else {
		p.kept[i].Store(2)
	}
	return ok
}

// namesOf returns the hashes of the capitalised words of paras that do
// not open a sentence, sorted and without repeats: roughly the names a
// text mentions, to tell which paragraphs fit an article.
func namesOf(paras ...string) []uint32 {
	var out []uint32
	for _, para := range paras {
		opening := true // the next word opens a sentence
		for i := 0; i < len(para); {
			for i < len(para) && (para[i] == ' ' || para[i] == '\n') {
				i++
			}
			start := i
			for i < len(para) && para[i] != ' ' && para[i] != '\n' {
				i++
			}
			if start == i {
				break
			}
			w := para[start:i]
			end := len(w)
			for end > 0 && strings.IndexByte(`.,;:!?"')`, w[end-1]) >= 0 {
				end--
			}
			if !opening && end >= 3 && 'A' <= w[0] && w[0] <= 'Z' {
				h := uint32(2166136261)
				for j := range end {
					h = (h ^ uint32(w[j])) * 16777619
				}
				out = append(out, h)
			}
			opening = strings.IndexByte(`.!?:"`, w[len(w)-1]) >= 0
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// shared counts the values two sorted lists have in common.
func shared(a, b []uint32) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			n++
			a, b = a[1:], b[1:]
		}
	}
	return n
}

func loadKCNA(recs []corpus.KCNARecord) *pool {
	b := newBuilder("kcna", "KCNA", "www.kcna.example", kcnaWeight)
	for _, r := range recs {
		var lines []string
		for _, l := range strings.Split(r.StoryText, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		d := doc{title: r.Headline}
		if m := kcnaDateline.FindStringSubmatchIndex(lines[0]); m != nil {
			d.place = lines[0][m[2]:m[3]]
			lines[0] = lines[0][m[1]:]
		}
		last := len(lines) - 1
		if loc := kcnaEnd.FindStringIndex(lines[last]); loc != nil {
			d.end = true
			lines[last] = lines[last][:loc[0]]
		}
		d.paras = nonEmpty(lines)
		b.add(d, r.Topic)
	}
	return b.p
}

func loadReuters(docs []corpus.ReutersDoc) *pool {
	b := newBuilder("reuters", "Reuters", "www.reuters.example", reutersWeight)
	for _, r := range docs {
		body := r.Body
		d := doc{title: r.Title}
		body, d.end = cutSignOff(body)
		if m := reutersDateline.FindStringSubmatch(r.Dateline); m != nil {
			d.place = m[1]
		}
		// A paragraph starts at an indented line; its other lines are
		// kept as they were wrapped.
		var paras []string
		var cur []string
		flush := func() {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, "\n"))
				cur = cur[:0]
			}
		}
		for i, l := range strings.Split(body, "\n") {
			if strings.TrimSpace(l) == "" {
				flush()
				continue
			}
			if i > 0 && strings.HasPrefix(l, "  ") {
				flush()
			}
			cur = append(cur, strings.TrimSpace(l))
		}
		flush()
		d.paras = nonEmpty(paras)
		group := ""
		if len(r.Topics) > 0 {
			group = r.Topics[0]
		}
		b.add(d, group)
	}
	return b.p
}

func loadBBC(docs []corpus.BBCDoc) *pool {
	b := newBuilder("bbc", "BBC News", "www.bbc.example", bbcWeight)
	for _, f := range docs {
		text := string(f.Data)
		if !utf8.ValidString(text) {
			out, err := charmap.Windows1252.NewDecoder().Bytes(f.Data)
			if err != nil {
				continue
			}
			text = string(out)
		}
		var lines []string
		for _, l := range strings.Split(text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) < 2 {
			continue
		}
		b.add(doc{title: lines[0], paras: lines[1:]}, f.Category)
	}
	return b.p
}

// cutSignOff cuts the closing "Reuter" (or "REUTER", "Reuter..." and the
// like) off a Reuters body.
func cutSignOff(body string) (string, bool) {
	t := strings.TrimRight(body, " \t\n.")
	const s = "reuter"
	if len(t) < len(s) || !strings.EqualFold(t[len(t)-len(s):], s) {
		return body, false
	}
	t = t[:len(t)-len(s)]
	if t != "" && !unicode.IsSpace(rune(t[len(t)-1])) {
		return body, false
	}
	return strings.TrimRight(t, " \t\n"), true
}

func nonEmpty(paras []string) []string {
	out := paras[:0]
	for _, p := range paras {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
