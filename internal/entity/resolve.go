package entity

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annals-archive/annals/internal/article"
)

// Mention is one entity mention a tagger found in a text.
type Mention struct {
	Start, End int // byte offsets into the text
	Kind       article.Kind
}

// honorific matches a title standing before a person's name, at the end of
// the text that precedes the mention.
var honorific = regexp.MustCompile(`(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|Rev|St)\.|\b(?:President|Vice President|Premier|Prime Minister|Deputy Prime Minister|Chairman|Chairwoman|Comrade|Marshal|General Secretary|Secretary-General|Secretary General|Secretary|Foreign Minister|Deputy Foreign Minister|Defen[cs]e Minister|Minister|Ambassador|Chancellor|King|Queen|Prince|Princess|Pope|Senator|Governor|Mayor|Leader|Supreme Leader|General|Admiral|Colonel|Dictator|Respected|Dear))\s+$`)

// patronymic matches the middle name of a Russian-style full name.
var patronymic = regexp.MustCompile(`^\p{Lu}\p{Ll}+(?:ovich|evich|yevich|ich|ovna|evna|yevna|ichna)$`)

var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`January February March April May June July August September October
		November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday
		Thursday Friday Saturday Sunday`) {
		m[strings.ToLower(w)] = true
	}
	return m
}()

// maxWords bounds an entity name: longer spans are tagging errors.
const maxWords = 8

// found is one mention being resolved.
type found struct {
	surface string // as written, with a title before a person's name
	name    string // the name without title, possessive or patronymic
	kind    article.Kind
	entry   *Entry // from the table, when it knows the name
	start   int
}

// Resolve turns the mentions found in one article's text into its
// entities: one per real-world referent, under its canonical name, sorted
// by name, each with its surface forms in order of first use.
func (t *Table) Resolve(text string, ms []Mention) []article.Entity {
	var fs []*found
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		if f := t.prepare(text, m); f != nil {
			fs = append(fs, f)
		}
	}
	t.acronyms(fs)
	t.surnames(fs)
	return group(fs)
}

// prepare reads one mention: its surface form and bare name, and what the
// table knows of it. It returns nil for what is never an entity.
func (t *Table) prepare(text string, m Mention) *found {
	surface := strings.TrimSpace(text[m.Start:m.End])
	name := strings.TrimSuffix(strings.TrimSuffix(surface, "'s"), "’s")
	name = strings.Trim(name, " \"'“”‘’,;:()[]")
	name = clean(name)
	if !usable(name) || t.Ignored(name) || t.IsDemonym(name) {
		return nil
	}
	f := &found{surface: surface, name: name, kind: m.Kind, start: m.Start}
	if m.Kind == article.Person {
		if loc := honorific.FindStringIndex(text[max(0, m.Start-40):m.Start]); loc != nil {
			f.surface = text[max(0, m.Start-40)+loc[0] : m.End]
			f.surface = strings.TrimSpace(f.surface)
		}
		if w := strings.Fields(name); len(w) == 3 && patronymic.MatchString(w[1]) {
			if e := t.lookup(name); e == nil {
				f.name = w[0] + " " + w[2]
			}
		}
	}
	f.surface = strings.TrimSuffix(strings.TrimSuffix(f.surface, "'s"), "’s")
	if e := t.lookup(f.name); e != nil {
		f.entry = e
		f.name, f.kind = e.Name, e.Kind
	}
	return f
}

// usable reports whether a tagged span can name an entity at all.
func usable(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > maxWords || len(name) > 100 {
		return false
	}
	if len(words) == 1 && calendarWords[strings.ToLower(strings.TrimSuffix(name, "."))] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(name)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// acronyms resolves an organization's acronym to the long name the article
// spells it out with: "KCNA" after "Korean Central News Agency".
func (t *Table) acronyms(fs []*found) {
	for _, f := range fs {
		if f.entry != nil || !isAcronym(f.name) {
			continue
		}
		want := strings.ReplaceAll(f.name, ".", "")
		for _, g := range fs {
			if g != f && g.kind != article.Person && initials(g.name) == want {
				f.name, f.kind, f.entry = g.name, g.kind, g.entry
				break
			}
		}
	}
}

func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// surnames resolves a one-word person mention ("Putin", "Mr. Kim") to the
// full name the article uses: the nearest earlier full name whose last
// (or, for East Asian names, first) word it is, else the most frequent
// one. A bare surname the article never gives in full is no entity unless
// the table knows it.
func (t *Table) surnames(fs []*found) {
	var full []*found
	for _, f := range fs {
		if f.kind == article.Person && len(strings.Fields(f.name)) >= 2 {
			full = append(full, f)
		}
	}
	for _, f := range fs {
		if f.kind != article.Person || len(strings.Fields(f.name)) != 1 || f.entry != nil && len(strings.Fields(f.entry.Name)) > 1 && !ambiguousIn(f, full) {
			continue
		}
		if g := fullFor(f, full); g != nil {
			f.name, f.entry = g.name, g.entry
			continue
		}
		if f.entry == nil {
			f.name = "" // a bare surname: not an entity
		}
	}
}

// ambiguousIn reports whether the article names another full person with
// f's word, so the article's own use must decide.
func ambiguousIn(f *found, full []*found) bool {
	for _, g := range full {
		if g.name != f.name && hasNamePart(g.name, f.name) {
			return true
		}
	}
	return false
}

func hasNamePart(full, word string) bool {
	w := strings.Fields(full)
	return w[len(w)-1] == word || w[0] == word
}

func fullFor(f *found, full []*found) *found {
	var best *found
	count := map[string]int{}
	for _, g := range full {
		if hasNamePart(g.name, f.name) {
			count[g.name]++
			if g.start < f.start {
				best = g // the nearest earlier one, as full is in text order
			}
		}
	}
	if best != nil || len(count) == 0 {
		return best
	}
	var top string
	for n, c := range count {
		if c > count[top] || c == count[top] && n < top {
			top = n
		}
	}
	for _, g := range full {
		if g.name == top {
			return g
		}
	}
	return nil
}

// group merges the resolved mentions by name; the kind is the table's, or
// the one most mentions were tagged with.
func group(fs []*found) []article.Entity {
	type acc struct {
		e     article.Entity
		kinds map[article.Kind]int
		known bool
		seen  map[string]bool
	}
	by := map[string]*acc{}
	var order []string
	for _, f := range fs {
		if f.name == "" {
			continue
		}
		a := by[f.name]
		if a == nil {
			a = &acc{e: article.Entity{Name: f.name}, kinds: map[article.Kind]int{}, seen: map[string]bool{}}
			by[f.name] = a
			order = append(order, f.name)
		}
		if f.entry != nil {
			a.known, a.e.Kind = true, f.entry.Kind
		}
		a.kinds[f.kind]++
		if !a.seen[f.surface] {
			a.seen[f.surface] = true
			a.e.Mentions = append(a.e.Mentions, f.surface)
		}
	}
	out := make([]article.Entity, 0, len(order))
	for _, n := range order {
		a := by[n]
		if !a.known {
			a.e.Kind = topKind(a.kinds)
		}
		out = append(out, a.e)
	}
	slices.SortFunc(out, func(x, y article.Entity) int {
		return cmp.Or(strings.Compare(x.Name, y.Name), strings.Compare(string(x.Kind), string(y.Kind)))
	})
	return out
}

func topKind(kinds map[article.Kind]int) article.Kind {
	best := article.Kind("")
	for _, k := range []article.Kind{article.Person, article.Place, article.Organization} {
		if kinds[k] > kinds[best] {
			best = k
		}
	}
	return best
}
