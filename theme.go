// Package annals embeds the default theme: the templates/ and static/
// folders at the root of this repository. A site's own templates/ and
// static/ override these files path by path (see internal/theme).
package annals

import "embed"

// Theme holds templates/ and static/ of the default theme.
//
//go:embed all:templates all:static
var Theme embed.FS
