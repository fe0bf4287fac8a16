package pack

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
)

// site is a small built site: path → content.
var site = map[string]string{
	"index.html":                        "<h1>Grey Sea Archive</h1>",
	"404.html":                          "<h1>Not found</h1>",
	".nojekyll":                         "",
	"css/annals.css":                    "body { margin: 0 }",
	"search/engine.js":                  "var annalsSearch = {};",
	"img/logo.png":                      "\x89PNG\r\n\x1a\nnot really",
	"2024/05/02/new-ferry/index.html":   "<h1>A New Ferry</h1>",
	"people/ilya-dorn/index.html":       "<h1>Ilya Dorn</h1>",
	"places/republic-of-arvenia/x.html": strings.Repeat("Arvenia ", 1000),
}

// writeSite writes the site under dir, in the order of names.
func writeSite(t *testing.T, fsys afero.Fs, dir string, names []string) {
	t.Helper()
	for _, name := range names {
		if err := afero.WriteFile(fsys, dir+"/"+name, []byte(site[name]), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func siteNames() []string {
	var names []string
	for name := range site {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

var day = time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)

func pack(t *testing.T, fsys afero.Fs, dir string, opts Options) ([]byte, Stats) {
	t.Helper()
	var b bytes.Buffer
	st, err := Write(&b, fsys, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), st
}

func open(t *testing.T, data []byte) *zip.Reader {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the zip does not open: %v", err)
	}
	return zr
}

func TestWriteListsEveryFileUnderOneFolder(t *testing.T) {
	fsys := afero.NewMemMapFs()
	writeSite(t, fsys, "build", siteNames())
	data, st := pack(t, fsys, "build", Options{Folder: "grey-sea", Title: "Grey Sea Archive", Modified: day})

	var got []string
	for _, f := range open(t, data).File {
		got = append(got, f.Name)
	}
	want := []string{
		"grey-sea/",
		"grey-sea/.nojekyll",
		"grey-sea/2024/",
		"grey-sea/2024/05/",
		"grey-sea/2024/05/02/",
		"grey-sea/2024/05/02/new-ferry/",
		"grey-sea/2024/05/02/new-ferry/index.html",
		"grey-sea/404.html",
		"grey-sea/css/",
		"grey-sea/css/annals.css",
		"grey-sea/img/",
		"grey-sea/img/logo.png",
		"grey-sea/index.html",
		"grey-sea/people/",
		"grey-sea/people/ilya-dorn/",
		"grey-sea/people/ilya-dorn/index.html",
		"grey-sea/places/",
		"grey-sea/places/republic-of-arvenia/",
		"grey-sea/places/republic-of-arvenia/x.html",
		"grey-sea/search/",
		"grey-sea/search/engine.js",
		"grey-sea/README.txt",
	}
	if !slices.Equal(got, want) {
		t.Errorf("the zip lists\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st.Files != len(site)+1 {
		t.Errorf("Stats.Files = %d, want %d (the site and README.txt)", st.Files, len(site)+1)
	}
}

func TestWriteKeepsBytesModesAndDates(t *testing.T) {
	fsys := afero.NewMemMapFs()
	writeSite(t, fsys, "build", siteNames())
	data, _ := pack(t, fsys, "build", Options{Folder: "grey-sea", Title: "Grey Sea Archive", Modified: day})
	for _, f := range open(t, data).File {
		if !f.Modified.Equal(day) {
			t.Errorf("%s is dated %v, want %v", f.Name, f.Modified, day)
		}
		if f.FileInfo().IsDir() {
			if f.Mode() != fs.ModeDir|0o755 {
				t.Errorf("%s has mode %v, want drwxr-xr-x", f.Name, f.Mode())
			}
			continue
		}
		if f.Mode() != 0o644 {
			t.Errorf("%s has mode %v, want -rw-r--r--", f.Name, f.Mode())
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		name := strings.TrimPrefix(f.Name, "grey-sea/")
		if name == Readme {
			for _, want := range []string{"Grey Sea Archive\r\n", "Open index.html in a web browser", "search"} {
				if !strings.Contains(string(body), want) {
					t.Errorf("README.txt lacks %q:\n%s", want, body)
				}
			}
			continue
		}
		if string(body) != site[name] {
			t.Errorf("%s holds %q, want %q", f.Name, body, site[name])
		}
		wantMethod := zip.Deflate
		if name == "img/logo.png" {
			wantMethod = zip.Store
		}
		if f.Method != wantMethod {
			t.Errorf("%s is compressed with method %d, want %d", f.Name, f.Method, wantMethod)
		}
	}
}

// TestWriteIsDeterministic packs the same site written twice, in opposite
// orders, dated differently and with different permissions: the zips are
// byte-identical.
func TestWriteIsDeterministic(t *testing.T) {
	a, b := afero.NewMemMapFs(), afero.NewMemMapFs()
	names := siteNames()
	writeSite(t, a, "build", names)
	slices.Reverse(names)
	writeSite(t, b, "out/site", names)
	later := time.Date(2031, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, name := range names {
		b.Chtimes("out/site/"+name, later, later)
	}
	b.Chmod("out/site/index.html", 0o755)
	opts := Options{Folder: "grey-sea", Title: "Grey Sea Archive", Modified: day}
	za, _ := pack(t, a, "build", opts)
	zb, _ := pack(t, b, "out/site", opts)
	if !bytes.Equal(za, zb) {
		t.Errorf("two zips of the same site differ: %d and %d bytes", len(za), len(zb))
	}
	again, _ := pack(t, a, "build", opts)
	if !bytes.Equal(za, again) {
		t.Error("packing the same folder twice gave different zips")
	}
}

func TestASiteReadmeWins(t *testing.T) {
	fsys := afero.NewMemMapFs()
	writeSite(t, fsys, "build", siteNames())
	afero.WriteFile(fsys, "build/README.txt", []byte("Our own words."), 0o644)
	data, st := pack(t, fsys, "build", Options{Folder: "grey-sea", Modified: day})
	n := 0
	for _, f := range open(t, data).File {
		if f.Name == "grey-sea/README.txt" {
			n++
			rc, _ := f.Open()
			body, _ := io.ReadAll(rc)
			rc.Close()
			if string(body) != "Our own words." {
				t.Errorf("README.txt = %q, want the site's own", body)
			}
		}
	}
	if n != 1 || st.Files != len(site)+1 {
		t.Errorf("the zip has %d README.txt and %d files, want 1 and %d", n, st.Files, len(site)+1)
	}
}

func TestWriteRefusesBadInput(t *testing.T) {
	fsys := afero.NewMemMapFs()
	writeSite(t, fsys, "build", siteNames())
	for _, tc := range []struct {
		dir, folder, want string
	}{
		{"build", "", "cannot be the top folder"},
		{"build", "a/b", "cannot be the top folder"},
		{"build", "..", "cannot be the top folder"},
		{"missing", "grey-sea", "missing"},
		{"build/index.html", "grey-sea", "build/index.html is not a folder"},
	} {
		_, err := Write(io.Discard, fsys, tc.dir, Options{Folder: tc.folder})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Write(%s, %q) error = %v, want it to contain %q", tc.dir, tc.folder, err, tc.want)
		}
	}
}

func TestDatesBeforeZipsBeganAre1980(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "build/index.html", []byte("<h1>Home</h1>"), 0o644)
	data, _ := pack(t, fsys, "build", Options{Folder: "site"})
	for _, f := range open(t, data).File {
		if !f.Modified.Equal(zipEpoch) {
			t.Errorf("%s is dated %v, want %v", f.Name, f.Modified, zipEpoch)
		}
	}
}

func ExampleWrite() {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "build/index.html", []byte("<h1>Grey Sea Archive</h1>"), 0o644)
	afero.WriteFile(fsys, "build/search/index.html", []byte("<h1>Search</h1>"), 0o644)

	var b bytes.Buffer
	st, err := Write(&b, fsys, "build", Options{Folder: "grey-sea", Title: "Grey Sea Archive"})
	if err != nil {
		fmt.Println(err)
		return
	}
	zr, _ := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	fmt.Println(st.Files, "files")
	// Output:
	// grey-sea/
	// grey-sea/index.html
	// grey-sea/search/
	// grey-sea/search/index.html
	// grey-sea/README.txt
	// 3 files
}
