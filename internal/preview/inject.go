package preview

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strings"
)

var (
	headEnd  = regexp.MustCompile(`(?i)</head\s*>`)
	bodyEnd  = regexp.MustCompile(`(?i)</body\s*>`)
	metaTag  = regexp.MustCompile(`(?is)<meta\b[^>]*>`)
	cspEquiv = regexp.MustCompile(`(?i)\shttp-equiv\s*=\s*["']?\s*content-security-policy\s*["'\s/>]`)
	content  = regexp.MustCompile(`(?is)(\scontent\s*=\s*)("[^"]*"|'[^']*')`)
)

// Inject returns page with tag (a <script> element) added at the end of
// its head, or of its body when it has no </head>, or at its end; every
// Content-Security-Policy <meta> of the page is changed to allow the
// page's own origin in script-src and connect-src, which the script needs
// to load and to open its event stream. Nothing else changes.
func Inject(page []byte, tag string) []byte {
	page = metaTag.ReplaceAllFunc(page, func(meta []byte) []byte {
		if !cspEquiv.Match(meta) {
			return meta
		}
		m := content.FindSubmatchIndex(meta)
		if m == nil {
			return meta
		}
		quoted := meta[m[4]:m[5]]
		policy := html.UnescapeString(string(quoted[1 : len(quoted)-1]))
		widened := AllowSelf(policy, "script-src", "connect-src")
		if widened == policy {
			return meta
		}
		attr := `"` + strings.NewReplacer(`&`, "&amp;", `"`, "&quot;").Replace(widened) + `"`
		return slices.Concat(meta[:m[4]], []byte(attr), meta[m[5]:])
	})
	at := len(page)
	if loc := headEnd.FindIndex(page); loc != nil {
		at = loc[0]
	} else if loc := bodyEnd.FindIndex(page); loc != nil {
		at = loc[0]
	}
	var b bytes.Buffer
	b.Grow(len(page) + len(tag) + 1)
	b.Write(page[:at])
	b.WriteString(tag)
	b.WriteString("\n")
	b.Write(page[at:])
	return b.Bytes()
}

// AllowSelf returns the Content-Security-Policy policy changed so that each
// of directives allows 'self': added to the directive when it is there
// and lacks it ('none' is replaced), or, when it is not there but
// default-src is and does not allow 'self', added as a directive of its
// own with default-src's sources and 'self'. A policy that already allows
// 'self' is returned unchanged.
func AllowSelf(policy string, directives ...string) string {
	type directive struct {
		name    string
		sources []string
	}
	var list []directive
	for part := range strings.SplitSeq(policy, ";") {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		list = append(list, directive{strings.ToLower(fields[0]), fields[1:]})
	}
	find := func(name string) int {
		return slices.IndexFunc(list, func(d directive) bool { return d.name == name })
	}
	allowsSelf := func(sources []string) bool {
		return slices.ContainsFunc(sources, func(s string) bool { return strings.EqualFold(s, "'self'") || s == "*" })
	}
	withSelf := func(sources []string) []string {
		kept := slices.DeleteFunc(slices.Clone(sources), func(s string) bool { return strings.EqualFold(s, "'none'") })
		return append(kept, "'self'")
	}

	changed := false
	for _, name := range directives {
		if i := find(name); i >= 0 {
			if !allowsSelf(list[i].sources) {
				list[i].sources = withSelf(list[i].sources)
				changed = true
			}
			continue
		}
		if i := find("default-src"); i >= 0 && !allowsSelf(list[i].sources) {
			list = append(list, directive{name, withSelf(list[i].sources)})
			changed = true
		}
	}
	if !changed {
		return policy
	}
	parts := make([]string, len(list))
	for i, d := range list {
		parts[i] = strings.Join(append([]string{d.name}, d.sources...), " ")
	}
	return strings.Join(parts, "; ")
}
