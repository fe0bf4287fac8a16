// Package search builds the archive's static search index: files under
// search/ that the search page loads as classic scripts, so that search
// works from a web server, under any subpath and from file:// alike.
//
// Words are split, folded and stemmed by Tokens; static/search/engine.js
// does exactly the same in the browser, and a test checks the two on a
// shared word list. The index format is described in format.md.
package search
