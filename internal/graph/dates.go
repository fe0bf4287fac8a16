package graph

import (
	"cmp"
	"slices"
	"time"

	"github.com/annals-archive/annals/internal/article"
)

// dateIndex indexes the dated docs by calendar date. Undated docs are in
// none of its lists but Undated.
type dateIndex struct {
	byDate  []int32 // dated docs by (date, index)
	dkeys   []int32 // dateKey of byDate[k]
	byMD    []int32 // dated docs by (month, day, year descending, index)
	undated []int32 // in the order given
	years   []int   // newest first
}

// dateKey orders dates as integers: 20221007 for 7 October 2022.
func dateKey(y int, m time.Month, d int) int32 {
	return int32(y*10000 + int(m)*100 + d)
}

func newDateIndex(dates []article.Date) dateIndex {
	var x dateIndex
	for i, d := range dates {
		if d.IsZero() {
			x.undated = append(x.undated, int32(i))
		} else {
			x.byDate = append(x.byDate, int32(i))
		}
	}
	key := func(i int32) int32 { d := dates[i]; return dateKey(d.Year, d.Month, d.Day) }
	slices.SortFunc(x.byDate, func(a, b int32) int {
		return cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a, b))
	})
	x.dkeys = make([]int32, len(x.byDate))
	for k, i := range x.byDate {
		x.dkeys[k] = key(i)
		if y := dates[i].Year; len(x.years) == 0 || x.years[len(x.years)-1] != y {
			x.years = append(x.years, y)
		}
	}
	slices.Reverse(x.years)
	x.byMD = slices.Clone(x.byDate)
	slices.SortStableFunc(x.byMD, func(a, b int32) int {
		da, db := dates[a], dates[b]
		return cmp.Or(cmp.Compare(da.Month, db.Month), cmp.Compare(da.Day, db.Day), cmp.Compare(db.Year, da.Year))
	})
	return x
}

// span returns the part of byDate whose keys are in [lo, hi].
func (x *dateIndex) span(lo, hi int32) []int32 {
	a, _ := slices.BinarySearch(x.dkeys, lo)
	b, _ := slices.BinarySearch(x.dkeys, hi+1)
	return x.byDate[a:b]
}

// Years returns the years with dated articles, newest first.
func (g *Graph) Years() []int { return slices.Clone(g.years) }

// Months returns the months of year that have articles, in calendar order.
func (g *Graph) Months(year int) []time.Month {
	var out []time.Month
	for _, i := range g.span(dateKey(year, 0, 0), dateKey(year, 99, 99)) {
		if m := g.dates[i].Month; len(out) == 0 || out[len(out)-1] != m {
			out = append(out, m)
		}
	}
	return out
}

// Days returns the days of month that have articles, in calendar order.
func (g *Graph) Days(year int, month time.Month) []int {
	var out []int
	for _, i := range g.span(dateKey(year, month, 0), dateKey(year, month, 99)) {
		if d := g.dates[i].Day; len(out) == 0 || out[len(out)-1] != d {
			out = append(out, d)
		}
	}
	return out
}

// OnDate returns the docs of a day, in the order given to New. A month of 0
// means the whole year, a day of 0 the whole month.
func (g *Graph) OnDate(year int, month time.Month, day int) []int {
	lo, hi := dateKey(year, month, day), dateKey(year, month, day)
	switch {
	case month == 0:
		lo, hi = dateKey(year, 0, 0), dateKey(year, 99, 99)
	case day == 0:
		hi = dateKey(year, month, 99)
	}
	out := ints(g.span(lo, hi))
	slices.Sort(out)
	return out
}

// OnThisDay returns the docs dated on the same month and day as doc i in
// other years, newest first (ties by index). It is empty for undated docs.
func (g *Graph) OnThisDay(i int) []int {
	if i < 0 || i >= g.n || g.dates[i].IsZero() {
		return nil
	}
	d := g.dates[i]
	a, _ := slices.BinarySearchFunc(g.byMD, d, func(j int32, d article.Date) int {
		e := g.dates[j]
		return cmp.Or(cmp.Compare(e.Month, d.Month), cmp.Compare(e.Day, d.Day))
	})
	var out []int
	for _, j := range g.byMD[a:] {
		e := g.dates[j]
		if e.Month != d.Month || e.Day != d.Day {
			break
		}
		if e.Year != d.Year {
			out = append(out, int(j))
		}
	}
	return out
}

// CountsByMonth returns the number of articles in each month of year,
// January first.
func (g *Graph) CountsByMonth(year int) [12]int {
	var out [12]int
	for _, i := range g.span(dateKey(year, 0, 0), dateKey(year, 99, 99)) {
		if m := g.dates[i].Month; m >= time.January && m <= time.December {
			out[m-1]++
		}
	}
	return out
}

// CountsByDay returns the number of articles on each day of month, the 1st
// first; its length is the number of days in the month.
func (g *Graph) CountsByDay(year int, month time.Month) []int {
	if month < time.January || month > time.December {
		return nil
	}
	out := make([]int, time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day())
	for _, i := range g.span(dateKey(year, month, 0), dateKey(year, month, 99)) {
		if d := g.dates[i].Day; d >= 1 && d <= len(out) {
			out[d-1]++
		}
	}
	return out
}

// Undated returns the docs without a date, in the order given.
func (g *Graph) Undated() []int { return ints(g.undated) }
