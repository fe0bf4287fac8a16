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
		})
	}
}
