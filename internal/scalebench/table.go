package scalebench

import (
	"fmt"
	"slices"
	"strings"
)

// The stages of the table, in the order Run measures them for one size.
const (
	StageImport       = "import"
	StageBuild        = "build"
	StageSearch       = "of which search index"
	StageHugo         = "hugo"
	StagePagefind     = "pagefind"
	StageHugoPagefind = "hugo+pagefind"
	StageRatio        = "build / (hugo+pagefind)"
	StageUnchanged    = "rebuild, nothing changed"
	StageAdded        = "rebuild, 1 article added"
	StageEdited       = "rebuild, 1 article edited"
)

// Row is one line of the table: a stage measured at one size.
type Row struct {
	N     int
	Stage string
	M     Measure
	// Absent, when not "", says why the row has no numbers; the table
	// shows dashes and the reason below it.
	Absent string
	// WallRatio and CPURatio, for StageRatio rows, are the ratios shown
	// in place of M.
	WallRatio, CPURatio float64
}

// Result is everything Run measured.
type Result struct {
	Rows    []Row
	Machine Machine
}

// notes explain the table's columns, and the rows of some stages, below
// it; a stage's note is given when the table has a row of that stage.
var notes = []struct{ stage, text string }{
	{"", "Wall: elapsed time. CPU: user + system time of the process and of the children it waited for. Peak RSS: the process's maximum resident set size. Files and MB written: what the step left in its output folder (content/ for import, build/ for build and rebuilds, Hugo's output folder, Pagefind's pagefind/ folder in it). MB = 10^6 bytes."},
	{StageSearch, "Of which search index: the search stage of the same annals build, from its --report; its peak RSS is the build process's peak so far at the end of that stage, not the stage's own."},
	{StageHugoPagefind, "hugo+pagefind: wall and CPU are the sums, peak RSS the larger of the two (they run one after the other), files and MB the sums."},
	{StageRatio, "build / (hugo+pagefind): annals build's wall time (and CPU time) over Hugo's and Pagefind's together, on the same content in the same run; below 1, annals is faster."},
	{StageUnchanged, "Rebuilds: after one more build, not measured (a build stages into the tree of the build before the last, so it takes two to settle), annals build run again with nothing changed, after adding one article (a copy of the newest with a new title and slug), then after editing one article's body."},
}

// Table renders the result as Markdown: a line naming the machine, the
// table, then notes on the columns and on absent numbers.
func Table(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Machine: %s.\n\n", r.Machine)
	b.WriteString("| N | stage | wall s | CPU s | peak RSS MB | files | MB written |\n")
	b.WriteString("| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n")
	var absent []string
	for _, row := range r.Rows {
		fmt.Fprintf(&b, "| %d | %s | %s |\n", row.N, row.Stage, strings.Join(cells(row), " | "))
		if row.Absent != "" && !slices.Contains(absent, row.Absent) {
			absent = append(absent, row.Absent)
		}
	}
	b.WriteString("\n")
	for _, n := range notes {
		if n.stage == "" || slices.ContainsFunc(r.Rows, func(row Row) bool { return row.Stage == n.stage }) {
			fmt.Fprintf(&b, "- %s\n", n.text)
		}
	}
	for _, a := range absent {
		fmt.Fprintf(&b, "- —: %s\n", a)
	}
	return b.String()
}

// cells are the five number columns of a row.
func cells(r Row) []string {
	switch {
	case r.Absent != "":
		return []string{"—", "—", "—", "—", "—"}
	case r.Stage == StageRatio:
		return []string{ratio(r.WallRatio), ratio(r.CPURatio), "", "", ""}
	}
	m := r.M
	return []string{
		seconds(m.Wall), seconds(m.CPU), fmt.Sprintf("%.0f", mb(m.MaxRSS)),
		fmt.Sprint(m.Files), fmt.Sprintf("%.1f", mb(m.Bytes)),
	}
}

func ratio(x float64) string { return fmt.Sprintf("%.2f×", x) }

// combine is the cost of running a and then b: times and files add up,
// the peak RSS is the larger.
func combine(a, b Measure) Measure {
	return Measure{
		Wall: a.Wall + b.Wall, CPU: a.CPU + b.CPU, MaxRSS: max(a.MaxRSS, b.MaxRSS),
		Files: a.Files + b.Files, Bytes: a.Bytes + b.Bytes,
	}
}

// ratioRow compares annals build with Hugo and Pagefind together at size n.
func ratioRow(n int, build, peers Measure) Row {
	r := Row{N: n, Stage: StageRatio}
	if peers.Wall > 0 {
		r.WallRatio = build.Wall.Seconds() / peers.Wall.Seconds()
	}
	if peers.CPU > 0 {
		r.CPURatio = build.CPU.Seconds() / peers.CPU.Seconds()
	}
	return r
}
