package cli

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// runMainEnv, set to 1, makes this test binary act as the annals command:
// tests that need a real process to kill or to run with other settings
// start it through annalsProcess.
const runMainEnv = "ANNALS_TEST_RUN_MAIN"

// annalsProcess returns the annals command line as a new process, with env
// added to its environment. The process is the annals command built for
// the test when exe names one, and this test binary otherwise.
func annalsProcess(t *testing.T, exe string, env []string, args ...string) *exec.Cmd {
	t.Helper()
	if exe == "" {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		exe = self
		env = append(env, runMainEnv+"=1")
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// buildAnnals builds the annals command into a temporary folder and
// returns its path. Under the race detector this test binary takes
// seconds just to start (the packages' initialisation is instrumented),
// so tests that start many builds use a plain build of the command. It
// returns "" (this test binary will do) where the go command is missing.
func buildAnnals(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Logf("no go command (%v): the test binary runs the builds", err)
		return ""
	}
	exe := filepath.Join(t.TempDir(), "annals")
	out, err := exec.Command(goTool, "build", "-o", exe, "github.com/annals-archive/annals/cmd/annals").CombinedOutput()
	if err != nil {
		t.Fatalf("go build of the annals command: %v\n%s", err, out)
	}
	return exe
}

// runAnnals runs the annals command line in a new process and returns how
// long it took; the test fails if it does not exit 0.
func runAnnals(t *testing.T, exe string, env []string, args ...string) time.Duration {
	t.Helper()
	cmd := annalsProcess(t, exe, env, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("annals %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return time.Since(start)
}

// writeHarbourSite writes an archive of n fictional articles on the OS
// file system, in the given version: version 1 edits every seventh
// article and adds one, so that its build differs from version 0's in
// article pages, lists, entity pages, feeds and search.
func writeHarbourSite(t *testing.T, dir string, n, version int) {
	t.Helper()
	people := []string{"Ilse Marran", "Tomas Verrin", "Oda Kestrel", "Piet Halvor", "Runa Sell"}
	places := []string{"Toriva", "Port Orlen", "Vask", "Kestrel Bay"}
	orgs := []string{"Harbour Board", "Fishers' Union", "Coast Guard"}
	files := map[string]string{
		"annals.toml": "title = \"Herring Coast\"\nbase_url = \"https://example.org/herring/\"\n",
	}
	count := n
	if version == 1 {
		count++
	}
	for i := range count {
		day := i / 2
		y, m, d := 2022+day/336, 1+day/28%12, 1+day%28
		edit := ""
		if version == 1 && i%7 == 3 {
			edit = " A correction was issued later that week."
		}
		var body strings.Builder
		for p := range 4 {
			fmt.Fprintf(&body, "%s told the %s on day %d that boats from %s would land in %s.%s\n\n",
				people[(i+p)%5], orgs[(i+p)%3], day, places[(i+p)%4], places[(i+p+1)%4], edit)
		}
		files[fmt.Sprintf("content/articles/%04d/%02d/%02d/landing-%d.md", y, m, d, i)] = fmt.Sprintf(
			"---\ntitle: %q\ndate: %04d-%02d-%02d\nsource: Herring Coast Gazette\npeople: [%q, %q]\nplaces: [%q]\norganizations: [%q]\n---\n\n%s",
			fmt.Sprintf("%s on the landings at %s, report %d", people[i%5], places[i%4], i),
			y, m, d, people[i%5], people[(i+2)%5], places[i%4], orgs[i%3], body.String())
	}
	os.RemoveAll(filepath.Join(dir, "content"))
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree is a folder's files: path (slash-separated, relative) to SHA-256.
type tree map[string][sha256.Size]byte

// readTree reads every file under dir. Anything that is neither a file
// nor a folder fails the test.
func readTree(t *testing.T, dir string) tree {
	t.Helper()
	files := tree{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("%s is not a regular file (%s)", p, d.Type())
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// differences lists, file by file, how got differs from want: at most
// limit lines, then a count of the rest.
func (want tree) differences(got tree, limit int) []string {
	var lines []string
	for name, sum := range want {
		if g, ok := got[name]; !ok {
			lines = append(lines, "missing "+name)
		} else if g != sum {
			lines = append(lines, "changed "+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			lines = append(lines, "extra "+name)
		}
	}
	slices.Sort(lines)
	if len(lines) > limit {
		lines = append(lines[:limit], fmt.Sprintf("and %d more", len(lines)-limit))
	}
	return lines
}

// TestKilledBuildKeepsThePreviousBuild kills builds at many moments and
// checks, file by file, that the output is always one whole build: the
// previous one, or the new one when the kill came after the swap. Each
// build switches the archive to the other of two versions, so every build
// has files to write, replace and remove.
//
// How long a build takes varies a lot from machine to machine and from
// run to run, so the kill moments are not drawn from a fixed span: the
// span narrows around the build's work as the kills go. A kill that left
// the staging folder behind came while a build was under way; one that
// came before the build began raises the span's start, and one that came
// after the new build was in place lowers its end, down to a width that
// run-to-run differences still fill.
func TestKilledBuildKeepsThePreviousBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts 30 build processes")
	}
	exe := buildAnnals(t)
	site := filepath.Join(t.TempDir(), "site")
	out := filepath.Join(site, "build")
	staging := filepath.Join(site, ".build.annals", "new")
	build := func(version int) time.Duration {
		writeHarbourSite(t, site, 120, version)
		return runAnnals(t, exe, nil, "build", "--site", site)
	}
	var builds [2]tree
	took := build(0)
	builds[0] = readTree(t, out)
	took = max(took, build(1))
	builds[1] = readTree(t, out)
	if d := builds[0].differences(builds[1], 1<<20); len(d) < 10 {
		t.Fatalf("the two versions' builds differ in only %d files: %v", len(d), d)
	}

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("an uninterrupted build takes up to %s; kill moments drawn with seed %d", took, seed)
	const kills = 24
	from, until := time.Duration(0), 2*took // the span the moments are drawn from
	minSpan := took / 4
	cur, before, during, after := 1, 0, 0, 0
	for i := range kills {
		next := 1 - cur
		writeHarbourSite(t, site, 120, next)
		cmd := annalsProcess(t, exe, nil, "build", "--site", site)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wait := from + time.Duration(rng.Int64N(int64(max(until-from, time.Millisecond))))
		time.Sleep(wait)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()

		got := readTree(t, out)
		_, err := os.Stat(staging)
		underWay := err == nil
		switch {
		case len(builds[cur].differences(got, 1)) == 0:
		case len(builds[next].differences(got, 1)) == 0:
			cur = next
		default:
			t.Fatalf("kill %d, %s after the start: %s is neither the previous build nor the new one; against the previous:\n%s",
				i+1, wait, out, strings.Join(builds[cur].differences(got, 20), "\n"))
		}
		switch {
		case underWay:
			during++
		case cur == next:
			after++
			until = wait
		default:
			before++
			from = wait
		}
		// Start-up times vary from run to run by more than a build's
		// work may last: a span narrowed onto one run's moment would
		// miss the others', so it keeps a width around its middle.
		if until-from < minSpan {
			mid := (from + until) / 2
			from, until = max(0, mid-minSpan/2), mid+minSpan/2
		}
	}
	t.Logf("%d kills: %d before a build began, %d while it was under way, %d after the new build was in place (last span %s to %s)",
		kills, before, during, after, from, until)
	if during == 0 {
		t.Errorf("no kill came while a build was under way: the test killed nothing")
	}

	// A build after all that recovers and gives the same site as an
	// uninterrupted build of the same version.
	next := 1 - cur
	build(next)
	if d := builds[next].differences(readTree(t, out), 20); len(d) > 0 {
		t.Errorf("the build after the kills differs from an uninterrupted one:\n%s", strings.Join(d, "\n"))
	}
}

// TestBuildIsDeterministic builds the same archive in two folders, with one
// and with two cores, and into a fresh output folder: every build has the
// same files, byte for byte.
func TestBuildIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	b := filepath.Join(dir, "elsewhere", "archive copy")
	writeHarbourSite(t, a, 120, 1)
	writeHarbourSite(t, b, 120, 1)
	exe := buildAnnals(t)
	runAnnals(t, exe, []string{"GOMAXPROCS=1"}, "build", "--site", a)
	runAnnals(t, exe, []string{"GOMAXPROCS=2"}, "build", "--site", b)
	runAnnals(t, exe, []string{"GOMAXPROCS=2"}, "build", "--site", a, "--out", filepath.Join(dir, "fresh"))
	want := readTree(t, filepath.Join(a, "build"))
	if len(want) < 100 {
		t.Fatalf("the build has only %d files", len(want))
	}
	for name, out := range map[string]string{
		"another folder, two cores": filepath.Join(b, "build"),
		"a fresh output folder":     filepath.Join(dir, "fresh"),
	} {
		if d := want.differences(readTree(t, out), 20); len(d) > 0 {
			t.Errorf("%s: the build differs from the one-core build:\n%s", name, strings.Join(d, "\n"))
		}
	}
}
