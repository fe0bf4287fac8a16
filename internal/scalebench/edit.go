package scalebench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// addedTitle and addedSlug name the articles AddArticle writes: the
// first is "Article added by the scale benchmark 1", and so on.
const (
	addedTitle = "Article added by the scale benchmark %d"
	addedSlug  = "article-added-by-the-scale-benchmark-%d"
)

// editedParagraph is the paragraph EditArticle appends.
const editedParagraph = "This paragraph was added by the scale benchmark to measure a rebuild after an edit.\n"

// AddArticle writes a new article page into the annals content folder
// content: a copy of the newest dated article's page, in the same day's
// folder, with a new title and slug and without import_digest (so that
// import reads it as a page written by hand). It returns the new page's
// path.
func AddArticle(content string) (string, error) {
	src, err := datedPage(content, true)
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return "", err
	}
	for i := 1; ; i++ {
		slug := fmt.Sprintf(addedSlug, i)
		dst := filepath.Join(filepath.Dir(src), slug+".md")
		if _, err := os.Lstat(dst); err == nil {
			continue
		}
		page, err := setFrontMatter(data, map[string]string{
			"title": fmt.Sprintf(addedTitle, i),
			"slug":  slug,
		}, "import_digest")
		if err != nil {
			return "", fmt.Errorf("%s: %w", src, err)
		}
		return dst, os.WriteFile(dst, page, 0o644)
	}
}

// EditArticle appends a paragraph to the body of the oldest dated article
// of the annals content folder content, and returns its path.
func EditArticle(content string) (string, error) {
	path, err := datedPage(content, false)
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if _, _, ok := splitFrontMatter(data); !ok {
		return "", fmt.Errorf("%s: no front matter between --- lines", path)
	}
	data = append(bytes.TrimRight(data, "\n"), "\n\n"+editedParagraph...)
	return path, os.WriteFile(path, data, 0o644)
}

// datedPage returns the page of the newest (or oldest) dated article in
// content/articles/YYYY/MM/DD/, the last (or first) by name on its day.
func datedPage(content string, newest bool) (string, error) {
	dir := filepath.Join(content, "articles")
	for _, pattern := range []*regexp.Regexp{fourDigits, twoDigits, twoDigits, articleFile} {
		name, err := extremeEntry(dir, pattern, newest)
		if err != nil {
			return "", err
		}
		dir = filepath.Join(dir, name)
	}
	return dir, nil
}

var (
	fourDigits  = regexp.MustCompile(`^[0-9]{4}$`)
	twoDigits   = regexp.MustCompile(`^[0-9]{2}$`)
	articleFile = regexp.MustCompile(`^[^.].*\.md$`)
)

// extremeEntry returns the greatest (or least) name in dir that matches
// pattern.
func extremeEntry(dir string, pattern *regexp.Regexp, greatest bool) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var names []string
	for _, e := range entries {
		if pattern.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return "", fmt.Errorf("%s holds no dated articles", dir)
	}
	if greatest {
		return slices.Max(names), nil
	}
	return slices.Min(names), nil
}

// splitFrontMatter splits a page into its front matter lines (without the
// --- fences) and the rest after the closing fence.
func splitFrontMatter(page []byte) (fm, rest []byte, ok bool) {
	s := string(page)
	if !strings.HasPrefix(s, "---\n") {
		return nil, nil, false
	}
	body := s[len("---\n"):]
	if strings.HasPrefix(body, "---\n") {
		return nil, []byte(body[len("---\n"):]), true
	}
	end := strings.Index(body, "\n---\n")
	if end < 0 {
		return nil, nil, false
	}
	return []byte(body[:end+1]), []byte(body[end+len("\n---\n"):]), true
}

// setFrontMatter returns page with the top-level front matter keys of
// values set to those values (plain YAML scalars, written as they are),
// added at the end when absent, and the keys of drop removed. A key's
// value lines (the lines after it that are indented or list items) go
// with it.
func setFrontMatter(page []byte, values map[string]string, drop ...string) ([]byte, error) {
	fm, rest, ok := splitFrontMatter(page)
	if !ok {
		return nil, errors.New("no front matter between --- lines")
	}
	var out strings.Builder
	out.WriteString("---\n")
	done := map[string]bool{}
	skipping := false
	for _, line := range strings.SplitAfter(string(fm), "\n") {
		if line == "" {
			continue
		}
		if skipping && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "- ") || line == "-\n") {
			continue
		}
		skipping = false
		key, _, isKey := strings.Cut(line, ":")
		if isKey && key != "" && !strings.ContainsAny(key[:1], " \t-#") {
			if v, set := values[key]; set {
				fmt.Fprintf(&out, "%s: %s\n", key, v)
				done[key], skipping = true, true
				continue
			}
			if slices.Contains(drop, key) {
				skipping = true
				continue
			}
		}
		out.WriteString(line)
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		if !done[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&out, "%s: %s\n", k, values[k])
	}
	out.WriteString("---\n")
	out.Write(rest)
	return []byte(out.String()), nil
}
