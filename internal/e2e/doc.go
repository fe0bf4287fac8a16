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
//     browsertest), once from file:// and once built for and served under
//     "/repo/" as GitHub Pages serves a project site, follows links a
//     reader would follow, and fails on any console error, uncaught
//     exception, failed request or CSP violation. Under "/repo/" it opens
//     every page and the 404 page, and checks the stylesheet applies and
//     every link and resource of the site answers 200 under the prefix.
//     Like every browser test, it is skipped without Chromium, except under
//     CI=true.
//   - TestHostileArchive imports and builds an archive whose every field
//     (titles, bodies, sources, authors, addresses, names of people,
//     places and organizations, entity descriptions), in content pages and
//     in raw JSON, HTML, text and Markdown inputs, is an XSS payload
//     (payloads_test.go: the categories of OWASP's filter evasion cheat
//     sheet). It scans every built file: pages may have only the theme's
//     elements and attributes, no event handler or style attribute, only
//     http(s) or relative addresses, only the theme's scripts and
//     stylesheet, and the same strict Content-Security-Policy before
//     anything that loads; feeds only Atom's and sitemaps' elements; the
//     search index only JSON in one call each. Then it opens every page
//     and searches for every payload in Chromium, with the pages' CSP
//     obeyed (no violation allowed) and bypassed (the escaping alone must
//     hold): no payload may run (each calls a tripwire), open a dialog or
//     load anything.
//   - TestAccessibility runs axe-core (testdata/axe, installed by `npm ci`
//     there; skipped without it, except under CI=true) on the home page,
//     an article, a year, an entity and the search page with results, in
//     light and dark mode: no serious or critical violation, and the
//     background follows the system setting. TestKeyboard walks the Tab
//     order (the skip link first, moving the focus to <main>; a focus ring
//     of 2 px at 3:1 on every stop), and TestPrintArticle prints an article
//     (no navigation, outside links with their address, black on white).
//   - TestThemeOverride builds a site whose own templates/ and static/
//     replace the article template and the stylesheet, and checks in the
//     browser that its pages use them.
//   - TestScreenshots writes the README's screenshots into the folder
//     $ANNALS_SCREENSHOTS, and is skipped when that is unset: the home
//     page, a year, a person and an article, 1280 and 390 px wide.
//
// The tests never write inside the repository, except TestScreenshots into
// the folder it is given (testdata/axe/node_modules is npm's, not theirs). The package has no non-test code; it is safe to
// run its tests in parallel with others.
package e2e
