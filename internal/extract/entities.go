package extract

import (
	"slices"
	"strings"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/clean"
	"github.com/annals-archive/annals/internal/entity"
	"github.com/annals-archive/annals/internal/ner"
)

// entities finds the people, places and organizations of an article in
// its cleaned body, with the built-in table's names. Subheadings are left
// out: title-case lines are where taggers find fragments, not names.
//
// The dateline's place ("HOUSTON, Feb 26 -") counts as a mention of a
// place: wire datelines set it in capitals, which taggers miss.
func entities(body string, dateline clean.Dateline) []article.Entity {
	text := taggedText(body)
	found := ner.Recognize(text)
	ms := make([]entity.Mention, 0, len(found)+1)
	if p := dateline.Place; p != "" {
		if i := strings.Index(text[:min(len(text), 200)], p); i >= 0 && !overlaps(found, i, i+len(p)) {
			ms = append(ms, entity.Mention{Start: i, End: i + len(p), Kind: article.Place})
		}
	}
	for _, m := range found {
		ms = append(ms, entity.Mention{Start: m.Start, End: m.End, Kind: article.Kind(m.Kind)})
	}
	return entity.Builtin().Resolve(text, ms)
}

func overlaps(ms []ner.Mention, start, end int) bool {
	return slices.ContainsFunc(ms, func(m ner.Mention) bool { return m.Start < end && start < m.End })
}

// taggedText is the plain text of a Markdown body's paragraphs, without
// its subheadings, paragraphs separated by blank lines.
func taggedText(body string) string {
	var b strings.Builder
	b.Grow(len(body))
	for p := range strings.SplitSeq(strings.TrimSpace(body), "\n\n") {
		if strings.HasPrefix(p, "#") {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(clean.Unescape(p))
	}
	return b.String()
}

// mergeEntities adds the entities an input declared (a Markdown page's
// front matter) to those found in its text; a declared kind wins.
func mergeEntities(declared, found []article.Entity) []article.Entity {
	if len(declared) == 0 {
		return found
	}
	out := slices.Clone(declared)
	for _, f := range found {
		if !slices.ContainsFunc(declared, func(d article.Entity) bool { return d.Name == f.Name }) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(x, y article.Entity) int { return strings.Compare(x.Name, y.Name) })
	return out
}
