// Package check inspects an archive and reports what is wrong with it, as
// data: every Finding has a severity, a file, a line where there is one, a
// code and a message. It reads the archive (annals.toml, entities.toml,
// content/ and, when it exists, the built output) through an afero.Fs and
// writes nothing. Run is safe for concurrent use; a Report is a plain
// value, and the same archive always gives the same Report: findings are
// sorted by file, line, code and message.
//
// An error fails the check; a warning is worth a look but is allowed. The
// checks, by code:
//
//   - config (error): annals.toml or entities.toml cannot be read. The
//     other checks go on with the defaults.
//   - page (error or warning): what a build reports about a page of
//     content/articles. Pages are loaded by the build's own loader, so the
//     two always agree: broken front matter (with its line), an impossible
//     date (2022-02-30) with the reason, a missing title, a slug that
//     makes no address (an error) or not a clean one (a warning).
//   - duplicate-address (error): two articles with the same date and slug
//     would be published at one address.
//   - undated (warning): an article without a date. The content format
//     allows it (a wrong date is worse than none), so it is no error; a
//     date that is present but fails to parse is a page error.
//   - kind-conflict: the same name listed as a person in one page and as
//     a place or an organization in another (or in the same one), where no
//     entity table decides: the build would publish two entities. This is
//     a warning (the site is sound, its index is split), reported on the
//     pages that disagree with the kind most pages give; one entry in
//     entities.toml settles it for all. It is an error when two entries of
//     entities.toml of different kinds claim one name: the build silently
//     gives it to the one read last (places, then organizations, then
//     people). A page that lists a name under another
//     kind than a table gives it is no finding: the table decides, as the
//     build applies it.
//   - overrides (warning): a name that two entries of entities.toml of the
//     same kind claim, or that it both ignores and claims.
//   - broken-link (error): a link in an article's Markdown body to a page
//     of the archive that does not exist, to a content file (.md, never
//     published), or above the site's root; and, when the output exists,
//     every internal href, src, srcset, action or refresh address of
//     every built HTML page that does not resolve to a file of the output.
//   - root-link (warning): a link that starts with "/" works only when the
//     site is served at a domain's root, not under a subpath such as a
//     GitHub Pages project site, nor opened from disk.
//   - unpublished (warning): a file in content/ that the build does not
//     publish (neither an article page nor an entity's description), a
//     description for an entity no article names, or a description whose
//     front matter cannot be read.
//
// Links resolve as a browser resolves them: relative to the page's
// address, a folder to its index.html; query and fragment are dropped,
// and links with a scheme or a host are external and not followed,
// except those under the base URL, which are the site's own. Links in
// Markdown bodies are checked against the addresses the content defines:
// articles, the archive by date, entity pages and the site's fixed
// sections (articles/, archive/, people/, places/, organizations/,
// search/). Any other link of a body (a paginated list, a static file) is
// checked against the output when it exists, and counted as unchecked
// when it does not.
//
// In the output, a missing target is reported once, on the first page (in
// path order) that links to it, with the number of other pages that do:
// a broken link in a template is one finding, not one per page. A link of
// an article's body that was reported on its Markdown line is not
// reported again on the article's built page. The
// output's 404.html may link from the site's root, as it is served at any
// address.
package check
