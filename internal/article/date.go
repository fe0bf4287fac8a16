package article

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a calendar date with no time of day or zone. The zero Date means
// "unknown": an article is undated rather than wrongly dated.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses an ISO date (YYYY-MM-DD). It rejects dates that do not
// exist, such as 2022-02-30, and says why.
func ParseDate(s string) (Date, error) {
	var y, m, d int
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("date %q is not of the form YYYY-MM-DD", s)
	}
	for _, part := range []struct {
		digits string
		n      *int
	}{{s[:4], &y}, {s[5:7], &m}, {s[8:], &d}} {
		for i := 0; i < len(part.digits); i++ {
			c := part.digits[i]
			if c < '0' || c > '9' {
				return Date{}, fmt.Errorf("date %q is not of the form YYYY-MM-DD", s)
			}
			*part.n = *part.n*10 + int(c-'0')
		}
	}
	return MakeDate(y, time.Month(m), d)
}

// MakeDate returns the date y-m-d, or an error naming why it does not exist.
func MakeDate(y int, m time.Month, d int) (Date, error) {
	if y < 1 || y > 9999 {
		return Date{}, fmt.Errorf("year %d is out of range", y)
	}
	if m < time.January || m > time.December {
		return Date{}, fmt.Errorf("month %d does not exist", m)
	}
	if d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("%s %d has %d days, not %d", m, y, daysIn(y, m), d)
	}
	return Date{y, m, d}, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d == Date{} }

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// Compare orders dates; the zero Date sorts before every known date.
func (d Date) Compare(e Date) int {
	return cmp.Or(cmp.Compare(d.Year, e.Year), cmp.Compare(d.Month, e.Month), cmp.Compare(d.Day, e.Day))
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Format formats the date with a time.Time layout; "" for the zero Date.
func (d Date) Format(layout string) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(layout)
}
