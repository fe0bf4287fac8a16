// Package extract establishes an article's title, date, source, slug and
// URL from its raw input and its cleaned text (package clean).
//
// Each fact comes from the strongest evidence available, in an explicit
// order of priority (see dateFinders and Article). A date is never taken
// from removed boilerplate, and an article is left undated rather than
// dated wrongly. Problems with the input, such as a declared date that does
// not exist, are returned as diagnostics naming the input's file and line.
//
// The package performs no I/O and holds no state; its functions are safe
// for concurrent use.
package extract
