package build

import (
	"fmt"
	"strconv"
	"time"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/chart"
	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/render"
)

// paginate renders a list of articles as pages of at most page_size:
// base, then base + "page/2/", …; fill completes each page.
func (s *siteBuild) paginate(base string, idx []int, fill func(p *render.Page)) error {
	return s.paginateCharted(base, idx, fingerprint.Sum{}, fill, nil)
}

// barChart is what a page's chart is drawn from.
type barChart struct {
	Label string
	Bars  []chart.Bar
}

// paginateCharted is paginate for lists that show a chart on their
// first page: bars gives the chart, which is drawn only when the page must
// be made. The later pages go without it: an entity's chart spans every
// month it was in the news, and repeated on each page of a long list it
// would be most of the list's bytes.
//
// A list whose key is not zero is known by it: the key must sum up all
// that its pages are made from but their number, and fill and bars, called
// only for the pages that must be made, may then do costly work. A list
// with the zero key is known by each page's view model (pageFrom).
func (s *siteBuild) paginateCharted(base string, idx []int, key fingerprint.Sum, fill func(p *render.Page), bars func(p *render.Page) barChart) error {
	size := s.cfg.PageSize
	count := max(1, (len(idx)+size-1)/size)
	pathOf := func(n int) string {
		if n == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(n) + "/"
	}
	for n := 1; n <= count; n++ {
		var from fingerprint.Sum
		kept := false
		if !key.IsZero() {
			from = fingerprint.Of(key, n)
			var err error
			if kept, err = s.kept(pathOf(n), true, article.Date{}, from); err != nil {
				return err
			}
			if kept && checkKey == nil {
				continue
			}
		}
		pager := &render.Pager{Number: n, Count: count, First: pathOf(1), Last: pathOf(count)}
		if n > 1 {
			pager.Prev = pathOf(n - 1)
		}
		if n < count {
			pager.Next = pathOf(n + 1)
		}
		lo, hi := (n-1)*size, min(n*size, len(idx))
		p := &render.Page{Path: pathOf(n), List: s.summariesOf(idx[lo:hi]), Pager: pager, Total: len(idx)}
		fill(p)
		if n > 1 {
			p.Title += fmt.Sprintf(" — page %d", n)
		}
		var err error
		switch {
		case !key.IsZero():
			if bars != nil && n == 1 {
				c := bars(p)
				p.Chart = chart.Bars(c.Label, c.Bars)
			}
			if checkKey != nil {
				p.Site = s.site
				checkKey(p.Path, from, s.fp.Of(s.made, p))
			}
			if !kept {
				err = s.make(p, from, nil)
			}
		case bars == nil || n > 1:
			err = s.page(p, article.Date{})
		default:
			c := bars(p)
			err = s.pageFrom(p, article.Date{}, c, func(p *render.Page) error {
				p.Chart = chart.Bars(c.Label, c.Bars)
				return nil
			})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// yearPath, monthPath and dayPath are the folders of the archive pages,
// as content.DateDir names them; made for every entity page's chart, they
// are written without fmt.
func yearPath(y int) string { return string(appendPadded(nil, y, 4)) + "/" }

func monthPath(y int, m time.Month) string {
	b := appendPadded(make([]byte, 0, 8), y, 4)
	b = appendPadded(append(b, '/'), int(m), 2)
	return string(append(b, '/'))
}

func dayPath(y int, m time.Month, d int) string {
	b := appendPadded(make([]byte, 0, 11), y, 4)
	b = appendPadded(append(b, '/'), int(m), 2)
	b = appendPadded(append(b, '/'), d, 2)
	return string(append(b, '/'))
}

// appendPadded appends n in decimal, at least width digits with leading
// zeros, as %0*d does for n ≥ 0.
func appendPadded(b []byte, n, width int) []byte {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(n), 10)
	for range width - len(d) {
		b = append(b, '0')
	}
	return append(b, d...)
}

// monthLabel names a month of a chart: "Mar 2022".
func monthLabel(y int, m time.Month) string { return m.String()[:3] + " " + strconv.Itoa(y) }

// archives lists the jobs that render the archive by date: the index of
// years, each year, month and day, and the undated articles.
func (s *siteBuild) archives() []job {
	g := s.graph
	archive := &render.Link{Text: "Archive", Path: "archive/"}
	var years []*render.Link
	var bars []chart.Bar
	for _, y := range g.Years() {
		n := len(g.OnDate(y, 0, 0))
		years = append(years, &render.Link{Text: strconv.Itoa(y), Path: yearPath(y), Count: n})
	}
	for i := len(years) - 1; i >= 0; i-- {
		bars = append(bars, chart.Bar{Label: years[i].Text, Count: years[i].Count, Href: "../" + years[i].Path + "index.html"})
	}
	links := years
	if u := g.Undated(); len(u) > 0 {
		links = append(links, &render.Link{Text: "Undated", Path: "undated/", Count: len(u)})
	}
	jobs := []job{func() error {
		return s.page(&render.Page{
			Kind: render.KindArchive, Title: "Archive", Path: "archive/", Links: links,
			Chart: chart.Bars("Articles per year", bars), Total: len(s.pages),
		}, article.Date{})
	}}
	for _, y := range g.Years() {
		yearLink := &render.Link{Text: strconv.Itoa(y), Path: yearPath(y)}
		jobs = append(jobs, func() error { return s.year(y, archive) })
		for _, m := range g.Months(y) {
			monthLink := &render.Link{Text: m.String(), Path: monthPath(y, m)}
			jobs = append(jobs, func() error { return s.month(y, m, archive, yearLink) })
			for _, d := range g.Days(y, m) {
				jobs = append(jobs, func() error { return s.day(y, m, d, archive, yearLink, monthLink) })
			}
		}
	}
	if u := g.Undated(); len(u) > 0 {
		jobs = append(jobs, func() error {
			return s.paginate("undated/", u, func(p *render.Page) {
				p.Kind, p.Title, p.Crumbs = render.KindArchive, "Undated articles", []*render.Link{archive}
			})
		})
	}
	return jobs
}

func (s *siteBuild) year(y int, archive *render.Link) error {
	g := s.graph
	counts := g.CountsByMonth(y)
	bars := make([]chart.Bar, 12)
	for m := time.January; m <= time.December; m++ {
		bars[m-1] = chart.Bar{Label: monthLabel(y, m), Count: counts[m-1]}
		if counts[m-1] > 0 {
			bars[m-1].Href = fmt.Sprintf("%02d/index.html", int(m))
		}
	}
	return s.paginateCharted(yearPath(y), g.OnDate(y, 0, 0), fingerprint.Sum{}, func(p *render.Page) {
		p.Kind, p.Title, p.Crumbs = render.KindArchive, strconv.Itoa(y), []*render.Link{archive}
	}, func(p *render.Page) barChart {
		return barChart{fmt.Sprintf("Articles per month in %d", y), relBars(bars, p.Path, yearPath(y))}
	})
}

// relBars rebases bar links written relative to base for a page at path.
func relBars(bars []chart.Bar, path, base string) []chart.Bar {
	if path == base {
		return bars
	}
	// Later pages of a list sit two folders deeper: base + "page/N/".
	out := make([]chart.Bar, len(bars))
	for i, b := range bars {
		out[i] = b
		if b.Href != "" {
			out[i].Href = "../../" + b.Href
		}
	}
	return out
}

func (s *siteBuild) month(y int, m time.Month, archive, yearLink *render.Link) error {
	g := s.graph
	counts := g.CountsByDay(y, m)
	bars := make([]chart.Bar, len(counts))
	for d, n := range counts {
		bars[d] = chart.Bar{Label: strconv.Itoa(d + 1), Count: n}
		if n > 0 {
			bars[d].Href = fmt.Sprintf("%02d/index.html", d+1)
		}
	}
	title := fmt.Sprintf("%s %d", m, y)
	return s.paginateCharted(monthPath(y, m), g.OnDate(y, m, 0), fingerprint.Sum{}, func(p *render.Page) {
		p.Kind, p.Title, p.Crumbs = render.KindArchive, title, []*render.Link{archive, yearLink}
	}, func(p *render.Page) barChart {
		return barChart{"Articles per day in " + title, relBars(bars, p.Path, monthPath(y, m))}
	})
}

func (s *siteBuild) day(y int, m time.Month, d int, archive, yearLink, monthLink *render.Link) error {
	g := s.graph
	// On this day in other years, newest first.
	var other []int
	for _, oy := range g.Years() {
		if oy != y {
			other = append(other, g.OnDate(oy, m, d)...)
		}
	}
	onThisDay := s.summariesOf(other[:min(len(other), s.cfg.PageSize)])
	title := article.Date{Year: y, Month: m, Day: d}.Format("Monday, 2 January 2006")
	return s.paginate(dayPath(y, m, d), g.OnDate(y, m, d), func(p *render.Page) {
		p.Kind, p.Title, p.Crumbs = render.KindArchive, title, []*render.Link{archive, yearLink, monthLink}
		p.OnThisDay = onThisDay
	})
}
