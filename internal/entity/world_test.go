package entity

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// testWorldEntry is one entry of world.toml, decoded independently of the
// package's own loader so that the file itself is checked.
type testWorldEntry struct {
	Name     string   `toml:"name"`
	Country  string   `toml:"country"`
	Aliases  []string `toml:"aliases"`
	Demonyms []string `toml:"demonyms"`
}

// testWorldFile is the whole of world.toml.
type testWorldFile struct {
	Place        []testWorldEntry `toml:"place"`
	Organization []testWorldEntry `toml:"organization"`
	Person       []testWorldEntry `toml:"person"`
}

func testReadWorld(t *testing.T) testWorldFile {
	t.Helper()
	data, err := os.ReadFile("world.toml")
	if err != nil {
		t.Fatal(err)
	}
	var f testWorldFile
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("world.toml: %v", err)
	}
	return f
}

// testWorldKey folds a name for comparison: lower case, runs of white space
// collapsed to one space.
func testWorldKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func TestWorldTable(t *testing.T) {
	f := testReadWorld(t)
	kinds := []struct {
		kind    string
		entries []testWorldEntry
		min     int
	}{
		{"place", f.Place, 500},
		{"organization", f.Organization, 80},
		{"person", f.Person, 100},
	}
	seen := map[string]string{} // folded form -> where it was first seen
	for _, k := range kinds {
		t.Logf("%s: %d entries", k.kind, len(k.entries))
		if len(k.entries) < k.min {
			t.Errorf("%s: %d entries, want at least %d", k.kind, len(k.entries), k.min)
		}
		for i, e := range k.entries {
			where := k.kind + " " + e.Name
			if strings.TrimSpace(e.Name) == "" {
				t.Errorf("%s #%d: empty name", k.kind, i)
				continue
			}
			if e.Name != strings.TrimSpace(e.Name) {
				t.Errorf("%s: name has surrounding space", where)
			}
			if k.kind != "place" && len(e.Demonyms) > 0 {
				t.Errorf("%s: demonyms are for places only", where)
			}
			if k.kind != "place" && e.Country != "" {
				t.Errorf("%s: country is for places only", where)
			}
			if i > 0 && strings.ToLower(k.entries[i-1].Name) > strings.ToLower(e.Name) {
				t.Errorf("%s: %q sorts before %q", k.kind, e.Name, k.entries[i-1].Name)
			}
			forms := append(append([]string{e.Name}, e.Aliases...), e.Demonyms...)
			for _, s := range forms {
				key := testWorldKey(s)
				if key == "" {
					t.Errorf("%s: empty alias or demonym", where)
					continue
				}
				if prev, ok := seen[key]; ok {
					t.Errorf("%q appears under %s and under %s", s, prev, where)
					continue
				}
				seen[key] = where
			}
		}
	}
}

// TestWorldCountries checks the country of places: it names, exactly, the
// canonical name of another place that has no country itself, and the
// places that stand for countries have none.
func TestWorldCountries(t *testing.T) {
	f := testReadWorld(t)
	byName := map[string]testWorldEntry{}
	for _, e := range f.Place {
		byName[e.Name] = e
	}
	withCountry := 0
	countries := map[string]bool{}
	for _, e := range f.Place {
		if e.Country == "" {
			continue
		}
		withCountry++
		if e.Country != strings.TrimSpace(e.Country) {
			t.Errorf("place %s: country %q has surrounding space", e.Name, e.Country)
		}
		c, ok := byName[e.Country]
		switch {
		case !ok:
			t.Errorf("place %s: country %q is not the name of a place", e.Name, e.Country)
		case c.Name == e.Name:
			t.Errorf("place %s: is its own country", e.Name)
		case c.Country != "":
			t.Errorf("place %s: country %q is not a country (its country is %q)", e.Name, e.Country, c.Country)
		}
		countries[e.Country] = true
	}
	t.Logf("place: %d of %d entries have a country, in %d countries", withCountry, len(f.Place), len(countries))
	if withCountry < len(f.Place)/2 {
		t.Errorf("only %d of %d places have a country", withCountry, len(f.Place))
	}
	for _, name := range []string{
		"United States", "Russia", "China", "Ukraine", "North Korea", "South Korea",
		"Japan", "Germany", "United Kingdom", "France", "India", "Canada",
		"Australia", "Brazil", "Georgia", "Taiwan", "State of Palestine",
		"Hong Kong", "Macau", "Greenland", "Puerto Rico", "Western Sahara",
		"Kashmir", "Liancourt Rocks", "Senkaku Islands", "Black Sea",
	} {
		e, ok := byName[name]
		if !ok {
			t.Errorf("place %q is missing", name)
			continue
		}
		if e.Country != "" {
			t.Errorf("place %s: has country %q, want none", name, e.Country)
		}
	}
	for name, want := range map[string]string{
		"Washington, D.C.":      "United States",
		"New York City":         "United States",
		"Georgia (U.S. state)":  "United States",
		"Washington (state)":    "United States",
		"New York (state)":      "United States",
		"Vladivostok":           "Russia",
		"Kuril Islands":         "Russia",
		"Crimea":                "Ukraine",
		"Donetsk":               "Ukraine",
		"Luhansk":               "Ukraine",
		"Zaporizhzhia":          "Ukraine",
		"Kherson":               "Ukraine",
		"Golan Heights":         "Syria",
		"Abkhazia":              "Georgia",
		"South Ossetia":         "Georgia",
		"Transnistria":          "Moldova",
		"Nagorno-Karabakh":      "Azerbaijan",
		"Northern Cyprus":       "Cyprus",
		"West Bank":             "State of Palestine",
		"Gaza Strip":            "State of Palestine",
		"Zürich":                "Switzerland",
		"Frankfurt":             "Germany",
		"São Paulo":             "Brazil",
		"Toronto":               "Canada",
		"Sydney":                "Australia",
		"Mumbai":                "India",
		"Dubai":                 "United Arab Emirates",
		"Chicago":               "United States",
		"Luxembourg City":       "Luxembourg",
		"Stamford, Connecticut": "United States",
	} {
		e, ok := byName[name]
		if !ok {
			t.Errorf("place %q is missing", name)
			continue
		}
		if e.Country != want {
			t.Errorf("place %s: country %q, want %q", name, e.Country, want)
		}
	}
}

func TestWorldKnownEntries(t *testing.T) {
	f := testReadWorld(t)
	index := map[string]string{} // folded name or alias -> kind/name
	for _, k := range []struct {
		kind    string
		entries []testWorldEntry
	}{{"place", f.Place}, {"organization", f.Organization}, {"person", f.Person}} {
		for _, e := range k.entries {
			index[testWorldKey(e.Name)] = k.kind + "/" + e.Name
			for _, a := range e.Aliases {
				index[testWorldKey(a)] = k.kind + "/" + e.Name
			}
		}
	}
	for form, want := range map[string]string{
		"DPRK":                    "place/North Korea",
		"Republic of Korea":       "place/South Korea",
		"U.S.":                    "place/United States",
		"Burma":                   "place/Myanmar",
		"Kiev":                    "place/Kyiv",
		"Washington":              "place/Washington, D.C.",
		"Dokdo":                   "place/Liancourt Rocks",
		"KCNA":                    "organization/Korean Central News Agency",
		"Kremlin":                 "organization/Moscow Kremlin",
		"Sergei Lavrov":           "person/Sergey Lavrov",
		"Zelensky":                "person/Volodymyr Zelenskyy",
		"Antonio Guterres":        "person/António Guterres",
		"Kim Jong-un":             "person/Kim Jong Un",
		"Yoon Suk-yeol":           "person/Yoon Suk Yeol",
		"Rajin-Sonbong":           "place/Rason",
		"Amnok River":             "place/Yalu River",
		"Zaporozhye":              "place/Zaporizhzhia",
		"Nur-Sultan":              "place/Astana",
		"People Power Party":      "organization/People Power Party",
		"Workers' Party of Korea": "organization/Workers' Party of Korea",
		"Washington State":        "place/Washington (state)",
		"New York State":          "place/New York (state)",
		"Georgia":                 "place/Georgia",
		"Zurich":                  "place/Zürich",
	} {
		if got := index[testWorldKey(form)]; got != want {
			t.Errorf("%q resolves to %q, want %q", form, got, want)
		}
	}
}
