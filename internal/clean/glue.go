package clean

import (
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

// token is one space-separated token, split into its leading punctuation,
// its letters and its trailing punctuation.
type token struct {
	lead, core, tail string
	left             bool // the left piece of a split token
	glued            bool // the right piece of a split token
}

func splitToken(s string) token {
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

// glueStats is what the article says about its own words.
type glueStats struct {
	alone map[string]bool            // cores seen as whole tokens
	lefts map[string]map[string]bool // right side of a boundary -> left sides
	lower map[string]bool            // lower-case words
}

func collectStats(paras []string) glueStats {
	st := glueStats{alone: map[string]bool{}, lefts: map[string]map[string]bool{}, lower: map[string]bool{}}
	for _, w := range functionWords {
		st.lower[w] = true
	}
	for _, p := range paras {
		for _, f := range strings.Fields(p) {
			t := splitToken(f)
			if t.core == "" {
				continue
			}
			st.alone[t.core] = true
			if isLowerWord(t.core) {
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
	for _, r := range s {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return s != ""
}

// repairGlue splits glued words in every paragraph.
func repairGlue(paras []string) []string {
	glued := false
	for _, p := range paras {
		if boundary(p) >= 0 {
			glued = true
			break
		}
	}
	if !glued {
		return paras
	}
	st := collectStats(paras)
	for i, p := range paras {
		if boundary(p) >= 0 {
			paras[i] = st.repair(p)
		}
	}
	return paras
}

func (st glueStats) repair(p string) string {
	fields := strings.Fields(p)
	toks := make([]token, 0, len(fields)+4)
	for _, f := range fields {
		toks = st.splitLeft(toks, splitToken(f))
	}
	for i := 0; i < len(toks); i++ {
		if toks[i].glued {
			toks = st.splitName(toks, i)
		}
	}
	var b strings.Builder
	b.Grow(len(p) + 8)
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.String())
	}
	return b.String()
}

// splitLeft appends t to toks, split at each boundary the article supports.
func (st glueStats) splitLeft(toks []token, t token) []token {
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
			(isLowerWord(l) || len(st.lefts[r]) >= 2 || st.alone[l] && st.alone[r])
		if !ok {
			return append(toks, t)
		}
		toks = append(toks, token{lead: t.lead, core: l, left: true, glued: t.glued})
		t = token{core: t.core[i:], tail: t.tail, glued: true}
	}
}

// splitName walks the glued name starting at toks[i], splitting a boundary
// inside it and a name word fused to a lower-case word.
func (st glueStats) splitName(toks []token, i int) []token {
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
			if name, word, ok := st.fusedWord(t.core); ok {
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

// fusedWord splits a name word fused to the longest lower-case word the
// article uses: "Unwas" is "Un" + "was". The name part must be short, as
// name syllables are, or occur on its own in the article.
func (st glueStats) fusedWord(core string) (name, word string, ok bool) {
	for k := 2; k < len(core)-1; k++ {
		if !utf8.RuneStart(core[k]) {
			continue
		}
		if st.lower[core[k:]] && (k <= 4 || st.alone[core[:k]]) {
			return core[:k], core[k:], true
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
