// Package render executes the archive's templates, written in Hugo's
// conventions for Go's html/template, on typed view models (Page, Article,
// Summary).
//
// # Template lookup
//
// Templates live in templates/ (the site's own folder over the embedded
// default theme; see package theme). A page is rendered with the first
// layout that exists in this order, where SECTION is the page's section
// ("articles" for articles):
//
//	home      home.html, list.html
//	page      SECTION/page.html, SECTION/single.html, page.html, single.html
//	section   SECTION/section.html, SECTION/list.html, section.html, list.html
//	archive   archive.html, list.html (years, a year, a month, a day, undated)
//	taxonomy  SECTION/taxonomy.html, SECTION/list.html, taxonomy.html, list.html
//	term      SECTION/term.html, SECTION/list.html, term.html, list.html
//	alias     alias.html (a redirect to an entity's page)
//	404       404.html
//
// The sections of taxonomy and term pages are "people", "places" and
// "organizations".
//
// When the layout defines blocks ({{ define "main" }}), it is executed
// through the nearest base template: SECTION/baseof.html, then baseof.html.
// A layout without {{ define }} stands alone. Partials live in
// templates/_partials/ and are called as {{ partial "name.html" . }}.
// As in Hugo, {{ partialCached "name.html" . VARIANT... }} renders a
// partial once per name and variants and reuses the result (the variants
// must determine the output: the default theme caches the header per
// .RelRoot and .MenuEntry, and each article's list item per its .Path and
// the page's .RelRoot), and {{ dict "Key" value ... }} makes a map to pass
// several values to a partial. The cache is bounded, whatever the size of
// the archive.
//
// # Links
//
// Every internal link is relative to the page (Page.Rel), and a link to a
// folder ends in index.html, so one build works at a domain root, under a
// subpath and from file://. Page.Permalink gives the absolute address from
// the configured base URL, for canonical links.
//
// A Renderer is safe for concurrent use once New returns.
package render
