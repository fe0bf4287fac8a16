// Package entity gives every named entity of an article one canonical
// name and kind. It owns the built-in table of world entities (world.toml,
// embedded: countries, regions, cities, seas, organizations, people, with
// their aliases and demonyms), a site's own overrides (entities.toml), and
// the rules that turn the mentions a tagger found in one article into that
// article's entities.
//
// # Names
//
// Canonical names follow English Wikipedia's article titles ("North
// Korea", "Vladimir Putin", "Korean Central News Agency"). Acronyms,
// official names, transliterations and patronymic forms are aliases. Within
// an article, a surname or a title form ("Putin", "Mr. Putin", "Mr. Kim")
// resolves to the full name the article uses; a bare surname or title with
// no full name in the article is not an entity, unless the table knows it.
// Demonyms ("Russian", "North Korean"), months and weekdays never are.
//
// # A site's entities.toml
//
// The site's file has the built-in table's shape and wins over it:
//
//	[[place]]                   # rename, merge and re-kind: every name of an
//	name = "Kyiv"               # entry (its name and aliases) belongs to it,
//	aliases = ["Kiev"]          # and a built-in entry whose name it claims is
//	                            # merged into it with all its aliases
//	[[organization]]
//	name = "Moscow Kremlin"     # a kind given here replaces the built-in one
//
//	[[place]]                   # split: claiming one alias of a built-in
//	name = "Georgia (U.S. state)" # entry takes only that alias away from it
//	aliases = ["State of Georgia"]
//
//	ignore = ["Juche"]          # names that are never entities
//
// Overrides apply at build time to the names stored in content/, so a
// change takes effect on the next build without re-importing.
//
// A Table is immutable once built and safe for concurrent use.
package entity
