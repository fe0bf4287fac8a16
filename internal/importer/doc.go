// Package importer turns raw inputs into pages of an archive's content/:
// it reads them (package ingest), cleans them and establishes their
// metadata (package extract), collapses duplicates, and writes one page per
// article (package content).
//
// Its promises are those of an archive: nothing is lost and nothing is
// doubled.
//   - Re-importing the same inputs changes nothing.
//   - An input whose bytes were imported before maps to its existing page,
//     whatever its file is now called; a text that normalises to an
//     existing article's text is recorded as another origin of that
//     article, not a second article.
//   - An article keeps its path (its permalink) once written: later
//     imports may refresh its text, never move it.
//   - Two different articles with the same date and slug both survive: the
//     later one gets the next free slug (slug-2, slug-3, …).
//   - A page edited by hand, or written by hand, is never overwritten:
//     import reports the conflict and leaves the page.
//
// Reading and extraction run in parallel, record by record; everything
// that decides paths runs in input order as the records come out, so the
// result does not depend on scheduling.
package importer
