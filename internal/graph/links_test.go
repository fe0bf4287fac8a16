package graph

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// Fictional texts for the same-story cases.
const (
	agency = `Valdora, 3 March (NPA) -- The Council of Ministers of the Republic of Valdora approved on Monday a plan to rebuild the northern railway between Orsk Harbour and the mountain town of Trelle.
Minister of Transport Ilse Marran told the council that the line would carry passengers again before the first snow, and that the three damaged bridges over the river Senne would be replaced by steel spans built in the capital.
"Our engineers have surveyed every kilometre, and the work can begin within a fortnight," she said, adding that the cost would be shared between the state and the two provinces the line crosses.
The council also heard a report on the grain harvest and on the new school year. -0-`
	report = `The government of Valdora has promised to reopen the northern railway this year, the state news agency NPA reported on Tuesday.
According to the agency, Minister of Transport Ilse Marran told the council that the line would carry passengers again before the first snow, and that the three damaged bridges over the river Senne would be replaced by steel spans built in the capital.
"Our engineers have surveyed every kilometre, and the work can begin within a fortnight," she said.
Critics in Trelle were sceptical. The line has been closed since the floods of two winters ago, and earlier promises to repair it came to nothing, said a shopkeeper who asked not to be named.`
	otherStory = `Minister of Transport Ilse Marran opened a new bus terminal in Orsk Harbour on Monday, praising the drivers who kept the coastal routes running through the winter storms.
The terminal has forty bays, a waiting hall heated by the harbour's waste steam and a cafe run by the town's cooperative. Marran cut the ribbon with the mayor and rode the first bus to the fish market.
Passengers complained about the fares, which rose twice last year.`
)

func TestSameStory(t *testing.T) {
	for _, tc := range []struct {
		name       string
		a, b       Doc
		sameStory  bool
		aTextTwice bool
	}{
		{"agency original and report a day later", doc("2025-03-03", agency), doc("2025-03-04", report), true, false},
		{"report a day earlier (time zones)", doc("2025-03-04", agency), doc("2025-03-03", report), true, false},
		{"same people, same day, other story", doc("2025-03-03", agency), doc("2025-03-03", otherStory), false, false},
		{"same text five days apart", doc("2025-03-03", agency), doc("2025-03-08", agency), false, false},
		{"same text two days apart", doc("2025-03-03", agency), doc("2025-03-05", agency), false, false},
		{"same text, one undated", doc("2025-03-03", agency), doc("", agency), false, false},
		{"same text, both undated", doc("", agency), doc("", agency), false, false},
		{"same text, same day", doc("2025-03-03", agency), doc("2025-03-03", agency), true, false},
		{"short items, one contained", doc("2025-03-03", "Floods closed the Senne bridge at Trelle on Monday morning."), doc("2025-03-03", "Floods closed the Senne bridge at Trelle on Monday morning, police said."), true, false},
		{"short items, a phrase shared", doc("2025-03-03", "Ilse Marran told the council that fares will fall."), doc("2025-03-03", "Ilse Marran told the council that the budget is tight and taxes will rise in spring."), false, false},
		{"empty texts", doc("2025-03-03", ""), doc("2025-03-03", ""), false, false},
	} {
		// Filler docs around the pair, on the same days, must not disturb it.
		docs := []Doc{tc.a, doc("2025-03-03", "The weather stayed mild in the south."), tc.b, doc("2025-03-04", "Football results from the weekend league.")}
		g := New(docs)
		var want0, want2 []int
		if tc.sameStory {
			want0, want2 = []int{2}, []int{0}
		}
		if got := g.SameStory(0); !slices.Equal(got, want0) {
			t.Errorf("%s: SameStory(0) = %v, want %v", tc.name, got, want0)
		}
		if got := g.SameStory(2); !slices.Equal(got, want2) {
			t.Errorf("%s: SameStory(2) = %v, want %v", tc.name, got, want2)
		}
		for _, i := range []int{1, 3} {
			if got := g.SameStory(i); got != nil {
				t.Errorf("%s: SameStory(%d) = %v, want none", tc.name, i, got)
			}
		}
	}
}

// TestSameStoryCluster checks a story reported many times in two days: all
// reports are linked to each other, and boilerplate shared by more than
// sameMaxDocs articles links none.
func TestSameStoryCluster(t *testing.T) {
	var docs []Doc
	for k := range 6 {
		day := []string{"2025-03-03", "2025-03-04"}[k%2]
		docs = append(docs, doc(day, fmt.Sprintf("Report %d by outlet%d. ", k, k)+agency))
	}
	footer := " Read more from the Valdora Post: subscribe to our newsletter for the latest news, analysis and opinion from the whole of Valdora delivered to your inbox every morning."
	for k := range sameMaxDocs + 1 {
		docs = append(docs, doc("2025-03-03", fmt.Sprintf("Item%d about topic%d happened in town%d today.", k, k, k)+footer))
	}
	g := New(docs)
	for i := range 6 {
		var want []int
		for j := range 6 {
			if j != i {
				want = append(want, j)
			}
		}
		if got := g.SameStory(i); !slices.Equal(got, want) {
			t.Errorf("SameStory(%d) = %v, want %v", i, got, want)
		}
	}
	for i := 6; i < len(docs); i++ {
		if got := g.SameStory(i); got != nil {
			t.Errorf("boilerplate doc %d: SameStory = %v, want none", i, got)
		}
	}
}

// filler returns a text of unique words, sharing nothing with other docs.
func filler(k int) string {
	var b strings.Builder
	for j := range 40 {
		fmt.Fprintf(&b, "w%dx%d ", k, j)
	}
	return b.String()
}

func TestRelated(t *testing.T) {
	for _, n := range []int{60, 1300} {
		// Docs 0-4 are the cases; 5 onwards mention the very common
		// Ruritania: at 60 docs it is walked, at 1300 it is above the cap
		// and only weighs on candidates found otherwise.
		docs := []Doc{
			doc("2025-05-10", filler(0), "person:Olga Varnek", "place:Ruritania"), // 0: the article
			doc("2025-05-01", filler(1), "place:Ruritania"),                       // 1: shares only a common entity
			doc("2025-06-20", filler(2), "person:Olga Varnek"),                    // 2: a later follow-up, rare entity
			doc("2025-04-02", filler(3), "person:Olga Varnek"),                    // 3: an earlier story, rare entity
			doc("2025-05-12", filler(4), "place:Ruritania", "person:Olga Varnek"), // 4: both
		}
		for k := len(docs); k < n; k++ {
			docs = append(docs, doc("2024-01-01", filler(k), "place:Ruritania"))
		}
		g := New(docs)
		capped := len(g.Articles(key("place:Ruritania"))) > relatedMaxPosting
		want := []int{4, 2, 3, 1, 5}
		if capped {
			want = []int{4, 2, 3}
		}
		if got := g.Related(0, 5); !slices.Equal(got, want) {
			t.Errorf("%d docs: Related(0, 5) = %v, want %v", n, got, want)
		}
		// The follow-up and the earlier story see the article alike.
		for _, tc := range []struct{ i, other int }{{2, 3}, {3, 2}} {
			if r := g.Related(tc.i, 3); !slices.Equal(r, []int{0, tc.other, 4}) {
				t.Errorf("%d docs: Related(%d, 3) = %v, want [0 %d 4]", n, tc.i, r, tc.other)
			}
		}
		if r := g.Related(0, 100); !slices.Equal(r[:len(want)], want) {
			t.Errorf("%d docs: Related(0, 100) = %v..., want it to begin with %v", n, r[:len(want)], want)
		}
		if r := g.Related(7, 3); !capped && !slices.Equal(r, []int{0, 1, 4}) || capped && r != nil {
			t.Errorf("%d docs: Related(7, 3) = %v", n, r)
		}
	}
}

func TestRelatedText(t *testing.T) {
	// No entities: text similarity alone; same-story docs are left out.
	docs := []Doc{
		doc("2025-03-03", agency),                                       // 0
		doc("2025-03-04", report),                                       // 1: same story
		doc("2025-03-20", otherStory),                                   // 2
		doc("2025-09-01", "Bridges over the Senne at Trelle reopened."), // 3
		doc("2025-01-01", filler(1)),                                    // 4
	}
	for k := 10; k < 30; k++ {
		docs = append(docs, doc("2024-01-01", filler(k)))
	}
	g := New(docs)
	if s := g.SameStory(0); !slices.Equal(s, []int{1}) {
		t.Fatalf("SameStory(0) = %v, want [1]", s)
	}
	r := g.Related(0, 10)
	if slices.Contains(r, 1) || slices.Contains(r, 0) {
		t.Errorf("Related(0) = %v: must leave out itself and its same story", r)
	}
	if len(r) == 0 || r[0] != 2 && r[0] != 3 {
		t.Errorf("Related(0) = %v, want the Trelle or Marran stories first", r)
	}
	if slices.Contains(r, 4) {
		t.Errorf("Related(0) = %v: doc 4 shares nothing", r)
	}
}

func TestDeterministic(t *testing.T) {
	docs := synthetic(3000, 7)
	a, b := New(docs), New(docs)
	for i := range docs {
		if !slices.Equal(a.Related(i, 10), b.Related(i, 10)) || !slices.Equal(a.SameStory(i), b.SameStory(i)) {
			t.Fatalf("doc %d: two graphs of the same docs differ", i)
		}
	}
}

// TestTitleIsTheFirstParagraph checks that a doc's title and text are read
// as the one text they make joined by a blank line: the build passes them
// apart so as not to copy every body.
func TestTitleIsTheFirstParagraph(t *testing.T) {
	apart := synthetic(3000, 11)
	joined := make([]Doc, len(apart))
	for i := range apart {
		// The title is the text's first words, cut where a word or a
		// shingle would run on into the body if the parts were not read
		// as one text.
		words := strings.Fields(apart[i].Text)
		k := min(len(words), 2+i%7)
		apart[i].Title = strings.Join(words[:k], " ") + "."
		apart[i].Text = strings.Join(words[k:], " ")
		joined[i] = apart[i]
		joined[i].Title, joined[i].Text = "", apart[i].Title+"\n\n"+apart[i].Text
	}
	for i := range apart {
		tfA, tfB := newWordCounts(64), newWordCounts(64)
		ta, tb := &texts{docs: apart}, &texts{docs: joined}
		shA, shB := ta.readText(i, nil, tfA), tb.readText(i, nil, tfB)
		if !slices.Equal(shA, shB) || !slices.Equal(tfA.keys, tfB.keys) || !slices.Equal(tfA.counts, tfB.counts) {
			t.Fatalf("doc %d: read apart, title and text give %d shingles and %d terms; joined, %d and %d",
				i, len(shA), len(tfA.keys), len(shB), len(tfB.keys))
		}
	}
	sameLinks(t, New(apart), New(joined), "read apart, title and text give other links than joined")
}

// sameLinks fails the test unless graphs a and b give the same related
// and same-story links, and some same-story link, so that the shingles
// are compared too.
func sameLinks(t *testing.T, a, b *Graph, differ string) {
	t.Helper()
	same := 0
	for i := range a.Len() {
		if !slices.Equal(a.Related(i, 10), b.Related(i, 10)) || !slices.Equal(a.SameStory(i), b.SameStory(i)) {
			t.Fatalf("doc %d: %s", i, differ)
		}
		same += len(a.SameStory(i))
	}
	if same == 0 {
		t.Fatal("no same-story links: the test compares nothing of the shingles")
	}
}

// TestReadGivesNewGraph checks that a graph whose texts are read when
// needed is the graph of the same docs held in memory, and that a text
// that cannot be read is Read's error.
func TestReadGivesNewGraph(t *testing.T) {
	held := synthetic(3000, 5)
	bare := make([]Doc, len(held))
	for i := range held {
		bare[i] = held[i]
		bare[i].Text = ""
	}
	var reads atomic.Int64
	g, err := Read(bare, func(i int) (string, error) {
		reads.Add(1)
		return held[i].Text, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sameLinks(t, g, New(held), "Read gives other links than New")
	if n := reads.Load(); n < int64(len(held)) || n > 3*int64(len(held)) {
		t.Errorf("%d texts read for %d docs; want each read about twice", n, len(held))
	}

	broken := errors.New("doc 1234 is gone")
	g, err = Read(bare, func(i int) (string, error) {
		if i == 1234 {
			return "", broken
		}
		return held[i].Text, nil
	})
	if !errors.Is(err, broken) || g != nil {
		t.Fatalf("Read with a text that fails = %v, %v; want no graph and the error", g, err)
	}
}
