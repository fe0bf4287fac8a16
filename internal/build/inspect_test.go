package build

import (
	"context"
	"reflect"
	"testing"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/graph"
)

// LoadArticles and CheckAddresses report what Build reports about the
// pages, word for word, so that annals check and annals build agree.
func TestInspectAgreesWithBuild(t *testing.T) {
	fsys := site(t, map[string]string{
		"site/content/articles/2024/01/01/good.md":     mdPage("Good", "2024-01-01", "Fine."),
		"site/content/articles/2024/02/30/bad-date.md": mdPage("Bad", "2022-02-30", "Impossible."),
		"site/content/articles/x/no-title.md":          "---\nsource: x\n---\nText.\n",
		"site/content/articles/x/fm.md":                "---\ntitle: A\nsource: a: b\n---\nText.\n",
		"site/content/articles/2024/01/01/a.md":        "---\ntitle: A\ndate: 2024-01-01\nslug: same\n---\nOne.\n",
		"site/content/articles/2024/01/01/b.md":        "---\ntitle: B\ndate: 2024-01-01\nslug: same\n---\nTwo.\n",
		"site/content/articles/2024/01/02/c.md":        "---\ntitle: C\ndate: 2024-01-02\nslug: Not Clean!\n---\nThree.\n",
	})
	_, built := run(t, fsys, Options{})
	var inspected diag.List
	arts, err := LoadArticles(context.Background(), fsys, "site", &inspected)
	if err != nil {
		t.Fatal(err)
	}
	CheckAddresses(arts, &inspected)
	if got, want := inspected.Sorted(), built.Sorted(); !reflect.DeepEqual(got, want) || len(want) < 5 {
		t.Errorf("inspecting reports\n%v\nbuilding reports\n%v", got, want)
	}
	if len(arts) != 4 {
		t.Errorf("LoadArticles returned %d valid articles, want 4", len(arts))
	}
}

// Entities keep the kinds their pages give; EntityPaths applies the table
// as the build does.
func TestInspectEntities(t *testing.T) {
	fsys := site(t, map[string]string{
		"site/content/articles/2024/01/01/a.md": "---\ntitle: A\ndate: 2024-01-01\nplaces: [DPRK, Toriva]\norganizations: [Toriva]\n---\nOne.\n",
	})
	arts, err := LoadArticles(context.Background(), fsys, "site", &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	want := []article.Entity{{Name: "DPRK", Kind: article.Place}, {Name: "Toriva", Kind: article.Place}, {Name: "Toriva", Kind: article.Organization}}
	if got := arts[0].Article.Entities; !reflect.DeepEqual(got, want) {
		t.Errorf("entities %v, want %v as the page lists them", got, want)
	}
	paths := EntityPaths(arts, entity.Builtin())
	for k, p := range map[graph.EntityKey]string{
		{Kind: article.Place, Name: "North Korea"}:   "places/north-korea/",
		{Kind: article.Place, Name: "Toriva"}:        "places/toriva/",
		{Kind: article.Organization, Name: "Toriva"}: "organizations/toriva/",
	} {
		if paths[k] != p {
			t.Errorf("the page of %v is %q, want %q", k, paths[k], p)
		}
	}
	if len(paths) != 3 {
		t.Errorf("%d entity pages, want 3: %v", len(paths), paths)
	}
}
