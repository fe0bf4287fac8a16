package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/clean"
)

// Date patterns, anchored at the start of the (trimmed) string.
var (
	isoDate   = regexp.MustCompile(`^[\[(]?(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_]|[+-]\d\d:?\d\d$|Z$|\.?[\])]?$)`)
	compact   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:$|T)`)
	wireDate  = regexp.MustCompile(`^(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]+(\d{4})\b`)
	mdyDate   = regexp.MustCompile(`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	numDate   = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`)
	jucheDate = regexp.MustCompile(`^[\[(]?Juche\s?(\d{1,3})\.(\d{1,2})\.(\d{1,2})\.?[\])]?$`)
	epoch     = regexp.MustCompile(`^\d{9,13}$`)
	weekday   = regexp.MustCompile(`^(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)`)
)

// jucheOffset turns a Juche year into a Gregorian one: Juche 1 is 1912.
const jucheOffset = 1911

// ParseDate parses a declared date in any common format: ISO 8601 and RFC
// 3339 (the date as written, whatever the offset), RFC 1123, wire dates
// ("26-FEB-1987 15:01:01.79", trailing junk allowed), "October 7, 2022",
// "7 October 2022", day-first or month-first numeric dates when they are
// unambiguous, Juche calendar marks ("Juche111.10.7.") and Unix epoch
// seconds or milliseconds. A date that does not exist (2022-02-30) is an
// error saying why.
func ParseDate(s string) (article.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 200 {
		s = s[:200]
	}
	t := weekday.ReplaceAllString(s, "")
	if m := isoDate.FindStringSubmatch(t); m != nil {
		return makeDate(s, m[1], m[2], m[3])
	}
	if m := compact.FindStringSubmatch(t); m != nil {
		return makeDate(s, m[1], m[2], m[3])
	}
	if m := wireDate.FindStringSubmatch(t); m != nil {
		return monthDate(s, m[3], m[2], m[1])
	}
	if m := mdyDate.FindStringSubmatch(t); m != nil {
		return monthDate(s, m[3], m[1], m[2])
	}
	if m := numDate.FindStringSubmatch(t); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		switch {
		case a > 12 && b <= 12:
			return makeDate(s, m[3], m[2], m[1])
		case b > 12 && a <= 12, a == b:
			return makeDate(s, m[3], m[1], m[2])
		}
		return article.Date{}, fmt.Errorf("date %q is ambiguous: day and month could be either way", s)
	}
	if m := jucheDate.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		return makeDate(s, strconv.Itoa(y+jucheOffset), m[2], m[3])
	}
	if epoch.MatchString(t) {
		n, _ := strconv.ParseInt(t, 10, 64)
		if len(t) > 10 {
			n /= 1000
		}
		return article.DateOf(time.Unix(n, 0).UTC()), nil
	}
	return article.Date{}, fmt.Errorf("date %q is in no format annals reads", s)
}

func makeDate(s, y, m, d string) (article.Date, error) {
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	date, err := article.MakeDate(year, time.Month(month), day)
	if err != nil {
		return article.Date{}, fmt.Errorf("date %q does not exist: %v", s, err)
	}
	return date, nil
}

func monthDate(s, y, m, d string) (article.Date, error) {
	month := clean.MonthOf(m)
	if month == 0 {
		return article.Date{}, fmt.Errorf("date %q names no month", s)
	}
	return makeDate(s, y, strconv.Itoa(int(month)), d)
}
