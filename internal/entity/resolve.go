package entity

import (
	"cmp"
	"regexp"
	"slices"
	"sort"
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

// placeNouns end the names of places; orgNouns stand in the names of
// organizations. A tagged span that contains one is of that kind, whatever
// the tagger said: "Selva River" is no organization, "News Agency" no
// person.
var (
	placeNouns = wordSet(`River Sea Ocean Mountain Mountains Island Islands Province Oblast Krai City Republic
		Kingdom Federation Square Street Bridge Peninsula Strait Bay Lake Region County District Valley
		Desert Gulf Canal Coast Airport Port Harbour Harbor`)
	orgNouns = wordSet(`Agency Ministry Party Council Committee Army Union Association Corporation Company
		Bank University Institute Department Office Commission Assembly Government Service Forces Navy
		Police News Times Post Group Organization Organisation Front League Court Parliament Cabinet
		Embassy Inc Ltd Corp Co Foundation Society Academy Federation`)
)

// statePrefix opens the official names of states: "Republic of Arvenia".
var statePrefix = wordSet(`Republic Kingdom Principality Sultanate Emirate`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// kindByNouns corrects a tagged kind by the nouns in the name.
func kindByNouns(name string, kind article.Kind) article.Kind {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return kind
	}
	if kind != article.Place && (placeNouns[ws[len(ws)-1]] || len(ws) >= 3 && statePrefix[ws[0]] && ws[1] == "of") {
		return article.Place
	}
	if kind == article.Person {
		for _, w := range ws {
			if orgNouns[w] {
				return article.Organization
			}
		}
	}
	return kind
}

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
	ms = slices.Clone(ms)
	sortMentions(ms)
	known, demonymOf := t.known(text)
	ms = joinOf(text, combine(known, ms))
	var fs []*found
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		if f := t.prepare(text, m); f != nil {
			fs = append(fs, f)
		}
	}
	t.acronyms(text, fs)
	t.surnames(fs)
	shortForms(fs)
	return t.withCountries(group(fs), demonymOf)
}

// withCountries adds the country of every place the article names and of
// every demonym it uses: an article about Houston, or about "Russian
// officials", is about the United States, or Russia, too. Such countries
// have no mentions of their own unless the article also names them.
func (t *Table) withCountries(es []article.Entity, demonymOf []*Entry) []article.Entity {
	have := map[string]bool{}
	for _, e := range es {
		if e.Kind == article.Place {
			have[e.Name] = true
		}
	}
	var add []string
	want := func(name string) {
		if name != "" && !have[name] {
			have[name] = true
			add = append(add, name)
		}
	}
	for _, e := range es {
		if e.Kind != article.Place {
			continue
		}
		if entry := t.lookup(e.Name); entry != nil && entry.Name == e.Name {
			want(entry.Country)
		}
	}
	for _, d := range demonymOf {
		want(d.Name)
		want(d.Country)
	}
	if len(add) == 0 {
		return es
	}
	for _, name := range add {
		if t.Ignored(name) {
			continue
		}
		es = append(es, article.Entity{Name: name, Kind: article.Place, Mentions: []string{}})
	}
	slices.SortFunc(es, func(x, y article.Entity) int {
		return cmp.Or(strings.Compare(x.Name, y.Name), strings.Compare(string(x.Kind), string(y.Kind)))
	})
	return es
}

// prepare reads one mention: its surface form and bare name, and what the
// table knows of it. It returns nil for what is never an entity.
func (t *Table) prepare(text string, m Mention) *found {
	surface := strings.TrimSpace(text[m.Start:m.End])
	name := strings.TrimSuffix(strings.TrimSuffix(surface, "'s"), "’s")
	name = strings.Trim(name, " \"'“”‘’,;:()[]")
	name = clean(name)
	name = trimLower(name)
	surface = trimLower(surface)
	if !usable(name) || t.Ignored(name) || t.IsDemonym(name) {
		return nil
	}
	f := &found{surface: surface, name: name, kind: kindByNouns(name, m.Kind), start: m.Start}
	before := text[max(0, m.Start-40):m.Start]
	if f.kind != article.Person && countFields(name) >= 2 && honorific(before) >= 0 {
		// "Foreign Minister Teodora Vance": what follows a person's
		// title is a person.
		f.kind = article.Person
	}
	if f.kind == article.Person {
		if n := leadingTitles(name); n > 0 && n < len(name) {
			f.name = name[n:]
			name = f.name
		}
		if i := honorific(before); i >= 0 {
			f.surface = text[m.Start-len(before)+i : m.End]
			f.surface = strings.TrimSpace(f.surface)
		}
		if countFields(name) == 3 {
			if w := strings.Fields(name); patronymic.MatchString(w[1]) && t.lookup(name) == nil {
				f.name = w[0] + " " + w[2]
			}
		}
	}
	f.surface = strings.TrimSuffix(strings.TrimSuffix(f.surface, "'s"), "’s")
	if e := t.lookup(f.name); e != nil {
		f.entry = e
		f.name, f.kind = e.Name, e.Kind
	} else if isAcronym(f.name) && len(f.name) > 5 {
		f.name = titleCase(f.name) // "CLEVELAND" of a wire dateline
	}
	return f
}

// titleCase writes a name set in capitals as a name: "NEW ORLEANS" →
// "New Orleans".
func titleCase(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		r, n := utf8.DecodeRuneInString(w)
		ws[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(ws, " ")
}

// trimLower drops trailing lower-case words, which are no part of a name:
// "North Korean officials".
func trimLower(s string) string {
	if isCollapsed(s) {
		for {
			i := strings.LastIndexByte(s, ' ')
			if i < 0 {
				return s
			}
			if r, _ := utf8.DecodeRuneInString(s[i+1:]); !unicode.IsLower(r) {
				return s
			}
			s = s[:i]
		}
	}
	ws := strings.Fields(s)
	for len(ws) > 1 {
		if r, _ := utf8.DecodeRuneInString(ws[len(ws)-1]); !unicode.IsLower(r) {
			break
		}
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// usable reports whether a tagged span can name an entity at all.
func usable(name string) bool {
	words := countFields(name)
	if words == 0 || words > maxWords || len(name) > 100 {
		return false
	}
	if words == 1 && calendarWords[strings.ToLower(strings.TrimSuffix(name, "."))] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(name)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// definition matches an acronym defined in the text: capitalised words
// (with "of", "the", "and", "for" between them) and the acronym in
// parentheses, "Arvenian Central News Agency (ACNA)".
var definition = regexp.MustCompile(`((?:\p{Lu}[\p{L}'’-]*\s+)(?:(?:of|the|and|for|on|in)\s+|\p{Lu}[\p{L}'’-]*\s+)*)\((\p{Lu}{2,}[\p{Lu}\d]*)\)`)

// joinOf joins a head word and the name that follows it with "of" into
// one mention when a tagger split them: "Republic" + "of" + "Arvenia",
// "Ministry" + "of the" + "Interior".
func joinOf(text string, ms []Mention) []Mention {
	out := ms[:0:0]
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if i+1 < len(ms) {
			n := ms[i+1]
			gap := text[m.End:n.Start]
			head := strings.Fields(text[m.Start:m.End])
			if (gap == " of " || gap == " of the ") && len(head) > 0 {
				last := head[len(head)-1]
				if statePrefix[last] || orgNouns[last] || placeNouns[last] {
					name := text[m.Start:n.End]
					out = append(out, Mention{Start: m.Start, End: n.End, Kind: kindByNouns(name, n.Kind)})
					i++
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// shortForms resolves a one-word place or organization the table does not
// know to the longer name it opens in the same article: "Selva" to
// "Selva River", "Kestrel" to "Kestrel Federation". The longer name is the
// article's first of that kind to open with the word.
func shortForms(fs []*found) {
	type opening struct {
		kind article.Kind
		word string
	}
	// The longer names are those found: every name this loop gives is
	// one of them.
	var longer map[opening]*found
	for _, f := range fs {
		if f.entry != nil || f.kind == article.Person || f.name == "" || strings.Contains(f.name, " ") {
			continue
		}
		if longer == nil {
			longer = map[opening]*found{}
			for _, g := range fs {
				if i := strings.IndexByte(g.name, ' '); i >= 0 {
					if k := (opening{g.kind, g.name[:i]}); longer[k] == nil {
						longer[k] = g
					}
				}
			}
		}
		if g := longer[opening{f.kind, f.name}]; g != nil {
			f.name, f.entry = g.name, g.entry
		}
	}
}

// acronyms resolves an acronym to the long name the article spells it out
// with: "KCNA" after "Korean Central News Agency", either tagged in the
// article or defined in it as "Korean Central News Agency (KCNA)". A
// tagged long name is the article's first, other than a person's, whose
// initials spell the acronym.
func (t *Table) acronyms(text string, fs []*found) {
	if !slices.ContainsFunc(fs, isUnknownAcronym) {
		return
	}
	// Resolving changes only the mention resolved, so the long names
	// after it are as found, and those before it as resolved.
	after := map[string][]int{} // initials → mentions as found, in order
	for i, g := range fs {
		if g.kind != article.Person {
			w := initials(g.name)
			after[w] = append(after[w], i)
		}
	}
	before := map[string]int{} // initials → the first mention as resolved
	var defined map[string]string
	for i, f := range fs {
		if isUnknownAcronym(f) {
			want := strings.ReplaceAll(f.name, ".", "")
			long, ok := before[want]
			if !ok {
				later := after[want]
				if j, _ := slices.BinarySearch(later, i+1); j < len(later) {
					long, ok = later[j], true
				}
			}
			switch {
			case ok:
				f.name, f.kind, f.entry = fs[long].name, fs[long].kind, fs[long].entry
			default:
				if defined == nil {
					defined = definitions(text)
				}
				if long, ok := defined[want]; ok {
					f.name = long
					if e := t.lookup(long); e != nil {
						f.name, f.kind, f.entry = e.Name, e.Kind, e
					} else {
						f.kind = kindByNouns(long, f.kind)
					}
				}
			}
		}
		if f.kind != article.Person {
			if w := initials(f.name); !hasKey(before, w) {
				before[w] = i
			}
		}
	}
}

func isUnknownAcronym(f *found) bool { return f.entry == nil && isAcronym(f.name) }

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

// definitions finds the acronyms a text defines, with their long forms
// cut to the words whose initials spell them.
//
// A definition is a run of words and spaces and the acronym in
// parentheses, so the pattern runs only over the run before each acronym
// in parentheses: it finds there what it finds in the whole text.
func definitions(text string) map[string]string {
	out := map[string]string{}
	for o := 0; ; {
		i := strings.IndexByte(text[o:], '(')
		if i < 0 {
			return out
		}
		o += i
		end := parenthesisedAcronym(text, o)
		if end < 0 {
			o++
			continue
		}
		define(out, text[wordsBefore(text, o):end])
		o = end
	}
}

// define adds the definitions in run to out.
func define(out map[string]string, run string) {
	for _, m := range definition.FindAllStringSubmatch(run, -1) {
		acr := m[2]
		ws := strings.Fields(m[1])
		// The shortest tail of the words whose capitals spell the
		// acronym.
		for i := len(ws) - 1; i >= 0; i-- {
			if r, _ := utf8.DecodeRuneInString(ws[i]); !unicode.IsUpper(r) {
				continue
			}
			if long := strings.Join(ws[i:], " "); initials(long) == acr {
				if _, seen := out[acr]; !seen {
					out[acr] = clean(long)
				}
				break
			}
		}
	}
}

// parenthesisedAcronym returns where an acronym in parentheses that opens
// text[o:] ends, after its ")", as definition reads one: two capitals,
// then capitals and digits. It returns -1 when there is none.
func parenthesisedAcronym(text string, o int) int {
	caps := 0
	for i := o + 1; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == ')' && caps >= 2:
			return i + 1
		case unicode.IsUpper(r):
			caps++
		case r >= '0' && r <= '9' && caps >= 2:
		default:
			return -1
		}
		i += n
	}
	return -1
}

// wordsBefore returns where the run of letters, apostrophes, hyphens and
// spaces that ends at text[o] starts: a definition cannot start earlier.
func wordsBefore(text string, o int) int {
	for o > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:o])
		if !unicode.IsLetter(r) && !strings.ContainsRune("'’-\t\n\f\r ", r) {
			break
		}
		o -= n
	}
	return o
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
	byWord := map[string][]*found{} // a word → the full names it opens or ends, in text order
	for _, f := range fs {
		if f.kind == article.Person && countFields(f.name) >= 2 {
			first, last := firstField(f.name), lastField(f.name)
			byWord[first] = append(byWord[first], f)
			if last != first {
				byWord[last] = append(byWord[last], f)
			}
		}
	}
	top := map[string]*found{} // a word → its most frequent full name
	for _, f := range fs {
		full := byWord[f.name]
		if f.kind != article.Person || countFields(f.name) != 1 || f.entry != nil && countFields(f.entry.Name) > 1 && !ambiguousIn(f, full) {
			continue
		}
		if g := fullFor(f, full, top); g != nil {
			f.name, f.entry = g.name, g.entry
			continue
		}
		if f.entry == nil {
			f.name = "" // a bare surname: not an entity
		}
	}
}

// ambiguousIn reports whether the article names another full person with
// f's word (full are those full names), so the article's own use must
// decide.
func ambiguousIn(f *found, full []*found) bool {
	return slices.ContainsFunc(full, func(g *found) bool { return g.name != f.name })
}

// hasNamePart reports whether word is the first or the last word of full.
func hasNamePart(full, word string) bool {
	return lastField(full) == word || firstField(full) == word
}

// countFields returns len(strings.Fields(s)).
func countFields(s string) int {
	n, inField := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

// firstField returns the first of strings.Fields(s), or "".
func firstField(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// lastField returns the last of strings.Fields(s), or "".
func lastField(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		_, n := utf8.DecodeRuneInString(s[i:])
		return s[i+n:]
	}
	return s
}

// fullFor returns the full name of a one-word mention f among full, the
// article's full names with f's word first or last, in text order: the
// nearest earlier one, else the most frequent (top remembers it by word).
func fullFor(f *found, full []*found, top map[string]*found) *found {
	if i := sort.Search(len(full), func(i int) bool { return full[i].start >= f.start }); i > 0 {
		return full[i-1]
	}
	if len(full) == 0 {
		return nil
	}
	if g, ok := top[f.name]; ok {
		return g
	}
	count := map[string]int{}
	for _, g := range full {
		count[g.name]++
	}
	var name string
	for n, c := range count {
		if c > count[name] || c == count[name] && n < name {
			name = n
		}
	}
	i := slices.IndexFunc(full, func(g *found) bool { return g.name == name })
	top[f.name] = full[i]
	return full[i]
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

func sortMentions(ms []Mention) {
	slices.SortStableFunc(ms, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
}
