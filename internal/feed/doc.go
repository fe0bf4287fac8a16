// Package feed renders the machine-readable files of a site: Atom feeds
// (RFC 4287), sitemaps and sitemap indexes (sitemaps.org protocol 0.9) and
// robots.txt.
//
// It is pure: every function takes values and returns the bytes of a file,
// performs no I/O and never reads the clock, so the same input always gives
// the same bytes (dates come from the articles, not from time.Now). Writing
// the files is the caller's job.
//
// All text is treated as untrusted: it is escaped with encoding/xml, and
// characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF, invalid
// UTF-8) are removed rather than replaced. The package holds no state; all
// functions are safe for concurrent use.
package feed
