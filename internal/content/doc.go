// Package content owns the format of an archive's content/ folder: one
// Markdown file per article with YAML front matter that Hugo reads as it is
// (title, date, slug, source, original_url, people, places, organizations,
// origin),
// and where each article lives (articles/YYYY/MM/DD/<slug>.md, or
// articles/undated/<slug>.md).
//
// The original article's address is stored as original_url: Hugo reserves
// url for a page's own address and rejects absolute URLs there. Parse
// still reads an absolute url from pages written by other tools.
//
// Marshal and Parse are pure and safe for concurrent use. Marshal is
// deterministic: the same article always gives the same bytes.
//
// A page written by import carries an import_digest: the SHA-256 of the page
// as import wrote it, without that line. A page whose digest no longer
// matches was edited by hand, and import never overwrites it (Page.Edited).
package content
