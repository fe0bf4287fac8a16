package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/annals-archive/annals/internal/theme"
)

// Renderer renders pages with a theme's templates.
type Renderer struct {
	theme    *theme.Theme
	partials map[string]string // name → source

	mu      sync.Mutex
	sets    map[string]*layoutSet // by layout file name
	layouts map[[2]string]string  // kind and section → layout
	cache   *partialCache
}

type layoutSet struct {
	tmpl  *template.Template
	entry string // the template to execute
}

// New loads the theme's partials. Layouts are parsed on first use and
// kept.
func New(th *theme.Theme) (*Renderer, error) {
	r := &Renderer{
		theme: th, partials: map[string]string{}, sets: map[string]*layoutSet{},
		layouts: map[[2]string]string{}, cache: newPartialCache(partialCacheSize),
	}
	names, err := th.Files("templates/_partials")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		src, _, err := th.ReadFile("templates/_partials/" + name)
		if err != nil {
			return nil, err
		}
		r.partials[name] = string(src)
	}
	return r, nil
}

// layouts lists the section-independent layouts of each page kind.
var layouts = map[string][]string{
	KindHome:     {"home.html", "list.html"},
	KindPage:     {"page.html", "single.html"},
	KindSection:  {"section.html", "list.html"},
	KindArchive:  {"archive.html", "list.html"},
	KindTaxonomy: {"taxonomy.html", "list.html"},
	KindTerm:     {"term.html", "list.html"},
	KindAlias:    {"alias.html"},
	Kind404:      {"404.html"},
	KindSearch:   {"search.html"},
}

// candidates returns the layouts tried for a page, in order: every
// section-specific layout before the generic ones, as in Hugo.
func candidates(kind, section string) []string {
	generic := layouts[kind]
	if section == "" || kind == KindHome || kind == Kind404 || kind == KindAlias || kind == KindSearch {
		return generic
	}
	c := make([]string, 0, 2*len(generic))
	for _, n := range generic {
		c = append(c, section+"/"+n)
	}
	return append(c, generic...)
}

// Layout returns the layout a page of kind and section is rendered with.
func (r *Renderer) Layout(kind, section string) (string, error) {
	key := [2]string{kind, section}
	r.mu.Lock()
	name, ok := r.layouts[key]
	r.mu.Unlock()
	if ok {
		return name, nil
	}
	for _, name := range candidates(kind, section) {
		if r.theme.Exists("templates/" + name) {
			r.mu.Lock()
			r.layouts[key] = name
			r.mu.Unlock()
			return name, nil
		}
	}
	return "", fmt.Errorf("no template for %s pages: looked for %s in templates/",
		kind, strings.Join(candidates(kind, section), ", "))
}

// Render writes page p.
func (r *Renderer) Render(w io.Writer, p *Page) error {
	layout, err := r.Layout(p.Kind, p.Section)
	if err != nil {
		return err
	}
	set, err := r.set(layout, p.Section)
	if err != nil {
		return err
	}
	if err := set.tmpl.ExecuteTemplate(w, set.entry, p); err != nil {
		return fmt.Errorf("rendering %s with templates/%s: %w", p.Path, layout, err)
	}
	return nil
}

var defineRE = regexp.MustCompile(`{{-?\s*define\s`)

func (r *Renderer) set(layout, section string) (*layoutSet, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s := r.sets[layout]; s != nil {
		return s, nil
	}
	src, _, err := r.theme.ReadFile("templates/" + layout)
	if err != nil {
		return nil, err
	}
	t := template.New("").Funcs(funcs(nil, nil))
	for name, psrc := range r.partials {
		if _, err := t.New("_partials/" + name).Parse(psrc); err != nil {
			return nil, fmt.Errorf("templates/_partials/%s: %w", name, err)
		}
	}
	entry := layout
	if defineRE.Match(src) {
		base, err := r.baseof(section)
		if err != nil {
			return nil, err
		}
		if base != "" {
			bsrc, _, err := r.theme.ReadFile("templates/" + base)
			if err != nil {
				return nil, err
			}
			if _, err := t.New(base).Parse(string(bsrc)); err != nil {
				return nil, fmt.Errorf("templates/%s: %w", base, err)
			}
			entry = base
		}
	}
	// The layout is parsed last, so its {{ define }}s replace the base's
	// default {{ block }}s.
	if _, err := t.New(layout).Parse(string(src)); err != nil {
		return nil, fmt.Errorf("templates/%s: %w", layout, err)
	}
	t.Funcs(funcs(t, r.cache))
	s := &layoutSet{tmpl: t, entry: entry}
	r.sets[layout] = s
	return s, nil
}

func (r *Renderer) baseof(section string) (string, error) {
	names := []string{"baseof.html"}
	if section != "" {
		names = []string{section + "/baseof.html", "baseof.html"}
	}
	for _, name := range names {
		if r.theme.Exists("templates/" + name) {
			return name, nil
		}
	}
	return "", nil
}

// funcs is the template function map, built in one place: Hugo's partial,
// partialCached and dict. The partial functions need the template set they
// run in; before parsing, t is nil and only the names matter.
func funcs(t *template.Template, cache *partialCache) template.FuncMap {
	partial := func(name string, data any) (template.HTML, error) {
		if t == nil {
			return "", errors.New("partial called before templates were loaded")
		}
		pt := t.Lookup("_partials/" + name)
		if pt == nil {
			return "", fmt.Errorf("partial %q: no file templates/_partials/%s", name, name)
		}
		b := buffers.Get().(*bytes.Buffer)
		defer buffers.Put(b)
		b.Reset()
		if err := pt.Execute(b, data); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil
	}
	return template.FuncMap{
		"partial": partial,
		// partialCached renders a partial once per name and variants,
		// as in Hugo: the variants must determine its output.
		"partialCached": func(name string, data any, variants ...any) (template.HTML, error) {
			key := cacheKey(name, variants)
			if html, ok := cache.get(key); ok {
				return html, nil
			}
			html, err := partial(name, data)
			if err == nil {
				cache.put(key, html)
			}
			return html, err
		},
		"dict": dict,
	}
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// dict makes a map of its key and value arguments, as Hugo's dict does:
// {{ partial "x.html" (dict "Page" $ "Item" .) }}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict needs pairs of keys and values")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
