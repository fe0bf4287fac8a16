package entity

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
)

// testTable is a small table for the tests, independent of world.toml.
func testTable(t *testing.T) *Table {
	t.Helper()
	f, err := decode([]byte(`
[[place]]
name = "North Korea"
aliases = ["DPRK", "Democratic People's Republic of Korea", "N. Korea"]
demonyms = ["North Korean", "North Koreans"]
[[place]]
name = "Russia"
aliases = ["Russian Federation"]
demonyms = ["Russian", "Russians"]
[[place]]
name = "United States"
aliases = ["US", "U.S.", "USA", "United States of America"]
demonyms = ["American"]
[[place]]
name = "Kyiv"
country = "Ukraine"
aliases = ["Kiev"]
[[place]]
name = "Ukraine"
[[place]]
name = "Houston"
country = "United States"
[[place]]
name = "Luhansk"
aliases = ["Lugansk"]
[[organization]]
name = "Korean Central News Agency"
aliases = ["KCNA"]
[[organization]]
name = "World Health Organization"
aliases = ["WHO"]
[[person]]
name = "Vladimir Putin"
aliases = ["Putin", "Vladimir Vladimirovich Putin"]
`))
	if err != nil {
		t.Fatal(err)
	}
	tb := newTable()
	for _, e := range f.entries() {
		tb.add(e)
	}
	return tb
}

// mentions marks spans of text written [[like this|kind]] and returns the
// plain text with the mentions a tagger would report.
func mentions(marked string) (string, []Mention) {
	var b strings.Builder
	var ms []Mention
	for {
		i := strings.Index(marked, "[[")
		if i < 0 {
			b.WriteString(marked)
			return b.String(), ms
		}
		b.WriteString(marked[:i])
		j := strings.Index(marked, "]]")
		span, kind, _ := strings.Cut(marked[i+2:j], "|")
		start := b.Len()
		b.WriteString(span)
		ms = append(ms, Mention{Start: start, End: b.Len(), Kind: map[string]article.Kind{
			"p": article.Person, "l": article.Place, "o": article.Organization,
		}[kind]})
		marked = marked[j+2:]
	}
}

func TestResolve(t *testing.T) {
	tb := testTable(t)
	for _, tc := range []struct {
		name, text string
		want       []article.Entity
	}{
		{"aliases and titles merge",
			"[[Kim Jong Un|p]] wrote to [[Vladimir Vladimirovich Putin|p]] of the [[Russian Federation|l]]. Mr. [[Putin|p]] replied to Mr. [[Kim|p]], the [[DPRK|l]] said. [[Putin|p]]'s aides agreed.",
			[]article.Entity{
				{Name: "Kim Jong Un", Kind: article.Person, Mentions: []string{"Kim Jong Un", "Mr. Kim"}},
				{Name: "North Korea", Kind: article.Place, Mentions: []string{"DPRK"}},
				{Name: "Russia", Kind: article.Place, Mentions: []string{"Russian Federation"}},
				{Name: "Vladimir Putin", Kind: article.Person, Mentions: []string{"Vladimir Vladimirovich Putin", "Mr. Putin", "Putin"}},
			}},
		{"a title inside the tagged span",
			"[[Mr. Putin|p]] and [[President Vladimir Putin|p]] spoke.",
			[]article.Entity{{Name: "Vladimir Putin", Kind: article.Person, Mentions: []string{"Mr. Putin", "President Vladimir Putin"}}}},
		{"kinds by nouns, trailing lower-case words",
			"[[Selva River|o]], [[Kestrel Federation|p]], [[Arvenian News Agency|p]] and [[Kestrel officials|o]]",
			[]article.Entity{
				{Name: "Arvenian News Agency", Kind: article.Organization, Mentions: []string{"Arvenian News Agency"}},
				{Name: "Kestrel", Kind: article.Organization, Mentions: []string{"Kestrel"}},
				{Name: "Kestrel Federation", Kind: article.Place, Mentions: []string{"Kestrel Federation"}},
				{Name: "Selva River", Kind: article.Place, Mentions: []string{"Selva River"}},
			}},
		{"a title makes a person; an official name makes a state",
			"Foreign Minister [[Teodora Vance|o]] of the [[Republic of Arvenia|o]] spoke.",
			[]article.Entity{
				{Name: "Republic of Arvenia", Kind: article.Place, Mentions: []string{"Republic of Arvenia"}},
				{Name: "Teodora Vance", Kind: article.Person, Mentions: []string{"Foreign Minister Teodora Vance"}},
			}},
		{"split names joined, short forms resolved",
			"The [[Republic|l]] of [[Arvenia|l]] and the [[Selva River|l]]: the [[Selva|l]] floods.",
			[]article.Entity{
				{Name: "Republic of Arvenia", Kind: article.Place, Mentions: []string{"Republic of Arvenia"}},
				{Name: "Selva River", Kind: article.Place, Mentions: []string{"Selva River", "Selva"}},
			}},
		{"patronymic of an unknown person",
			"[[Ilya Petrovich Dorn|p]] met President [[Dorn|p]]'s guests. [[Ilya Dorn|p]] left.",
			[]article.Entity{{Name: "Ilya Dorn", Kind: article.Person, Mentions: []string{"Ilya Petrovich Dorn", "President Dorn", "Ilya Dorn"}}}},
		{"bare surname and demonyms are no entities; demonyms are evidence of their country",
			"Mr. [[Halvorsen|p]] praised [[Russian|l]] and [[North Korean|l]] officials in [[March|l]].",
			[]article.Entity{
				{Name: "North Korea", Kind: article.Place, Mentions: []string{}},
				{Name: "Russia", Kind: article.Place, Mentions: []string{}},
			}},
		{"acronym spelled out in the article",
			"the [[Arvenian Central News Agency|o]] ([[ACNA|o]]) said. [[ACNA|o]] added.",
			[]article.Entity{{Name: "Arvenian Central News Agency", Kind: article.Organization, Mentions: []string{"Arvenian Central News Agency", "ACNA"}}}},
		{"acronym defined in the text but not tagged in full",
			"the Arvenian Central News Agency (ACNA) said. [[ACNA|o]] added.",
			[]article.Entity{{Name: "Arvenian Central News Agency", Kind: article.Organization, Mentions: []string{"ACNA"}}}},
		{"a city's country; a dateline in capitals",
			"[[HOUSTON|l]], Feb 26 - Oil rose.",
			[]article.Entity{
				{Name: "Houston", Kind: article.Place, Mentions: []string{"HOUSTON"}},
				{Name: "United States", Kind: article.Place, Mentions: []string{}},
			}},
		{"transliterations",
			"From [[Kiev|l]] to [[Lugansk|l]] and [[Luhansk|l]].",
			[]article.Entity{
				{Name: "Kyiv", Kind: article.Place, Mentions: []string{"Kiev"}},
				{Name: "Luhansk", Kind: article.Place, Mentions: []string{"Lugansk", "Luhansk"}},
				{Name: "Ukraine", Kind: article.Place, Mentions: []string{}},
			}},
		{"the table's kind wins; acronyms match only as written",
			"[[KCNA|l]] and [[WHO|o]] and [[U.S.|o]] officials",
			[]article.Entity{
				{Name: "Korean Central News Agency", Kind: article.Organization, Mentions: []string{"KCNA"}},
				{Name: "United States", Kind: article.Place, Mentions: []string{"U.S."}},
				{Name: "World Health Organization", Kind: article.Organization, Mentions: []string{"WHO"}},
			}},
		{"two Kims: the nearest earlier full name",
			"[[Kim Jong Un|p]] and [[Kim Yo Jong|p]] spoke. Ms. [[Kim|p]] said it was late.",
			[]article.Entity{
				{Name: "Kim Jong Un", Kind: article.Person, Mentions: []string{"Kim Jong Un"}},
				{Name: "Kim Yo Jong", Kind: article.Person, Mentions: []string{"Kim Yo Jong", "Ms. Kim"}},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, ms := mentions(tc.text)
			got := tb.Resolve(text, ms)
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Resolve(%q) =\n%+v\nwant\n%+v", text, got, tc.want)
			}
		})
	}
}

func TestSiteOverrides(t *testing.T) {
	base := testTable(t)
	f, err := decode([]byte(`
ignore = ["Juche"]
[[place]]
name = "Kiev"              # rename: claims the built-in Kyiv with its aliases
aliases = ["Kyiv"]
[[organization]]
name = "North Korea"       # re-kind
[[place]]
name = "Lugansk Oblast"    # split: takes one alias away
aliases = ["Lugansk"]
`))
	if err != nil {
		t.Fatal(err)
	}
	tb := base.with(f)
	for _, tc := range []struct {
		in       string
		kind     article.Kind
		wantName string
		wantKind article.Kind
		keep     bool
	}{
		{"Kyiv", article.Place, "Kiev", article.Place, true},
		{"Kiev", article.Place, "Kiev", article.Place, true},
		{"DPRK", article.Place, "North Korea", article.Organization, true},
		{"Lugansk", article.Place, "Lugansk Oblast", article.Place, true},
		{"Luhansk", article.Place, "Luhansk", article.Place, true},
		{"Juche", article.Organization, "", "", false},
		{"Toriva", article.Place, "Toriva", article.Place, true},
	} {
		name, kind, keep := tb.Canonical(tc.in, tc.kind)
		if name != tc.wantName || kind != tc.wantKind || keep != tc.keep {
			t.Errorf("Canonical(%q) = %q, %q, %v; want %q, %q, %v", tc.in, name, kind, keep, tc.wantName, tc.wantKind, tc.keep)
		}
	}
	// The built-in table is unchanged.
	if name, _, _ := base.Canonical("Kyiv", article.Place); name != "Kyiv" {
		t.Errorf("applying a site's file changed the built-in table: Kyiv → %q", name)
	}
}

func TestLoadReportsFileAndLine(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "site/entities.toml", []byte("[[place]]\nname = \"X\"\ncolour = \"red\"\n"), 0o644)
	_, err := Load(fsys, "site")
	if err == nil || !strings.Contains(err.Error(), "site/entities.toml:3: unknown key \"place.colour\"") {
		t.Errorf("Load error = %v", err)
	}
	if tb, err := Load(afero.NewMemMapFs(), "site"); err != nil || tb != Builtin() {
		t.Errorf("Load without entities.toml = %v, %v; want the built-in table", tb, err)
	}
}
