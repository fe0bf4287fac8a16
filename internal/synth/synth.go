// Package synth makes benchmark archives of any size from real news: it
// resamples the KCNA, Reuters-21578 and BBC News corpora (read with package
// corpus from a corpora folder the caller names) into N new, unique raw
// articles, written as JSON Lines that `annals import` reads with its
// default field names.
//
// Its contract:
//
//   - Exactly N articles, and the same bytes for the same corpora, N, seed
//     and file size: the output depends on nothing else (no clock, no map
//     order, no scheduling). The articles of a seed are one sequence: a
//     smaller N gives its first N, whatever the file size.
//   - Every article is real text rearranged: the headline, dateline place,
//     end mark and most paragraphs of one base article, with one or two
//     paragraphs of other articles of the same corpus put in anywhere
//     after its lead, and sometimes one of its own paragraphs left out.
//     Mixed-in paragraphs come from the base's topic or category where it
//     has enough, preferring those that name the people, places and
//     organizations the base names. The source is the base's ("KCNA",
//     "Reuters", "BBC News"), so the entities are those of real news.
//   - Every text is unique: no two articles have the same paragraphs up to
//     case, punctuation and spacing (the way the importer compares texts),
//     leaving out the dateline and the noise below. Mixed-in paragraphs
//     are ones cleaning keeps whole, so texts stay distinct after import
//     too; a draw that repeats an earlier text is drawn again.
//   - Dates fall between FirstYear-01-01 and LastYear-12-31, more of them
//     in later years (the last year three times as many as the first);
//     datelines are rewritten to the article's day.
//   - A small share of articles carries the scraper noise the importer
//     removes: the headline repeated as the first two lines, a metadata
//     date prefix before the headline, an "Also Read:" teaser line.
//   - Generation streams: memory holds the corpora and one 8-byte hash
//     per article drawn, never the articles.
//
// The corpora are research material: generated files are for local
// benchmarks and must not be published.
package synth

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The years generated dates fall in.
const (
	FirstYear = 2001
	LastYear  = 2025
)

// Shares of articles that carry each kind of noise.
const (
	repeatedTitleShare = 0.04
	datePrefixShare    = 0.04
	teaserShare        = 0.05
)

// maxDraws bounds the draws for one article: reaching it means the
// corpora cannot give that many unique articles.
const maxDraws = 1000

// candidates is how many paragraphs are weighed for each mixed-in one.
const candidates = 8

// Article is one generated raw article, with the JSON keys the importer
// reads by default.
type Article struct {
	Title  string `json:"title"`
	Date   string `json:"date"` // YYYY-MM-DD
	Source string `json:"source"`
	URL    string `json:"url"`
	Text   string `json:"text"`
}

// Generator draws unique articles from the corpora. It remembers a hash of
// every text it has drawn; it is not safe for concurrent use.
type Generator struct {
	c     *Corpora
	rng   *rand.Rand
	seen  map[uint64]struct{}
	first time.Time
	days  int
	cum   []float64 // cumulative corpus weights

	paras []string // scratch
	norm  []byte
	text  strings.Builder
}

// NewGenerator returns a generator of the articles for seed.
func NewGenerator(c *Corpora, seed uint64) *Generator {
	g := &Generator{
		c:     c,
		rng:   rand.New(rand.NewPCG(seed, 0x616e6e616c73)),
		seen:  map[uint64]struct{}{},
		first: time.Date(FirstYear, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	g.days = int(time.Date(LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(g.first).Hours() / 24)
	total := 0.0
	for _, p := range c.pools {
		total += p.weight
		g.cum = append(g.cum, total)
	}
	for i := range g.cum {
		g.cum[i] /= total
	}
	return g
}

// ErrExhausted is returned when no new unique article could be drawn.
var ErrExhausted = errors.New("synth: the corpora give no more unique articles")

// Next draws the next article.
func (g *Generator) Next() (Article, error) {
	for range maxDraws {
		p := g.pickPool()
		id := g.rng.IntN(len(p.docs))
		d := &p.docs[id]
		g.compose(p, int32(id), d)
		k := g.key()
		if _, dup := g.seen[k]; dup {
			continue
		}
		g.seen[k] = struct{}{}
		date := g.date()
		return Article{
			Title:  d.title,
			Date:   date.Format(time.DateOnly),
			Source: p.source,
			URL:    fmt.Sprintf("https://%s/%s/%s/%016x", p.host, p.name, date.Format("2006/01/02"), k),
			Text:   g.render(p, d, date),
		}, nil
	}
	return Article{}, ErrExhausted
}

// key is keyOf(g.paras), with a buffer kept between calls.
func (g *Generator) key() uint64 {
	g.norm = normalise(g.norm[:0], g.paras)
	return sum64(g.norm)
}

func (g *Generator) pickPool() *pool {
	u := g.rng.Float64()
	for i, c := range g.cum {
		if u < c {
			return g.c.pools[i]
		}
	}
	return g.c.pools[len(g.c.pools)-1]
}

// compose sets g.paras to the base's paragraphs with one or two donor
// paragraphs put in after the lead and, in long articles, one of the
// base's own left out half the time.
func (g *Generator) compose(p *pool, id int32, d *doc) {
	g.paras = append(g.paras[:0], d.paras...)
	if len(g.paras) >= 4 && g.rng.IntN(2) == 0 {
		i := 1 + g.rng.IntN(len(g.paras)-1)
		g.paras = append(g.paras[:i], g.paras[i+1:]...)
	}
	n := 1
	if g.rng.IntN(10) < 3 {
		n = 2
	}
	for range n {
		text, ok := g.donor(p, id, d)
		if !ok {
			continue
		}
		i := 1 + g.rng.IntN(len(g.paras))
		g.paras = append(g.paras, "")
		copy(g.paras[i+1:], g.paras[i:])
		g.paras[i] = text
	}
}

// donor draws a paragraph of another article from the base's topic (or
// the whole corpus when the topic has few): of a few candidates, the one
// that mentions most of the names the base mentions, among those cleaning
// keeps whole (checked last, as it is the costly test).
func (g *Generator) donor(p *pool, id int32, d *doc) (string, bool) {
	from := p.groups[d.group]
	if len(from) < 20 {
		from = nil
	}
	type candidate struct {
		i     int32
		score int
	}
	var cands [candidates]candidate
	n := 0
	for range candidates {
		var i int32
		if from != nil {
			i = from[g.rng.IntN(len(from))]
		} else {
			i = int32(g.rng.IntN(len(p.all)))
		}
		dn := &p.all[i]
		if dn.doc == id || contains(g.paras, dn.text) {
			continue
		}
		cands[n] = candidate{i, shared(d.names, dn.names)}
		n++
	}
	slices.SortStableFunc(cands[:n], func(a, b candidate) int { return b.score - a.score })
	for _, c := range cands[:n] {
		if p.keeps(c.i) {
			return p.all[c.i].text, true
		}
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// date draws a day with density rising linearly over the range, from 1 to
// 3: the inverse of the CDF (t + t²)/2.
func (g *Generator) date() time.Time {
	u := g.rng.Float64()
	t := (math.Sqrt(1+8*u) - 1) / 2
	day := min(int(t*float64(g.days)), g.days-1)
	return g.first.AddDate(0, 0, day)
}

// render writes the article's text in its corpus's shape, with its
// dateline, end mark and any noise.
func (g *Generator) render(p *pool, d *doc, date time.Time) string {
	b := &g.text
	b.Reset()
	sep := "\n\n"
	switch p.name {
	case "kcna":
		sep = "\n"
	case "reuters":
		sep = "\n    "
	}
	switch u := g.rng.Float64(); {
	case u < repeatedTitleShare:
		b.WriteString(d.title + "\n" + d.title + "\n\n")
	case u < repeatedTitleShare+datePrefixShare:
		switch g.rng.IntN(3) {
		case 0:
			b.WriteString(" date " + date.Format(time.DateOnly) + " ")
		case 1:
			b.WriteString("Published: " + date.Format("January 2, 2006") + " | ")
		default:
			b.WriteString(date.Format("2 January 2006") + " - ")
		}
		b.WriteString(d.title + "\n\n")
	}
	teaser := -1
	if g.rng.Float64() < teaserShare && len(g.paras) >= 2 {
		teaser = 1 + g.rng.IntN(len(g.paras)-1)
	}
	for i, para := range g.paras {
		switch {
		case i == 0:
			g.dateline(p, d, date)
		case i == teaser && p.name == "reuters":
			// A line of its own between wrapped paragraphs.
			b.WriteString("\n\nAlso Read: " + p.titles[g.rng.IntN(len(p.titles))] + "\n\n    ")
		case i == teaser:
			b.WriteString(sep + "Also Read: " + p.titles[g.rng.IntN(len(p.titles))] + sep)
		default:
			b.WriteString(sep)
		}
		b.WriteString(para)
	}
	if d.end {
		switch p.name {
		case "kcna":
			b.WriteString(" -0-")
		case "reuters":
			b.WriteString("\n Reuter")
		}
	}
	b.WriteByte('\n')
	return b.String()
}

// apMonths are the month names of wire datelines.
var apMonths = [...]string{"Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"}

func (g *Generator) dateline(p *pool, d *doc, date time.Time) {
	if d.place == "" {
		return
	}
	b := &g.text
	day := strconv.Itoa(date.Day())
	switch p.name {
	case "kcna":
		b.WriteString(d.place + ", " + date.Month().String() + " " + day + " (KCNA) -- ")
	case "reuters":
		b.WriteString("    " + d.place + ", " + apMonths[date.Month()-1] + " " + day + " - ")
	}
}

// keyOf hashes paragraphs as the importer compares texts: letters and
// digits, lower-cased, with every run of anything else one separator; the
// key is the first 8 bytes of the SHA-256 of that. A collision of keys
// only makes the generator draw again.
func keyOf(paras []string) uint64 {
	return sum64(normalise(nil, paras))
}

func sum64(b []byte) uint64 {
	sum := sha256.Sum256(b)
	return binary.LittleEndian.Uint64(sum[:8])
}

// normalise appends the normal form of paras to buf.
func normalise(buf []byte, paras []string) []byte {
	for _, p := range paras {
		space := true
		for i := 0; i < len(p); {
			c := p[i]
			if c < utf8.RuneSelf {
				i++
				c = asciiKey[c]
				if c == 0 {
					space = true
					continue
				}
				if space && len(buf) > 0 {
					buf = append(buf, ' ')
				}
				space = false
				buf = append(buf, c)
				continue
			}
			r, size := utf8.DecodeRuneInString(p[i:])
			i += size
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				space = true
				continue
			}
			if space && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			space = false
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
	}
	return buf
}

// asciiKey maps ASCII letters and digits to themselves in lower case and
// everything else to 0.
var asciiKey = func() (t [utf8.RuneSelf]byte) {
	for c := range byte(utf8.RuneSelf) {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = c
		case 'A' <= c && c <= 'Z':
			t[c] = c + 'a' - 'A'
		}
	}
	return t
}()
