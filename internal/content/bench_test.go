package content

import (
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/article"
)

// BenchmarkMarshal renders the page of an article of typical size, with
// entities and an origin, and its import digest:
//
//	go test -run '^$' -bench Marshal ./internal/content/
func BenchmarkMarshal(b *testing.B) {
	date, _ := article.MakeDate(2024, 3, 4)
	a := &article.Article{
		Title:  "Arvenia and Kestrel Federation Sign Railway Accord",
		Date:   date,
		Slug:   "arvenia-and-kestrel-federation-sign-railway-accord",
		Source: "ACNA",
		URL:    "https://acna.example/2024/03/04/railway-accord",
		Body:   strings.Repeat("Toriva, March 4 (ACNA) -- The two presidents signed the railway accord at the Palace of the Republic on Monday.\n\n", 16),
		Entities: []article.Entity{
			{Name: "Anselm Halvorsen", Kind: article.Person, Mentions: []string{"Anselm Halvorsen", "President Halvorsen"}},
			{Name: "Ilya Dorn", Kind: article.Person, Mentions: []string{"Ilya Petrovich Dorn"}},
			{Name: "Kestrel Federation", Kind: article.Place, Mentions: []string{"Kestrel Federation"}},
			{Name: "Toriva", Kind: article.Place, Mentions: []string{"Toriva"}},
			{Name: "Arvenian Central News Agency", Kind: article.Organization, Mentions: []string{"ACNA"}},
		},
		Origins: []article.Origin{{File: "acna-railway-accord.txt", SHA256: strings.Repeat("ab", 32)}},
	}
	b.SetBytes(int64(len(Marshal(a, true))))
	b.ReportAllocs()
	for b.Loop() {
		Marshal(a, true)
	}
}
