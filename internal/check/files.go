package check

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/content"
)

// contentFiles warns about the files of content/ that the build does not
// publish, and about entity descriptions that it cannot use.
func (c *checker) contentFiles() error {
	root := path.Join(c.opts.Site, "content")
	if _, err := c.fsys.Stat(root); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	entities := map[string]bool{}
	for _, p := range c.entities {
		entities[p] = true
	}
	var files []string
	err := afero.Walk(c.fsys, root, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(info.Name(), ".") && p != root {
			if info.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(files)
	for _, file := range files {
		rel := strings.TrimPrefix(file, root+"/")
		dir, name := path.Split(rel)
		section, _, _ := strings.Cut(rel, "/")
		switch {
		case c.loaded[file]:
		case name == "_index.md" && (dir == "" || strings.Count(dir, "/") == 1):
			// Hugo's pages of the home and of a section; annals writes
			// its own.
		case section == content.ArticlesDir:
			c.add(Warning, file, 0, CodeUnpublished, "is not published: only .md files whose name does not start with _ are articles")
		case isEntitySection(section) && name == "_index.md" && strings.Count(dir, "/") == 2:
			if err := c.description(file, dir, entities); err != nil {
				return err
			}
		default:
			c.add(Warning, file, 0, CodeUnpublished, "is not published: the build reads articles from %s/ and entity descriptions from <people|places|organizations>/<slug>/_index.md",
				path.Join(root, content.ArticlesDir))
		}
	}
	return nil
}

func isEntitySection(s string) bool {
	for _, k := range kinds {
		if k.list == s {
			return true
		}
	}
	return false
}

// description checks an entity's description, content/FOLDER/SLUG/_index.md:
// the build shows it on the page FOLDER/SLUG/, when there is one.
func (c *checker) description(file, address string, entities map[string]bool) error {
	if !entities[address] {
		c.add(Warning, file, 0, CodeUnpublished, "describes %s, but no article names that entity: the description is not published", address)
		return nil
	}
	data, err := afero.ReadFile(c.fsys, file)
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(bytes.TrimPrefix(data, []byte("\ufeff")), []byte("---")) {
		return nil // no front matter: the whole file is the description
	}
	if _, err := content.Parse(data); err != nil {
		line := 0
		var ce *content.Error
		if errors.As(err, &ce) {
			line, err = ce.Line, errors.New(ce.Msg)
		}
		c.add(Warning, file, line, CodeUnpublished, "%v: the build shows the whole file, front matter included, as the description", err)
	}
	return nil
}
