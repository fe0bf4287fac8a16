package build

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/entity"
)

// TestCanonicalEntities checks that a page's entities are mapped through
// the site's table: merged names meet under one, ignored ones go, the
// rest are sorted by name; and that the page's own list is left as it
// was, for the page cache to keep. A page naming hundreds of entities
// gives the same as one naming a few.
func TestCanonicalEntities(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "site/entities.toml", []byte("ignore = [\"Vask\"]\n\n[[person]]\nname = \"Ilse Marran-Tell\"\naliases = [\"Ilse Marran\", \"Mrs. Marran\"]\n"), 0o644)
	names, err := entity.Load(fsys, "site")
	if err != nil {
		t.Fatal(err)
	}
	in := []article.Entity{
		{Name: "Toriva", Kind: article.Place},
		{Name: "Ilse Marran", Kind: article.Person, Mentions: []string{"Marran"}},
		{Name: "Vask", Kind: article.Place},
		{Name: "Mrs. Marran", Kind: article.Person},
		{Name: "Harbour Board", Kind: article.Organization},
	}
	want := []article.Entity{
		{Name: "Harbour Board", Kind: article.Organization},
		{Name: "Ilse Marran-Tell", Kind: article.Person, Mentions: []string{"Marran"}},
		{Name: "Toriva", Kind: article.Place},
	}
	page := append([]article.Entity(nil), in...)
	if got := canonical(page, names); !reflect.DeepEqual(got, want) {
		t.Errorf("canonical = %v, want %v", got, want)
	}
	if !reflect.DeepEqual(page, in) {
		t.Errorf("the page's own list became %v", page)
	}

	many := append([]article.Entity(nil), in...)
	for i := range 100 {
		many = append(many, article.Entity{Name: fmt.Sprintf("Boat %03d", i%60), Kind: article.Organization})
	}
	got := canonical(many, names)
	if len(got) != len(want)+60 || !reflect.DeepEqual(got[len(got)-2:], want[1:]) {
		t.Errorf("a page naming %d entities, 60 of them boats named twice: %d entities, ending %v", len(many), len(got), got[len(got)-2:])
	}
}
