// Package browsertest drives a headless Chromium for the browser tests of
// annals: the end-to-end test of the built site, and later tests of search and
// accessibility.
//
// Contract:
//
//   - [Start] launches Debian's Chromium (/usr/bin/chromium, or the path in
//     $ANNALS_CHROMIUM) headless, with a fresh profile under t.TempDir(), and
//     stops it when the test ends. Without a Chromium the test is skipped,
//     except when $CI is set (CI=true): there a missing browser fails the test,
//     so that CI never passes by skipping its browser tests.
//   - A [Tab] records, from the moment it opens, every problem a person would
//     see in the DevTools console: console.error and console.assert calls,
//     uncaught exceptions, browser log entries of level error, requests that
//     failed to load and HTTP responses with a status of 400 or more, each with
//     its URL; and what a reader would not see but must not happen: every
//     violation of the page's Content-Security-Policy (its
//     securitypolicyviolation events), every dialog (alert, confirm, prompt;
//     the tab dismisses it so the page goes on) and every call of a
//     [Tab.Tripwire] function. [Tab.AssertNoErrors] fails the test and lists
//     them.
//   - A Tab can also ignore the pages' Content-Security-Policy
//     ([Tab.BypassCSP]), emulate media types and features such as print or
//     a dark colour scheme ([Tab.EmulateMedia]), press keys where the focus
//     is ([Tab.Press]), and run a script through DevTools, which no
//     Content-Security-Policy stops ([Tab.Exec], [Eval]).
//   - Every action of a Tab has a time limit ([DefaultTimeout]) and fails the
//     test that opened the tab (t.Fatal) when it does not succeed; the browser
//     itself runs on a context without a time limit.
//   - [ServeDir] serves a directory under a URL path prefix the way GitHub
//     Pages serves a project site ("/archive/", a missing page answered by
//     the site's 404.html), and [FileURL] makes file:// URLs, so the same
//     site can be opened both ways.
//
// The package only reads the files it is given and writes only the
// screenshots it is asked for. A Browser may open tabs from parallel tests; a
// Tab belongs to one test and must not be used from several goroutines.
package browsertest
