package entity

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
)

// FileName is a site's entity overrides file.
const FileName = "entities.toml"

//go:embed world.toml
var worldTOML []byte

// Entry is one entity of a table.
type Entry struct {
	Name     string
	Kind     article.Kind
	Aliases  []string
	Demonyms []string
	// Country is the canonical name of the country a place lies in, ""
	// for countries and for places shared by several.
	Country string
}

// Table maps every name of an entity to its entry.
type Table struct {
	byKey    map[string]*Entry // key(name) → entry, for names and aliases
	exact    map[string]*Entry // names and aliases that only match as written (acronyms)
	demonyms map[string]*Entry // key(demonym) → the place it names people of
	ignore   map[string]bool   // key(name)

	scanOnce sync.Once
	scan     *phrases
}

// file is the shape of world.toml and entities.toml.
type file struct {
	Place        []fileEntry `toml:"place"`
	Organization []fileEntry `toml:"organization"`
	Person       []fileEntry `toml:"person"`
	Ignore       []string    `toml:"ignore"`
}

type fileEntry struct {
	Name     string   `toml:"name"`
	Country  string   `toml:"country"`
	Aliases  []string `toml:"aliases"`
	Demonyms []string `toml:"demonyms"`
}

func (f *file) entries() []*Entry {
	var out []*Entry
	for _, k := range []struct {
		kind article.Kind
		es   []fileEntry
	}{{article.Place, f.Place}, {article.Organization, f.Organization}, {article.Person, f.Person}} {
		for _, e := range k.es {
			out = append(out, &Entry{Name: clean(e.Name), Kind: k.kind, Aliases: e.Aliases, Demonyms: e.Demonyms, Country: clean(e.Country)})
		}
	}
	return out
}

// Builtin returns the table of world entities embedded in annals.
var Builtin = sync.OnceValue(func() *Table {
	f, err := decode(worldTOML)
	if err != nil {
		panic("entity: the embedded world.toml is invalid: " + err.Error())
	}
	t := newTable()
	for _, e := range f.entries() {
		t.add(e)
	}
	for _, n := range f.Ignore {
		t.ignore[key(n)] = true
	}
	return t
})

func decode(data []byte) (*file, error) {
	var f file
	dec := toml.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var serr *toml.StrictMissingError
		if errors.As(err, &serr) && len(serr.Errors) > 0 {
			line, _ := serr.Errors[0].Position()
			return nil, fmt.Errorf("%d: unknown key %q", line, strings.Join(serr.Errors[0].Key(), "."))
		}
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			line, _ := derr.Position()
			return nil, fmt.Errorf("%d: %s", line, derr.Error())
		}
		return nil, err
	}
	for _, e := range f.entries() {
		if e.Name == "" {
			return nil, errors.New("an entry has no name")
		}
	}
	return &f, nil
}

func newTable() *Table {
	return &Table{byKey: map[string]*Entry{}, exact: map[string]*Entry{}, demonyms: map[string]*Entry{}, ignore: map[string]bool{}}
}

// add indexes e under its name and aliases; later entries claim names from
// earlier ones.
func (t *Table) add(e *Entry) {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if isAcronym(n) {
			t.exact[clean(n)] = e
			continue
		}
		t.byKey[key(n)] = e
	}
	for _, d := range e.Demonyms {
		t.demonyms[key(d)] = e
	}
}

// Load returns the built-in table with the site's entities.toml, when it
// has one, applied over it. Errors name the file and line.
func Load(fsys afero.Fs, site string) (*Table, error) {
	name := path.Join(site, FileName)
	data, err := afero.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return Builtin(), nil
	}
	if err != nil {
		return nil, err
	}
	f, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", name, err)
	}
	return Builtin().with(f), nil
}

// with returns a copy of t with the site's file applied: each site entry
// claims its names, absorbing a built-in entry whose canonical name it
// claims, and ignored names are dropped.
func (t *Table) with(f *file) *Table {
	out := newTable()
	for k, e := range t.byKey {
		out.byKey[k] = e
	}
	for k, e := range t.exact {
		out.exact[k] = e
	}
	for k, e := range t.demonyms {
		out.demonyms[k] = e
	}
	for k := range t.ignore {
		out.ignore[k] = true
	}
	for _, e := range f.entries() {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			old := out.lookup(n)
			if old == nil || old == e || old.Name != clean(n) {
				continue
			}
			// The site claims a built-in entity's name: every name of
			// it comes along.
			e.Aliases = append(e.Aliases, old.Name)
			e.Aliases = append(e.Aliases, old.Aliases...)
			e.Demonyms = append(e.Demonyms, old.Demonyms...)
		}
		out.add(e)
	}
	for _, n := range f.Ignore {
		out.ignore[key(n)] = true
		if e := out.lookup(n); e != nil {
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				out.ignore[key(a)] = true
			}
		}
	}
	return out
}

// lookup finds the entry of a name or alias: acronyms as written, other
// names without regard to case, spacing, apostrophe style or a leading
// "the".
func (t *Table) lookup(name string) *Entry {
	if e := t.exact[clean(name)]; e != nil {
		return e
	}
	// Acronyms are indexed only as written, so "us" never finds "US";
	// a name set in capitals, as wire datelines write them ("TOKYO"),
	// still finds its entry.
	var buf [64]byte
	return t.byKey[string(appendKeyOf(buf[:0], name))]
}

// Lookup returns the entry a name or alias belongs to.
func (t *Table) Lookup(name string) (Entry, bool) {
	if e := t.lookup(name); e != nil {
		return *e, true
	}
	return Entry{}, false
}

// IsPerson reports whether name is a person's name or alias in the table.
func (t *Table) IsPerson(name string) bool {
	e := t.lookup(name)
	return e != nil && e.Kind == article.Person
}

// Ignored reports whether name is never an entity.
func (t *Table) Ignored(name string) bool {
	var buf [64]byte
	return t.ignore[string(appendKeyOf(buf[:0], name))]
}

// IsDemonym reports whether name is a demonym ("Russian", "North
// Koreans"): evidence of a place, not an entity.
func (t *Table) IsDemonym(name string) bool {
	var buf [64]byte
	return t.demonyms[string(appendKeyOf(buf[:0], name))] != nil
}

// Canonical maps a stored entity through the table: its canonical name and
// kind, and false when it is to be ignored. Unknown names keep their name
// and kind.
func (t *Table) Canonical(name string, kind article.Kind) (string, article.Kind, bool) {
	// Ignored and lookup in one, with the name's key made once: a build
	// maps every mention of every article.
	var buf [64]byte
	key := appendKeyOf(buf[:0], name)
	if t.ignore[string(key)] {
		return "", "", false
	}
	e := t.exact[clean(name)]
	if e == nil {
		e = t.byKey[string(key)]
	}
	if e != nil {
		return e.Name, e.Kind, true
	}
	return name, kind, true
}

// unify writes apostrophes and spaces one way.
var unify = strings.NewReplacer("’", "'", "‘", "'", "\u00a0", " ")

// clean collapses spaces and unifies apostrophes.
func clean(s string) string {
	if isCollapsed(s) {
		return s
	}
	return strings.Join(strings.Fields(unify.Replace(s)), " ")
}

// isCollapsed reports whether s is ASCII with single spaces between words
// and no other space: what clean would return unchanged.
func isCollapsed(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendKey appends the lookup form of one word (see known) to dst:
// strings.ToLower(unify.Replace(w)), without allocating for ASCII words.
func appendKey(dst []byte, w string) []byte {
	if !isASCII(w) {
		return append(dst, strings.ToLower(unify.Replace(w))...)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// key is the case-insensitive lookup form of a name.
func key(s string) string {
	s = strings.ToLower(clean(s))
	s = strings.TrimPrefix(s, "the ")
	return strings.TrimSuffix(s, ".")
}

// appendKeyOf appends key(s) to dst, without allocating for an ASCII
// name: a map lookup as m[string(appendKeyOf(buf[:0], name))] costs
// nothing but the lookup.
func appendKeyOf(dst []byte, s string) []byte {
	c := clean(s)
	if !isASCII(c) {
		return append(dst, key(s)...)
	}
	k := appendKey(dst, c)
	k = bytes.TrimPrefix(k, []byte("the "))
	return bytes.TrimSuffix(k, []byte("."))
}

// isAcronym reports whether s is written in capitals (and dots), like
// "US", "U.S.", "WHO": such names match only as written, so "us" and "Who"
// never do.
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '-' || r == '&' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters >= 2
}
