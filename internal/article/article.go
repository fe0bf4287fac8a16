package article

// Kind names a kind of named entity.
type Kind string

// The kinds of entity an archive links by.
const (
	Person       Kind = "person"
	Place        Kind = "place"
	Organization Kind = "organization"
)

// Entity is a named entity of one article under its canonical name.
// Mentions are the surface forms found in the body, in order of first use.
type Entity struct {
	Name     string   `json:"name"`
	Kind     Kind     `json:"kind"`
	Mentions []string `json:"mentions"`
}

// Origin records one input an article was imported from: the file's name as
// given to import (relative to the directory named on the command line),
// the record within it for multi-record files (JSON record number or JSON
// Lines line number), and the SHA-256 of the raw bytes of that record.
// Title is set when this input, a duplicate of the article's text, gave it
// another title, so that no headline is lost.
type Origin struct {
	File   string `json:"file" yaml:"file"`
	Record string `json:"record,omitempty" yaml:"record,omitempty"`
	SHA256 string `json:"sha256" yaml:"sha256"`
	Title  string `json:"title,omitempty" yaml:"title,omitempty"`
}

// String returns "file" or "file#record".
func (o Origin) String() string {
	if o.Record == "" {
		return o.File
	}
	return o.File + "#" + o.Record
}

// Format is the format a raw input was read as.
type Format string

// The input formats import understands.
const (
	Text     Format = "text"
	HTML     Format = "html"
	Markdown Format = "markdown"
	JSON     Format = "json"
)

// Raw is one article as read from its input, before cleaning. Metadata
// fields are what the container itself declared (front matter, JSON fields,
// HTML meta tags); they are empty when the container said nothing. Body is
// the article text: plain text for Text and JSON inputs, text extracted
// from the page for HTML, and Markdown for Markdown inputs.
type Raw struct {
	Origin Origin
	Format Format
	Line   int // line of the record in its file, when it has one

	Title  string
	Date   string // as declared; parsed by the extract stage
	Source string
	URL    string
	Author string

	Body string

	// Entities are those the input declared (a Markdown page's people,
	// places and organizations).
	Entities []Entity

	// Extra holds front matter fields of Markdown inputs that annals does
	// not interpret, so they survive an import.
	Extra map[string]any
}

// Article is a cleaned, dated article: what content/ stores and build/
// renders.
type Article struct {
	Title  string
	Date   Date // zero when unknown
	Slug   string
	Source string
	URL    string
	Author string

	// Body is the cleaned article as Markdown: paragraphs separated by
	// blank lines, "## " subheadings.
	Body string

	Entities []Entity
	Origins  []Origin

	// Extra holds front matter fields annals does not interpret.
	Extra map[string]any
}

// Names returns the canonical names of the article's entities of kind k,
// in the order of Entities.
func (a *Article) Names(k Kind) []string {
	var names []string
	for _, e := range a.Entities {
		if e.Kind == k {
			names = append(names, e.Name)
		}
	}
	return names
}
