// Package ingest reads raw inputs — plain text, HTML pages, Markdown with
// front matter, JSON arrays and JSON Lines — into article.Raw values, one per
// article, without cleaning them.
//
// Formats are told by file extension (.txt .text, .html .htm, .md
// .markdown, .json, .jsonl .ndjson). Text is decoded to UTF-8: UTF-8 as it
// is (a byte-order mark dropped), anything else as Windows-1252, the
// superset of Latin-1 that scrapers meet in practice.
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
