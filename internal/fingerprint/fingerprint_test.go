package fingerprint

import (
	"html/template"
	"testing"
	"time"
)

type summary struct {
	Title string
	Date  time.Time
	tags  []string
}

type page struct {
	Kind    string
	Body    template.HTML
	List    []*summary
	Next    *summary
	Extra   any
	Counts  map[string]int
	Weights [2]float64
}

func samplePage() *page {
	day := time.Date(2023, 2, 14, 0, 0, 0, 0, time.UTC)
	return &page{
		Kind: "page", Body: "<p>Talks open</p>",
		List:    []*summary{{Title: "Talks open", Date: day, tags: []string{"rail"}}, {Title: "Talks stall", Date: day.AddDate(0, 9, 0)}},
		Next:    &summary{Title: "Talks stall"},
		Extra:   42,
		Counts:  map[string]int{"Toriva": 3, "Vaske": 1, "Merrin": 2},
		Weights: [2]float64{0.5, 1},
	}
}

func TestEqualValuesGiveEqualSums(t *testing.T) {
	a, b := samplePage(), samplePage()
	if Of(a) != Of(b) {
		t.Error("two equal pages have different fingerprints")
	}
	// Maps are encoded in key order, whatever their iteration order.
	for range 20 {
		if Of(samplePage()) != Of(a) {
			t.Fatal("the fingerprint of a page with a map changes between calls")
		}
	}
}

// TestEveryFieldCounts changes one thing at a time, exported or not, deep
// or shallow, and expects a new fingerprint each time.
func TestEveryFieldCounts(t *testing.T) {
	base := Of(samplePage())
	for name, change := range map[string]func(*page){
		"a string":                  func(p *page) { p.Kind = "home" },
		"an HTML string":            func(p *page) { p.Body += " " },
		"a pointer's target":        func(p *page) { p.Next.Title = "Talks resume" },
		"a pointer to nil":          func(p *page) { p.Next = nil },
		"a slice element's field":   func(p *page) { p.List[1].Title = "Talks" },
		"a time":                    func(p *page) { p.List[0].Date = p.List[0].Date.Add(time.Second) },
		"a time's zone":             func(p *page) { p.List[0].Date = p.List[0].Date.In(time.FixedZone("X", 0)) },
		"an unexported slice":       func(p *page) { p.List[0].tags = append(p.List[0].tags, "port") },
		"the order of a slice":      func(p *page) { p.List[0], p.List[1] = p.List[1], p.List[0] },
		"a slice's length":          func(p *page) { p.List = p.List[:1] },
		"an interface's value":      func(p *page) { p.Extra = 43 },
		"an interface's type":       func(p *page) { p.Extra = int64(42) },
		"a map value":               func(p *page) { p.Counts["Vaske"] = 2 },
		"a map key":                 func(p *page) { delete(p.Counts, "Vaske"); p.Counts["Vask"] = 1 },
		"an array element":          func(p *page) { p.Weights[1] = 2 },
		"text moved between fields": func(p *page) { p.Kind, p.Body = "pag", "e<p>Talks open</p>" },
	} {
		p := samplePage()
		change(p)
		if Of(p) == base {
			t.Errorf("changing %s leaves the fingerprint as it was", name)
		}
	}
}

func TestValuesAreSeparated(t *testing.T) {
	pairs := [][2][]any{
		{{"ab", "c"}, {"a", "bc"}},
		{{[]string{"a", "b"}}, {[]string{"ab"}}},
		{{int32(1)}, {int64(1)}},
		{{nil, "a"}, {"a", nil}},
		{{(*summary)(nil)}, {&summary{}}},
	}
	for _, p := range pairs {
		if Of(p[0]...) == Of(p[1]...) {
			t.Errorf("Of(%#v) == Of(%#v)", p[0], p[1])
		}
	}
}

func TestFunctionsPanic(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Of accepted a function")
		}
	}()
	Of(struct{ F func() }{F: func() {}})
}

// TestNilFunction checks that a nil function counts as none, and that
// setting one is no change Of could miss: it panics.
func TestNilFunction(t *testing.T) {
	type doc struct {
		Text string
		Read func() string
	}
	if Of(doc{Text: "a"}) == Of(doc{Text: "b"}) {
		t.Error("a struct with a nil function: its other fields do not count")
	}
	defer func() {
		if recover() == nil {
			t.Error("Of accepted a function that is set")
		}
	}()
	Of(doc{Read: func() string { return "" }})
}

func TestProgramIsStable(t *testing.T) {
	first := Program()
	if again := Program(); again != first || first.IsZero() {
		t.Errorf("Program() = %s, then %s", first, again)
	}
}

// TestMemo checks that a Memo's sums tell pages apart as Of's do, and
// that two Memos of the same types agree.
func TestMemo(t *testing.T) {
	newMemo := func() *Memo { return NewMemo((*summary)(nil)) }
	base := newMemo().Of(samplePage())
	if again := newMemo().Of(samplePage()); again != base {
		t.Error("two Memos give equal pages different fingerprints")
	}
	m := newMemo()
	for range 3 {
		if m.Of(samplePage()) != base {
			t.Fatal("a Memo's fingerprint of a page changes between calls")
		}
	}
	if Of(samplePage()) == base {
		t.Error("a Memo's fingerprint equals Of's, though it encodes summaries by their sums")
	}
	for name, change := range map[string]func(*page){
		"a remembered value's field":   func(p *page) { p.Next.Title = "Talks resume" },
		"a remembered value's slice":   func(p *page) { p.List[0].tags = nil },
		"the order of remembered ones": func(p *page) { p.List[0], p.List[1] = p.List[1], p.List[0] },
		"a remembered pointer to nil":  func(p *page) { p.Next = nil },
	} {
		p := samplePage()
		change(p)
		if newMemo().Of(p) == base {
			t.Errorf("changing %s leaves the Memo's fingerprint as it was", name)
		}
	}
	// A pointer in an unexported field cannot be a map key through
	// reflection; it is walked instead.
	type hidden struct{ next *summary }
	if newMemo().Of(hidden{&summary{Title: "a"}}) == newMemo().Of(hidden{&summary{Title: "b"}}) {
		t.Error("a remembered type behind an unexported field is not told apart")
	}
}

func TestNewMemoWantsPointers(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewMemo accepted a value that is not a pointer")
		}
	}()
	NewMemo(summary{})
}

func BenchmarkOfPage(b *testing.B) {
	p := samplePage()
	for range 48 {
		p.List = append(p.List, &summary{Title: "Surveyors map the route between Toriva and Vaske", Date: time.Now()})
	}
	b.ReportAllocs()
	for b.Loop() {
		Of(p)
	}
}

// BenchmarkMemoOfPage is BenchmarkOfPage with the summaries remembered,
// as a build fingerprints list pages that share them.
func BenchmarkMemoOfPage(b *testing.B) {
	p := samplePage()
	for range 48 {
		p.List = append(p.List, &summary{Title: "Surveyors map the route between Toriva and Vaske", Date: time.Now()})
	}
	m := NewMemo((*summary)(nil))
	b.ReportAllocs()
	for b.Loop() {
		m.Of(p)
	}
}

// BenchmarkMemoOfArchive is BenchmarkMemoOfPage over a large archive's
// summaries: each page lists 50 of 100,000, as the list pages of a large
// archive do, so the remembered sums are looked up far more often than
// they fit in a processor's cache.
func BenchmarkMemoOfArchive(b *testing.B) {
	day := time.Date(2023, 2, 14, 0, 0, 0, 0, time.UTC)
	all := make([]*summary, 100_000)
	for i := range all {
		all[i] = &summary{Title: "Surveyors map the route between Toriva and Vaske", Date: day.AddDate(0, 0, i)}
	}
	m := NewMemo((*summary)(nil))
	for _, s := range all {
		m.Of(&page{Next: s})
	}
	p := samplePage()
	p.List = make([]*summary, 50)
	next := uint64(1)
	b.ReportAllocs()
	for b.Loop() {
		for k := range p.List {
			next = next*6364136223846793005 + 1442695040888963407
			p.List[k] = all[next>>33%uint64(len(all))]
		}
		m.Of(p)
	}
}
