package check

import (
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/entity"
)

// overridesFile is what the check reads of entities.toml: the names each
// entry claims. The entity package reads the whole file, and has already
// reported it when it cannot be read.
type overridesFile struct {
	Place        []overrideEntry `toml:"place"`
	Organization []overrideEntry `toml:"organization"`
	Person       []overrideEntry `toml:"person"`
	Ignore       []string        `toml:"ignore"`
}

type overrideEntry struct {
	Name    string   `toml:"name"`
	Aliases []string `toml:"aliases"`
}

// claim is a name an entry of entities.toml claims.
type claim struct {
	entry string // the entry's name
	kind  article.Kind
	line  int
}

// overrides reports names that two entries of entities.toml claim, which
// the later silently wins, and names that it both ignores and claims.
func (c *checker) overrides() error {
	file := path.Join(c.opts.Site, entity.FileName)
	data, err := afero.ReadFile(c.fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var f overridesFile
	if toml.Unmarshal(data, &f) != nil {
		return nil // reported as a config finding
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	rows := strings.Split(text, "\n")
	claims := map[string]claim{}
	for _, k := range []struct {
		kind    article.Kind
		table   string
		entries []overrideEntry
	}{{article.Place, "place", f.Place}, {article.Organization, "organization", f.Organization}, {article.Person, "person", f.Person}} {
		headers := headerLines(rows, k.table)
		for i, e := range k.entries {
			block := 0
			if i < len(headers) {
				block = headers[i]
			}
			for _, name := range append([]string{e.Name}, e.Aliases...) {
				key := nameKey(name)
				line := quotedLine(rows, block, name)
				old, taken := claims[key]
				switch {
				case !taken:
					claims[key] = claim{e.Name, k.kind, line}
					continue
				case old.entry == e.Name && old.kind == k.kind:
					continue
				case old.kind != k.kind:
					c.add(Error, file, line, CodeKindConflict,
						"%q is claimed by the %s %q here and by the %s %q on line %d: the build makes it %s; keep it in one entry",
						name, k.kind, e.Name, old.kind, old.entry, old.line, aKind(k.kind))
				default:
					c.add(Warning, file, line, CodeOverrides,
						"%q is claimed by %q here and by %q on line %d: the build gives it to %q; keep it in one entry",
						name, e.Name, old.entry, old.line, e.Name)
				}
				claims[key] = claim{e.Name, k.kind, line}
			}
		}
	}
	for _, name := range f.Ignore {
		if old, taken := claims[nameKey(name)]; taken {
			c.add(Warning, file, quotedLine(rows, 0, name), CodeOverrides,
				"%q is ignored, but the %s %q (line %d) claims it: it is never an entity, under any of that entry's names",
				name, old.kind, old.entry, old.line)
		}
	}
	return nil
}

// nameKey compares names as entity tables do: without regard to case or
// spacing.
func nameKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// headerLines returns the 0-based rows that open a [[table]].
func headerLines(rows []string, table string) []int {
	var out []int
	for i, r := range rows {
		if strings.TrimSpace(r) == "[["+table+"]]" {
			out = append(out, i)
		}
	}
	return out
}

// quotedLine returns the 1-based line of the first row from row from on
// that holds name as a TOML string, or 0.
func quotedLine(rows []string, from int, name string) int {
	for _, q := range []string{strconv.Quote(name), "'" + name + "'"} {
		for i := from; i < len(rows); i++ {
			if strings.Contains(rows[i], q) {
				return i + 1
			}
		}
	}
	return 0
}

// aKind names one entity of kind k: "a person", "an organization".
func aKind(k article.Kind) string {
	if k == article.Organization {
		return "an " + string(k)
	}
	return "a " + string(k)
}
