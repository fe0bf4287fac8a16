package graph

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/annals-archive/annals/internal/article"
)

// date parses "2006-01-02"; "" is the zero (unknown) date.
func date(s string) article.Date {
	if s == "" {
		return article.Date{}
	}
	d, err := article.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// doc makes a Doc from a date, a text and entities written "kind:Name".
func doc(day, text string, ents ...string) Doc {
	d := Doc{Date: date(day), Text: text}
	for _, e := range ents {
		kind, name, _ := strings.Cut(e, ":")
		d.Entities = append(d.Entities, article.Entity{Kind: article.Kind(kind), Name: name})
	}
	return d
}

func key(e string) EntityKey {
	kind, name, _ := strings.Cut(e, ":")
	return EntityKey{article.Kind(kind), name}
}

func TestDates(t *testing.T) {
	g := New([]Doc{
		doc("2024-03-18", ""), // 0
		doc("2024-03-18", ""), // 1
		doc("", ""),           // 2
		doc("2024-01-05", ""), // 3
		doc("2023-03-18", ""), // 4
		doc("2022-10-07", ""), // 5
		doc("2022-03-18", ""), // 6
		doc("", ""),           // 7
		doc("2024-02-29", ""), // 8
	})
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"Years", g.Years(), []int{2024, 2023, 2022}},
		{"Months 2024", g.Months(2024), []time.Month{1, 2, 3}},
		{"Months 2021", g.Months(2021), []time.Month(nil)},
		{"Days 2024-03", g.Days(2024, 3), []int{18}},
		{"Days 2022-10", g.Days(2022, 10), []int{7}},
		{"OnDate day", g.OnDate(2024, 3, 18), []int{0, 1}},
		{"OnDate month", g.OnDate(2024, 1, 0), []int{3}},
		{"OnDate year", g.OnDate(2024, 0, 0), []int{0, 1, 3, 8}},
		{"OnDate year 2022", g.OnDate(2022, 0, 0), []int{5, 6}},
		{"OnDate empty", g.OnDate(2024, 3, 17), []int(nil)},
		{"OnThisDay", g.OnThisDay(0), []int{4, 6}},
		{"OnThisDay past", g.OnThisDay(6), []int{0, 1, 4}},
		{"OnThisDay alone", g.OnThisDay(5), []int(nil)},
		{"OnThisDay leap", g.OnThisDay(8), []int(nil)},
		{"OnThisDay undated", g.OnThisDay(2), []int(nil)},
		{"CountsByMonth", g.CountsByMonth(2024), [12]int{1, 1, 2}},
		{"CountsByDay len Feb 2024", len(g.CountsByDay(2024, 2)), 29},
		{"CountsByDay len Feb 2023", len(g.CountsByDay(2023, 2)), 28},
		{"CountsByDay 18 March", g.CountsByDay(2024, 3)[17], 2},
		{"CountsByDay sum", sum(g.CountsByDay(2024, 3)), 2},
		{"Undated", g.Undated(), []int{2, 7}},
	} {
		if !equal(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestEntities(t *testing.T) {
	g := New([]Doc{
		doc("2024-03-18", "", "person:Kim Jong Un", "person:Vladimir Putin", "place:Moscow"),       // 0
		doc("2024-01-02", "", "person:Kim Jong Un", "person:Vladimir Putin", "person:Kim Jong Un"), // 1
		doc("", "", "person:Kim Jong Un", "place:Pyongyang"),                                       // 2
		doc("2023-11-30", "", "person:Kim Jong Un", "place:Pyongyang", "organization:KCNA"),        // 3
		doc("2023-11-02", "", "person:Andrey Rudenko", "place:Moscow"),                             // 4
	})
	kim := key("person:Kim Jong Un")
	first, last := g.FirstLast(kim)
	none1, none2 := g.FirstLast(key("person:Nobody"))
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"persons", g.Entities(article.Person), []EntityKey{key("person:Andrey Rudenko"), kim, key("person:Vladimir Putin")}},
		{"places", g.Entities(article.Place), []EntityKey{key("place:Moscow"), key("place:Pyongyang")}},
		{"none", g.Entities("event"), []EntityKey{}},
		{"Articles", g.Articles(kim), []int{0, 1, 2, 3}},
		{"Articles unknown", g.Articles(key("person:Nobody")), []int(nil)},
		{"Timeline", g.Timeline(kim), []MonthCount{{2023, 11, 1}, {2023, 12, 0}, {2024, 1, 1}, {2024, 2, 0}, {2024, 3, 1}}},
		{"Timeline one month", g.Timeline(key("person:Andrey Rudenko")), []MonthCount{{2023, 11, 1}}},
		{"Timeline undated only", g.Timeline(key("person:Nobody")), []MonthCount(nil)},
		{"First", first, date("2023-11-30")},
		{"Last", last, date("2024-03-18")},
		{"FirstLast none", [2]article.Date{none1, none2}, [2]article.Date{}},
		{"CoMentioned", g.CoMentioned(kim, 10), []Count{{key("place:Pyongyang"), 2}, {key("person:Vladimir Putin"), 2}, {key("organization:KCNA"), 1}, {key("place:Moscow"), 1}}},
		{"CoMentioned top 1", g.CoMentioned(kim, 1), []Count{{key("place:Pyongyang"), 2}}},
		{"CoMentioned Moscow", g.CoMentioned(key("place:Moscow"), 5), []Count{{key("person:Andrey Rudenko"), 1}, {kim, 1}, {key("person:Vladimir Putin"), 1}}},
	} {
		if !equal(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []int:
		return slices.Equal(a, b.([]int))
	case []time.Month:
		return slices.Equal(a, b.([]time.Month))
	case []EntityKey:
		return slices.Equal(a, b.([]EntityKey))
	case []MonthCount:
		return slices.Equal(a, b.([]MonthCount))
	case []Count:
		return slices.Equal(a, b.([]Count))
	}
	return a == b
}

// seedDates are the dates of the seed texts: 001 and 004 are undated.
var seedDates = []string{"2022-10-07", "", "2024-03-18", "2022-10-07", ""}

func readSeeds(t testing.TB) []Doc {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	slices.Sort(files)
	if len(files) != len(seedDates) {
		t.Skipf("seed texts not found: want %d files in %s, found %d", len(seedDates), dir, len(files))
	}
	docs := make([]Doc, len(files))
	for k, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[k] = Doc{Date: date(seedDates[k]), Text: string(b)}
	}
	return docs
}

func TestSeedsSameStory(t *testing.T) {
	docs := readSeeds(t)
	g := New(docs)
	for i := range docs {
		want := map[int][]int{0: {3}, 3: {0}}[i]
		if got := g.SameStory(i); !slices.Equal(got, want) {
			t.Errorf("SameStory(%03d) = %v, want %v", i, got, want)
		}
	}
	// The measure itself, dates aside: only 000 and 003 share enough text.
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			shared, a, b := sharedShingles(docs[i].Text, docs[j].Text)
			same := shared >= sameThreshold(a, b)
			t.Logf("%03d-%03d: %d shared of %d/%d, threshold %d", i, j, shared, a, b, sameThreshold(a, b))
			if same != (i == 0 && j == 3) {
				t.Errorf("%03d and %03d: same text = %v", i, j, same)
			}
		}
	}
}

// sharedShingles is the same-story measure for two texts, without windows.
func sharedShingles(a, b string) (shared, na, nb int) {
	sa, sb := set(shingles(a, nil)), set(shingles(b, nil))
	for h := range sa {
		if sb[h] {
			shared++
		}
	}
	return shared, len(sa), len(sb)
}

func set(hs []uint64) map[uint64]bool {
	m := make(map[uint64]bool)
	for _, h := range hs {
		m[h] = true
	}
	return m
}
