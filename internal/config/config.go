// Package config reads an archive's annals.toml: the site's title, base
// URL, language, page sizes and the field mapping for JSON inputs. Every
// setting has a default, so an archive without annals.toml still builds.
//
// Load reads through an afero.Fs; the returned Config is a plain value.
//
// The README's section "Configuration: annals.toml" documents every
// setting with its type and default; a test fails when a setting is added,
// renamed or given another default without it.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// FileName is the configuration file at the root of an archive.
const FileName = "annals.toml"

// Config is an archive's configuration.
type Config struct {
	Title       string `toml:"title" comment:"The archive's name, shown on every page."`
	Description string `toml:"description" comment:"One sentence on what the archive collects."`
	// BaseURL is the address the site is published at, such as
	// https://owner.github.io/repo/. It sets canonical, feed and sitemap
	// addresses only: internal links are relative.
	BaseURL  string `toml:"base_url" comment:"Where the site is published, e.g. https://owner.github.io/repo/ (used for canonical, feed and sitemap addresses only)."`
	Language string `toml:"language" comment:"The language of the articles, as a BCP 47 tag."`
	// PageSize is how many articles a list page shows before paginating.
	PageSize int `toml:"page_size" comment:"How many articles a list page shows before it paginates."`
	// HomeSize is how many of the latest articles the home page shows.
	HomeSize int `toml:"home_size" comment:"How many of the latest articles the home page lists."`
	// EntityIndexSize is how many of the most mentioned entities an
	// index page (people/, places/, organizations/) lists; its A–Z pages
	// list five times as many each before paginating.
	EntityIndexSize int `toml:"entity_index_size" comment:"How many of the most mentioned people, places or organizations their index page lists."`
	// Related is how many related articles an article page lists.
	Related int `toml:"related" comment:"How many related articles an article page lists."`
	// FeedSize is how many articles an Atom feed holds.
	FeedSize int `toml:"feed_size" comment:"How many of the newest articles an Atom feed holds."`

	Import Import `toml:"import"`
	Budget Budget `toml:"budget"`
}

// Budget sets the sizes a build warns about. The defaults are GitHub
// Pages' limits: a site of at most 1 GB, files of at most 100 MB.
type Budget struct {
	SiteMB int `toml:"site_mb" comment:"Warn when the built site is larger than this many megabytes (GitHub Pages publishes at most 1 GB)."`
	FileMB int `toml:"file_mb" comment:"Warn when a file of the built site is larger than this many megabytes (GitHub Pages: 100 MB)."`
}

// Import configures how raw inputs are read.
type Import struct {
	// Fields maps each article field to the JSON keys it is read from,
	// first match wins.
	Fields Fields `toml:"fields" comment:"JSON and JSON Lines inputs: the keys each field is read from, first match wins."`
}

// Fields names the JSON keys of each article field.
type Fields struct {
	Title  []string `toml:"title"`
	Date   []string `toml:"date"`
	Body   []string `toml:"body"`
	URL    []string `toml:"url"`
	Source []string `toml:"source"`
	Author []string `toml:"author"`
}

// Default returns the configuration of an archive with no annals.toml.
func Default() Config {
	return Config{
		Title:           "News archive",
		Language:        "en",
		PageSize:        50,
		HomeSize:        30,
		EntityIndexSize: 100,
		Related:         5,
		FeedSize:        50,
		Budget:          Budget{SiteMB: 1000, FileMB: 100},
		Import: Import{Fields: Fields{
			Title:  []string{"title", "headline"},
			Date:   []string{"date", "date_str", "published", "published_at", "datetime"},
			Body:   []string{"text", "body", "story_text", "content", "article"},
			URL:    []string{"url", "link", "canonical_url"},
			Source: []string{"source", "site", "site_name", "publisher", "agency"},
			Author: []string{"author", "byline", "authors"},
		}},
	}
}

// Load reads DIR/annals.toml over the defaults. A missing file is not an
// error. Errors name the file and, for syntax errors, the line.
func Load(fsys afero.Fs, dir string) (Config, error) {
	c := Default()
	name := path.Join(dir, FileName)
	data, err := afero.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	dec := toml.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		var serr *toml.StrictMissingError
		if errors.As(err, &serr) && len(serr.Errors) > 0 {
			e := serr.Errors[0]
			line, _ := e.Position()
			return c, fmt.Errorf("%s:%d: unknown setting %q", name, line, strings.Join(e.Key(), "."))
		}
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			line, _ := derr.Position()
			return c, fmt.Errorf("%s:%d: %s", name, line, derr.Error())
		}
		return c, fmt.Errorf("%s: %w", name, err)
	}
	return c, c.validate(name)
}

func (c *Config) validate(name string) error {
	switch {
	case c.PageSize < 1:
		return fmt.Errorf("%s: page_size must be at least 1, not %d", name, c.PageSize)
	case c.HomeSize < 1:
		return fmt.Errorf("%s: home_size must be at least 1, not %d", name, c.HomeSize)
	case c.EntityIndexSize < 1:
		return fmt.Errorf("%s: entity_index_size must be at least 1, not %d", name, c.EntityIndexSize)
	case c.Budget.SiteMB < 1 || c.Budget.FileMB < 1:
		return fmt.Errorf("%s: budget.site_mb and budget.file_mb must be at least 1", name)
	case c.Related < 0 || c.FeedSize < 1:
		return fmt.Errorf("%s: related must be 0 or more and feed_size at least 1", name)
	}
	if c.BaseURL != "" {
		if err := CheckBaseURL(c.BaseURL); err != nil {
			return fmt.Errorf("%s: base_url %w", name, err)
		}
	}
	return nil
}

// CheckBaseURL tells whether u can be the address a site is published at:
// an absolute http or https URL with a host, and neither a query nor a
// fragment. The error reads after the setting's name.
func CheckBaseURL(u string) error {
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return fmt.Errorf("must start with https:// or http://, not %q", u)
	}
	parsed, err := url.Parse(u)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL: %v", u, errors.Unwrap(err))
	case parsed.Host == "":
		return fmt.Errorf("%q has no host name", u)
	case parsed.RawQuery != "" || parsed.ForceQuery || parsed.Fragment != "" || strings.Contains(u, "#"):
		return fmt.Errorf("%q must not have a query (?…) or a fragment (#…)", u)
	case parsed.User != nil:
		return fmt.Errorf("%q must not hold a user name or password", u)
	}
	return nil
}

// Marshal returns c as annals.toml text with a comment on each setting.
func Marshal(c Config) ([]byte, error) {
	return toml.Marshal(c)
}
