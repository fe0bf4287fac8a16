package extract

import (
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/article"
)

// TestImpossibleDatesInText: a date the text states explicitly and that
// does not exist leaves the article undated, and a warning says why.
func TestImpossibleDatesInText(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"prefix", "Harbour Reopens\n\n date 2022-02-30 The harbour reopened on Monday after the storm.",
			`metadata prefix: date "2022-02-30" does not exist: February 2022 has 28 days, not 30`},
		{"mark", "The harbour reopened on Monday after the storm. -0-\n[Juche111.2.30.]",
			`calendar mark: date "Juche111.2.30." does not exist: February 2022 has 28 days, not 30`},
		{"dateline and mark", "TORIVA, May 2 (ACNA) -- The harbour reopened on Monday after the storm. -0-\n[Juche111.2.30.]",
			`dateline and calendar mark: date "Juche111.2.30." does not exist: February 2022 has 28 days, not 30`},
	} {
		a, ds := Article(article.Raw{Origin: article.Origin{File: "in.txt"}, Format: article.Text, Body: tc.body})
		var msgs []string
		for _, d := range ds {
			msgs = append(msgs, d.String())
		}
		got := strings.Join(msgs, "\n")
		if !a.Date.IsZero() || !strings.Contains(got, "in.txt: warning: "+tc.want+"; not used as the article's date") {
			t.Errorf("%s: date %v, diagnostics\n%s\nwant undated and %q", tc.name, a.Date, got, tc.want)
		}
	}
}
