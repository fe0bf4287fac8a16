package diag

import "testing"

func TestListString(t *testing.T) {
	var l List
	l.Warnf("b.md", 0, "no date")
	l.Errorf("a.md", 12, "title is missing")
	l.Errorf("a.md", 3, "February 2022 has %d days, not 30", 28)
	want := "a.md:3: error: February 2022 has 28 days, not 30\n" +
		"a.md:12: error: title is missing\n" +
		"b.md: warning: no date\n"
	if got := l.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}
