package e2e

import (
	"net/url"
	"testing"
)

// TestResolve checks the link checker itself, so that TestSiteLinks cannot
// pass by accepting everything.
func TestResolve(t *testing.T) {
	base, _ := url.Parse("https://archive.example/annals/")
	tests := []struct {
		page, href string
		base       *url.URL
		target     string // "" with internal: an error is expected
		frag       string
		internal   bool
	}{
		{"index.html", "articles/index.html", nil, "articles/index.html", "", true},
		{"2024/01/02/a/index.html", "../../../../css/x.css", nil, "css/x.css", "", true},
		{"2024/01/02/a/index.html", "../b/index.html#top", nil, "2024/01/02/b/index.html", "top", true},
		{"index.html", "#main", nil, "index.html", "main", true},
		{"index.html", "articles/", nil, "", "", true},         // folder link
		{"index.html", "articles", nil, "articles", "", true},  // a file named articles: the stat fails later
		{"a/index.html", "..", nil, "", "", true},              // folder link
		{"index.html", "/css/x.css", nil, "", "", true},        // root-relative
		{"404.html", "/css/x.css", nil, "css/x.css", "", true}, // allowed on the 404 page
		{"index.html", "../up.html", nil, "", "", true},        // above the root
		{"index.html", "https://elsewhere.example/", nil, "", "", false},
		{"index.html", "mailto:a@b.example", nil, "", "", false},
		{"index.html", "https://archive.example/annals/2024/01/02/a/", base, "2024/01/02/a/index.html", "", true},
		{"index.html", "https://archive.example/annals/", base, "index.html", "", true},
		{"index.html", "https://archive.example/other/", base, "", "", false},
	}
	for _, tt := range tests {
		c := &checker{base: tt.base}
		target, frag, internal, err := c.resolve(link{page: tt.page, tag: "a", attr: "href", val: tt.href})
		wantErr := tt.internal && tt.target == ""
		if (err != nil) != wantErr || target != tt.target || frag != tt.frag || internal != tt.internal {
			t.Errorf("resolve(%s: %q) = %q, %q, %v, %v; want %q, %q, %v, error %v",
				tt.page, tt.href, target, frag, internal, err, tt.target, tt.frag, tt.internal, wantErr)
		}
	}
}
