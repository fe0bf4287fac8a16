package search

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/annals-archive/annals/internal/article"
)

var update = flag.Bool("update", false, "rewrite testdata/index from the fixture")

// small limits make the fixture's index split shards, put postings in
// files of their own and keep only the top postings of frequent terms.
var small = limits{shard: 300, inline: 12, top: 4}

func date(s string) article.Date {
	d, err := article.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// fixture is a small archive with what the index must handle: undated
// and same-day articles, aliases, sources, frequent and rare words.
func fixture() []Doc {
	arvenia := &Name{Kind: "places", Key: "arvenia", Name: "Arvenia", Aliases: []string{"Republic of Arvenia", "RoA"}}
	kestrel := &Name{Kind: "places", Key: "kestrel-federation", Name: "Kestrel Federation", Aliases: []string{"Kestrel", "KF"}}
	dorn := &Name{Kind: "people", Key: "ilse-dorn", Name: "Ilse Dorn", Aliases: []string{"Dorn", "Mrs. Dorn"}}
	council := &Name{Kind: "organizations", Key: "grey-sea-fisheries-council", Name: "Grey Sea Fisheries Council"}
	docs := []Doc{
		{Path: "2023/02/14/talks-open/", Title: "Arvenia and Kestrel Open Railway Talks", Date: date("2023-02-14"), Source: "Grey Sea Wire",
			Text: "Negotiators from the Republic of Arvenia and the Kestrel Federation met in Toriva to open talks on a railway across the Selva.", Entities: []*Name{arvenia, kestrel}},
		{Path: "2023/06/09/bridge-proposed/", Title: "Dorn Proposes a Rail Bridge", Date: date("2023-06-09"), Source: "Northsea Observer",
			Text: "Ilse Dorn proposed a rail bridge over the Selva at Merrin. Mrs. Dorn said the bridge would carry two tracks.", Entities: []*Name{dorn}},
		{Path: "2023/06/09/bridge-doubts/", Title: "Engineers Doubt the Bridge", Date: date("2023-06-09"), Source: "Grey Sea Wire",
			Text: "Engineers doubted that a bridge at Merrin could carry freight trains in winter.", Entities: nil},
		{Path: "2023/11/30/gauge-talks-stall/", Title: "Railway Talks Stall Over Track Gauge", Date: date("2023-11-30"), Source: "Grey Sea Wire",
			Text: "Talks on the railway broke off over the track gauge. The broad gauge of the Kestrel network differs from Arvenia's.", Entities: []*Name{arvenia, kestrel}},
		{Path: "2024/03/04/accord-signed/", Title: "Railway Accord Signed in Vaske", Date: date("2024-03-04"), Source: "Vask Ledger",
			Text: "Ministers signed the railway accord in Vaske on Monday, congratulating each other on a treaty years in the making.", Entities: []*Name{arvenia, kestrel, dorn}},
		{Path: "2024/05/17/council-opens/", Title: "Fisheries Council Opens Spring Session", Date: date("2024-05-17"), Source: "Toriva Morning Post",
			Text: "The Grey Sea Fisheries Council opened its spring session. Delegates congratulated the chair on new herring quotas.", Entities: []*Name{council}},
		{Path: "2024/06/28/herring-closure/", Title: "Winter Closure of Herring Grounds Extended", Date: date("2024-06-28"), Source: "Toriva Morning Post",
			Text: "The herring grounds will close for four months each winter. Herring catches fell for a third year.", Entities: []*Name{kestrel, council}},
		{Path: "2024/08/12/trawlers-held/", Title: "Two Trawlers Held at Port Orlen", Date: date("2024-08-12"), Source: "Northsea Observer",
			Text: "Coastguard cutters escorted two trawlers into Port Orlen. The trawler crews were held overnight.", Entities: []*Name{kestrel}},
		{Path: "2025/02/11/quota-warning/", Title: "Dorn Warns Over Quota Breaches", Date: date("2025-02-11"), Source: "Vask Ledger",
			Text: "Dorn warned that repeated quota breaches would close the ports to fishing vessels from Arvenia.", Entities: []*Name{dorn, arvenia}},
		{Path: "2025/06/27/treaty-signed/", Title: "Fisheries Treaty Signed", Date: date("2025-06-27"), Source: "Northsea Observer",
			Text: "Arvenia and the Kestrel Federation signed a twenty-year fisheries treaty. The treaty sets herring quotas for the Grey Sea.", Entities: []*Name{arvenia, kestrel, council}},
		{Path: "2025/09/15/first-train/", Title: "First Passenger Train Crosses the Bridge", Date: date("2025-09-15"), Source: "Grey Sea Wire",
			Text: "The first passenger train crossed the Selva bridge at Merrin on Monday morning, to cheers from both banks.", Entities: []*Name{arvenia, kestrel}},
		{Path: "undated/bridge-explainer/", Title: "What the Bridge Means for Merrin", Source: "Vask Ledger",
			Text: "An explainer on the bridge at Merrin: jobs, freight and a railway yard on each bank.", Entities: nil},
		{Path: "2025/11/14/summit/", Title: "Leaders Hold First Annual Summit", Date: date("2025-11-14"), Source: "Grey Sea Wire",
			Text: "The leaders of Arvenia and the Kestrel Federation held their first annual summit in Vaske. « Le sommet » was covered in Zürich and in 평양.", Entities: []*Name{arvenia, kestrel, dorn}},
	}
	return docs
}

// writeIndex builds the fixture's index into a map of files.
func writeIndex(t *testing.T, docs []Doc) map[string]string {
	t.Helper()
	files, _, _ := writeIndexWith(t, docs, nil)
	return files
}

// writeIndexWith builds the index of docs into a map of files, remembering
// when mem is not nil.
func writeIndexWith(t *testing.T, docs []Doc, mem *remembering) (map[string]string, Stats, *Memory) {
	t.Helper()
	var mu sync.Mutex
	files := map[string]string{}
	// Write clears the texts it has read: the callers use docs again.
	st, next, err := writeWith(context.Background(), small, slices.Clone(docs), writeFunc(func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := files[name]; dup {
			return fmt.Errorf("%s written twice", name)
		}
		files[name] = string(data)
		return nil
	}), mem)
	if err != nil {
		t.Fatal(err)
	}
	return files, st, next
}

// TestIndexGolden compares the fixture's index with testdata/index, which
// the JavaScript tests read too. Run with -update after a deliberate change
// of the format.
func TestIndexGolden(t *testing.T) {
	files := writeIndex(t, fixture())
	dir := filepath.Join("testdata", "index")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	golden := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		golden[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		switch want, ok := golden[name]; {
		case !ok:
			t.Errorf("%s is new (run go test ./internal/search -run TestIndexGolden -update)", name)
		case want != data:
			t.Errorf("%s differs from the golden file:\ngot:  %s\nwant: %s", name, data, want)
		}
	}
	for name := range golden {
		if _, ok := files[name]; !ok {
			t.Errorf("%s is no longer written", name)
		}
	}
	// The fixture exercises what the format allows.
	for _, want := range []string{"t/ca.js", "p/", "e/people/ilse-dorn.js", "e/sources/grey-sea-wire.js", "facets/places.js", "f/0/12.js", "days.js"} {
		if !slices.ContainsFunc(slices.Collect(maps.Keys(files)), func(n string) bool { return strings.HasPrefix(n, want) }) {
			t.Errorf("the fixture's index has no %s", want)
		}
	}
	if !strings.Contains(strings.Join(slices.Collect(maps.Values(files)), ""), `"all":"B`) {
		t.Error("no set in the fixture's index is a bitmap")
	}
}

// TestIndexIgnoresOrder checks that the index depends on the documents,
// not on the order they come in.
func TestIndexIgnoresOrder(t *testing.T) {
	docs := fixture()
	want := writeIndex(t, docs)
	r := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		got := writeIndex(t, docs)
		for name, data := range want {
			if got[name] != data {
				t.Fatalf("%s changes with the order of documents", name)
			}
		}
	}
}

// TestWriteFreesTexts checks that Write clears the texts it has read, so
// that an archive's texts are not all held until the index is written.
func TestWriteFreesTexts(t *testing.T) {
	docs := fixture()
	if _, err := Write(context.Background(), docs, func(string, []byte) error { return nil }); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Text != "" {
			t.Errorf("%s: Text kept after Write", d.Path)
		}
	}
}
