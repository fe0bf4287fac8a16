// Package build is the pipeline from an archive's content/ to its static
// site: it loads the configuration and every article page, renders them
// with the theme, and publishes the result.
//
// Build is all or nothing: when any page is invalid it reports every
// problem (file and line) and writes nothing, so a published site is never
// half a site. Work runs in parallel, but output never depends on
// scheduling: articles are sorted before anything is emitted and each file's
// bytes depend only on the content.
//
// A rebuild does only the work that changed, and its output is byte for
// byte a fresh build's: pages whose file is unchanged are not parsed again
// (a cache in the output's state folder, ignored when damaged), the links
// between articles are not computed again when nothing they are made of
// changed (the graph's state, likewise), and pages
// whose fingerprint — view model, costly inputs, templates, settings,
// program — matches the staged copy's are neither rendered nor written.
package build
