// Package e2e holds the end-to-end tests of annals: they build the
// repository's own archive (content/ and annals.toml at the module root),
// and an archive made by `annals init` and `annals import examples/raw`,
// with the command line entry point, cli.Main, into temporary folders, and
// check the result as a reader meets it.
//
// Contract:
//
//   - TestSiteLinks needs no browser. It parses every page of the build and
//     checks that each internal link and resource resolves to a file of the
//     build; that internal links are relative (so the site works from
//     file:// and under a path prefix); that links to folders end in
//     "index.html"; that fragments name an id on their page; and that every
//     page can be reached from the home page (404.html and alias redirect
//     pages excepted; a redirect must lead to a page); that each article
//     page lists and links the entities of its content file's front matter
//     (after the site's entity table) and each entity page links back; and,
//     built with a base URL, that feeds and sitemaps name only pages of the
//     build and the sitemap lists each page once.
//   - TestCorpusSiteLinks does the same for an archive imported from the
//     KCNA corpus and the seeds (../shared/corpora, ../shared/seeds), and
//     TestSeedsSameStory checks that of the five seeds only 000 and 003,
//     which report one event, link each other as the same story. Both are
//     skipped, with a message, where those folders are absent.
//   - TestSiteInBrowser opens the build in headless Chromium (see package
//     browsertest), once from file:// and once served under "/archive/" as
//     GitHub Pages serves a project site, follows links a reader would
//     follow, and fails on any console error, uncaught exception or failed
//     request. It is skipped without Chromium, except under CI=true.
//   - TestScreenshots writes the README's screenshots into the folder
//     $ANNALS_SCREENSHOTS, and is skipped when that is unset: the home
//     page, a year, a person and an article, 1280 and 390 px wide.
//
// The tests never write inside the repository, except TestScreenshots into
// the folder it is given. The package has no non-test code; it is safe to
// run its tests in parallel with others.
package e2e
