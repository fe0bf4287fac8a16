package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of the text, with its byte offsets.
type token struct {
	start, end int
	form       string // normalised text: straight quotes, as CoNLL writes it
}

// abbreviations keep their final period as part of the word.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "cpl": true, "maj": true, "adm": true, "cmdr": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true, "supt": true,
	"st": true, "mt": true, "ft": true, "ave": true, "blvd": true, "rd": true,
	"jr": true, "sr": true, "inc": true, "co": true, "corp": true, "ltd": true, "plc": true,
	"bros": true, "no": true, "nos": true, "vs": true, "etc": true, "approx": true, "dept": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true, "fla": true, "ga": true, "ill": true,
	"kan": true, "kans": true, "ky": true, "md": true, "mich": true, "minn": true, "neb": true, "nev": true, "okla": true,
	"tenn": true, "tex": true, "vt": true, "va": true, "wis": true, "wyo": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "a.m": true, "p.m": true,
}

// contractions follow an apostrophe and stay with it: "'s", "'re".
var contractions = map[string]bool{"s": true, "re": true, "ve": true, "ll": true, "d": true, "m": true}

// openers are split off the front of a word, closers off its end.
const (
	openers = "\"'“‘«([{`„"
	closers = "\"'”’»)]},;:!?`"
)

// splitSentences splits text into sentences of tokens. Blank lines (and the
// end of the text) always end a sentence; so do ., ! and ? (and ...) when the
// next token opens with a capital letter, a digit or a quote.
func splitSentences(text string) [][]token {
	sents, _ := splitSentencesInto(text, nil, nil)
	return sents
}

// splitSentencesInto is splitSentences appending to sents, with the tokens
// in toks: both are returned for reuse, and are valid until then.
func splitSentencesInto(text string, toks []token, sents [][]token) ([][]token, []token) {
	// All tokens go to one slice; sentences are views of it.
	toks, sents = toks[:0], sents[:0]
	if cap(toks) < len(text)/4+1 {
		toks = make([]token, 0, len(text)/4+1)
	}
	start := 0 // the first token of the current sentence
	flush := func(end int) {
		if end > start {
			sents = append(sents, toks[start:end:end])
			start = end
		}
	}
	i := 0
	for i < len(text) {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if r == '\n' {
			// A blank line: a newline, then only spaces up to the next newline.
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				flush(len(toks))
				i = j + 1
				continue
			}
		}
		if isSpace(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[j:])
			}
			if isSpace(r) {
				break
			}
			j += n
		}
		before := len(toks)
		toks = splitWord(toks, text, i, j)
		// End the sentence before this word if the previous one closed it.
		// A quote standing alone between spaces may be closing: no split before it.
		alone := len(toks) == before+1 && !unicode.IsLetter(rune(toks[before].form[0]))
		// "1. Michelle Freeman": a list number is no sentence.
		listNumber := before-start == 2 && strings.Trim(toks[start].form, "0123456789") == ""
		if before > start && endsSentence(toks[start:before]) && opensSentence(toks[before].form) && !alone && !listNumber {
			flush(before)
		}
		i = j
	}
	flush(len(toks))
	return sents, toks
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r)
}

// endsSentence reports whether the tokens end with ., !, ? or ... (then
// up to three closing quotes or brackets).
func endsSentence(toks []token) bool {
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-4; k-- {
		switch toks[k].form {
		case ".", "!", "?", "...":
			return true
		case "\"", "'", ")", "]":
			continue
		}
		return false
	}
	return false
}

func opensSentence(form string) bool {
	r, _ := utf8.DecodeRuneInString(form)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || form == "\"" || form == "'" || form == "("
}

// splitWord appends the tokens of the whitespace-free text[start:end].
func splitWord(out []token, text string, start, end int) []token {
	// Leading openers, each its own token; "'s" and "'90s" stay whole.
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !strings.ContainsRune(openers, r) || end-start == n {
			break
		}
		if r == '\'' || r == '’' || r == '‘' {
			if rest := text[start+n : end]; rest[0] >= '0' && rest[0] <= '9' ||
				len(rest) <= 2 && contractions[strings.ToLower(rest)] {
				break
			}
		}
		out = append(out, tok(text, start, start+n))
		start += n
	}
	// Trailing closers and periods, collected back to front.
	var tailBuf [4]token
	tail := tailBuf[:0]
	for start < end {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if r == '.' || r == '…' {
			if text[start:end] == "..." {
				break
			}
			if strings.HasSuffix(text[start:end], "...") {
				tail = append(tail, tok(text, end-3, end))
				end -= 3
				continue
			}
			if r == '…' {
				tail = append(tail, tok(text, end-n, end))
				end -= n
				continue
			}
			if end-start == 1 || keepsPeriod(text[start:end-1]) {
				break
			}
			tail = append(tail, tok(text, end-1, end))
			end--
			continue
		}
		if !strings.ContainsRune(closers, r) || end-start == n {
			break
		}
		tail = append(tail, tok(text, end-n, end))
		end -= n
	}
	out = splitInner(out, text, start, end)
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

// keepsPeriod reports whether a word followed by a period is an
// abbreviation or an initial (the period belongs to the word).
func keepsPeriod(w string) bool {
	if w == "" {
		return false
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsLetter(r) {
		return true // an initial: "J."
	}
	if strings.Contains(w, ".") {
		// "U.S", "a.m": letters and periods only, short parts.
		for _, part := range strings.Split(w, ".") {
			if part == "" || utf8.RuneCountInString(part) > 2 || strings.IndexFunc(part, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
				return false
			}
		}
		return true
	}
	return abbreviations[strings.ToLower(w)]
}

// splitInner splits the core of a word: dashes ("--", "—", "–") between
// words, the possessive "'s" and "n't".
func splitInner(out []token, text string, start, end int) []token {
	if start >= end {
		return out
	}
	for {
		k, n := firstDash(text[start:end])
		if k < 0 || n == end-start {
			break
		}
		out = splitPart(out, text, start, start+k)
		out = append(out, tok(text, start+k, start+k+n))
		start += k + n
	}
	return splitPart(out, text, start, end)
}

// firstDash finds the first "--", "—" or "–" in w: its offset and length,
// or -1.
func firstDash(w string) (k, n int) {
	for i := 0; i < len(w); i++ {
		switch {
		case w[i] == '-' && i+1 < len(w) && w[i+1] == '-':
			return i, 2
		case w[i] == 0xE2 && (strings.HasPrefix(w[i:], "—") || strings.HasPrefix(w[i:], "–")):
			return i, len("—")
		}
	}
	return -1, 0
}

// splitPart splits the possessive "'s" and "n't" off a dash-free word.
func splitPart(out []token, text string, start, end int) []token {
	if start >= end {
		return out
	}
	w := text[start:end]
	for _, suf := range []string{"'s", "’s"} {
		if hasSuffixFold(w, suf, 1) {
			return append(out, tok(text, start, end-len(suf)), tok(text, end-len(suf), end))
		}
	}
	for _, suf := range []string{"n't", "n’t"} {
		if hasSuffixFold(w, suf, 2) {
			return append(out, tok(text, start, end-len(suf)), tok(text, end-len(suf), end))
		}
	}
	return append(out, tok(text, start, end))
}

// hasSuffixFold reports whether w ends with suf, ignoring case, after at
// least min more bytes.
func hasSuffixFold(w, suf string, min int) bool {
	return len(w) >= len(suf)+min && strings.EqualFold(w[len(w)-len(suf):], suf)
}

// quoteFolds normalises curly quotes and dashes to the forms CoNLL uses.
var quoteFolds = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "„", "\"", "«", "\"", "»", "\"", "`", "'", "—", "--", "–", "-", "…", "...")

func tok(text string, start, end int) token {
	form := text[start:end]
	for i := 0; i < len(form); i++ {
		if form[i] >= utf8.RuneSelf || form[i] == '`' {
			form = quoteFolds.Replace(form)
			break
		}
	}
	// "Inc." and "Inc", "Mr." and "Mr" are the same word to the tagger.
	if n := len(form); n > 2 && form[n-1] == '.' && !strings.Contains(form[:n-1], ".") && abbreviations[strings.ToLower(form[:n-1])] {
		form = form[:n-1]
	}
	return token{start: start, end: end, form: form}
}
