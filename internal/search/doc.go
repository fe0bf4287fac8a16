// Package search builds the archive's static search index: files under
// search/ that the search page loads as classic scripts, so that search
// works from a web server, under any subpath and from file:// alike.
//
// Words are split, folded and stemmed by Tokens; static/search/text.js does
// exactly the same in the browser, and tests check the two on a shared word
// list and on the corpora. static/search/engine.js answers queries from the
// index; its tests (jstest/, run with node by TestNodeTests) read the index
// of a Go fixture kept as golden files. The format is in format.md.
//
// What reading a document gives the index depends on that document alone,
// so WriteRemembering returns it as a Memory, which the next index takes
// to read only the documents that changed; its files are byte for byte
// those of an index that read every document.
package search
