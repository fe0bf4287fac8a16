package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scrapers that drop the markup around names glue them to their neighbours:
// KCNA's "ComradeKim Jong Unwas" for "Comrade Kim Jong Un was". Glue is
// found by shape, with the article itself as the dictionary:
//
//   - A token with a lower-to-upper boundary ("atKim", "ComradeKim") is
//     split there when the left side is a lower-case word, when the same
//     right side is glued to two different left sides in the article, or
//     when both sides occur on their own elsewhere. Name particles ("Mc",
//     "De", "La") and one-letter prefixes ("iPhone") are never split.
//   - The capitalised words following such a split form a glued name; a
//     boundary inside it ("SungSquare") is split, and a name word fused to
//     a following lower-case word ("Unwas", "Sungand") is split before the
//     longest lower-case word the article uses elsewhere.

// particles are name prefixes that stay glued: McCain, DeSantis, LaGuardia.
var particles = map[string]bool{
	"Mc": true, "Mac": true, "De": true, "Di": true, "Da": true, "Du": true, "La": true,
	"Le": true, "Lo": true, "Van": true, "Von": true, "Fitz": true, "St": true, "Al": true,
	"El": true, "Abu": true, "Bin": true, "Ibn": true, "Ben": true, "Mac's": true,
}

// functionWords are lower-case words a name may be fused to even when the
// article has no other use of them.
var functionWords = []string{
	"and", "or", "but", "was", "were", "is", "are", "be", "been", "on", "in", "at",
	"to", "of", "for", "with", "as", "by", "the", "an", "from", "into", "who",
	"which", "that", "had", "has", "have", "said", "made", "gave", "sent",
}

// commonWords are frequent English words of news prose, so that a name
// fused to a word the article uses only once can still be split.
const commonWords = `about above across after against along also among around away back
before behind below beside between beyond called came come could did does down during each
even ever every examined expressed extended gave give given giving got guided had has have
having held here highly inspected instructed just kept known laid later left let like looked
made make making many may met might more most much must near never new next noted now off
once one only other our out over paid passed personally pointed put received recalled
referred said saw says see seen sent set should since some soon stated still stressed such
taken talked than that their them then there these they this those though through thus told
took toward towards under until upon very visited was watched well went were what when where
whether which while who whom whose will with within without would wrote yet acquainted
appreciated called congratulated discussed emphasized encouraged explained footed inspected
learned looked oversaw praised reviewed showed spoke urged`

// knownLower holds the function and common words, which every article is
// taken to use; shared and read-only.
var knownLower = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range functionWords {
		m[w] = true
	}
	for _, w := range strings.Fields(commonWords) {
		m[w] = true
	}
	return m
}()

// token is one space-separated token, split into its leading punctuation,
// its letters and its trailing punctuation.
type token struct {
	lead, core, tail string
	left             bool // the left piece of a split token
	glued            bool // the right piece of a split token
}

func splitToken(s string) token {
	if isASCII(s) {
		i := 0
		for i < len(s) && !isLetter(s[i]) {
			i++
		}
		j := i
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if i == j {
			return token{lead: s}
		}
		return token{lead: s[:i], core: s[i:j], tail: s[j:]}
	}
	i := strings.IndexFunc(s, unicode.IsLetter)
	if i < 0 {
		return token{lead: s}
	}
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return token{lead: s[:i], core: s[i:j], tail: s[j:]}
}

func (t token) String() string { return t.lead + t.core + t.tail }

// boundary returns the index of the first lower-to-upper boundary in core
// followed by a lower-case letter, or -1.
func boundary(core string) int {
	if isASCII(core) {
		for i := 1; i+1 < len(core); i++ {
			if isLower(core[i-1]) && isUpper(core[i]) && isLower(core[i+1]) {
				return i
			}
		}
		return -1
	}
	prevLower := false
	for i, r := range core {
		if prevLower && unicode.IsUpper(r) {
			next, _ := utf8.DecodeRuneInString(core[i+utf8.RuneLen(r):])
			if unicode.IsLower(next) {
				return i
			}
		}
		prevLower = unicode.IsLower(r)
	}
	return -1
}

// acronymEnd returns where a capitalised word starts after an acronym of
// two or more capitals glued before it ("HEKim"), or -1.
func acronymEnd(core string) int {
	i := 0
	for i < len(core) && core[i] >= 'A' && core[i] <= 'Z' {
		i++
	}
	if i < 3 || i+1 >= len(core) || core[i] < 'a' || core[i] > 'z' {
		return -1
	}
	return i - 1
}

// glueStats is what the article says about its own words.
type glueStats struct {
	alone map[string]bool            // cores seen as whole tokens
	lefts map[string]map[string]bool // right side of a boundary -> left sides
	lower map[string]bool            // lower-case words of the article, beyond knownLower
	known func(string) bool          // names the caller knows; nil for none
}

// collectStats collects the stats of the paragraphs, given as their
// space-separated fields.
func collectStats(paras [][]string) glueStats {
	n := 0
	for _, fields := range paras {
		n += len(fields)
	}
	st := glueStats{alone: make(map[string]bool, n/2), lefts: map[string]map[string]bool{}, lower: map[string]bool{}}
	for _, fields := range paras {
		for _, f := range fields {
			t := splitToken(f)
			if t.core == "" {
				continue
			}
			st.alone[t.core] = true
			if isLowerWord(t.core) && !knownLower[t.core] {
				st.lower[t.core] = true
			}
			if i := boundary(t.core); i > 0 {
				r := t.core[i:]
				if j := boundary(r); j > 0 {
					r = r[:j]
				}
				if st.lefts[r] == nil {
					st.lefts[r] = map[string]bool{}
				}
				if len(st.lefts[r]) < 2 {
					st.lefts[r][t.core[:i]] = true
				}
			}
		}
	}
	return st
}

func isLowerWord(s string) bool {
	if isASCII(s) {
		for i := 0; i < len(s); i++ {
			if !isLower(s[i]) {
				return false
			}
		}
		return s != ""
	}
	for _, r := range s {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return s != ""
}

// repairGlue splits glued words in every paragraph; known, when not nil,
// tells the names of people the caller knows.
func repairGlue(paras []string, known func(string) bool) []string {
	fields := make([][]string, len(paras))
	for i, p := range paras {
		fields[i] = strings.Fields(p)
	}
	st := collectStats(fields)
	st.known = known
	var toks []token // reused from segment to segment
	for i, p := range paras {
		paras[i], toks = st.repair(p, fields[i], toks)
	}
	return paras
}

// repair splits the glue in one paragraph, given with its space-separated
// fields, a sentence or at most 200 tokens at a time so that work stays
// linear in long paragraphs. A paragraph without glue is returned as it
// is; once a segment changes, the paragraph is rewritten with single
// spaces. toks is working memory, returned for reuse.
func (st glueStats) repair(p string, fields []string, toks []token) (string, []token) {
	var b strings.Builder
	changed := false
	write := func(s string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	for start := 0; start < len(fields); {
		end := start
		for end < len(fields) && end-start < 200 {
			end++
			if endsSegment(fields[end-1]) {
				break
			}
		}
		toks = st.repairSegment(toks[:0], fields[start:end])
		switch {
		case len(toks) != end-start:
			// A segment that kept its tokens reads as its fields.
			if !changed {
				changed = true
				b.Grow(len(p) + 16)
				for _, f := range fields[:start] {
					write(f)
				}
			}
			for _, t := range toks {
				write(t.lead)
				b.WriteString(t.core)
				b.WriteString(t.tail)
			}
		case changed:
			for _, f := range fields[start:end] {
				write(f)
			}
		}
		start = end
	}
	if !changed {
		return p, toks
	}
	return b.String(), toks
}

// endsSegment reports whether a field holds ".", "!" or "?".
func endsSegment(f string) bool {
	for i := 0; i < len(f); i++ {
		if c := f[i]; c == '.' || c == '!' || c == '?' {
			return true
		}
	}
	return false
}

// repairSegment appends the tokens of fields, with their glue split, to
// toks.
func (st glueStats) repairSegment(toks []token, fields []string) []token {
	for i, f := range fields {
		toks = st.splitLeft(toks, splitToken(f), fields[i+1:])
	}
	for i := 0; i < len(toks); i++ {
		if toks[i].glued {
			toks = st.splitName(toks, i, true)
		} else if shortNames(toks[i:]) >= 2 {
			toks = st.splitName(toks, i, false)
		}
	}
	return toks
}

// splitLeft appends t to toks, split at each boundary the article supports.
func (st glueStats) splitLeft(toks []token, t token, rest []string) []token {
	if i := acronymEnd(t.core); i > 0 && nameFollows(rest) {
		toks = append(toks, token{lead: t.lead, core: t.core[:i], left: true})
		t = token{core: t.core[i:], tail: t.tail, glued: true}
	}
	for {
		i := boundary(t.core)
		if i <= 0 {
			return append(toks, t)
		}
		l, r := t.core[:i], t.core[i:]
		if j := boundary(r); j > 0 {
			r = r[:j]
		}
		ok := utf8.RuneCountInString(l) >= 2 && !particles[l] &&
			(isLowerWord(l) || len(st.lefts[r]) >= 2 || st.alone[l] && st.alone[r] ||
				st.alone[l] && inName(toks) || nameFollows(rest))
		if !ok {
			return append(toks, t)
		}
		toks = append(toks, token{lead: t.lead, core: l, left: true, glued: t.glued})
		t = token{core: t.core[i:], tail: t.tail, glued: true}
	}
}

// shortNames counts the short capitalised words opening toks, as in the
// syllables of "Kim Jong Unand": a name the last of which may be fused.
func shortNames(toks []token) int {
	n := 0
	for i, t := range toks {
		// Only the first word may follow an opening quote or bracket.
		lead := t.lead != "" && (i > 0 || !strings.ContainsAny(t.lead, "\"'“‘(["))
		if lead || t.tail != "" || t.left || t.glued || !startsUpper(t.core) || len(t.core) > 5 || boundary(t.core) >= 0 || particles[t.core] {
			break
		}
		n++
	}
	return n
}

// inName reports whether the last token is a capitalised word a name
// could continue: "Jong" in "Kim Jong IlFoundation".
func inName(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	return t.tail == "" && startsUpper(t.core)
}

// nameFollows reports whether the next two tokens are capitalised words,
// making the right side of a boundary the start of a multi-word name:
// "ComradeKim Jong Unwas".
func nameFollows(rest []string) bool {
	if len(rest) < 2 {
		return false
	}
	a, b := splitToken(rest[0]), splitToken(rest[1])
	return a.lead == "" && a.tail == "" && startsUpper(a.core) && b.lead == "" && startsUpper(b.core)
}

// splitName walks the glued name starting at toks[i], splitting a boundary
// inside it and a name word fused to a lower-case word.
//
// After a glue split (glued), a fused name part may be any short word;
// otherwise it must occur on its own elsewhere in the article.
func (st glueStats) splitName(toks []token, i int, glued bool) []token {
	for j := i; j < len(toks) && j < i+5; j++ {
		t := toks[j]
		if j > i && (t.lead != "" || !startsUpper(t.core) || t.glued) {
			return toks
		}
		if k := boundary(t.core); k > 0 && !particles[t.core[:k]] {
			right := token{core: t.core[k:], tail: t.tail}
			toks[j] = token{lead: t.lead, core: t.core[:k], glued: t.glued}
			return insert(toks, j+1, right)
		}
		if j > i {
			// A known name is the strongest evidence, then the
			// article's own words, then the shape of name syllables.
			name, word, ok := st.fusedKnown(toks[i:j], t.core)
			if !ok {
				name, word, ok = st.fusedWord(t.core, glued)
			}
			if !ok && j >= i+2 {
				name, word, ok = st.fusedSyllable(t.core)
			}
			if ok {
				toks[j] = token{lead: t.lead, core: name}
				return insert(toks, j+1, token{core: word, tail: t.tail})
			}
		}
		if t.tail != "" || t.left {
			return toks
		}
	}
	return toks
}

// fusedKnown splits the last word of a name the caller knows from a
// lower-case word fused to it: "Kim Jong Illed" is "Kim Jong Il" + "led"
// when "Kim Jong Il" is a known name.
func (st glueStats) fusedKnown(before []token, core string) (name, word string, ok bool) {
	if st.known == nil || len(before) == 0 {
		return "", "", false
	}
	var b strings.Builder
	for _, t := range before {
		b.WriteString(t.core)
		b.WriteByte(' ')
	}
	for k := 1; k+2 <= len(core); k++ {
		if !utf8.RuneStart(core[k]) || !isLowerWord(core[k:]) {
			continue
		}
		if st.known(b.String() + core[:k]) {
			return core[:k], core[k:], true
		}
	}
	return "", "", false
}

// fusedWord splits a name word fused to the longest lower-case word the
// article uses: "Unwas" is "Un" + "was". The name part must occur on its
// own in the article or, when short is set, be short as name syllables
// are.
func (st glueStats) fusedWord(core string, short bool) (name, word string, ok bool) {
	for k := 2; k < len(core)-1; k++ {
		if !utf8.RuneStart(core[k]) {
			continue
		}
		if w := core[k:]; (knownLower[w] || st.lower[w]) && (short && k <= 4 || st.alone[core[:k]]) {
			return core[:k], core[k:], true
		}
	}
	return "", "", false
}

// syllableEnd matches a name syllable as romanised names spell them: an
// initial consonant or a digraph, vowels, and at most one closing
// consonant or "ng" ("Un", "Sung", "Il", "Jong"; not "Squ" or "Isl").
var syllableEnd = regexp.MustCompile(`^(?:[bcdfghjklmnprstwy]|ch|kh|ph|th|sh|ts|ss|kk|tt|pp|jj|ry|ny|hy|ky|my|py|gy|by|dy|ty)?[aeiouy]{1,3}(?:ng|[bgklmnpt])?$`)

// fusedSyllable splits the third or later word of a name fused to a
// lower-case word of at least three letters the article or English uses,
// when what precedes it is a name syllable: "Kim Jong Unhas", "Kim Jong
// Illed". Words like "Island" do not split, as "Isl" is no syllable.
func (st glueStats) fusedSyllable(core string) (name, word string, ok bool) {
	for k := 2; k <= 4 && k+3 <= len(core); k++ {
		p, w := core[:k], core[k:]
		if !startsUpper(p) || !syllableEnd.MatchString(strings.ToLower(p)) || !isLowerWord(w) {
			continue
		}
		if knownLower[w] || st.lower[w] {
			return p, w, true
		}
	}
	return "", "", false
}

func insert(toks []token, i int, t token) []token {
	toks = append(toks, token{})
	copy(toks[i+1:], toks[i:])
	toks[i] = t
	return toks
}
