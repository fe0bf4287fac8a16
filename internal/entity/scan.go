package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// phrases indexes the names a text scan looks for: every multi-word name
// or alias (case-insensitively) and every acronym (as written). One-word
// names are left to the tagger, since many are ordinary words too
// ("Congress", "Meta"); the table still canonicalises them.
type phrases struct {
	full     map[string]*Entry // key of a whole name → entry
	demonyms map[string]*Entry // key of a demonym → the place it names people of
	prefixes map[string]bool   // keys of every leading run of words of a name or demonym
}

func (t *Table) phrases() *phrases {
	t.scanOnce.Do(func() {
		p := &phrases{full: map[string]*Entry{}, demonyms: map[string]*Entry{}, prefixes: map[string]bool{}}
		add := func(into map[string]*Entry, name string, e *Entry) {
			words := strings.Fields(key(name))
			for i := 1; i < len(words); i++ {
				p.prefixes[strings.Join(words[:i], " ")] = true
			}
			into[strings.Join(words, " ")] = e
		}
		for k, e := range t.byKey {
			if strings.Contains(k, " ") {
				add(p.full, k, e)
			}
		}
		for k, e := range t.demonyms {
			add(p.demonyms, k, e)
		}
		t.scan = p
	})
	return t.scan
}

// word is one word of a text with its byte offsets.
type word struct{ start, end int }

// words splits text into words: letters, digits and the apostrophes,
// periods, ampersands and hyphens inside them.
func words(text string) []word {
	ws := make([]word, 0, len(text)/6+1)
	start := -1
	for i, r := range text {
		var inWord bool
		if r < utf8.RuneSelf {
			c := byte(r)
			inWord = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
				start >= 0 && (c == '\'' || c == '.' || c == '-' || c == '&')
		} else {
			inWord = unicode.IsLetter(r) || unicode.IsDigit(r) || start >= 0 && r == '’'
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			ws = append(ws, trimWord(text, start, i))
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, trimWord(text, start, len(text)))
	}
	return ws
}

// trimWord drops trailing punctuation from a word, keeping the periods of
// an abbreviation such as "U.S.".
func trimWord(text string, start, end int) word {
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if r == '.' && strings.Count(text[start:end], ".") > 1 || unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		if r == '\'' || r == '’' {
			// Keep a plural possessive's apostrophe: "Workers' Party".
			break
		}
		end -= n
	}
	return word{start, end}
}

// known finds the table's multi-word names and acronyms in text, longest
// first, each starting with a capital, and the places whose demonyms the
// text uses ("Russian officials" is evidence of Russia).
func (t *Table) known(text string) (ms []Mention, demonymOf []*Entry) {
	p := t.phrases()
	ws := words(text)
	var k []byte // the key of the words from i to j
	for i := 0; i < len(ws); i++ {
		first := text[ws[i].start:ws[i].end]
		r, _ := utf8.DecodeRuneInString(first)
		if !unicode.IsUpper(r) {
			continue
		}
		best, bestEnd, demonym := (*Entry)(nil), i, (*Entry)(nil)
		if e := t.exact[first]; e != nil {
			best = e
		}
		k = appendKey(k[:0], first)
		if e := p.demonyms[string(k)]; e != nil {
			demonym = e
		}
		for j := i + 1; j < len(ws) && j < i+maxWords; j++ {
			if gap := text[ws[j-1].end:ws[j].start]; strings.TrimSpace(gap) != "" {
				break // only spaces may stand between the words of a name
			}
			k = appendKey(append(k, ' '), text[ws[j].start:ws[j].end])
			if e := p.full[string(k)]; e != nil {
				best, bestEnd, demonym = e, j, nil
			}
			if e := p.demonyms[string(k)]; e != nil && best == nil {
				demonym = e
			}
			if !p.prefixes[string(k)] {
				break
			}
		}
		if demonym != nil {
			demonymOf = append(demonymOf, demonym)
		}
		if best != nil {
			ms = append(ms, Mention{Start: ws[i].start, End: ws[bestEnd].end, Kind: best.Kind})
			i = bestEnd
		}
	}
	return ms, demonymOf
}

// combine puts the table's names first: a tagged mention overlapping one
// of them is dropped.
func combine(known, tagged []Mention) []Mention {
	out := append([]Mention(nil), known...)
	k := 0
	for _, m := range tagged {
		for k < len(known) && known[k].End <= m.Start {
			k++
		}
		if k < len(known) && known[k].Start < m.End {
			continue
		}
		out = append(out, m)
	}
	// Back in text order.
	sortMentions(out)
	return out
}
