package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The shapes of boilerplate. Each pattern matches a whole paragraph.
var (
	// promoLine is a teaser or cross-promotion: a short label, alone or
	// followed by a separator and another story's headline.
	promoLine = newShape(`^(?i:also read|read also|read more|read next|more to read|also see|see also|related|related (?:article|articles|story|stories|news|content|reading|coverage|video|videos|links?|posts?)|recommended|recommended (?:for you|reading|stories|articles|videos?)|you (?:may|might) also like|don'?t miss|must read|trending|trending now|watch|watch now|watch video|video|listen|explore more|editor'?s picks?|suggested(?: reading| articles| stories)?|more on this(?: story)?|check out|click here(?: to [^:]{1,40})?)\s*(?:[:：|»›>–—-]+\s*\S.*|[:：]?\s*(?:\.\.\.|…)?)$`,
		"also", "read", "more", "see", "related", "recommended", "you", "don", "dont", "must", "trending",
		"watch", "video", "listen", "explore", "editor", "editors", "suggested", "check", "click")

	// socialLine is a handle, an invitation to follow or share, or a list
	// of social networks.
	socialLine = newShape(`^(?:@\w{1,50}|(?i:follow (?:us|me|@\S+)\b.*|follow \S+(?: \S+)? on .{1,40}|like us on .{1,40}|subscribe to (?:our|the) .{1,60}|join (?:us|our \S+) on .{1,40}|share (?:this|on) .{0,40}|share|tweet|click to share.*|pic\.twitter\.com/\S+|(?:twitter|facebook|instagram|telegram|youtube|tiktok|whatsapp|linkedin|email|e-mail|print|x)(?:\s*[|/·•,]\s*(?:twitter|facebook|instagram|telegram|youtube|tiktok|whatsapp|linkedin|email|e-mail|print|x))*))$`,
		"", "follow", "like", "subscribe", "join", "share", "tweet", "click", "pic", "twitter", "facebook",
		"instagram", "telegram", "youtube", "tiktok", "whatsapp", "linkedin", "email", "e", "print", "x")

	// addressLine is a site address alone, maybe with a parenthesised note
	// such as a calendar mark: "www.kcna.kp (Juche111.10.7.)".
	addressLine = regexp.MustCompile(`^(?i:https?://\S+|www\.\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*)(?:\s*[(\[][^()\[\]]{1,40}[)\]])?$`)

	// markLine is a calendar mark alone: a Juche date ("Juche111.10.7.")
	// or the same shape with a Gregorian year ("2024.3.4.").
	markLine = regexp.MustCompile(`^[(\[]?(?:Juche\s?\d{1,3}|\d{4})\.\d{1,2}\.\d{1,2}\.?[)\]]?$`)
	mark     = regexp.MustCompile(`(?:Juche\s?\d{1,3}|\b\d{4})\.\d{1,2}\.\d{1,2}\.?`)

	// endLine is an end mark alone (endSuffix finds one closing a
	// paragraph).
	endLine = regexp.MustCompile(`^(?:-\s?0\s?-|-\s?30\s?-|#\s?#\s?#|\(?END\)?|-END-)$`)

	// signOff is an agency's sign-off closing wire copy. Alone on a line
	// mid-article it is a photo credit, so it counts only at the end.
	signOff = regexp.MustCompile(`^(?:Reuters?|REUTERS?|\(?AP\)?|AFP)$`)

	// footerHead opens a site footer or a list of other stories.
	footerHead = newShape(`^(?i:more (?:from|articles|stories|news|videos?|headlines|in|on)\b.{0,50}|most (?:read|popular|viewed|shared|commented)\b.{0,30}|related (?:articles|stories|news|posts|coverage|content)|you (?:may|might) also (?:like|be interested in)|latest (?:news|stories|articles|headlines|videos?)|top (?:stories|news|headlines)|popular (?:now|stories|articles|posts)|around the web|from the web|sponsored(?: content| stories| links)?|comments?|leave a (?:comment|reply)|tags?:.*|filed under:?.*|about the author)$`,
		"more", "most", "related", "you", "latest", "top", "popular", "around", "from", "sponsored",
		"comment", "comments", "leave", "tag", "tags", "filed", "about")

	// dateOnly is a paragraph that is only a date, as teaser lists print
	// them.
	dateOnly = regexp.MustCompile(`^(?i:` + dayName + `)?` + `(?:` + isoDate + `|` + mdyDate + `|` + dmyDate + `|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d+ (?:minutes?|hours?|days?|weeks?) ago)$`)

	// prefix is metadata glued before the first sentence: " date
	// 2022-10-07 North Korean leader ...".
	prefix = regexp.MustCompile(`^((?i:(?:date|dated|published|posted|updated|last updated|pubdate)(?: on)?\s*[:=]?\s*)?(?:` + isoDate + `|` + mdyDate + `|` + dmyDate + `))(?:\s*[|:–—-]\s*|\s+)`)
)

// Pieces of date patterns.
const (
	monthName = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`
	dayName   = `(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+`
	isoDate   = `\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`
	mdyDate   = monthName + `\s+\d{1,2},?\s+\d{4}`
	dmyDate   = `\d{1,2}\s+` + monthName + `,?\s+\d{4}`
)

// maxLabel bounds the length of boilerplate lines: a longer paragraph is
// article text whatever it starts with.
const maxLabel = 300

func isPromo(p string) bool {
	return len(p) <= maxLabel && (promoLine.match(p) || socialLine.match(p))
}

func isFooterHead(p string) bool { return len(p) <= 80 && footerHead.match(p) }

func isDateOnly(p string) bool { return len(p) <= 60 && dateOnly.MatchString(p) }

func isAddress(p string) bool {
	return len(p) <= 200 && (addressLine.MatchString(p) || markLine.MatchString(p))
}

// same reports whether two lines are equal but for case, spaces and closing
// punctuation.
func same(a, b string) bool {
	a, b = strings.TrimRight(a, " .!?"), strings.TrimRight(b, " .!?")
	return a != "" && strings.EqualFold(a, b)
}

// dropTitle removes a title line from the top: a first line repeated as the
// second, or a headline-shaped first line.
func (r *Result) dropTitle(paras []string) []string {
	if len(paras) >= 2 && same(paras[0], paras[1]) {
		r.Title = strings.TrimSpace(paras[0])
		r.remove(paras[0])
		r.remove(paras[1])
		return paras[2:]
	}
	if len(paras) >= 2 && isHeadline(paras[0], paras[1], len(paras)-2) {
		r.Title = paras[0]
		r.remove(paras[0])
		return paras[1:]
	}
	return paras
}

// isHeadline reports whether p, the first line, reads as a headline for
// the text that follows (next, then more paragraphs): short, at least two
// words, no sentence or clause punctuation at its end, neither a dateline
// nor a date nor boilerplate, and longer than what follows only when more
// text follows that.
func isHeadline(p, next string, more int) bool {
	n := utf8.RuneCountInString(p)
	if n > 150 || words(p) < 2 || !headStart(p) || utf8.RuneCountInString(next) <= n && more < 2 {
		return false
	}
	switch last, _ := utf8.DecodeLastRuneInString(p); {
	case strings.HasSuffix(p, "...") || last == '…':
	case last == '.', last == ',', last == ';', last == ':', last == '-', last == '–', last == '—':
		return false
	}
	return !parseDateline(p+" ").hasDate() && !isDateOnly(p) && !prefix.MatchString(p) &&
		!isPromo(p) && !isFooterHead(p) && !isAddress(p) && !endLine.MatchString(p)
}

// dropPrefix removes a metadata prefix from the lead.
func (r *Result) dropPrefix(paras []string) []string {
	if len(paras) == 0 {
		return paras
	}
	m := prefix.FindStringSubmatchIndex(paras[0])
	if m == nil || m[1] == len(paras[0]) {
		return paras
	}
	rest := paras[0][m[1]:]
	labelled := !startsDigit(paras[0])
	if !labelled && !startsUpper(rest) && !strings.ContainsAny(rest[:1], "\"“‘'") {
		return paras
	}
	r.Prefix = strings.TrimSpace(paras[0][m[2]:m[3]])
	r.remove(r.Prefix)
	paras[0] = rest
	return paras
}

// headStart reports whether p starts as a headline may: with a capital or
// a digit, after any quotes or currency sign, or with a word holding a
// capital ("iTunes").
func headStart(p string) bool {
	p = strings.TrimLeft(p, "'\"‘“$£€")
	first, _, _ := strings.Cut(p, " ")
	return startsUpper(p) || strings.IndexFunc(first, unicode.IsUpper) > 0
}

func startsDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// dropTrailer cuts the article at its end mark or at the start of a site
// footer, whichever comes first, collecting calendar marks from the lines
// between the end mark and the footer. It then removes a trailing run of
// other stories' teasers, recognised by their own dates and repetitions.
func (r *Result) dropTrailer(paras []string) []string {
	cut := len(paras)
	ended := false
	for i, p := range paras {
		if endLine.MatchString(p) {
			cut, ended = i, true
			break
		}
		if at := endSuffix(p); at >= 0 {
			r.remove(p[at:])
			paras[i] = strings.TrimSpace(p[:at])
			cut, ended = i+1, true
			break
		}
		if i > 0 && isFooterHead(p) {
			cut = i
			break
		}
	}
	footer := false
	for _, p := range paras[cut:] {
		if isFooterHead(p) || !ended {
			footer = true
		}
		if !footer && (isAddress(p) || endLine.MatchString(p)) {
			r.Marks = append(r.Marks, marks(p)...)
		} else if !footer {
			footer = true
		}
		r.remove(p)
	}
	paras = paras[:cut]
	return r.dropTeasers(paras)
}

// dropTeasers removes a trailing run of teaser lines: other stories' leads
// and headlines, each with its date or repeated, as "More From" lists print
// them. The run must carry at least two dates or two repetitions.
func (r *Result) dropTeasers(paras []string) []string {
	seen := make(map[string]int)
	for _, p := range paras {
		seen[p]++
	}
	start, evidence := len(paras), 0
	for i := len(paras) - 1; i > 0; i-- {
		p := paras[i]
		switch {
		case isDateOnly(p):
			evidence++
		case seen[p] > 1 && !endsSentence(p):
			evidence++
		case isAddress(p), isPromo(p), isFooterHead(p):
		case parseDateline(p).hasDate() && !endsSentence(p) && len(p) < 200:
		default:
			i = 0 // stop
			continue
		}
		start = i
	}
	if evidence < 2 {
		return paras
	}
	for _, p := range paras[start:] {
		r.remove(p)
	}
	return paras[:start]
}

// marks returns the calendar marks in p.
func marks(p string) []string {
	var out []string
	for _, m := range mark.FindAllString(p, 4) {
		out = append(out, strings.ReplaceAll(m, " ", ""))
	}
	return out
}

// dropLines removes teaser, cross-promotion and social lines anywhere, and
// site addresses and calendar marks at the end (collecting the marks).
func (r *Result) dropLines(paras []string) []string {
	out := paras[:0]
	for _, p := range paras {
		if isPromo(p) {
			r.remove(p)
			continue
		}
		out = append(out, p)
	}
	for len(out) > 0 {
		last := out[len(out)-1]
		if !isAddress(last) && !isPromo(last) && !endLine.MatchString(last) && !signOff.MatchString(last) {
			break
		}
		r.Marks = append(marks(last), r.Marks...)
		r.remove(last)
		out = out[:len(out)-1]
	}
	return out
}

// dropRepeats removes later copies of the title and paragraphs that repeat
// the one before them.
func (r *Result) dropRepeats(paras []string) []string {
	out := paras[:0]
	for i, p := range paras {
		if (r.Title != "" && same(p, r.Title)) || (i > 0 && p == paras[i-1]) {
			r.remove(p)
			continue
		}
		out = append(out, p)
	}
	return out
}

// isSubheading reports whether p, a paragraph inside the body, is a short
// title-shaped line introducing the prose paragraph next.
func isSubheading(p, next string) bool {
	n := utf8.RuneCountInString(p)
	if n > 80 || words(p) > 12 || !startsUpper(p) {
		return false
	}
	switch last, _ := utf8.DecodeLastRuneInString(p); last {
	case '.', ',', ';', ':', '!', '?', '"', '”', '’', '\'', ')', '-', '–', '—', '…':
		return false
	}
	if parseDateline(p+" ").hasDate() || isDateOnly(p) || strings.Contains(p, "--") {
		return false
	}
	m := utf8.RuneCountInString(next)
	return m > n+20 && (endsSentence(next) || m >= 120)
}
