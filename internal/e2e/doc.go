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
//     page can be reached from the home page.
//   - TestSiteInBrowser opens the build in headless Chromium (see package
//     browsertest), once from file:// and once served under "/archive/" as
//     GitHub Pages serves a project site, follows links a reader would
//     follow, and fails on any console error, uncaught exception or failed
//     request. It is skipped without Chromium, except under CI=true.
//
// The tests never write inside the repository. The package has no
// non-test code; it is safe to run its tests in parallel with others.
package e2e
