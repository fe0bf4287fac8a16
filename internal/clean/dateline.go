package clean

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// datelineDated matches "Pyongyang, October 7 (KCNA) -- ", "SALVADOR, Feb
// 26 - " and "LONDON, Oct. 7, 2022 (Reuters) — ": a place in capitals or
// title case, a month and day, maybe a year, maybe an agency, and a dash.
// datelineAgency matches "WASHINGTON (AP) — ".
var (
	datelineDated  = regexp.MustCompile(`^(` + placeName + `),\s+(` + monthName + `)\s+(\d{1,2})(?:,\s*(\d{4}))?\s*(?:\(([^()]{1,30})\)\s*)?(?:--|—|–|-)\s`)
	datelineAgency = regexp.MustCompile(`^(` + placeName + `)\s+\(([^()]{1,30})\)\s*(?:--|—|–|-)\s`)
)

const placeName = `\p{Lu}[\p{L}.'’-]*(?:[ /-](?:\p{Lu}[\p{L}.'’-]*|de|da|del|la|le|du|of|el|am|on)){0,4}(?:, \p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)?)?`

var months = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"may": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

// MonthOf returns the month a month name or abbreviation ("Feb", "Sept.",
// "October") names, or 0.
func MonthOf(s string) time.Month {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	m := months[s[:3]]
	if m == 0 || len(s) > 3 && !strings.HasPrefix(strings.ToLower(m.String()), s) && s != "sept" {
		return 0
	}
	return m
}

func (d Dateline) hasDate() bool { return d.Month != 0 }

// parseDateline reads the dateline opening p, if any. The month and day are
// kept only when they exist in some year.
func parseDateline(p string) Dateline {
	if len(p) > 400 {
		p = p[:400]
	}
	if m := datelineDated.FindStringSubmatch(p); m != nil {
		month := MonthOf(m[2])
		day, _ := strconv.Atoi(m[3])
		if month == 0 || day < 1 || day > daysIn(month) {
			return Dateline{}
		}
		year, _ := strconv.Atoi(m[4])
		return Dateline{Place: m[1], Month: month, Day: day, Year: year, Agency: strings.TrimSpace(m[5])}
	}
	if m := datelineAgency.FindStringSubmatch(p); m != nil {
		return Dateline{Place: m[1], Agency: strings.TrimSpace(m[2])}
	}
	return Dateline{}
}

// daysIn returns the most days month m has in any year.
func daysIn(m time.Month) int {
	return time.Date(2000, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
