package check

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// writeFiles writes files (path → content) to a new in-memory file system.
func writeFiles(t *testing.T, files map[string]string) afero.Fs {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for name, data := range files {
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

func run(t *testing.T, fsys afero.Fs, opts Options) *Report {
	t.Helper()
	if opts.Site == "" {
		opts.Site = "site"
	}
	rep, err := Run(context.Background(), fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// want is one expected finding: its place and code, and words of its
// message.
type want struct {
	sev  Severity
	file string
	line int
	code string
	says []string
}

func e(file string, line int, code string, says ...string) want {
	return want{Error, file, line, code, says}
}

func w(file string, line int, code string, says ...string) want {
	return want{Warning, file, line, code, says}
}

// assertFindings checks that rep holds exactly the findings wants, in
// that order.
func assertFindings(t *testing.T, rep *Report, wants []want) {
	t.Helper()
	for i := range max(len(rep.Findings), len(wants)) {
		switch {
		case i >= len(wants):
			t.Errorf("unexpected finding: %s [%s]", rep.Findings[i], rep.Findings[i].Code)
			continue
		case i >= len(rep.Findings):
			t.Errorf("missing finding %d: %s:%d: %s %s %q", i, wants[i].file, wants[i].line, wants[i].sev, wants[i].code, wants[i].says)
			continue
		}
		f, x := rep.Findings[i], wants[i]
		if f.Severity != x.sev || f.File != x.file || f.Line != x.line || f.Code != x.code {
			t.Errorf("finding %d is %s [%s];\nwant %s:%d: %s [%s]", i, f, f.Code, x.file, x.line, x.sev, x.code)
			continue
		}
		for _, s := range x.says {
			if !strings.Contains(f.Message, s) {
				t.Errorf("finding %d, %s, does not say %q", i, f, s)
			}
		}
	}
	errs, warns := 0, 0
	for _, x := range wants {
		if x.sev == Error {
			errs++
		} else {
			warns++
		}
	}
	if rep.Errors != errs || rep.Warnings != warns {
		t.Errorf("report counts %d errors and %d warnings, want %d and %d", rep.Errors, rep.Warnings, errs, warns)
	}
}

// page returns a content page with front matter fm (lines without the
// fences) and body.
func page(fm, body string) string {
	return "---\n" + fm + "\n---\n\n" + body + "\n"
}

const art = "site/content/articles/"

// problems is a small fictional archive with one of each problem.
var problems = map[string]string{
	"site/annals.toml": "title = \"Grey Sea Archive\"\n",
	"site/entities.toml": `ignore = ["Harbour Board"]

[[place]]
name = "Port Orlen"
aliases = ["Orlen"]

[[organization]]
name = "Orlen Line"
aliases = ["Orlen"]

[[organization]]
name = "Harbour Board"

[[person]]
name = "Mara Quill"

[[person]]
name = "Captain Quill"
aliases = ["Mara Quill"]
`,
	// The front matter runs from line 2 to 9, the body from line 12.
	art + "2024/05/02/ferry.md": page(
		"title: New Ferry Crosses the Grey Sea\ndate: 2024-05-02\npeople:\n  - Ilse Varga\nplaces:\n  - Toriva\norganizations:\n  - Mara Quill",
		`The ferry sailed from Toriva, as the [council](../../17/council/index.html) had planned
in [May](../../index.html); see also [the bridge](../../../../undated/bridge/) and
[Ilse Varga](../../../../people/ilse-varga/index.html), the [archive][a] and [the map](#p2).

A [lost story](../../../../2023/01/01/nothing/index.html) and [the council's page](../17/council.md).

A [rooted link](/2024/05/17/council/) and one [far above](../../../../../../outside/).

[Nobody](../../../../people/nobody/) was there; [the wire](https://wire.example/ferry) says so.
![A map](../../../../img/map.png)

[a]: ../../../../archive/index.html`),
	// Lines: 2 title, 3 date, 4 people:, 5 Ilse Varga, 6 organizations:, 7 Toriva.
	art + "2024/05/17/council.md": page(
		"title: Council Meets in Toriva\ndate: 2024-05-17\npeople:\n  - Ilse Varga\norganizations:\n  - Toriva",
		"The fisheries council met."),
	art + "undated/bridge.md":                  page("title: What the Bridge Means\nplaces: [Toriva]", "Nobody expected it."),
	art + "2024/02/30/bad.md":                  page("title: Bad\ndate: 2022-02-30", "Impossible date."),
	art + "2024/06/01/broken-fm.md":            page("title: Broken\ndate: 2024-06-01\nsource: Post: Evening", "A colon in a plain value."),
	art + "2024/06/02/untitled.md":             page("date: 2024-06-02", "No title."),
	art + "2024/05/02/ferry-copy.md":           page("title: Another Ferry\ndate: 2024-05-02\nslug: ferry", "Same address."),
	art + "2024/05/02/notes.txt":               "notes, not a page",
	"site/content/about.md":                    page("title: About", "About this archive."),
	"site/content/people/ilse-varga/_index.md": page("title: Ilse Varga", "A harbour master."),
	"site/content/people/nobody/_index.md":     "Describes nobody.",
	"site/content/places/toriva/_index.md":     "---\ntitle: [Toriva\n---\nThe capital.\n",
}

func TestProblems(t *testing.T) {
	rep := run(t, writeFiles(t, problems), Options{})
	assertFindings(t, rep, []want{
		w("site/content/about.md", 0, CodeUnpublished, "is not published"),
		e(art+"2024/02/30/bad.md", 3, CodePage, "February 2022 has 28 days, not 30"),
		e(art+"2024/05/02/ferry.md", 0, CodeDuplicateAddress, "same date and slug as site/content/articles/2024/05/02/ferry-copy.md", "2024/05/02/ferry/"),
		e(art+"2024/05/02/ferry.md", 16, CodeBrokenLink, `"../../../../2023/01/01/nothing/index.html" leads to 2023/01/01/nothing/index.html, which the archive does not have`),
		e(art+"2024/05/02/ferry.md", 16, CodeBrokenLink, `"../17/council.md" leads to the content file site/content/articles/2024/05/17/council.md, which is not published: link to its page, "../../../../2024/05/17/council/index.html"`),
		e(art+"2024/05/02/ferry.md", 18, CodeBrokenLink, `"../../../../../../outside/" climbs above the site's root`),
		w(art+"2024/05/02/ferry.md", 18, CodeRootLink, `"/2024/05/17/council/" starts at the domain's root`),
		e(art+"2024/05/02/ferry.md", 20, CodeBrokenLink, `"../../../../people/nobody/" leads to people/nobody/`),
		w(art+"2024/05/02/notes.txt", 0, CodeUnpublished, "is not published"),
		w(art+"2024/05/17/council.md", 7, CodeKindConflict, `lists "Toriva" among its organizations, but 2 other pages (first site/content/articles/2024/05/02/ferry.md) list it among their places`, "organizations/toriva/ and places/toriva/", "entities.toml"),
		e(art+"2024/06/01/broken-fm.md", 4, CodePage, "front matter: mapping values are not allowed"),
		e(art+"2024/06/02/untitled.md", 2, CodePage, "title is missing"),
		w(art+"undated/bridge.md", 0, CodeUndated, "undated/bridge/"),
		w("site/content/people/nobody/_index.md", 0, CodeUnpublished, "describes people/nobody/, but no article names that entity"),
		w("site/content/places/toriva/_index.md", 2, CodeUnpublished, "the build shows the whole file"),
		w("site/entities.toml", 1, CodeOverrides, `"Harbour Board" is ignored, but the organization "Harbour Board" (line 12) claims it`),
		e("site/entities.toml", 9, CodeKindConflict, `"Orlen" is claimed by the organization "Orlen Line" here and by the place "Port Orlen" on line 5: the build makes it an organization`),
		w("site/entities.toml", 19, CodeOverrides, `"Mara Quill" is claimed by "Captain Quill" here and by "Mara Quill" on line 15`),
	})
	if rep.Articles != 4 || rep.Output != "" || rep.Pages != 0 {
		t.Errorf("report: %d articles, output %q, %d pages; want 4 articles, no output", rep.Articles, rep.Output, rep.Pages)
	}
	// The image leads to no page the content defines, and there is no
	// output to look for it in.
	if rep.Unchecked != 1 {
		t.Errorf("%d links were not checked, want 1 (the image)", rep.Unchecked)
	}
}

func TestCleanArchive(t *testing.T) {
	rep := run(t, writeFiles(t, map[string]string{
		art + "2024/05/02/ferry.md":   page("title: Ferry\ndate: 2024-05-02\nplaces: [Toriva]", "See [the council](../../17/council/index.html)."),
		art + "2024/05/17/council.md": page("title: Council\ndate: 2024-05-17\nplaces: [Toriva]", "After [the ferry](../../02/ferry/index.html)."),
	}), Options{})
	assertFindings(t, rep, nil)
	if rep.Articles != 2 {
		t.Errorf("checked %d articles, want 2", rep.Articles)
	}
}

func TestBadConfigIsAFinding(t *testing.T) {
	rep := run(t, writeFiles(t, map[string]string{
		"site/annals.toml":   "title = \"x\"\ncolour = \"red\"\n",
		"site/entities.toml": "[[place]]\nname = \"X\"\nshade = 1\n",
		art + "undated/a.md": page("title: A", "Text."),
	}), Options{})
	assertFindings(t, rep, []want{
		e("site/annals.toml", 2, CodeConfig, `unknown setting "colour"`),
		w(art+"undated/a.md", 0, CodeUndated),
		e("site/entities.toml", 3, CodeConfig, `unknown key "place.shade"`),
	})
}

func TestNotAnArchive(t *testing.T) {
	_, err := Run(context.Background(), afero.NewMemMapFs(), Options{Site: "nowhere"})
	if err == nil || !strings.Contains(err.Error(), "nowhere is not an archive folder") {
		t.Errorf("Run on a missing folder: %v", err)
	}
}

func TestDeterministic(t *testing.T) {
	fsys := writeFiles(t, problems)
	first := run(t, fsys, Options{})
	for i := range 5 {
		if again := run(t, fsys, Options{}); !reflect.DeepEqual(first, again) {
			t.Fatalf("run %d differs from the first:\n%v\n%v", i+2, again.Findings, first.Findings)
		}
	}
}

func TestFindingString(t *testing.T) {
	for _, c := range []struct {
		f    Finding
		want string
	}{
		{Finding{Error, "a.md", 3, CodePage, "bad"}, "a.md:3: error: bad"},
		{Finding{Warning, "a.md", 0, CodeUndated, "no date"}, "a.md: warning: no date"},
	} {
		if got := fmt.Sprint(c.f); got != c.want {
			t.Errorf("%#v prints %q, want %q", c.f, got, c.want)
		}
	}
}
