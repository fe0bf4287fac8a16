package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/annals-archive/annals/internal/article"
)

// ArticlesDir is the folder under content/ that holds the articles.
const ArticlesDir = "articles"

// Path returns the content-relative path of a's page:
// articles/YYYY/MM/DD/<slug>.md, or articles/undated/<slug>.md.
func Path(a *article.Article) string {
	return path.Join(ArticlesDir, DateDir(a.Date), a.Slug+".md")
}

// DateDir returns YYYY/MM/DD for a known date and "undated" otherwise.
func DateDir(d article.Date) string {
	if d.IsZero() {
		return "undated"
	}
	return fmt.Sprintf("%04d/%02d/%02d", d.Year, int(d.Month), d.Day)
}

// frontMatter is the YAML front matter, in the order it is written.
type frontMatter struct {
	Title         string           `yaml:"title"`
	Date          yamlDate         `yaml:"date,omitempty"`
	Slug          string           `yaml:"slug"`
	Source        string           `yaml:"source,omitempty"`
	URL           string           `yaml:"original_url,omitempty"`
	Author        string           `yaml:"author,omitempty"`
	People        []string         `yaml:"people,omitempty"`
	Places        []string         `yaml:"places,omitempty"`
	Organizations []string         `yaml:"organizations,omitempty"`
	Origin        []article.Origin `yaml:"origin,omitempty"`
}

// known lists the front matter keys annals interprets.
var known = map[string]bool{
	"title": true, "date": true, "slug": true, "source": true, "url": true, "original_url": true,
	"author": true, "people": true, "places": true, "organizations": true,
	"origin": true, digestKey: true,
}

const digestKey = "import_digest"

// yamlDate writes a date as an unquoted YAML timestamp (2022-10-07), the
// form Hugo reads as a date.
type yamlDate article.Date

func (d yamlDate) IsZero() bool { return article.Date(d).IsZero() }

func (d yamlDate) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: article.Date(d).String()}, nil
}

// Marshal returns the page of a: front matter, a blank line, the body.
// Fields of a.Extra follow the known ones, sorted by key. With digest set,
// the page ends its front matter with an import_digest of itself.
func Marshal(a *article.Article, digest bool) []byte {
	fm := frontMatter{
		Title:         a.Title,
		Date:          yamlDate(a.Date),
		Slug:          a.Slug,
		Source:        a.Source,
		URL:           a.URL,
		Author:        a.Author,
		People:        a.Names(article.Person),
		Places:        a.Names(article.Place),
		Organizations: a.Names(article.Organization),
		Origin:        a.Origins,
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	appendFrontMatter(&b, &fm)
	for _, k := range slices.Sorted(maps.Keys(a.Extra)) {
		if known[k] {
			continue
		}
		b.Write(mustYAML(map[string]any{k: a.Extra[k]}))
	}
	end := b.Len()
	b.WriteString("---\n\n")
	body := strings.TrimSpace(newlines(a.Body))
	if body != "" {
		b.WriteString(body)
		b.WriteByte('\n')
	}
	if !digest {
		return b.Bytes()
	}
	sum := sha256.Sum256(b.Bytes())
	line := digestKey + ": " + hex.EncodeToString(sum[:]) + "\n"
	out := make([]byte, 0, b.Len()+len(line))
	out = append(out, b.Bytes()[:end]...)
	out = append(out, line...)
	return append(out, b.Bytes()[end:]...)
}

func mustYAML(v any) []byte {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	err := enc.Encode(v)
	if err == nil && literalBlock.Match(b.Bytes()) {
		// A string of more than one line may have been written as a
		// literal block, which the encoder gets wrong for some text
		// ("\t\n" gives a block that does not parse): write them all
		// double-quoted.
		var n *yaml.Node
		if n, err = quotedNode(reflect.ValueOf(v)); err == nil {
			b.Reset()
			enc = yaml.NewEncoder(&b)
			enc.SetIndent(2)
			err = enc.Encode(n)
		}
	}
	if err != nil {
		// Only programming errors reach here: every value is a plain
		// string, list or map.
		panic(fmt.Sprintf("content: encoding front matter: %v", err))
	}
	return b.Bytes()
}

// literalBlock matches the start of a literal block: "key: |", "- |-".
var literalBlock = regexp.MustCompile(`(?m)[:-] \|[-+0-9]*$`)

// quotedNode returns the YAML of v, with its fields in the encoder's
// order, strings of more than one line double-quoted and every other
// value as the encoder writes it. Map keys are sorted as text.
func quotedNode(v reflect.Value) (*yaml.Node, error) {
	if v.IsValid() && v.CanInterface() {
		if m, ok := v.Interface().(yaml.Marshaler); ok {
			out, err := m.MarshalYAML()
			if n, ok := out.(*yaml.Node); ok || err != nil {
				return n, err
			}
			v = reflect.ValueOf(out)
		}
	}
	n := &yaml.Node{}
	if !v.IsValid() {
		return n, n.Encode(nil)
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if !v.IsNil() {
			return quotedNode(v.Elem())
		}
	case reflect.String:
		if strings.Contains(v.String(), "\n") {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: v.String()}, nil
		}
	case reflect.Slice, reflect.Array:
		n.Kind = yaml.SequenceNode
		for i := range v.Len() {
			c, err := quotedNode(v.Index(i))
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case reflect.Map:
		n.Kind = yaml.MappingNode
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			if err := appendPair(n, k, v.MapIndex(k)); err != nil {
				return nil, err
			}
		}
		return n, nil
	case reflect.Struct:
		if t := v.Type(); t != reflect.TypeFor[frontMatter]() && t != reflect.TypeFor[article.Origin]() {
			break
		}
		n.Kind = yaml.MappingNode
		for i := range v.NumField() {
			name, opts, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
			f := v.Field(i)
			if opts == "omitempty" && (f.IsZero() || f.Kind() == reflect.Slice && f.Len() == 0 || isZeroer(f)) {
				continue
			}
			if err := appendPair(n, reflect.ValueOf(name), f); err != nil {
				return nil, err
			}
		}
		return n, nil
	}
	err := n.Encode(v.Interface())
	return n, err
}

func appendPair(n *yaml.Node, k, v reflect.Value) error {
	kn, err := quotedNode(k)
	if err != nil {
		return err
	}
	vn, err := quotedNode(v)
	if err != nil {
		return err
	}
	n.Content = append(n.Content, kn, vn)
	return nil
}

func isZeroer(v reflect.Value) bool {
	z, ok := v.Interface().(yaml.IsZeroer)
	return ok && z.IsZero()
}

// Page is a parsed content file.
type Page struct {
	Article article.Article
	// Edited reports whether the page carries an import_digest that no
	// longer matches its bytes: someone changed it after import.
	Edited bool
	// Imported reports whether the page carries an import_digest at all.
	Imported bool
	// BodyLine is the 1-based line on which the body starts.
	BodyLine int
}

// Error is a problem with a content file at a line (0 when unknown).
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Parse reads a content page. Errors are *Error values with the line they
// concern.
func Parse(data []byte) (*Page, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	text := newlines(string(data))
	if !strings.HasPrefix(text, "---\n") {
		return nil, &Error{1, "missing front matter: the page must start with a line \"---\""}
	}
	rest := text[4:]
	fmText, body, ok := cutFence(rest)
	if !ok {
		return nil, &Error{1, "front matter is not closed by a line \"---\""}
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fmText), &root); err != nil {
		return nil, yamlError(err, fmText)
	}
	p := &Page{BodyLine: 3 + strings.Count(fmText, "\n")}
	fields := map[string]*yaml.Node{}
	if len(root.Content) > 0 {
		m := root.Content[0]
		if m.Kind != yaml.MappingNode {
			return nil, &Error{m.Line + 1, "front matter must be a mapping of keys to values"}
		}
		keys := map[string]*yaml.Node{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if first := keys[k.Value]; first != nil {
				return nil, &Error{k.Line + 1, fmt.Sprintf("%s is given twice, first on line %d", k.Value, first.Line+1)}
			}
			keys[k.Value] = k
			fields[k.Value] = m.Content[i+1]
		}
	}
	a := &p.Article
	if err := decodeFields(fields, a); err != nil {
		return nil, err
	}
	a.Body = strings.TrimSpace(body)
	if n := fields[digestKey]; n != nil {
		p.Imported = true
		p.Edited = digestOf(text, n.Value) != n.Value
	}
	return p, nil
}

// newlines turns CRLF and lone CR line endings into LF, as YAML reads
// them, so that lines are counted as they are shown.
func newlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// cutFence splits s at the first line "---".
func cutFence(s string) (fm, body string, ok bool) {
	if strings.HasPrefix(s, "---\n") || s == "---" {
		return "", strings.TrimPrefix(s[3:], "\n"), true
	}
	i := strings.Index(s, "\n---\n")
	if i < 0 {
		if strings.HasSuffix(s, "\n---") {
			return s[:len(s)-3], "", true
		}
		return "", "", false
	}
	return s[:i+1], s[i+5:], true
}

// digestOf recomputes the digest of a page whose digest line says value.
func digestOf(text, value string) string {
	line := digestKey + ": " + value + "\n"
	i := strings.Index(text, line)
	if i < 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(text[:i] + text[i+len(line):]))
	return hex.EncodeToString(sum[:])
}

func decodeFields(fields map[string]*yaml.Node, a *article.Article) error {
	str := func(key string, dst *string) error {
		n := fields[key]
		if n == nil {
			return nil
		}
		if n.Kind != yaml.ScalarNode {
			return &Error{n.Line + 1, fmt.Sprintf("%s must be a single value", key)}
		}
		*dst = n.Value
		return nil
	}
	var hugoURL string
	for _, f := range []struct {
		key string
		dst *string
	}{
		{"title", &a.Title}, {"slug", &a.Slug}, {"source", &a.Source}, {"author", &a.Author},
		{"original_url", &a.URL}, {"url", &hugoURL},
	} {
		if err := str(f.key, f.dst); err != nil {
			return err
		}
	}
	// Hugo's own url key is a page's address on its site; only an
	// absolute one can be the original's address.
	if a.URL == "" && (strings.HasPrefix(hugoURL, "https://") || strings.HasPrefix(hugoURL, "http://")) {
		a.URL = hugoURL
	}
	if n := fields["date"]; n != nil && n.Value != "" {
		d, err := parseDate(n.Value)
		if err != nil {
			return &Error{n.Line + 1, err.Error()}
		}
		a.Date = d
	}
	for _, list := range []struct {
		key  string
		kind article.Kind
	}{{"people", article.Person}, {"places", article.Place}, {"organizations", article.Organization}} {
		key, kind := list.key, list.kind
		n := fields[key]
		if n == nil {
			continue
		}
		var names []string
		if err := n.Decode(&names); err != nil {
			return &Error{n.Line + 1, key + " must be a list of names"}
		}
		for _, name := range names {
			a.Entities = append(a.Entities, article.Entity{Name: name, Kind: kind})
		}
	}
	slices.SortStableFunc(a.Entities, func(x, y article.Entity) int { return strings.Compare(x.Name, y.Name) })
	if n := fields["origin"]; n != nil {
		if err := n.Decode(&a.Origins); err != nil {
			return &Error{n.Line + 1, "origin must be a list of {file, record, sha256}"}
		}
	}
	// In order of lines, so that the first of several faults is
	// reported.
	for _, k := range slices.SortedFunc(maps.Keys(fields), func(x, y string) int { return fields[x].Line - fields[y].Line }) {
		n := fields[k]
		if known[k] {
			continue
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return &Error{n.Line + 1, err.Error()}
		}
		if a.Extra == nil {
			a.Extra = map[string]any{}
		}
		a.Extra[k] = v
	}
	return nil
}

// parseDate accepts YYYY-MM-DD optionally followed by a time of day, as
// Hugo does, and rejects dates that do not exist.
func parseDate(s string) (article.Date, error) {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	return article.ParseDate(s)
}

// yamlError turns an error of the YAML reader into an *Error at the
// page's line. The reader counts the lines of its parser's errors from 0
// and those of its scanner's from 1, and names none on the first line;
// its errors of encoding name no line, and the line is that of the first
// character YAML does not allow in fm, the front matter.
func yamlError(err error, fm string) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	switch {
	case slices.ContainsFunc(parserProblems, func(p string) bool { return strings.HasPrefix(msg, p) }):
		line++
		// A bracket left open on the first line is reported where the
		// parser gave up on it.
		if open := flowOpener(msg); open != "" && !strings.Contains(lineOf(fm, line), open) {
			line = 1
		}
	case slices.Contains(encodingProblems, msg):
		line = unprintableLine(fm)
	case line == 0:
		line = 1
	}
	if line == 0 {
		return &Error{0, "front matter: " + msg}
	}
	return &Error{line + 1, "front matter: " + msg} // the "---" is line 1
}

// parserProblems are the errors of the YAML reader's parser, as it words
// them; every other error but encodingProblems is its scanner's.
var parserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
	"did not find expected <document start>", "did not find expected <stream-start>", "did not find expected key",
	"did not find expected node content", "found duplicate %TAG directive", "found duplicate %YAML directive",
	"found incompatible YAML document", "found undefined tag handle",
}

// encodingProblems are the errors of the YAML reader that concern the
// page's encoding, not a line.
var encodingProblems = []string{
	"control characters are not allowed", "incomplete UTF-8 octet sequence",
	"invalid leading UTF-8 octet", "invalid trailing UTF-8 octet",
}

// flowOpener returns the bracket whose closing a parser error misses.
func flowOpener(msg string) string {
	switch {
	case strings.HasPrefix(msg, "did not find expected ',' or ']'"):
		return "["
	case strings.HasPrefix(msg, "did not find expected ',' or '}'"):
		return "{"
	}
	return ""
}

// lineOf returns the 1-based line n of s, or "".
func lineOf(s string, n int) string {
	for line := range strings.Lines(s) {
		if n--; n == 0 {
			return line
		}
	}
	return ""
}

// unprintableLine returns the 1-based line of s that holds its first
// character YAML does not allow (a control character, or a byte that is
// not UTF-8), or 0 when there is none.
func unprintableLine(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r < 0xa0 && r != 0x85 {
			return strings.Count(s[:i], "\n") + 1
		}
		i += n
	}
	return 0
}
