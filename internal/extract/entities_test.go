package extract

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/entity"
)

func names(es []article.Entity, k article.Kind) []string {
	var out []string
	for _, e := range es {
		if e.Kind == k {
			out = append(out, e.Name)
		}
	}
	return out
}

func TestEntitiesOfAnArticle(t *testing.T) {
	raw := article.Raw{Format: article.Text, Body: `Leaders Meet in Vladivostok

Pyongyang, September 13 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea, met Vladimir Vladimirovich Putin, president of the Russian Federation, at the Vostochny Cosmodrome on Wednesday.

Mr. Putin said that Russia and the DPRK would expand their cooperation. Mr. Kim thanked him, the Korean Central News Agency (KCNA) said.

Russian and North Korean officials also visited Vladivostok in September.`}
	a, _ := Article(raw)
	people, places, orgs := names(a.Entities, article.Person), names(a.Entities, article.Place), names(a.Entities, article.Organization)
	for _, want := range []struct {
		kind article.Kind
		got  []string
		name string
	}{
		{article.Person, people, "Kim Jong Un"}, {article.Person, people, "Vladimir Putin"},
		{article.Place, places, "Russia"}, {article.Place, places, "North Korea"}, {article.Place, places, "Vladivostok"},
		{article.Organization, orgs, "Korean Central News Agency"}, {article.Organization, orgs, "Workers' Party of Korea"},
	} {
		if !slices.Contains(want.got, want.name) {
			t.Errorf("%s %q not found; people %q, places %q, organizations %q", want.kind, want.name, people, places, orgs)
		}
	}
	for _, e := range a.Entities {
		switch e.Name {
		case "Putin", "Kim", "Mr. Putin", "Russian", "North Korean", "September", "Wednesday", "DPRK", "KCNA":
			t.Errorf("%q is an entity of its own: %+v", e.Name, e)
		}
		if e.Name == "Vladimir Putin" && !slices.Equal(e.Mentions, []string{"Vladimir Vladimirovich Putin", "Mr. Putin"}) {
			t.Errorf("Vladimir Putin's mentions = %q", e.Mentions)
		}
	}
}

// placeOf maps a Reuters place slug ("west-germany", "usa") to the
// table's entity, or "" when the table does not know it.
func placeOf(slug string) string {
	tb := entity.Builtin()
	for _, form := range []string{strings.ToUpper(slug), strings.ReplaceAll(slug, "-", " ")} {
		if e, ok := tb.Lookup(form); ok && e.Kind == article.Place {
			return e.Name
		}
	}
	return ""
}

// TestReutersPlacesRecall measures, for Reuters-21578 articles with a
// body, how many of the countries in <PLACES> are among the places found
// in the article:
//
//	go test -run TestReutersPlacesRecall -v ./internal/extract/
func TestReutersPlacesRecall(t *testing.T) {
	dir, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	docs, err := corpus.Reuters(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs = thin(slices.DeleteFunc(docs, func(d corpus.ReutersDoc) bool { return d.Body == "" || len(d.Places) == 0 }))
	found := make([][]string, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				// The wire text as it ran: the dateline opens the body.
				body := docs[i].Body
				if dl := strings.TrimSpace(docs[i].Dateline); dl != "" {
					body = dl + " " + strings.TrimSpace(body)
				}
				a, _ := Article(article.Raw{Format: article.Text, Title: docs[i].Title, Date: docs[i].Date, Body: body})
				found[i] = names(a.Entities, article.Place)
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	var gold, hit, unknown, foundCountries, rightCountries int
	missed := map[string]int{}
	tb := entity.Builtin()
	for i, d := range docs {
		goldNames := map[string]bool{}
		for _, slug := range d.Places {
			goldNames[placeOf(slug)] = true
		}
		for _, name := range found[i] {
			// A country: a place of the table that lies in no other.
			if e, ok := tb.Lookup(name); ok && e.Name == name && e.Country == "" && len(e.Demonyms) > 0 {
				foundCountries++
				if goldNames[name] {
					rightCountries++
				}
			}
		}
		for _, slug := range d.Places {
			name := placeOf(slug)
			if name == "" {
				unknown++
				continue
			}
			gold++
			if slices.Contains(found[i], name) {
				hit++
			} else {
				missed[name]++
			}
		}
	}
	recall := float64(hit) / float64(gold)
	t.Logf("Reuters: %d articles, %d <PLACES> countries known to the table (%d unknown slugs); recall %.3f (%d found)", len(docs), gold, unknown, recall, hit)
	t.Logf("precision of the countries found, against <PLACES>: %.3f (%d of %d)", float64(rightCountries)/float64(foundCountries), rightCountries, foundCountries)
	var top []string
	for n, c := range missed {
		if c >= 40 {
			top = append(top, n)
		}
	}
	slices.Sort(top)
	t.Logf("most missed: %q", top)
	if recall < 0.85 {
		t.Errorf("recall %.3f, want >= 0.85", recall)
	}
}

// TestKCNALeaders checks that the leaders' names, glued to their titles
// in KCNA's text, are found once each under their full names.
func TestKCNALeaders(t *testing.T) {
	dir, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	recs, err := corpus.KCNA(dir)
	if err != nil {
		t.Fatal(err)
	}
	recs = thin(recs)
	leaders := []string{"Kim Jong Un", "Kim Il Sung", "Kim Jong Il"}
	var texts, withLeader, split int
	for i, r := range recs {
		if !strings.Contains(r.StoryText, "Kim Jong Un") && !strings.Contains(r.StoryText, "Kim Il Sung") && !strings.Contains(r.StoryText, "Kim Jong Il") {
			continue
		}
		texts++
		a, _ := Article(article.Raw{Format: article.JSON, Title: r.Headline, Date: r.DateStr, Body: r.StoryText})
		people := names(a.Entities, article.Person)
		if slices.ContainsFunc(leaders, func(l string) bool { return slices.Contains(people, l) }) {
			withLeader++
		}
		for _, p := range people {
			for _, l := range leaders {
				// A leader's name with a word glued on ("Kim Jong Ungood");
				// shorter names are other people ("Kim Il", a general).
				if rest, ok := strings.CutPrefix(p, l); ok && rest != "" && unicode.IsLetter([]rune(rest)[0]) {
					split++
					if split <= 5 {
						t.Errorf("record %d: %q found beside %q", i+1, p, l)
					}
				}
			}
		}
	}
	t.Logf("KCNA: %d texts name a leader; %d have a leader among their people; %d split or partial names", texts, withLeader, split)
	if withLeader < texts*97/100 || split > 0 {
		t.Errorf("leaders found in %d of %d texts (want 97%%), %d split names (want 0)", withLeader, texts, split)
	}
}
