// Package clean turns the text of one scraped news article into a clean
// Markdown body. It owns text normalisation (whitespace, invalid UTF-8,
// control characters), boilerplate removal (repeated titles, teaser and
// cross-promotion lines, social handles, end marks, site footers and
// trailing link lists, metadata prefixes), the repair of words that scrapers
// glued to names, subheadings, and the escaping of anything Markdown or HTML
// would interpret, so that the body renders as the plain text it is.
//
// Boilerplate is recognised by its shape (a short label and a colon, a line
// that is only a handle or an address, a run of teasers with their own
// dates), not by a list of known strings.
//
// Cleaning reports what it learnt on the way (a removed title, a metadata
// prefix, the lead dateline, calendar marks at the end) so that the extract
// stage can date and title the article; it never dates anything itself and
// never looks at removed footers for evidence.
//
// The package performs no I/O and holds no state: every function is pure and
// safe for concurrent use. Work is linear in the size of the input.
package clean
