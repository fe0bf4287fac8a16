// Package article holds the domain types every stage of annals shares: the
// raw input as read from a file (Raw), the cleaned and dated article (Article),
// calendar dates that may be unknown (Date), named entities (Entity) and URL
// slugs (Slug).
//
// It depends on the standard library only, performs no I/O and holds no
// state, so any package may import it. All functions are safe for concurrent
// use.
package article
