package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func load(t *testing.T, text string) (Config, error) {
	t.Helper()
	fsys := afero.NewMemMapFs()
	if text != "" {
		afero.WriteFile(fsys, "site/annals.toml", []byte(text), 0o644)
	}
	return Load(fsys, "site")
}

func TestMissingFileGivesDefaults(t *testing.T) {
	c, err := load(t, "")
	if err != nil || !reflect.DeepEqual(c, Default()) {
		t.Errorf("Load without annals.toml = %+v, %v; want the defaults", c, err)
	}
}

func TestMarshalLoadRoundTrip(t *testing.T) {
	want := Default()
	want.Title, want.BaseURL = "Grey Sea Archive", "https://example.org/grey/"
	data, err := Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := load(t, string(data))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("round trip = %+v, %v; want %+v", got, err, want)
	}
}

func TestFieldsOverride(t *testing.T) {
	c, err := load(t, "[import.fields]\nbody = ['story']\n")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Import.Fields.Body, []string{"story"}) || len(c.Import.Fields.Title) == 0 {
		t.Errorf("fields = %+v: body should be replaced, the others kept", c.Import.Fields)
	}
}

func TestBaseURLs(t *testing.T) {
	for _, u := range []string{"https://owner.github.io/repo/", "https://example.org", "http://localhost:1313/archive/"} {
		if err := CheckBaseURL(u); err != nil {
			t.Errorf("CheckBaseURL(%q) = %v, want nil", u, err)
		}
	}
}

func TestErrorsNameFileAndLine(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"title = 'x'\npage_size = 'ten'\n", "site/annals.toml:2:"},
		{"title = 'x'\ncolour = 'red'\n", "site/annals.toml:2: unknown setting \"colour\""},
		{"page_size = 0\n", "page_size must be at least 1"},
		{"base_url = 'example.org'\n", "base_url must start with https://"},
		{"base_url = 'https:///repo/'\n", `base_url "https:///repo/" has no host name`},
		{"base_url = 'https://owner.github.io/repo/?x=1'\n", "must not have a query"},
		{"base_url = 'https://owner.github.io/repo/#top'\n", "or a fragment"},
		{"base_url = 'https://owner.github.io:port/'\n", "is not a URL"},
		{"base_url = 'https://me:secret@owner.github.io/'\n", "must not hold a user name"},
		{"title = \n", "site/annals.toml:1:"},
	} {
		_, err := load(t, tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%q) error = %v, want it to contain %q", tc.text, err, tc.want)
		}
	}
}
