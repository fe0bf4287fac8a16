package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/clean"
)

// facts is what the date finders may look at: the raw input's metadata and
// what cleaning kept or learnt. Removed lines are deliberately absent.
type facts struct {
	raw   article.Raw
	clean clean.Result
	text  string // the cleaned body as plain text
}

// A dateFinder looks for one kind of date evidence. It reports ok=false
// when that evidence is absent, and an error when it is present but names
// a date that does not exist.
type dateFinder interface {
	findDate(f *facts) (d article.Date, ok bool, err error)
}

type finderFunc func(f *facts) (article.Date, bool, error)

func (fn finderFunc) findDate(f *facts) (article.Date, bool, error) { return fn(f) }

// dateFinders lists the date evidence from strongest to weakest. The first
// finder that reports a date decides.
var dateFinders = []struct {
	name string
	dateFinder
}{
	{"declared date", finderFunc(declaredDate)},
	{"metadata prefix", finderFunc(prefixDate)},
	{"dateline", finderFunc(datelineYear)},
	{"dateline and calendar mark", finderFunc(datelineMark)},
	{"calendar mark", finderFunc(markDate)},
	{"dateline and a date in the text", finderFunc(datelineText)},
}

// declaredDate is the date the container declared (JSON field, front
// matter, HTML meta tag).
func declaredDate(f *facts) (article.Date, bool, error) {
	if strings.TrimSpace(f.raw.Date) == "" {
		return article.Date{}, false, nil
	}
	d, err := ParseDate(f.raw.Date)
	return d, err == nil, err
}

var prefixLabel = regexp.MustCompile(`^(?i:(?:date|dated|published|posted|updated|last updated|pubdate)(?: on)?\s*[:=]?\s*)`)

// prefixDate is a metadata prefix cleaning removed from the lead.
func prefixDate(f *facts) (article.Date, bool, error) {
	if f.clean.Prefix == "" {
		return article.Date{}, false, nil
	}
	d, err := ParseDate(prefixLabel.ReplaceAllString(f.clean.Prefix, ""))
	return d, err == nil, err
}

// datelineYear is a dateline that names its year.
func datelineYear(f *facts) (article.Date, bool, error) {
	dl := f.clean.Dateline
	if dl.Month == 0 || dl.Year == 0 {
		return article.Date{}, false, nil
	}
	d, err := article.MakeDate(dl.Year, dl.Month, dl.Day)
	return d, err == nil, err
}

// datelineMark takes the day from the dateline and the year from a
// calendar mark at the article's end. When the mark's day differs from the
// dateline's, the year is the one that puts the dateline within six weeks
// of the mark; otherwise the evidence conflicts and gives no date.
func datelineMark(f *facts) (article.Date, bool, error) {
	dl := f.clean.Dateline
	if dl.Month == 0 {
		return article.Date{}, false, nil
	}
	for _, m := range f.clean.Marks {
		md, err := ParseDate(m)
		if err != nil {
			continue
		}
		if d, ok := nearDay(md, dl.Month, dl.Day, 42*24*time.Hour); ok {
			return d, true, nil
		}
	}
	return article.Date{}, false, impossibleMark(f.clean.Marks)
}

// impossibleMark returns why the first calendar mark that names a date
// that does not exist (Juche111.2.30.) is no evidence, or nil.
func impossibleMark(marks []string) error {
	for _, m := range marks {
		if _, err := ParseDate(m); err != nil && strings.Contains(err.Error(), "does not exist") {
			return err
		}
	}
	return nil
}

// nearDay returns the date of month m, day d in the year that puts it
// nearest to ref, if that is within max.
func nearDay(ref article.Date, m time.Month, d int, max time.Duration) (article.Date, bool) {
	for _, y := range []int{ref.Year, ref.Year - 1, ref.Year + 1} {
		c, err := article.MakeDate(y, m, d)
		if err != nil {
			continue
		}
		if diff := c.Time().Sub(ref.Time()); diff <= max && diff >= -max {
			return c, true
		}
	}
	return article.Date{}, false
}

// markDate is a calendar mark at the article's end, when there is no
// dateline to check it against.
func markDate(f *facts) (article.Date, bool, error) {
	if f.clean.Dateline.Month != 0 {
		return article.Date{}, false, nil
	}
	for _, m := range f.clean.Marks {
		if d, err := ParseDate(m); err == nil {
			return d, true, nil
		}
	}
	return article.Date{}, false, impossibleMark(f.clean.Marks)
}

// jucheFull finds "January 1, Juche 113 (2024)": a date that states its
// year twice, in two calendars that must agree.
var jucheFull = regexp.MustCompile(`\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(\d{1,2}),?\s+Juche\s+(\d{1,3})\s+\((\d{4})\)`)

// datelineText takes the day from the dateline and the year from a date of
// the same day in the lead paragraph that states its year in both
// calendars ("on January 1, Juche 113 (2024)"). A plain "April 1, 1988" of
// the same day is no evidence: in wire copy it is as often a deadline a
// year or more away ("notes due March 31, 1999"). Two different years give
// no date.
func datelineText(f *facts) (article.Date, bool, error) {
	dl := f.clean.Dateline
	if dl.Month == 0 {
		return article.Date{}, false, nil
	}
	lead, _, _ := strings.Cut(f.text, "\n")
	var found article.Date
	for _, m := range jucheFull.FindAllStringSubmatch(lead, 20) {
		day, _ := strconv.Atoi(m[2])
		juche, _ := strconv.Atoi(m[3])
		y, _ := strconv.Atoi(m[4])
		if clean.MonthOf(m[1]) != dl.Month || day != dl.Day || juche+jucheOffset != y {
			continue
		}
		d, err := article.MakeDate(y, dl.Month, dl.Day)
		if err != nil || !found.IsZero() && d != found {
			return article.Date{}, false, nil
		}
		found = d
	}
	return found, !found.IsZero(), nil
}
