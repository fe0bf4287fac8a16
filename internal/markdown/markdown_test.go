package markdown

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"paragraph ids", "One.\n\nTwo.", `<p id="p1">One.</p>` + "\n" + `<p id="p2">Two.</p>`},
		{"heading id", "## Talks in Vask", `<h2 id="talks-in-vask">Talks in Vask</h2>`},
		{"raw html dropped", "Hi <script>alert(1)</script> there", "<!-- raw HTML omitted -->"},
		{"javascript link dropped", "[x](javascript:alert(1))", `<a href="">x</a>`},
		{"quotes kept", "“Quoted” text", "“Quoted” text"},
		{"table aligned without style", "| a | b |\n| :-: | -: |\n| 1 | 2 |", `<td align="center">1</td>` + "\n" + `<td align="right">2</td>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Render([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("Render(%q) = %q, want it to contain %q", tc.in, out, tc.want)
			}
			if strings.Contains(string(out), "<script") {
				t.Errorf("Render(%q) let a script through: %q", tc.in, out)
			}
			if strings.Contains(string(out), "style=") {
				t.Errorf("Render(%q) wrote a style attribute, which the pages' CSP blocks: %q", tc.in, out)
			}
		})
	}
}

func TestRenderLinked(t *testing.T) {
	src := "## Ilya Dorn Visits\n\nPresident Ilya Dorn met Halvorsen in Toriva. Dorn said Toriva was calm.\n\nIn [Toriva](https://x.example/) and `Toriva` again, Mr. Dorn left."
	out, err := RenderLinked([]byte(src), []Link{
		{Forms: []string{"Ilya Dorn", "Dorn"}, Href: "../people/ilya-dorn/index.html"},
		{Forms: []string{"Toriva"}, Href: "../places/toriva/index.html"},
		{Forms: []string{"Halvor"}, Href: "../people/halvor/index.html"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		`<h2 id="ilya-dorn-visits">Ilya Dorn Visits</h2>`,
		`President <a href="../people/ilya-dorn/index.html">Ilya Dorn</a> met Halvorsen in <a href="../places/toriva/index.html">Toriva</a>. Dorn said Toriva was calm.`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("RenderLinked = %s\nwant it to contain %s", got, want)
		}
	}
	if strings.Count(got, "people/ilya-dorn") != 1 || strings.Count(got, "places/toriva") != 1 || strings.Contains(got, "halvor/") {
		t.Errorf("want exactly one link per entity, none inside words:\n%s", got)
	}
}
