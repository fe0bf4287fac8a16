package check

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/afero"
	"go.yaml.in/yaml/v3"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/content"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/graph"
)

// kinds lists the kinds of entities in the order of the front matter, with
// the key of each one's list.
var kinds = []kindList{{article.Person, "people"}, {article.Place, "places"}, {article.Organization, "organizations"}}

type kindList struct {
	kind article.Kind
	list string
}

func listOf(k article.Kind) string {
	for _, x := range kinds {
		if x.kind == k {
			return x.list
		}
	}
	return string(k)
}

func kindRank(k article.Kind) int {
	return slices.IndexFunc(kinds, func(x kindList) bool { return x.kind == k })
}

// mention is a name a page lists under a kind.
type mention struct {
	file string
	name string
	kind article.Kind
}

// kinds reports names that pages list under several kinds where no
// entity table decides, and names that entries of entities.toml claim
// against each other.
func (c *checker) kinds() error {
	lines := frontMatterLines{fsys: c.fsys}
	groups := map[string][]mention{} // by the address a name gets
	for _, a := range c.articles {
		for _, e := range a.Article.Entities {
			if _, known := c.names.Lookup(e.Name); known || c.names.Ignored(e.Name) {
				continue
			}
			key := article.Slug(e.Name)
			if key == "" {
				key = e.Name
			}
			groups[key] = append(groups[key], mention{a.File, e.Name, e.Kind})
		}
	}
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		if err := c.conflict(groups[key], &lines); err != nil {
			return err
		}
	}
	return c.overrides()
}

// conflict reports the mentions of one name (as pages list it, no table
// knowing it) whose kind is not the one most pages give.
func (c *checker) conflict(ms []mention, lines *frontMatterLines) error {
	files := map[article.Kind][]string{}
	for _, m := range ms {
		if fs := files[m.kind]; len(fs) == 0 || fs[len(fs)-1] != m.file {
			files[m.kind] = append(files[m.kind], m.file)
		}
	}
	if len(files) < 2 {
		return nil
	}
	ks := slices.SortedFunc(maps.Keys(files), func(a, b article.Kind) int {
		return cmp.Or(cmp.Compare(len(files[b]), len(files[a])), cmp.Compare(kindRank(a), kindRank(b)))
	})
	main := ks[0]
	mainName := ""
	for _, m := range ms {
		if m.kind == main {
			mainName = m.name
			break
		}
	}
	for _, m := range ms {
		if m.kind == main {
			continue
		}
		others := slices.DeleteFunc(slices.Clone(files[main]), func(f string) bool { return f == m.file })
		what := "it"
		if mainName != m.name {
			what = fmt.Sprintf("%q", mainName)
		}
		var where string
		switch {
		case len(others) == 0:
			where = fmt.Sprintf("lists %q among both its %s and its %s", m.name, listOf(m.kind), listOf(main))
		case len(others) == 1:
			where = fmt.Sprintf("lists %q among its %s, but another page (%s) lists %s among its %s",
				m.name, listOf(m.kind), others[0], what, listOf(main))
		default:
			where = fmt.Sprintf("lists %q among its %s, but %d other pages (first %s) list %s among their %s",
				m.name, listOf(m.kind), len(others), others[0], what, listOf(main))
		}
		line, err := lines.of(m.file, listOf(m.kind), m.name)
		if err != nil {
			return err
		}
		c.add(Warning, m.file, line, CodeKindConflict,
			"%s: the build would publish two entities, %s and %s; move it to the right list, or give its kind in %s",
			where, c.entities[graph.EntityKey{Kind: m.kind, Name: m.name}], c.entities[graph.EntityKey{Kind: main, Name: mainName}], entity.FileName)
	}
	return nil
}

// frontMatterLines finds the line of a name in a list of a page's front
// matter. It keeps the last page it read, as findings come page by page.
type frontMatterLines struct {
	fsys  afero.Fs
	file  string
	lines map[string]int // list + "\x00" + name → line
}

// of returns the line on which file's front matter lists name in list,
// or 0 when it cannot tell.
func (l *frontMatterLines) of(file, list, name string) (int, error) {
	if file != l.file {
		data, err := afero.ReadFile(l.fsys, file)
		if err != nil {
			return 0, err
		}
		l.file, l.lines = file, listLines(data)
	}
	return l.lines[list+"\x00"+name], nil
}

// listLines maps every name of the people, places and organizations lists
// of a page's front matter to its line.
func listLines(data []byte) map[string]int {
	p, err := content.Parse(data)
	if err != nil {
		return nil
	}
	text := strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\ufeff"))), "\r\n", "\n")
	// The front matter runs from line 2 to the line before its closing
	// fence, which is the line before the body.
	rows := strings.SplitAfter(text, "\n")
	if p.BodyLine-2 > len(rows) || p.BodyLine < 3 {
		return nil
	}
	var root yaml.Node
	if yaml.Unmarshal([]byte(strings.Join(rows[1:p.BodyLine-2], "")), &root) != nil || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	out := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		for _, item := range m.Content[i+1].Content {
			if item.Kind == yaml.ScalarNode {
				out[m.Content[i].Value+"\x00"+item.Value] = item.Line + 1
			}
		}
	}
	return out
}
