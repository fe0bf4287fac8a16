// Package ingest reads raw inputs — plain text, HTML pages, Markdown with
// front matter, JSON arrays and JSON Lines — into article.Raw values, one per
// article, without cleaning them.
//
// Formats are told by file extension (.txt .text, .html .htm, .md
// .markdown, .json, .jsonl .ndjson). Text is decoded to UTF-8: UTF-8 as it
// is (a byte-order mark dropped), UTF-16 when it opens with its byte-order
// mark, anything else as Windows-1252, the superset of Latin-1 that
// scrapers meet in practice; a JSON Lines record is decoded on its own.
//
// An input is skipped with a diagnostic, and never read in part, when it
// is empty, binary, larger than MaxFileSize, or an article of more than
// MaxArticleSize of text, or an HTML page of so many paragraphs for its
// size that finding its main text would take minutes.
//
// Every input gets an Origin: its path relative to the folder named on the
// command line (its base name for a file named directly), the record within
// it for JSON inputs, and the SHA-256 of its raw bytes (of the record, for
// JSON). Problems are diagnostics naming the file and line; a bad record
// does not stop the records around it.
//
// Read only reads through the afero.Fs it is given and is safe for
// concurrent use.
package ingest
